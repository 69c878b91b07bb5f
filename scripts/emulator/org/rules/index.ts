import {
    permissionSetAssignmentRules,
    permissionSetLicenseAssignRules
} from './assignments';
import { caseRules } from './cases';
import { contentVersionRules } from './content';
import { userPackageLicenseRules } from './package-licenses';
import {
    fieldPermissionsRules,
    mutingPermissionSetRules,
    objectPermissionsRules,
    permissionSetGroupComponentRules,
    permissionSetGroupRules,
    permissionSetRules,
    permissionSetTabSettingRules,
    setupEntityAccessRules
} from './permission-sets';
import type { ObjectRules } from './types';
import { userRules } from './users';

export type { ObjectRules } from './types';

export const objectRules: Record<string, ObjectRules> = {
    User: userRules,
    PermissionSetAssignment: permissionSetAssignmentRules,
    PermissionSetLicenseAssign: permissionSetLicenseAssignRules,
    PermissionSet: permissionSetRules,
    MutingPermissionSet: mutingPermissionSetRules,
    PermissionSetGroup: permissionSetGroupRules,
    PermissionSetGroupComponent: permissionSetGroupComponentRules,
    ObjectPermissions: objectPermissionsRules,
    FieldPermissions: fieldPermissionsRules,
    SetupEntityAccess: setupEntityAccessRules,
    PermissionSetTabSetting: permissionSetTabSettingRules,
    Case: caseRules,
    ContentVersion: contentVersionRules,
    UserPackageLicense: userPackageLicenseRules
};
