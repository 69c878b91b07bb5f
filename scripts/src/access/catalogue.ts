import type { ObjectAccess } from './types';

/**
 * The high-risk catalogue: grants that let an integration user escalate its own access or take
 * data out in bulk. Every contract denies them unless it names one in `justifications` with a
 * reason (contract.ts enforces it); verify's messages quote the reason and the source.
 *
 * Sources (the reason lines are our one-line summaries of them):
 * - AUDIT: Salesforce Developers Blog, "Boost Security by Auditing Your Privileged Users with
 *   SOQL" (2021-05): privileged permissions (Modify All Data, Manage Users, ...) are to be audited
 *   and kept to a few users, by least privilege.
 *   https://developer.salesforce.com/blogs/2021/05/boost-security-by-auditing-your-privileged-users-with-soql
 * - PSA: Object Reference, "PermissionSetAssignment", Special Access Rules: only users with View
 *   Setup and Configuration, Assign Permission Sets or Manage User can access assignments.
 *   https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetassignment.htm
 * - OBJPERMS: Object Reference, "ObjectPermissions": PermissionsViewAllRecords / ModifyAllRecords
 *   let users view / edit all records of the object "regardless of sharing settings".
 *   https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-objectpermissions.html
 * - ENCRYPTION: Change Data Capture Guide, "Generate a Tenant Secret": managing tenant secrets
 *   needs Manage Encryption Keys; Metadata API, "PlatformEncryptionSettings", Special Access Rules.
 *   https://developer.salesforce.com/docs/atlas.en-us.220.0.change_data_capture.meta/change_data_capture/cdc_security_shield_create_secret.htm
 */
export interface HighRisk {
    /** Contract key: a user permission name, or `Object.access` (e.g. `User.edit`). */
    key: string;
    reason: string;
    source: string;
}

const SOURCES = {
    AUDIT: 'https://developer.salesforce.com/blogs/2021/05/boost-security-by-auditing-your-privileged-users-with-soql',
    PSA: 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetassignment.htm',
    OBJPERMS:
        'https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-objectpermissions.html',
    ENCRYPTION:
        'https://developer.salesforce.com/docs/atlas.en-us.220.0.change_data_capture.meta/change_data_capture/cdc_security_shield_create_secret.htm'
} as const;

/** User permissions (PermissionSet.Permissions<Name>). */
export const HIGH_RISK_PERMISSIONS: readonly HighRisk[] = [
    [
        'ModifyAllData',
        'edits and deletes every record, ignoring sharing',
        'AUDIT'
    ],
    [
        'ViewAllData',
        'reads every record, ignoring sharing: bulk exfiltration',
        'AUDIT'
    ],
    [
        'ManageUsers',
        'creates users, resets passwords and assigns profiles and sets: can make itself an administrator',
        'AUDIT'
    ],
    [
        'ManageInternalUsers',
        'edits internal users, their profiles and assignments: escalation',
        'AUDIT'
    ],
    [
        'ManageProfilesPermissionsets',
        'edits profiles and permission sets, including the ones it holds',
        'AUDIT'
    ],
    [
        'AssignPermissionSets',
        'assigns permission sets and groups, to itself too',
        'PSA'
    ],
    [
        'CustomizeApplication',
        'changes the org configuration (objects, fields, sharing settings)',
        'AUDIT'
    ],
    [
        'AuthorApex',
        'writes Apex, which runs in system mode: any data, any change',
        'AUDIT'
    ],
    ['ModifyMetadata', 'deploys and changes metadata through the API', 'AUDIT'],
    [
        'ManageSharing',
        'changes org-wide defaults and sharing rules: widens its own record access',
        'AUDIT'
    ],
    [
        'ResetPasswords',
        'resets other users\u2019 passwords: account takeover',
        'AUDIT'
    ],
    [
        'ManageIpAddresses',
        'edits the trusted IP ranges that guard logins',
        'AUDIT'
    ],
    [
        'ManageAuthProviders',
        'edits auth providers and single sign-on: login takeover',
        'AUDIT'
    ],
    [
        'ManageRemoteAccess',
        'manages connected apps and their OAuth policies',
        'AUDIT'
    ],
    // Label "Manage Encryption Keys"; the typings of @salesforce/types lack its field, so it is in
    // the sourced EXTRA_USER_PERMISSIONS of scripts/shared/user-permissions.ts.
    [
        'ManageEncryptionKeys',
        'manages Shield tenant secrets: can destroy or export encryption keys',
        'ENCRYPTION'
    ],
    ['ViewAllUsers', 'reads every user record: directory harvesting', 'AUDIT'],
    [
        'EditReadonlyFields',
        'edits fields that page layouts make read-only',
        'AUDIT'
    ],
    ['BulkApiHardDelete', 'hard-deletes records past the recycle bin', 'AUDIT'],
    ['ExportReport', 'exports report data: bulk exfiltration', 'AUDIT']
].map(([key, reason, source]) => ({
    key: key as string,
    reason: reason as string,
    source: SOURCES[source as keyof typeof SOURCES]
}));

/** Setup objects where any write is an escalation: users, their access and their logins. */
export const SETUP_OBJECTS: readonly string[] = [
    'User',
    'Profile',
    'PermissionSet',
    'PermissionSetAssignment',
    'PermissionSetGroup',
    'PermissionSetGroupComponent',
    'MutingPermissionSet',
    'PermissionSetLicenseAssign',
    'ObjectPermissions',
    'FieldPermissions',
    'SetupEntityAccess',
    'UserLogin',
    'Group',
    'GroupMember'
];

const WRITES: readonly ObjectAccess[] = [
    'create',
    'edit',
    'delete',
    'modifyAll'
];

/** The catalogue entry for a user permission, if it is high-risk. */
export function highRiskPermission(name: string): HighRisk | undefined {
    return HIGH_RISK_PERMISSIONS.find((entry) => entry.key === name);
}

/** The catalogue entry for an object access, if it is high-risk. */
export function highRiskObjectAccess(
    object: string,
    access: ObjectAccess
): HighRisk | undefined {
    if (SETUP_OBJECTS.includes(object) && WRITES.includes(access)) {
        return {
            key: `${object}.${access}`,
            reason: `${access === 'modifyAll' ? 'Modify All' : access} on ${object}, a setup object: changes users and their access (escalation)`,
            source: SOURCES.PSA
        };
    }
    if (access === 'viewAll' || access === 'modifyAll') {
        return {
            key: `${object}.${access}`,
            reason: `${access === 'viewAll' ? 'View All' : 'Modify All'} on ${object} ignores sharing settings`,
            source: SOURCES.OBJPERMS
        };
    }
    return undefined;
}
