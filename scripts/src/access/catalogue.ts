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
 * - SBS_ADMIN: Security Benchmark for Salesforce (a public, practitioner-maintained audit
 *   benchmark), SBS-ACS-008 "Restrict Broad Privileges for Non-Human Identities": an integration
 *   identity must not hold View All Data, Modify All Data, Manage Users, Author Apex, Customize
 *   Application, Modify Metadata or "any permission that bypasses sharing rules or grants
 *   administrative access" without a documented justification.
 *   https://github.com/scottbcovert/salesforce-security-benchmark-docs-site/blob/main/benchmark/access-controls.md
 * - SBS_APPS: the same benchmark, SBS-ACS-003: Approve Uninstalled Connected Apps lets a user
 *   self-authorize any OAuth application (Critical).
 * - SBS_API: the same benchmark, SBS-ACS-002: API Enabled "enables large-scale data extraction,
 *   bulk modification, and automated operations" (the toxic combinations below).
 * - SBS_SUPER: the same benchmark, SBS-ACS-004: View All Data + Modify All Data + Manage Users
 *   together are Super Admin-equivalent.
 * - SBS_NC: the same benchmark, SBS-INT-003: Named Credentials hold the authentication of
 *   callouts to external systems.
 *   https://github.com/scottbcovert/salesforce-security-benchmark-docs-site/blob/main/benchmark/integrations.md
 * - FILES: Salesforce Help, "Set Up Users to Query Salesforce Files" (Query All Files lets View
 *   All Data users query every file in the org, including nonmember libraries and unlisted
 *   groups). https://help.salesforce.com/s/articleView?id=experience.collab_files_query.htm&type=5
 * - SESSION: Object Reference, "SessionPermSetActivation": Manage Session Permission Set
 *   Activations activates session-based permission sets (the ones kept for high-assurance
 *   sessions). https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-sessionpermsetactivation.html
 *
 * Every name is a PermissionSet field (`Permissions<Name>`, Object Reference "PermissionSet"),
 * checked against the typings of @salesforce/types in scripts/test/access/catalogue.test.ts.
 * This one list is used by verify (unlisted.ts), the contract loader (contract.ts) and
 * validate:metadata's least-privilege rule (metadata/checks/least-privilege.ts).
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
        'https://developer.salesforce.com/docs/atlas.en-us.220.0.change_data_capture.meta/change_data_capture/cdc_security_shield_create_secret.htm',
    SBS_ADMIN:
        'https://github.com/scottbcovert/salesforce-security-benchmark-docs-site/blob/main/benchmark/access-controls.md (SBS-ACS-008)',
    SBS_APPS:
        'https://github.com/scottbcovert/salesforce-security-benchmark-docs-site/blob/main/benchmark/access-controls.md (SBS-ACS-003)',
    SBS_API:
        'https://github.com/scottbcovert/salesforce-security-benchmark-docs-site/blob/main/benchmark/access-controls.md (SBS-ACS-002)',
    SBS_SUPER:
        'https://github.com/scottbcovert/salesforce-security-benchmark-docs-site/blob/main/benchmark/access-controls.md (SBS-ACS-004)',
    SBS_NC: 'https://github.com/scottbcovert/salesforce-security-benchmark-docs-site/blob/main/benchmark/integrations.md (SBS-INT-003)',
    FILES: 'https://help.salesforce.com/s/articleView?id=experience.collab_files_query.htm&type=5',
    SESSION:
        'https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-sessionpermsetactivation.html'
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
    ['ExportReport', 'exports report data: bulk exfiltration', 'AUDIT'],
    [
        'ViewEncryptedData',
        'sees the values of encrypted fields in plain text',
        'SBS_ADMIN'
    ],
    [
        'QueryAllFiles',
        'queries every file in the org, past library membership and unlisted groups: bulk exfiltration',
        'FILES'
    ],
    [
        'ManageNamedCredentials',
        'edits named and external credentials: redirects callouts and their secrets',
        'SBS_NC'
    ],
    [
        'ManagePasswordPolicies',
        'weakens the password policies that guard every login',
        'SBS_ADMIN'
    ],
    [
        'ManageLoginAccessPolicies',
        'changes who may log in as other users (login access policies)',
        'SBS_ADMIN'
    ],
    [
        'ManageSessionPermissionSets',
        'activates session-based permission sets, the access kept for high-assurance sessions',
        'SESSION'
    ],
    [
        'ManageTwoFactor',
        'disconnects and manages other users\u2019 multi-factor authentication',
        'SBS_ADMIN'
    ],
    [
        'DelegatedTwoFactor',
        'manages other users\u2019 multi-factor authentication in the user interface',
        'SBS_ADMIN'
    ],
    [
        'ManageCertificates',
        'replaces the certificates that sign SSO and JWT logins',
        'SBS_ADMIN'
    ],
    [
        'CanApproveUninstalledApps',
        'self-authorizes any OAuth app, past connected app restrictions',
        'SBS_APPS'
    ],
    [
        'InstallPackaging',
        'installs packages, which brings in code and access of their own',
        'SBS_ADMIN'
    ]
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

/**
 * Combinations more dangerous than their parts: each is a finding of its own wherever one user (or
 * one permission set) holds all of it. A contract may accept one only by naming its key
 * (`ManageUsers+AssignPermissionSets`) in justifications.
 */
export interface ToxicCombination extends HighRisk {
    permissions: readonly string[];
}

export const TOXIC_COMBINATIONS: readonly ToxicCombination[] = [
    [
        ['ManageUsers', 'AssignPermissionSets'],
        'creates users and gives them (or itself) any permission set: a path to full administrator',
        'PSA'
    ],
    [
        ['ManageProfilesPermissionsets', 'AssignPermissionSets'],
        'edits a permission set, then assigns it to itself: any access it wants',
        'PSA'
    ],
    [
        ['ApiEnabled', 'ViewAllData'],
        'reads every record past sharing, through the API at bulk scale: large-scale exfiltration',
        'SBS_API'
    ],
    [
        ['ApiEnabled', 'ModifyAllData'],
        'changes or deletes every record past sharing, through the API at bulk scale',
        'SBS_API'
    ],
    [
        ['ApiEnabled', 'QueryAllFiles'],
        'downloads every file in the org through the API',
        'SBS_API'
    ],
    [
        ['ViewAllData', 'ModifyAllData', 'ManageUsers'],
        'Super Admin-equivalent: every record and every user',
        'SBS_SUPER'
    ]
].map(([permissions, reason, source]) => ({
    key: (permissions as string[]).join('+'),
    permissions: permissions as string[],
    reason: reason as string,
    source: SOURCES[source as keyof typeof SOURCES]
}));

/** The catalogue entry for a user permission, if it is high-risk (any letter case). */
export function highRiskPermission(name: string): HighRisk | undefined {
    const lower = name.toLowerCase();
    return HIGH_RISK_PERMISSIONS.find(
        (entry) => entry.key.toLowerCase() === lower
    );
}

/** The toxic combinations that a set of user permission names holds in full. */
export function toxicCombinations(
    permissions: Iterable<string>
): ToxicCombination[] {
    const held = new Set([...permissions].map((p) => p.toLowerCase()));
    return TOXIC_COMBINATIONS.filter((combination) =>
        combination.permissions.every((p) => held.has(p.toLowerCase()))
    );
}

/** The setup object's own spelling, when `object` names one in any letter case. */
function setupObject(object: string): string | undefined {
    const lower = object.toLowerCase();
    return SETUP_OBJECTS.find((name) => name.toLowerCase() === lower);
}

/** The catalogue entry for an object access, if it is high-risk. */
export function highRiskObjectAccess(
    object: string,
    access: ObjectAccess
): HighRisk | undefined {
    const setup = setupObject(object);
    if (setup !== undefined && WRITES.includes(access)) {
        return {
            key: `${setup}.${access}`,
            reason: `${access === 'modifyAll' ? 'Modify All' : access} on ${setup}, a setup object: changes users and their access (escalation)`,
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
