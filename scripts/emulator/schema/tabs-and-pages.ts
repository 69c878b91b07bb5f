// Tab settings and Visualforce pages: what verify reads to check tab and page access.
//
// PermissionSetTabSetting (Object Reference, "PermissionSetTabSetting", API 45.0+; Tooling API
// Reference, "PermissionSetTabSetting"; Field Reference, "PermissionSetTabSetting"): Name (the
// tab's API name, "standard-Account" for standard tabs, the developer name for custom ones;
// length 60), ParentId (the permission set, or for a profile the set the profile owns),
// Visibility (restricted picklist, DefaultOff or DefaultOn, length 40). "There's no hidden
// value": a hidden tab has no row. ParentId and Name can't be updated (Tooling API Reference,
// Usage). Its key prefix is not published: 0TS is the emulator's own.
//
// ApexPage (Object Reference, "ApexPage"; Field Reference, "ApexPage"): a Visualforce page, key
// prefix 066 (as public projects' key-prefix tables list it). Fields as documented (describe shows
// them read-only); the emulator creates rows only from `pages/*.page-meta.xml` at load. The API's
// create, update and delete, which Salesforce lists, answer 501 "not emulated".

import { bool, field, readOnly, required, systemFields } from './fields';
import { objectDef } from './standard-objects';
import type { ObjectDef } from './types';

/** Visibility values of PermissionSetTabSetting (no Hidden: a hidden tab has no row). */
export const TAB_VISIBILITIES = ['DefaultOff', 'DefaultOn'] as const;
export type TabVisibilityValue = (typeof TAB_VISIBILITIES)[number];

export function tabAndPageObjects(): ObjectDef[] {
    return [
        objectDef(
            'PermissionSetTabSetting',
            '0TS',
            [
                ...systemFields(false),
                required('Name', 'string', { updateable: false, length: 60 }),
                required('ParentId', 'reference', {
                    referenceTo: ['PermissionSet', 'MutingPermissionSet'],
                    relationshipName: 'Parent',
                    cascadeDelete: true,
                    updateable: false,
                    length: 18,
                    label: 'Parent ID'
                }),
                field('Visibility', 'picklist', {
                    picklistValues: [...TAB_VISIBILITIES],
                    restrictedPicklist: true,
                    permissionable: false,
                    length: 40
                })
            ],
            { label: 'Permission Set Tab Setting' }
        ),
        objectDef(
            'ApexPage',
            '066',
            [
                ...systemFields(),
                readOnly('Name', 'string', { length: 80 }),
                readOnly('MasterLabel', 'string', {
                    length: 80,
                    label: 'Label'
                }),
                readOnly('NamespacePrefix', 'string', { length: 15 }),
                readOnly('ApiVersion', 'double'),
                readOnly('Description', 'textarea', { length: 4000 }),
                readOnly('ControllerKey', 'string', { length: 255 }),
                readOnly('ControllerType', 'picklist'),
                readOnly('Markup', 'textarea'),
                bool('IsAvailableInTouch', false, {
                    createable: false,
                    updateable: false
                }),
                bool('IsConfirmationTokenRequired', false, {
                    createable: false,
                    updateable: false
                })
            ],
            { writesNotEmulated: true, label: 'Visualforce Page' }
        )
    ];
}
