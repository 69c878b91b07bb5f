// Terse builders for field definitions.

import type { FieldDef, FieldType, FieldValue } from './types';

type Options = Partial<Omit<FieldDef, 'name' | 'type'>>;

function labelOf(name: string): string {
    return name
        .replace(/__c$/, '')
        .replace(/Id$/, ' ID')
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .replace(/_/g, ' ')
        .trim();
}

export function field(
    name: string,
    type: FieldType,
    options: Options = {}
): FieldDef {
    const nillable = options.nillable ?? type !== 'boolean';
    const system = options.system ?? false;
    const createable = options.createable ?? true;
    return {
        name,
        type,
        label: options.label ?? labelOf(name),
        nillable,
        createable,
        updateable: options.updateable ?? createable,
        defaultedOnCreate:
            options.defaultedOnCreate ??
            (type === 'boolean' || options.defaultValue !== undefined),
        permissionable:
            options.permissionable ?? (!system && nillable && type !== 'id'),
        custom: options.custom ?? name.endsWith('__c'),
        ...options
    };
}

export const text = (name: string, options: Options = {}): FieldDef =>
    field(name, 'string', { length: 255, ...options });

/** A field the API sets: never written by clients. */
export const readOnly = (
    name: string,
    type: FieldType,
    options: Options = {}
): FieldDef =>
    field(name, type, { createable: false, updateable: false, ...options });

/** A required field: not nillable, no default, so REQUIRED_FIELD_MISSING on create. */
export const required = (
    name: string,
    type: FieldType,
    options: Options = {}
): FieldDef =>
    field(name, type, {
        nillable: false,
        permissionable: false,
        length: 80,
        ...options
    });

export const bool = (
    name: string,
    defaultValue: boolean,
    options: Options = {}
): FieldDef => field(name, 'boolean', { defaultValue, ...options });

export const picklist = (
    name: string,
    values: string[],
    options: Options & { defaultValue?: FieldValue } = {}
): FieldDef =>
    field(name, 'picklist', {
        picklistValues: values,
        length: 255,
        ...options
    });

export function lookup(
    name: string,
    referenceTo: string[],
    relationshipName: string,
    options: Options = {}
): FieldDef {
    return field(name, 'reference', {
        referenceTo,
        relationshipName,
        length: 18,
        ...options
    });
}

/** Id plus the audit fields most objects carry. */
export function systemFields(audit = true): FieldDef[] {
    const fields: FieldDef[] = [
        readOnly('Id', 'id', {
            nillable: false,
            system: true,
            label: 'Record ID'
        }),
        readOnly('IsDeleted', 'boolean', { system: true, label: 'Deleted' })
    ];
    if (audit) {
        fields.push(
            readOnly('CreatedDate', 'datetime', {
                system: true,
                nillable: false
            }),
            readOnly('CreatedById', 'reference', {
                system: true,
                nillable: false,
                referenceTo: ['User'],
                relationshipName: 'CreatedBy',
                label: 'Created By ID'
            }),
            readOnly('LastModifiedDate', 'datetime', {
                system: true,
                nillable: false
            }),
            readOnly('LastModifiedById', 'reference', {
                system: true,
                nillable: false,
                referenceTo: ['User'],
                relationshipName: 'LastModifiedBy',
                label: 'Last Modified By ID'
            })
        );
    }
    fields.push(
        readOnly('SystemModstamp', 'datetime', {
            system: true,
            nillable: false
        })
    );
    return fields;
}
