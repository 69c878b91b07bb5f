// PermissionSetAssignment and PermissionSetLicenseAssign: one row per user and set,
// licences that must match, seats that must be free.

import { DmlError } from '../../core/errors';
import type { SObjectRecord } from '../../schema/types';
import { aggregateSetOf } from '../aggregate';
import { usedPermissionSetLicenses } from '../derived';
import type { Org } from '../org';
import { duplicateValue, licenseLimitExceeded } from './common';
import { refuseAggregateSetAssignment } from './guards';
import type { ObjectRules } from './types';

function userLicenseIdOf(org: Org, userId: string): unknown {
    const user = org.get('User', userId);
    return user
        ? org.get('Profile', String(user.ProfileId))?.UserLicenseId
        : undefined;
}

/**
 * A permission set with a licence can only go to users of that licence: a user
 * licence must be the one of the user's profile; a permission set licence must be
 * assigned to the user (PermissionSetLicenseAssign).
 */
function checkLicense(
    org: Org,
    permissionSet: SObjectRecord,
    userId: string
): void {
    const licenseId = permissionSet.LicenseId;
    if (typeof licenseId !== 'string') {
        return;
    }
    const permissionSetLicense = org.get('PermissionSetLicense', licenseId);
    if (permissionSetLicense) {
        const held = org.first(
            'PermissionSetLicenseAssign',
            (row) =>
                row.AssigneeId === userId &&
                row.PermissionSetLicenseId === licenseId
        );
        if (!held) {
            throw new DmlError(
                'FIELD_INTEGRITY_EXCEPTION',
                `The user doesn't have the permission set license this permission set requires: ${String(permissionSetLicense.MasterLabel)}`,
                ['PermissionSetId']
            );
        }
        return;
    }
    if (userLicenseIdOf(org, userId) !== licenseId) {
        throw new DmlError(
            'FIELD_INTEGRITY_EXCEPTION',
            "The user license doesn't match the user license of the permission set.",
            ['PermissionSetId']
        );
    }
}

function componentSets(org: Org, groupId: string): SObjectRecord[] {
    return org
        .find(
            'PermissionSetGroupComponent',
            (row) => row.PermissionSetGroupId === groupId
        )
        .map((row) => org.get('PermissionSet', String(row.PermissionSetId)))
        .filter((set): set is SObjectRecord => set !== undefined);
}

export const permissionSetAssignmentRules: ObjectRules = {
    beforeInsert(org, record) {
        const userId = String(record.AssigneeId);
        refuseAggregateSetAssignment(org, record);
        if (typeof record.PermissionSetGroupId === 'string') {
            const aggregate = aggregateSetOf(org, record.PermissionSetGroupId);
            if (!aggregate) {
                throw new DmlError(
                    'INVALID_CROSS_REFERENCE_KEY',
                    'invalid cross reference id',
                    ['PermissionSetGroupId']
                );
            }
            if (
                record.PermissionSetId !== null &&
                record.PermissionSetId !== aggregate.Id
            ) {
                throw new DmlError(
                    'FIELD_INTEGRITY_EXCEPTION',
                    'Specify either a permission set or a permission set group, not both.',
                    ['PermissionSetId', 'PermissionSetGroupId']
                );
            }
            record.PermissionSetId = aggregate.Id ?? null;
            for (const set of componentSets(org, record.PermissionSetGroupId)) {
                checkLicense(org, set, userId);
            }
        } else if (record.PermissionSetId === null) {
            throw new DmlError(
                'REQUIRED_FIELD_MISSING',
                'Required fields are missing: [PermissionSetId]',
                ['PermissionSetId']
            );
        } else {
            const set = org.get(
                'PermissionSet',
                String(record.PermissionSetId)
            );
            if (set?.IsOwnedByProfile === true) {
                throw new DmlError(
                    'FIELD_INTEGRITY_EXCEPTION',
                    "You can't assign or unassign this permission set because it's associated with a profile.",
                    ['PermissionSetId']
                );
            }
            if (set) {
                checkLicense(org, set, userId);
            }
        }
        const duplicate = org.first(
            'PermissionSetAssignment',
            (row) =>
                row.AssigneeId === userId &&
                row.PermissionSetId === record.PermissionSetId
        );
        if (duplicate) {
            throw duplicateValue();
        }
    }
};

/**
 * User licences a permission set licence can go to, by PSL DeveloperName and UserLicense
 * LicenseDefinitionKey. The Salesforce API Integration PSL is for users of the Salesforce
 * Integration user licence (Salesforce Help, "Give Integration Users API Only Access";
 * practitioners' set-up notes: lietzau-consulting.de 2023/04 "setup salesforce integration
 * user license", gist infocynic/c5eac556e0513aa94ea9e44ded0fdfeb). Other PSLs: not modelled.
 */
const PSL_USER_LICENSES: Record<string, string[]> = {
    SalesforceAPIIntegrationPsl: ['SFDC_INTEGRATION']
};

function checkUserLicenseHoldsPsl(
    org: Org,
    license: SObjectRecord,
    userId: string
): void {
    const allowed = PSL_USER_LICENSES[String(license.DeveloperName)];
    if (!allowed) {
        return;
    }
    const userLicense = org.get(
        'UserLicense',
        String(userLicenseIdOf(org, userId))
    );
    if (!allowed.includes(String(userLicense?.LicenseDefinitionKey))) {
        throw new DmlError(
            'FIELD_INTEGRITY_EXCEPTION',
            `The permission set license ${String(license.MasterLabel)} can't be assigned to a user with the ${String(userLicense?.Name ?? 'unknown')} user license.`,
            ['PermissionSetLicenseId']
        );
    }
}

export const permissionSetLicenseAssignRules: ObjectRules = {
    beforeInsert(org, record) {
        const licenseId = String(record.PermissionSetLicenseId);
        if (
            org.first(
                'PermissionSetLicenseAssign',
                (row) =>
                    row.AssigneeId === record.AssigneeId &&
                    row.PermissionSetLicenseId === licenseId
            )
        ) {
            throw duplicateValue();
        }
        const license = org.get('PermissionSetLicense', licenseId);
        if (license) {
            checkUserLicenseHoldsPsl(org, license, String(record.AssigneeId));
        }
        if (
            license &&
            usedPermissionSetLicenses(org, licenseId) >=
                Number(license.TotalLicenses)
        ) {
            throw licenseLimitExceeded(String(license.MasterLabel));
        }
    }
};
