// Calculated fields: computed from other records each time they are read.

import type { FieldValue, ObjectDef, SObjectRecord } from '../schema/types';
import type { Org } from './org';
import { usedPackageLicenses } from './rules/package-licenses';

type Deriver = (org: Org, record: SObjectRecord) => Record<string, FieldValue>;

function fullName(record: SObjectRecord): string {
    return [record.FirstName, record.LastName].filter((part) => part).join(' ');
}

/** Active users whose profile is on this user licence. */
export function usedUserLicenses(org: Org, licenseId: string): number {
    const profiles = new Set(
        org
            .find('Profile', (profile) => profile.UserLicenseId === licenseId)
            .map((profile) => String(profile.Id))
    );
    return org.find(
        'User',
        (user) => user.IsActive === true && profiles.has(String(user.ProfileId))
    ).length;
}

export function usedPermissionSetLicenses(org: Org, licenseId: string): number {
    return org.find(
        'PermissionSetLicenseAssign',
        (assignment) => assignment.PermissionSetLicenseId === licenseId
    ).length;
}

export function closedStatuses(org: Org): Set<string> {
    return new Set(
        org
            .find('CaseStatus', (status) => status.IsClosed === true)
            .map((status) => String(status.ApiName))
    );
}

const derivers: Record<string, Deriver> = {
    User: (org, record) => {
        const profile = org.get('Profile', String(record.ProfileId));
        return { Name: fullName(record), UserType: profile?.UserType ?? null };
    },
    Contact: (_org, record) => ({ Name: fullName(record) }),
    UserLicense: (org, record) => ({
        UsedLicenses: usedUserLicenses(org, String(record.Id))
    }),
    PermissionSetLicense: (org, record) => ({
        UsedLicenses: usedPermissionSetLicenses(org, String(record.Id))
    }),
    PackageLicense: (org, record) => ({
        UsedLicenses: usedPackageLicenses(org, String(record.Id))
    }),
    Case: (org, record) => ({
        IsClosed: closedStatuses(org).has(String(record.Status))
    }),
    Profile: (org, record) => {
        // A profile's user permissions live on its profile-owned permission set.
        const owned = org.first(
            'PermissionSet',
            (set) =>
                set.IsOwnedByProfile === true && set.ProfileId === record.Id
        );
        const values: Record<string, FieldValue> = {};
        const profileObject = org.schema.require('Profile');
        for (const definition of profileObject.fields) {
            if (definition.name.startsWith('Permissions')) {
                values[definition.name] = owned?.[definition.name] === true;
            }
        }
        return values;
    }
};

export function derivedValues(
    org: Org,
    object: ObjectDef,
    record: SObjectRecord
): Record<string, FieldValue> {
    return derivers[object.name]?.(org, record) ?? {};
}
