import { knownUserPermissions } from '../../shared/user-permissions';

// User permissions: each is a boolean field Permissions<Name> on PermissionSet, Profile and
// MutingPermissionSet. Every name of the PermissionSet type in the Tooling API typings that
// `@salesforce/types` generates from Salesforce's WSDL, plus the sourced extras of
// scripts/shared/user-permissions.ts (the validator checks force-app against the same list);
// a name force-app declares beyond them is added when the metadata loads, with a warning.

export const USER_PERMISSIONS: readonly string[] = [
    ...knownUserPermissions()
].sort();

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
