// User permissions: each is a boolean field Permissions<Name> on PermissionSet, Profile
// and MutingPermissionSet. A representative subset of what a Salesforce org exposes;
// names from force-app that are not listed here are added when the metadata loads.

export const USER_PERMISSIONS: readonly string[] = [
    'ActivitiesAccess',
    'AllowViewKnowledge',
    'ApiEnabled',
    'ApiUserOnly',
    'AssignPermissionSets',
    'AuthorApex',
    'BulkApiHardDelete',
    'ChatterInternalUser',
    'ConvertLeads',
    'CustomizeApplication',
    'EditCaseComments',
    'EditEvent',
    'EditPublicDocuments',
    'EditTask',
    'EmailMass',
    'EmailSingle',
    'ExportReport',
    'ImportPersonal',
    'LightningExperienceUser',
    'ManageCases',
    'ManageDashboards',
    'ManageInternalUsers',
    'ManageProfilesPermissionsets',
    'ManageSharing',
    'ManageUsers',
    'ModifyAllData',
    'PasswordNeverExpires',
    'ResetPasswords',
    'RunReports',
    'TransferAnyCase',
    'ViewAllData',
    'ViewAllUsers',
    'ViewHelpLink',
    'ViewRoles',
    'ViewSetup'
];

export const OBJECT_PERMISSION_FIELDS = [
    'PermissionsRead',
    'PermissionsCreate',
    'PermissionsEdit',
    'PermissionsDelete',
    'PermissionsViewAllRecords',
    'PermissionsModifyAllRecords',
    'PermissionsViewAllFields'
] as const;

export type ObjectPermissionField = (typeof OBJECT_PERMISSION_FIELDS)[number];
