// Deploys permission sets, muting permission sets and permission set groups the way
// a Metadata API deploy creates their records: PermissionSet + ObjectPermissions +
// FieldPermissions + SetupEntityAccess + PermissionSetTabSetting rows, groups with their
// components.

import type { Org } from '../org/org';
import type { SObjectRecord } from '../schema/types';
import { deployTabSettings } from './tabs-and-pages';
import {
    children,
    flag,
    text,
    texts,
    type XmlNode
} from '../../shared/metadata-xml';

const SYSTEM = { system: true } as const;

const OBJECT_FLAGS: Record<string, string> = {
    allowRead: 'PermissionsRead',
    allowCreate: 'PermissionsCreate',
    allowEdit: 'PermissionsEdit',
    allowDelete: 'PermissionsDelete',
    viewAllRecords: 'PermissionsViewAllRecords',
    modifyAllRecords: 'PermissionsModifyAllRecords',
    viewAllFields: 'PermissionsViewAllFields'
};

function userPermissionValues(org: Org, xml: XmlNode): Record<string, boolean> {
    const values: Record<string, boolean> = {};
    const setObject = org.schema.require('PermissionSet');
    for (const permission of children(xml, 'userPermissions')) {
        const name = text(permission, 'name') ?? '';
        if (!org.schema.field(setObject, `Permissions${name}`)) {
            org.warnings.push(
                `user permission ${name} is not in the emulator's list; added`
            );
            org.schema.addUserPermission(name);
        }
        values[`Permissions${name}`] = flag(permission, 'enabled');
    }
    return values;
}

function licenseIdOf(org: Org, licenseName: string | undefined): string | null {
    if (!licenseName) {
        return null;
    }
    const userLicense = org.first(
        'UserLicense',
        (license) => license.Name === licenseName
    );
    const permissionSetLicense = org.first(
        'PermissionSetLicense',
        (license) =>
            license.MasterLabel === licenseName ||
            license.DeveloperName === licenseName
    );
    const found = userLicense ?? permissionSetLicense;
    if (!found) {
        throw new Error(
            `license: no UserLicense or PermissionSetLicense named ${licenseName} found`
        );
    }
    return String(found.Id);
}

/** ObjectPermissions and FieldPermissions rows under a permission set or muting set. */
function deployAccess(org: Org, parentId: string, xml: XmlNode): void {
    for (const access of children(xml, 'objectPermissions')) {
        const values: Record<string, unknown> = {
            ParentId: parentId,
            SobjectType: text(access, 'object')
        };
        for (const [element, fieldName] of Object.entries(OBJECT_FLAGS)) {
            values[fieldName] = flag(access, element);
        }
        org.dml.create('ObjectPermissions', values, SYSTEM);
    }
    for (const access of children(xml, 'fieldPermissions')) {
        const fieldName = text(access, 'field') ?? '';
        const [objectName = '', name = ''] = fieldName.split('.');
        const object = org.schema.object(objectName);
        const definition = object ? org.schema.field(object, name) : undefined;
        if (!definition) {
            throw new Error(
                `In field: field - no CustomField named ${fieldName} found`
            );
        }
        if (!definition.permissionable) {
            throw new Error(
                `You cannot deploy to a required field: ${fieldName}`
            );
        }
        org.dml.create(
            'FieldPermissions',
            {
                ParentId: parentId,
                SobjectType: objectName,
                Field: fieldName,
                PermissionsRead: flag(access, 'readable'),
                PermissionsEdit: flag(access, 'editable')
            },
            SYSTEM
        );
    }
}

function setupEntity(
    org: Org,
    type: string,
    nameField: string,
    name: string
): SObjectRecord {
    const entity = org.first(type, (row) => row[nameField] === name);
    if (!entity) {
        throw new Error(`no ${type} named ${name} found`);
    }
    return entity;
}

/** Permission set elements that become SetupEntityAccess rows, and the entity each names. */
const SETUP_ENTITY_GRANTS = [
    {
        element: 'classAccesses',
        nameElement: 'apexClass',
        object: 'ApexClass',
        nameField: 'Name'
    },
    {
        element: 'pageAccesses',
        nameElement: 'apexPage',
        object: 'ApexPage',
        nameField: 'Name'
    },
    {
        element: 'customPermissions',
        nameElement: 'name',
        object: 'CustomPermission',
        nameField: 'DeveloperName'
    }
] as const;

export function deployPermissionSet(
    org: Org,
    name: string,
    xml: XmlNode
): void {
    const setId = org.dml.create(
        'PermissionSet',
        {
            Name: name,
            Label: text(xml, 'label') ?? name,
            Description: text(xml, 'description') ?? null,
            HasActivationRequired: flag(xml, 'hasActivationRequired'),
            LicenseId: licenseIdOf(org, text(xml, 'license')),
            ...userPermissionValues(org, xml)
        },
        SYSTEM
    );
    deployAccess(org, setId, xml);
    deployTabSettings(org, setId, xml);
    for (const grant of SETUP_ENTITY_GRANTS) {
        for (const access of children(xml, grant.element).filter((item) =>
            flag(item, 'enabled')
        )) {
            const entity = setupEntity(
                org,
                grant.object,
                grant.nameField,
                text(access, grant.nameElement) ?? ''
            );
            org.dml.create(
                'SetupEntityAccess',
                { ParentId: setId, SetupEntityId: entity.Id },
                SYSTEM
            );
        }
    }
}

export function deployMutingPermissionSet(
    org: Org,
    name: string,
    xml: XmlNode
): void {
    const muteId = org.dml.create(
        'MutingPermissionSet',
        {
            DeveloperName: name,
            MasterLabel: text(xml, 'label') ?? name,
            Description: text(xml, 'description') ?? null,
            ...userPermissionValues(org, xml)
        },
        SYSTEM
    );
    deployAccess(org, muteId, xml);
}

export function deployPermissionSetGroup(
    org: Org,
    name: string,
    xml: XmlNode
): void {
    const groupId = org.dml.create(
        'PermissionSetGroup',
        {
            DeveloperName: name,
            MasterLabel: text(xml, 'label') ?? name,
            Description: text(xml, 'description') ?? null,
            HasActivationRequired: flag(xml, 'hasActivationRequired')
        },
        SYSTEM
    );
    for (const setName of texts(xml, 'permissionSets')) {
        const set = setupEntity(org, 'PermissionSet', 'Name', setName);
        org.dml.create(
            'PermissionSetGroupComponent',
            { PermissionSetGroupId: groupId, PermissionSetId: set.Id },
            SYSTEM
        );
    }
    for (const muteName of texts(xml, 'mutingPermissionSets')) {
        const mute = setupEntity(
            org,
            'MutingPermissionSet',
            'DeveloperName',
            muteName
        );
        org.dml.create(
            'PermissionSetGroupComponent',
            { PermissionSetGroupId: groupId, PermissionSetId: mute.Id },
            SYSTEM
        );
    }
}
