// A standard org to start from: licences with seat counts, the standard profiles with
// their profile-owned permission sets, a permission set licence, a standard permission
// set, case statuses and an admin user.

import {
    OBJECT_PERMISSION_FIELDS,
    USER_PERMISSIONS
} from '../schema/permissions';
import type { Org } from '../org/org';

const SYSTEM = { system: true } as const;

export interface SeedOptions {
    /** Seats per user licence name; the defaults are below. */
    licenseSeats?: Record<string, number>;
    adminUsername?: string;
}

const DEFAULT_SEATS: Record<string, number> = {
    Salesforce: 10,
    'Salesforce Platform': 10,
    'Salesforce Integration': 5,
    'Customer Community': 100
};

const LICENSES = [
    { name: 'Salesforce', key: 'SFDC' },
    { name: 'Salesforce Platform', key: 'AUL' },
    { name: 'Salesforce Integration', key: 'SFDC_INTEGRATION' },
    { name: 'Customer Community', key: 'PID_Customer_Community' }
];

type Access = 'full' | 'crud' | 'cre' | 'read';

interface ProfileSeed {
    name: string;
    license: string;
    userType: string;
    permissions: string[];
    objects: Record<string, Access>;
}

/** System Administrator holds every user permission the emulator knows, but the API-only ones. */
const ADMIN_PERMISSIONS = USER_PERMISSIONS.filter(
    (name) => name !== 'ApiUserOnly' && name !== 'PasswordNeverExpires'
);

const STANDARD_USER_PERMISSIONS = [
    'ActivitiesAccess',
    'ApiEnabled',
    'ChatterInternalUser',
    'EditEvent',
    'EditTask',
    'EmailSingle',
    'ExportReport',
    'LightningExperienceUser',
    'RunReports',
    'ViewHelpLink'
];

const PROFILES: ProfileSeed[] = [
    {
        name: 'System Administrator',
        license: 'Salesforce',
        userType: 'Standard',
        permissions: ADMIN_PERMISSIONS,
        objects: { Account: 'full', Contact: 'full', Case: 'full' }
    },
    {
        name: 'Standard User',
        license: 'Salesforce',
        userType: 'Standard',
        permissions: STANDARD_USER_PERMISSIONS,
        objects: { Account: 'crud', Contact: 'crud', Case: 'crud' }
    },
    {
        name: 'Standard Platform User',
        license: 'Salesforce Platform',
        userType: 'Standard',
        permissions: STANDARD_USER_PERMISSIONS,
        objects: { Account: 'crud', Contact: 'crud' }
    },
    {
        name: 'Minimum Access - Salesforce',
        license: 'Salesforce',
        userType: 'Standard',
        permissions: [],
        objects: {}
    },
    {
        name: 'Minimum Access - API Only Integrations',
        license: 'Salesforce Integration',
        userType: 'Standard',
        permissions: ['ApiEnabled', 'ApiUserOnly'],
        objects: {}
    },
    {
        name: 'Customer Community User',
        license: 'Customer Community',
        userType: 'CspLitePortal',
        permissions: [],
        objects: { Account: 'read', Contact: 'cre', Case: 'cre' }
    }
];

const ACCESS_FLAGS: Record<Access, string[]> = {
    full: [...OBJECT_PERMISSION_FIELDS],
    crud: [
        'PermissionsRead',
        'PermissionsCreate',
        'PermissionsEdit',
        'PermissionsDelete'
    ],
    cre: ['PermissionsRead', 'PermissionsCreate', 'PermissionsEdit'],
    read: ['PermissionsRead']
};

function seedProfile(org: Org, seed: ProfileSeed, licenseId: string): void {
    const profileId = org.dml.create(
        'Profile',
        { Name: seed.name, UserLicenseId: licenseId, UserType: seed.userType },
        SYSTEM
    );
    const permissions = Object.fromEntries(
        seed.permissions.map((name) => [`Permissions${name}`, true])
    );
    const setId = org.dml.create(
        'PermissionSet',
        {
            // Salesforce names a profile's permission set after the profile id.
            Name: `X${profileId}`,
            Label: profileId,
            Type: 'Profile',
            IsOwnedByProfile: true,
            IsCustom: false,
            ProfileId: profileId,
            LicenseId: licenseId,
            ...permissions
        },
        SYSTEM
    );
    org.profileMetadata.set(profileId, { loginIpRanges: [], loginHours: null });
    for (const [objectName, access] of Object.entries(seed.objects)) {
        const flags = Object.fromEntries(
            ACCESS_FLAGS[access].map((flag) => [flag, true])
        );
        org.dml.create(
            'ObjectPermissions',
            { ParentId: setId, SobjectType: objectName, ...flags },
            SYSTEM
        );
        const object = org.schema.require(objectName);
        for (const definition of object.fields) {
            if (definition.permissionable) {
                org.dml.create(
                    'FieldPermissions',
                    {
                        ParentId: setId,
                        SobjectType: objectName,
                        Field: `${objectName}.${definition.name}`,
                        PermissionsRead: true,
                        PermissionsEdit:
                            access !== 'read' && definition.updateable
                    },
                    SYSTEM
                );
            }
        }
    }
}

export function seedStandardOrg(org: Org, options: SeedOptions = {}): void {
    const seats = { ...DEFAULT_SEATS, ...options.licenseSeats };
    // Every record is created by the admin, so its id comes first.
    const adminId = org.ids.next('005');
    org.adminUserId = adminId;
    org.organizationId = org.dml.create(
        'Organization',
        {
            Name: 'Case Portal Emulated Org',
            OrganizationType: 'Developer Edition',
            InstanceName: 'EMU1',
            IsSandbox: false,
            LanguageLocaleKey: 'en_US',
            DefaultLocaleSidKey: 'en_US',
            TimeZoneSidKey: 'GMT',
            Country: 'US'
        },
        SYSTEM
    );
    const licenseIds = new Map<string, string>();
    for (const license of LICENSES) {
        licenseIds.set(
            license.name,
            org.dml.create(
                'UserLicense',
                {
                    Name: license.name,
                    MasterLabel: license.name,
                    LicenseDefinitionKey: license.key,
                    Status: 'Active',
                    TotalLicenses: seats[license.name] ?? 0,
                    UsedLicensesLastUpdated: org.now().toISOString()
                },
                SYSTEM
            )
        );
    }
    for (const profile of PROFILES) {
        seedProfile(org, profile, licenseIds.get(profile.license) ?? '');
    }
    const apiIntegrationLicense = org.dml.create(
        'PermissionSetLicense',
        {
            DeveloperName: 'SalesforceAPIIntegrationPsl',
            MasterLabel: 'Salesforce API Integration',
            TotalLicenses: seats['Salesforce API Integration'] ?? 5,
            Status: 'Active',
            LicenseExpirationPolicy: 'BlockAccess'
        },
        SYSTEM
    );
    org.dml.create(
        'PermissionSet',
        {
            Name: 'SalesforceAPIIntegration',
            Label: 'Salesforce API Integration',
            Description:
                'Standard permission set of the Salesforce API Integration permission set license.',
            Type: 'Standard',
            IsCustom: false,
            LicenseId: apiIntegrationLicense,
            PermissionsApiEnabled: true
        },
        SYSTEM
    );
    const statuses = [
        { ApiName: 'New', IsClosed: false, IsDefault: true },
        { ApiName: 'Working', IsClosed: false, IsDefault: false },
        { ApiName: 'Escalated', IsClosed: false, IsDefault: false },
        { ApiName: 'Closed', IsClosed: true, IsDefault: false }
    ];
    statuses.forEach((status, index) =>
        org.dml.create(
            'CaseStatus',
            { MasterLabel: status.ApiName, SortOrder: index + 1, ...status },
            SYSTEM
        )
    );
    const adminProfile = org.first(
        'Profile',
        (profile) => profile.Name === 'System Administrator'
    );
    org.dml.create(
        'User',
        {
            Id: adminId,
            Username: options.adminUsername ?? 'admin@case-portal.emulator',
            FirstName: 'Admin',
            LastName: 'User',
            Alias: 'admin',
            Email: 'admin@example.com',
            EmailEncodingKey: 'UTF-8',
            LanguageLocaleKey: 'en_US',
            LocaleSidKey: 'en_US',
            TimeZoneSidKey: 'GMT',
            ProfileId: adminProfile?.Id ?? null
        },
        SYSTEM
    );
    org.passwords.set(org.adminUserId, { value: 'emulator1', expired: false });
}
