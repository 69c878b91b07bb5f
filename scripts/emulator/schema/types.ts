// What the emulator knows of an sObject: the subset of describe it needs to validate
// DML and SOQL, and to answer /describe.

export type FieldValue = string | number | boolean | null;
export type SObjectRecord = Record<string, FieldValue>;

export type FieldType =
    | 'id'
    | 'string'
    | 'textarea'
    | 'email'
    | 'phone'
    | 'url'
    | 'boolean'
    | 'int'
    | 'double'
    | 'date'
    | 'datetime'
    | 'reference'
    | 'picklist'
    | 'multipicklist'
    /** A picklist that also takes free text (Event.Subject). */
    | 'combobox'
    /** Binary content: a query answers the blob's URL (EventLogFile.LogFile). */
    | 'base64';

export interface FieldDef {
    name: string;
    label: string;
    type: FieldType;
    nillable: boolean;
    createable: boolean;
    updateable: boolean;
    defaultedOnCreate: boolean;
    /** Value set on create when none is given. */
    defaultValue?: FieldValue;
    referenceTo?: string[];
    relationshipName?: string;
    /** Name of the child relationship this lookup creates on its parent. */
    childRelationshipName?: string;
    /** Deleting the parent deletes this record. */
    cascadeDelete?: boolean;
    length?: number;
    unique?: boolean;
    externalId?: boolean;
    picklistValues?: string[];
    restrictedPicklist?: boolean;
    /**
     * A restricted picklist whose full value list is not known here (picklistValues is then
     * a sample): what else it accepts. See org/rules/user-values.ts.
     */
    acceptsValue?: (value: string) => boolean;
    /** Whether field-level security applies (FieldPermissions rows may exist). */
    permissionable: boolean;
    custom: boolean;
    /** System fields (Id, audit fields): never in FieldPermissions. */
    system?: boolean;
    /** Computed on read, never stored. */
    calculated?: boolean;
    /**
     * Documented SOQL properties (Object Reference "Properties": Filter, Sort, Group) and
     * idLookup, where a field's documentation gives them; otherwise derived from the type
     * (schema/capabilities.ts).
     */
    filterable?: boolean;
    sortable?: boolean;
    groupable?: boolean;
    idLookup?: boolean;
}

export interface ChildRelationshipDef {
    relationshipName: string;
    childSObject: string;
    field: string;
    cascadeDelete: boolean;
}

export interface ObjectDef {
    name: string;
    label: string;
    labelPlural: string;
    keyPrefix: string;
    custom: boolean;
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
    queryable: boolean;
    /** Deleted rows stay visible to queryAll (IsDeleted = true). */
    recycleBin: boolean;
    /** Salesforce accepts API writes here but the emulator does not model them: 501 not emulated. */
    writesNotEmulated?: boolean;
    fields: FieldDef[];
}
