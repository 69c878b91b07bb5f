// sObject describe results, in the shape of GET /sobjects/{type}/describe.

import type { JsonValue } from '../core/http';
import { fieldCapabilities } from './capabilities';
import type { SchemaRegistry } from './registry';
import type { FieldDef, ObjectDef } from './types';

const SOAP_TYPES: Record<string, string> = {
    id: 'tns:ID',
    reference: 'tns:ID',
    boolean: 'xsd:boolean',
    int: 'xsd:int',
    double: 'xsd:double',
    date: 'xsd:date',
    datetime: 'xsd:dateTime',
    base64: 'xsd:base64Binary'
};

function describeField(definition: FieldDef): { [key: string]: JsonValue } {
    const textual = !['boolean', 'int', 'double', 'date', 'datetime'].includes(
        definition.type
    );
    const capabilities = fieldCapabilities(definition);
    return {
        aggregatable: capabilities.aggregatable,
        autoNumber: definition.name === 'CaseNumber',
        byteLength: textual ? (definition.length ?? 0) * 3 : 0,
        calculated: definition.calculated ?? false,
        cascadeDelete: definition.cascadeDelete ?? false,
        caseSensitive: false,
        createable: definition.createable,
        custom: definition.custom,
        defaultValue: definition.defaultValue ?? null,
        defaultedOnCreate: definition.defaultedOnCreate,
        deprecatedAndHidden: false,
        digits: definition.type === 'int' ? 9 : 0,
        externalId: definition.externalId ?? false,
        filterable: capabilities.filterable,
        groupable: capabilities.groupable,
        idLookup:
            definition.idLookup ??
            (definition.type === 'id' || (definition.unique ?? false)),
        label: definition.label,
        length: textual ? (definition.length ?? 0) : 0,
        name: definition.name,
        nameField: definition.name === 'Name',
        namePointing: (definition.referenceTo?.length ?? 0) > 1,
        nillable: definition.nillable,
        permissionable: definition.permissionable,
        picklistValues: (definition.picklistValues ?? []).map((value) => ({
            active: true,
            defaultValue: value === definition.defaultValue,
            label: value,
            validFor: null,
            value
        })),
        polymorphicForeignKey: (definition.referenceTo?.length ?? 0) > 1,
        precision: definition.type === 'double' ? 18 : 0,
        referenceTo: definition.referenceTo ?? [],
        relationshipName: definition.relationshipName ?? null,
        restrictedPicklist: definition.restrictedPicklist ?? false,
        scale: 0,
        soapType: SOAP_TYPES[definition.type] ?? 'xsd:string',
        sortable: capabilities.sortable,
        type: definition.type,
        unique: definition.unique ?? false,
        updateable: definition.updateable
    };
}

function urls(base: string, object: ObjectDef): { [key: string]: JsonValue } {
    const root = `${base}/sobjects/${object.name}`;
    const result: { [key: string]: JsonValue } = {
        sobject: root,
        describe: `${root}/describe`,
        rowTemplate: `${root}/{ID}`
    };
    if (object.name === 'User') {
        result.passwordUtilities = `${root}/{ID}/password`;
    }
    return result;
}

/** The global-describe entry (GET /sobjects). */
export function describeGlobalEntry(
    base: string,
    object: ObjectDef
): { [key: string]: JsonValue } {
    return {
        activateable: false,
        createable: object.createable,
        custom: object.custom,
        customSetting: false,
        deletable: object.deletable,
        deprecatedAndHidden: false,
        feedEnabled: false,
        hasSubtypes: false,
        isSubtype: false,
        keyPrefix: object.keyPrefix,
        label: object.label,
        labelPlural: object.labelPlural,
        layoutable: !object.name.includes('Permission'),
        mergeable: false,
        mruEnabled: false,
        name: object.name,
        queryable: object.queryable,
        replicateable: true,
        retrieveable: true,
        searchable: false,
        triggerable: object.custom,
        undeletable: object.recycleBin,
        updateable: object.updateable,
        urls: urls(base, object)
    };
}

export function describeObject(
    schema: SchemaRegistry,
    base: string,
    object: ObjectDef
): { [key: string]: JsonValue } {
    return {
        ...describeGlobalEntry(base, object),
        actionOverrides: [],
        childRelationships: schema.childRelationships(object).map((child) => ({
            cascadeDelete: child.cascadeDelete,
            childSObject: child.childSObject,
            deprecatedAndHidden: false,
            field: child.field,
            junctionIdListNames: [],
            junctionReferenceTo: [],
            relationshipName: child.relationshipName,
            restrictedDelete: false
        })),
        compactLayoutable: false,
        fields: object.fields.map(describeField),
        namedLayoutInfos: [],
        recordTypeInfos: [],
        searchLayoutable: false,
        supportedScopes: [{ label: 'All records', name: 'everything' }]
    };
}
