// Tooling API extras on Profile: FullName and Metadata (the Metadata API Profile as
// JSON: login IP ranges, login hours, user permissions, ...).

import type { JsonValue } from '../core/http';
import type { Org } from '../org/org';
import type { VirtualField } from '../soql/compile';
import type { SObjectRecord } from '../schema/types';

function userPermissions(org: Org, profile: SObjectRecord): JsonValue[] {
    const owned = org.first(
        'PermissionSet',
        (set) => set.IsOwnedByProfile === true && set.ProfileId === profile.Id
    );
    if (!owned) {
        return [];
    }
    return Object.keys(owned)
        .filter((key) => key.startsWith('Permissions') && owned[key] === true)
        .sort()
        .map((key) => ({
            enabled: true,
            name: key.slice('Permissions'.length)
        }));
}

function profileMetadata(org: Org, profile: SObjectRecord): JsonValue {
    const settings = org.profileMetadata.get(String(profile.Id)) ?? {
        loginIpRanges: [],
        loginHours: null
    };
    const license = org.get('UserLicense', String(profile.UserLicenseId));
    return {
        applicationVisibilities: [],
        classAccesses: [],
        custom: false,
        customMetadataTypeAccesses: [],
        customPermissions: [],
        description: profile.Description ?? null,
        fieldPermissions: [],
        fullName: null,
        layoutAssignments: [],
        loginFlows: [],
        loginHours: settings.loginHours,
        loginIpRanges: settings.loginIpRanges.map((range) => ({
            description: range.description ?? null,
            endAddress: range.endAddress,
            startAddress: range.startAddress
        })),
        objectPermissions: [],
        pageAccesses: [],
        profileActionOverrides: [],
        recordTypeVisibilities: [],
        tabVisibilities: [],
        urls: null,
        userLicense: license?.Name ?? null,
        userPermissions: userPermissions(org, profile)
    };
}

export function toolingVirtualFields(org: Org): Record<string, VirtualField[]> {
    return {
        Profile: [
            { name: 'FullName', get: (profile) => profile.Name ?? null },
            {
                name: 'Metadata',
                get: (profile) => profileMetadata(org, profile)
            }
        ]
    };
}
