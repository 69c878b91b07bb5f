// The standard objects the emulator knows, with the fields the kit reads and writes.
// Key prefixes are Salesforce's.

import { USER_PICKLIST_CHECKS } from '../org/rules/user-values';
import {
    bool,
    field,
    lookup,
    picklist,
    readOnly,
    required,
    systemFields,
    text
} from './fields';
import { OBJECT_PERMISSION_FIELDS, USER_PERMISSIONS } from './permissions';
import type { FieldDef, ObjectDef } from './types';

type ObjectOptions = Partial<Omit<ObjectDef, 'name' | 'keyPrefix' | 'fields'>>;

export function objectDef(
    name: string,
    keyPrefix: string,
    fields: FieldDef[],
    options: ObjectOptions = {}
): ObjectDef {
    return {
        name,
        keyPrefix,
        label: options.label ?? name.replace(/([a-z])([A-Z])/g, '$1 $2'),
        labelPlural: options.labelPlural ?? `${options.label ?? name}s`,
        custom: options.custom ?? false,
        createable: options.createable ?? true,
        updateable: options.updateable ?? true,
        deletable: options.deletable ?? true,
        queryable: options.queryable ?? true,
        recycleBin: options.recycleBin ?? false,
        ...(options.writesNotEmulated ? { writesNotEmulated: true } : {}),
        fields
    };
}

/** Permissions<Name> boolean fields for the given user permission names. */
export function permissionFields(
    names: readonly string[],
    writable: boolean
): FieldDef[] {
    return names.map((name) =>
        bool(`Permissions${name}`, false, {
            createable: writable,
            updateable: writable,
            label: name.replace(/([a-z])([A-Z])/g, '$1 $2'),
            permissionable: false
        })
    );
}

const readOnlyObject: ObjectOptions = {
    createable: false,
    updateable: false,
    deletable: false
};

const owner = (): FieldDef =>
    lookup('OwnerId', ['User'], 'Owner', {
        nillable: false,
        defaultedOnCreate: true,
        permissionable: false,
        label: 'Owner ID'
    });

// The User locale picklists are restricted (Salesforce answers
// INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST for other values). Describe lists a sample of
// each (documented values, partial: see FIDELITY.md); org/rules/user-values.ts checks
// what is written.
const LOCALE_FIELDS = (): FieldDef[] => [
    required('EmailEncodingKey', 'picklist', {
        acceptsValue: USER_PICKLIST_CHECKS.EmailEncodingKey,
        picklistValues: ['UTF-8', 'ISO-8859-1', 'Shift_JIS'],
        restrictedPicklist: true,
        label: 'Email Encoding'
    }),
    required('LanguageLocaleKey', 'picklist', {
        acceptsValue: USER_PICKLIST_CHECKS.LanguageLocaleKey,
        picklistValues: ['en_US', 'de', 'fr', 'ja', 'es'],
        restrictedPicklist: true,
        label: 'Language'
    }),
    required('LocaleSidKey', 'picklist', {
        acceptsValue: USER_PICKLIST_CHECKS.LocaleSidKey,
        picklistValues: ['en_US', 'en_GB', 'de_DE', 'fr_FR', 'ja_JP'],
        restrictedPicklist: true,
        label: 'Locale'
    }),
    required('TimeZoneSidKey', 'picklist', {
        acceptsValue: USER_PICKLIST_CHECKS.TimeZoneSidKey,
        picklistValues: [
            'GMT',
            'America/Los_Angeles',
            'America/New_York',
            'Europe/London',
            'Europe/Paris'
        ],
        restrictedPicklist: true,
        label: 'Time Zone'
    })
];

export function standardObjects(): ObjectDef[] {
    return [
        objectDef(
            'Organization',
            '00D',
            [
                ...systemFields(),
                readOnly('Name', 'string'),
                readOnly('OrganizationType', 'picklist', { label: 'Edition' }),
                readOnly('InstanceName', 'string'),
                readOnly('IsSandbox', 'boolean'),
                readOnly('NamespacePrefix', 'string'),
                readOnly('TrialExpirationDate', 'datetime'),
                readOnly('LanguageLocaleKey', 'picklist'),
                readOnly('DefaultLocaleSidKey', 'picklist'),
                readOnly('TimeZoneSidKey', 'picklist'),
                readOnly('Country', 'string')
            ],
            readOnlyObject
        ),
        objectDef(
            'UserLicense',
            '100',
            [
                ...systemFields(),
                readOnly('Name', 'string'),
                readOnly('MasterLabel', 'string'),
                readOnly('LicenseDefinitionKey', 'string'),
                readOnly('Status', 'picklist'),
                readOnly('TotalLicenses', 'int'),
                readOnly('UsedLicenses', 'int', { calculated: true }),
                readOnly('UsedLicensesLastUpdated', 'datetime')
            ],
            { ...readOnlyObject, label: 'User License' }
        ),
        objectDef(
            'Profile',
            '00e',
            [
                ...systemFields(),
                readOnly('Name', 'string'),
                readOnly('Description', 'string'),
                readOnly('UserLicenseId', 'reference', {
                    referenceTo: ['UserLicense'],
                    relationshipName: 'UserLicense',
                    label: 'User License ID'
                }),
                readOnly('UserType', 'picklist'),
                ...permissionFields(USER_PERMISSIONS, false).map(
                    (permission) => ({
                        ...permission,
                        calculated: true
                    })
                )
            ],
            readOnlyObject
        ),
        objectDef(
            'PermissionSet',
            '0PS',
            [
                ...systemFields(),
                required('Name', 'string'),
                required('Label', 'string'),
                text('Description'),
                readOnly('IsOwnedByProfile', 'boolean'),
                readOnly('ProfileId', 'reference', {
                    referenceTo: ['Profile'],
                    relationshipName: 'Profile',
                    label: 'Profile ID'
                }),
                lookup(
                    'LicenseId',
                    ['UserLicense', 'PermissionSetLicense'],
                    'License',
                    {
                        permissionable: false,
                        updateable: false,
                        label: 'License ID'
                    }
                ),
                readOnly('Type', 'picklist', {
                    picklistValues: [
                        'Regular',
                        'Profile',
                        'Group',
                        'Session',
                        'Standard'
                    ]
                }),
                readOnly('PermissionSetGroupId', 'reference', {
                    referenceTo: ['PermissionSetGroup'],
                    relationshipName: 'PermissionSetGroup',
                    label: 'Permission Set Group ID'
                }),
                readOnly('IsCustom', 'boolean'),
                readOnly('NamespacePrefix', 'string'),
                bool('HasActivationRequired', false),
                ...permissionFields(USER_PERMISSIONS, true)
            ],
            { label: 'Permission Set' }
        ),
        objectDef(
            'PermissionSetGroup',
            '0PG',
            [
                ...systemFields(),
                required('DeveloperName', 'string'),
                required('MasterLabel', 'string'),
                text('Description'),
                readOnly('Status', 'picklist', {
                    picklistValues: [
                        'Updated',
                        'Outdated',
                        'Updating',
                        'Failed'
                    ]
                }),
                bool('HasActivationRequired', false),
                readOnly('NamespacePrefix', 'string')
            ],
            { label: 'Permission Set Group' }
        ),
        objectDef(
            'MutingPermissionSet',
            '0QM',
            [
                ...systemFields(),
                required('DeveloperName', 'string'),
                required('MasterLabel', 'string'),
                text('Description'),
                readOnly('NamespacePrefix', 'string'),
                ...permissionFields(USER_PERMISSIONS, true)
            ],
            { label: 'Muting Permission Set' }
        ),
        objectDef(
            'PermissionSetGroupComponent',
            '0PH',
            [
                ...systemFields(),
                required('PermissionSetGroupId', 'reference', {
                    referenceTo: ['PermissionSetGroup'],
                    relationshipName: 'PermissionSetGroup',
                    childRelationshipName: 'PermissionSetGroupComponents',
                    cascadeDelete: true,
                    updateable: false,
                    length: 18
                }),
                required('PermissionSetId', 'reference', {
                    referenceTo: ['PermissionSet', 'MutingPermissionSet'],
                    relationshipName: 'PermissionSet',
                    childRelationshipName: 'PermissionSetGroupComponents',
                    cascadeDelete: true,
                    updateable: false,
                    length: 18
                })
            ],
            { updateable: false, label: 'Permission Set Group Component' }
        ),
        objectDef(
            'PermissionSetAssignment',
            '0Pa',
            [
                ...systemFields(false),
                required('AssigneeId', 'reference', {
                    referenceTo: ['User'],
                    relationshipName: 'Assignee',
                    childRelationshipName: 'PermissionSetAssignments',
                    cascadeDelete: true,
                    updateable: false,
                    length: 18
                }),
                lookup('PermissionSetId', ['PermissionSet'], 'PermissionSet', {
                    childRelationshipName: 'Assignments',
                    cascadeDelete: true,
                    updateable: false,
                    permissionable: false
                }),
                lookup(
                    'PermissionSetGroupId',
                    ['PermissionSetGroup'],
                    'PermissionSetGroup',
                    {
                        cascadeDelete: true,
                        updateable: false,
                        permissionable: false
                    }
                ),
                field('ExpirationDate', 'datetime', { permissionable: false }),
                readOnly('IsActive', 'boolean', { defaultValue: true })
            ],
            { label: 'Permission Set Assignment' }
        ),
        objectDef(
            'PermissionSetLicense',
            '0PL',
            [
                ...systemFields(),
                readOnly('DeveloperName', 'string'),
                readOnly('MasterLabel', 'string'),
                readOnly('TotalLicenses', 'int'),
                readOnly('UsedLicenses', 'int', { calculated: true }),
                readOnly('Status', 'picklist'),
                readOnly('ExpirationDate', 'date'),
                readOnly('LicenseExpirationPolicy', 'picklist')
            ],
            { ...readOnlyObject, label: 'Permission Set License' }
        ),
        objectDef(
            'PermissionSetLicenseAssign',
            '2LA',
            [
                ...systemFields(),
                required('AssigneeId', 'reference', {
                    referenceTo: ['User'],
                    relationshipName: 'Assignee',
                    childRelationshipName: 'PermissionSetLicenseAssignments',
                    cascadeDelete: true,
                    updateable: false,
                    length: 18
                }),
                required('PermissionSetLicenseId', 'reference', {
                    referenceTo: ['PermissionSetLicense'],
                    relationshipName: 'PermissionSetLicense',
                    childRelationshipName: 'PermissionSetLicenseAssignments',
                    cascadeDelete: true,
                    updateable: false,
                    length: 18
                })
            ],
            { updateable: false, label: 'Permission Set License Assignment' }
        ),
        objectDef(
            'ObjectPermissions',
            '110',
            [
                ...systemFields(),
                required('ParentId', 'reference', {
                    referenceTo: ['PermissionSet', 'MutingPermissionSet'],
                    relationshipName: 'Parent',
                    childRelationshipName: 'ObjectPerms',
                    cascadeDelete: true,
                    updateable: false,
                    length: 18
                }),
                required('SobjectType', 'picklist', { updateable: false }),
                ...OBJECT_PERMISSION_FIELDS.map((name) =>
                    bool(name, false, { permissionable: false })
                )
            ],
            { label: 'Object Permissions', labelPlural: 'Object Permissions' }
        ),
        objectDef(
            'FieldPermissions',
            '01k',
            [
                ...systemFields(),
                required('ParentId', 'reference', {
                    referenceTo: ['PermissionSet', 'MutingPermissionSet'],
                    relationshipName: 'Parent',
                    childRelationshipName: 'FieldPerms',
                    cascadeDelete: true,
                    updateable: false,
                    length: 18
                }),
                required('SobjectType', 'picklist', { updateable: false }),
                required('Field', 'picklist', { updateable: false }),
                bool('PermissionsRead', false, { permissionable: false }),
                bool('PermissionsEdit', false, { permissionable: false })
            ],
            { label: 'Field Permissions', labelPlural: 'Field Permissions' }
        ),
        objectDef(
            'SetupEntityAccess',
            '0J0',
            [
                ...systemFields(),
                required('ParentId', 'reference', {
                    referenceTo: ['PermissionSet'],
                    relationshipName: 'Parent',
                    childRelationshipName: 'SetupEntityAccessItems',
                    cascadeDelete: true,
                    updateable: false,
                    length: 18
                }),
                required('SetupEntityId', 'reference', {
                    referenceTo: [
                        'ApexClass',
                        'ApexPage',
                        'CustomPermission',
                        'ConnectedApplication'
                    ],
                    updateable: false,
                    cascadeDelete: true,
                    length: 18
                }),
                readOnly('SetupEntityType', 'picklist', {
                    picklistValues: [
                        'ApexClass',
                        'ApexPage',
                        'ConnectedApplication',
                        'CustomPermission',
                        'CustomEntityDefinition',
                        'ServiceProvider',
                        'TabSet'
                    ]
                })
            ],
            { updateable: false, label: 'Setup Entity Access' }
        ),
        objectDef(
            'CustomPermission',
            '0CP',
            [
                ...systemFields(),
                readOnly('DeveloperName', 'string'),
                readOnly('MasterLabel', 'string'),
                readOnly('Description', 'string'),
                readOnly('IsLicensed', 'boolean'),
                readOnly('NamespacePrefix', 'string')
            ],
            { ...readOnlyObject, label: 'Custom Permission' }
        ),
        objectDef(
            'ApexClass',
            '01p',
            [
                ...systemFields(),
                readOnly('Name', 'string'),
                readOnly('NamespacePrefix', 'string'),
                readOnly('ApiVersion', 'double'),
                readOnly('Status', 'picklist'),
                readOnly('IsValid', 'boolean')
            ],
            {
                ...readOnlyObject,
                label: 'Apex Class',
                labelPlural: 'Apex Classes'
            }
        ),
        objectDef(
            'ConnectedApplication',
            '0H4',
            [
                ...systemFields(),
                readOnly('Name', 'string'),
                readOnly('OptionsAllowAdminApprovedUsersOnly', 'boolean'),
                readOnly('OptionsRefreshTokenValidityMetric', 'boolean')
            ],
            { ...readOnlyObject, label: 'Connected App' }
        ),
        objectDef(
            'User',
            '005',
            [
                ...systemFields(),
                required('Username', 'string', { unique: true }),
                text('FirstName', { length: 40 }),
                required('LastName', 'string'),
                readOnly('Name', 'string', {
                    calculated: true,
                    label: 'Full Name'
                }),
                required('Alias', 'string', { length: 8 }),
                required('Email', 'email'),
                ...LOCALE_FIELDS(),
                required('ProfileId', 'reference', {
                    referenceTo: ['Profile'],
                    relationshipName: 'Profile',
                    childRelationshipName: 'Users',
                    length: 18
                }),
                bool('IsActive', true, { permissionable: false }),
                readOnly('UserType', 'picklist', { calculated: true }),
                lookup('ContactId', ['Contact'], 'Contact', {
                    updateable: false
                }),
                field('CommunityNickname', 'string', {
                    nillable: false,
                    defaultedOnCreate: true,
                    permissionable: false,
                    length: 40,
                    label: 'Nickname'
                }),
                text('FederationIdentifier', { length: 512 }),
                text('Title', { length: 80 }),
                text('Department', { length: 80 }),
                text('CompanyName', { length: 80 }),
                readOnly('LastLoginDate', 'datetime'),
                readOnly('LastPasswordChangeDate', 'datetime')
            ],
            { deletable: false }
        ),
        objectDef(
            'UserLogin',
            '060',
            [
                ...systemFields(false),
                readOnly('UserId', 'reference', {
                    referenceTo: ['User'],
                    relationshipName: 'User',
                    label: 'User ID'
                }),
                bool('IsFrozen', false, {
                    createable: false,
                    updateable: true
                }),
                bool('IsPasswordLocked', false, {
                    createable: false,
                    updateable: true
                }),
                readOnly('LastModifiedDate', 'datetime', { system: true })
            ],
            { createable: false, deletable: false, label: 'User Login' }
        ),
        objectDef(
            'CaseStatus',
            '01J',
            [
                ...systemFields(),
                readOnly('MasterLabel', 'string'),
                readOnly('ApiName', 'string'),
                readOnly('IsClosed', 'boolean'),
                readOnly('IsDefault', 'boolean'),
                readOnly('SortOrder', 'int')
            ],
            {
                ...readOnlyObject,
                label: 'Case Status',
                labelPlural: 'Case Statuses'
            }
        ),
        objectDef(
            'Account',
            '001',
            [
                ...systemFields(),
                required('Name', 'string', { length: 255 }),
                picklist('Type', [
                    'Prospect',
                    'Customer - Direct',
                    'Customer - Channel',
                    'Partner',
                    'Other'
                ]),
                picklist('Industry', [
                    'Agriculture',
                    'Banking',
                    'Education',
                    'Energy',
                    'Healthcare',
                    'Technology',
                    'Other'
                ]),
                field('Phone', 'phone', { length: 40 }),
                field('Website', 'url'),
                field('Description', 'textarea', { length: 32000 }),
                text('BillingCity', { length: 40 }),
                owner()
            ],
            { recycleBin: true }
        ),
        objectDef(
            'Contact',
            '003',
            [
                ...systemFields(),
                text('FirstName', { length: 40 }),
                required('LastName', 'string'),
                readOnly('Name', 'string', {
                    calculated: true,
                    label: 'Full Name'
                }),
                lookup('AccountId', ['Account'], 'Account', {
                    childRelationshipName: 'Contacts'
                }),
                field('Email', 'email', { length: 80 }),
                field('Phone', 'phone', { length: 40 }),
                text('Title', { length: 128 }),
                owner()
            ],
            { recycleBin: true }
        ),
        objectDef(
            'Case',
            '500',
            [
                ...systemFields(),
                readOnly('CaseNumber', 'string', {
                    nillable: false,
                    label: 'Case Number'
                }),
                text('Subject'),
                field('Description', 'textarea', { length: 32000 }),
                picklist('Status', ['New', 'Working', 'Escalated', 'Closed'], {
                    defaultValue: 'New',
                    defaultedOnCreate: true
                }),
                picklist('Priority', ['High', 'Medium', 'Low'], {
                    defaultValue: 'Medium',
                    defaultedOnCreate: true
                }),
                picklist('Origin', ['Phone', 'Email', 'Web']),
                picklist('Type', [
                    'Mechanical',
                    'Electrical',
                    'Electronic',
                    'Structural',
                    'Other'
                ]),
                picklist('Reason', [
                    'Installation',
                    'Equipment Complexity',
                    'Performance',
                    'Breakdown',
                    'Equipment Design',
                    'Feedback',
                    'Other'
                ]),
                lookup('AccountId', ['Account'], 'Account', {
                    childRelationshipName: 'Cases'
                }),
                lookup('ContactId', ['Contact'], 'Contact', {
                    childRelationshipName: 'Cases'
                }),
                readOnly('IsClosed', 'boolean', {
                    calculated: true,
                    label: 'Closed'
                }),
                readOnly('ClosedDate', 'datetime', { permissionable: true }),
                owner()
            ],
            { recycleBin: true }
        ),
        objectDef(
            'CaseComment',
            '00a',
            [
                ...systemFields(),
                required('ParentId', 'reference', {
                    referenceTo: ['Case'],
                    relationshipName: 'Parent',
                    childRelationshipName: 'CaseComments',
                    cascadeDelete: true,
                    updateable: false,
                    length: 18
                }),
                field('CommentBody', 'textarea', { length: 4000 }),
                bool('IsPublished', false, { permissionable: false })
            ],
            { label: 'Case Comment' }
        ),
        objectDef(
            'Task',
            '00T',
            [
                ...systemFields(),
                text('Subject'),
                picklist(
                    'Status',
                    ['Not Started', 'In Progress', 'Completed'],
                    {
                        nillable: false,
                        defaultValue: 'Not Started',
                        defaultedOnCreate: true,
                        permissionable: false
                    }
                ),
                picklist('Priority', ['High', 'Normal', 'Low'], {
                    nillable: false,
                    defaultValue: 'Normal',
                    defaultedOnCreate: true,
                    permissionable: false
                }),
                lookup('WhoId', ['Contact'], 'Who'),
                lookup('WhatId', ['Account', 'Case'], 'What'),
                field('ActivityDate', 'date'),
                field('Description', 'textarea', { length: 32000 }),
                picklist('CallType', ['Internal', 'Inbound', 'Outbound']),
                field('CallDurationInSeconds', 'int'),
                text('CallObject'),
                owner()
            ],
            { recycleBin: true }
        )
    ];
}
