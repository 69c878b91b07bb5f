// The standard fields of the objects the kit and its presets touch, completed from a sourced
// schema instead of a hand-typed list: the field lists jsforce ships
// (@jsforce/jsforce-node lib/types/standard-schema.d.ts, `Fields$<Object>` and
// `ParentReferences$<Object>`, generated from an org's describe). A field the emulator already
// defines keeps its definition (its type, picklist values and rules are finer); one it lacks is
// added with what the source says: its name, whether it is nillable, its relationship (a
// `<Name>Id` field whose `<Name>` is a parent reference) and a type from the TypeScript one.
// The source does not give createable / updateable: an added nillable field (or boolean) is
// readable and writable, a non-nillable one read-only; none is ever required (FIDELITY.md says so).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { field } from './fields';
import type { FieldDef, FieldType, ObjectDef } from './types';

/** The objects completed from the source (issue #24: the objects the kit and its presets touch). */
export const SOURCED_OBJECTS = [
    'Account',
    'Case',
    'CaseComment',
    'Contact',
    'Task',
    'User',
    // Its Language, PermissionSetLicenseKey and MaximumPermissions<Name> fields (read-only
    // object). The other permission objects already define every field jsforce lists (their
    // Permissions<Name> fields come from the tooling typings: FIDELITY.md, user permissions).
    'PermissionSetLicense'
] as const;

/**
 * Fields documented with finer types than the TypeScript source gives: Field Reference, "Task"
 * (CallType picklist 40, CallDurationInSeconds int, CallObject and CallDisposition string 255);
 * REST API Developer Guide / SOAP API, "Call Centers and the API" (CallDisposition: Create, Filter,
 * Nillable, Update; "Limit is 255 characters").
 */
const DOCUMENTED: Record<string, Record<string, Partial<FieldDef>>> = {
    Task: {
        CallDisposition: { type: 'string', length: 255, label: 'Call Result' },
        CallObject: { type: 'string', length: 255 },
        CallDurationInSeconds: { type: 'int' }
    }
};

export interface SourcedField {
    name: string;
    tsType: string;
    nillable: boolean;
}

export interface SourcedObject {
    fields: SourcedField[];
    /** Relationship name -> the parent object (`Name` for polymorphic ones). */
    parents: Map<string, string>;
}

let schemaText: string | null | undefined;

function readSchema(): string | null {
    if (schemaText !== undefined) {
        return schemaText;
    }
    try {
        schemaText = readFileSync(
            path.join(
                path.dirname(require.resolve('@jsforce/jsforce-node')),
                'lib',
                'types',
                'standard-schema.d.ts'
            ),
            'utf8'
        );
    } catch {
        schemaText = null;
    }
    return schemaText;
}

function block(text: string, typeName: string): string[] {
    const start = text.indexOf(`\ntype ${typeName} = {\n`);
    if (start < 0) {
        return [];
    }
    const end = text.indexOf('\n};', start);
    return text.slice(start, end).split('\n').slice(2);
}

/** The object's fields as the source lists them, or undefined when it has none. */
export function sourcedObject(name: string): SourcedObject | undefined {
    const text = readSchema();
    if (!text) {
        return undefined;
    }
    const fields: SourcedField[] = [];
    for (const line of block(text, `Fields$${name}`)) {
        const match = /^ {4}([A-Za-z0-9_]+): (.+);$/.exec(line);
        if (match?.[1] && match[2]) {
            const nillable = match[2].endsWith(' | null');
            fields.push({
                name: match[1],
                tsType: match[2].replace(/ \| null$/, ''),
                nillable
            });
        }
    }
    if (fields.length === 0) {
        return undefined;
    }
    const parents = new Map<string, string>();
    for (const line of block(text, `ParentReferences$${name}`)) {
        const match =
            /^ {4}([A-Za-z0-9_]+): SObjectDefinition\$([A-Za-z0-9_]+)/.exec(
                line
            );
        if (match?.[1] && match[2]) {
            parents.set(match[1], match[2]);
        }
    }
    return { fields, parents };
}

const TYPES: Record<string, FieldType> = {
    string: 'string',
    boolean: 'boolean',
    number: 'double',
    DateString: 'datetime'
};

export function toField(
    objectName: string,
    source: SourcedField,
    parents: Map<string, string>
): FieldDef | undefined {
    let type = TYPES[source.tsType];
    if (!type) {
        // Address, Location (compound), BlobString (base64): not modeled.
        return undefined;
    }
    const relationshipName = source.name.endsWith('Id')
        ? source.name.slice(0, -2)
        : undefined;
    const parent = relationshipName ? parents.get(relationshipName) : undefined;
    const documented = DOCUMENTED[objectName]?.[source.name] ?? {};
    const options: Partial<FieldDef> = {
        nillable: source.nillable,
        // Whether Salesforce defaults a non-nillable field or sets it itself is not in the
        // source: such a field (booleans aside, which default to false) is read-only here rather
        // than a REQUIRED_FIELD_MISSING Salesforce would not give.
        ...(!source.nillable && type !== 'boolean'
            ? { createable: false, updateable: false }
            : {}),
        ...(type === 'boolean' ? { defaultValue: false } : {}),
        ...(type === 'string' ? { length: 255 } : {})
    };
    if (parent && relationshipName) {
        type = 'reference';
        Object.assign(options, {
            relationshipName,
            referenceTo: parent === 'Name' ? [] : [parent],
            length: 18
        });
    }
    const definition = field(source.name, documented.type ?? type, {
        ...options,
        ...documented
    });
    return definition;
}

/** The source's fields of `object` that its definition lacks, as emulator field definitions. */
export function missingSourcedFields(object: ObjectDef): FieldDef[] {
    if (!(SOURCED_OBJECTS as readonly string[]).includes(object.name)) {
        return [];
    }
    const source = sourcedObject(object.name);
    if (!source) {
        return [];
    }
    const known = new Set(object.fields.map((f) => f.name.toLowerCase()));
    const added: FieldDef[] = [];
    for (const candidate of source.fields) {
        if (known.has(candidate.name.toLowerCase())) {
            continue;
        }
        const definition = toField(object.name, candidate, source.parents);
        if (definition) {
            added.push(definition);
        }
    }
    return added;
}

/** `definitions` with each sourced object's missing standard fields appended. */
export function withSourcedFields(definitions: ObjectDef[]): ObjectDef[] {
    for (const object of definitions) {
        object.fields.push(...missingSourcedFields(object));
    }
    return definitions;
}
