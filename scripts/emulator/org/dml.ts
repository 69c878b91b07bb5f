// Create, update and delete with Salesforce's checks, in this order: object, fields,
// values, references, required fields, then the object's own rules.

import { DmlError } from '../core/errors';
import { formatDateTime } from '../core/dates';
import { notEmulated } from '../core/not-emulated';
import { isId, to18 } from '../core/ids';
import type {
    FieldDef,
    FieldValue,
    ObjectDef,
    SObjectRecord
} from '../schema/types';
import type { ObjectRules } from './rules';
import type { Org } from './org';
import { coerce } from './values';

export interface DmlOptions {
    /** Seeding and metadata deploys: skip the API's createable / updateable checks. */
    system?: boolean;
    /** Values come from a Bulk API CSV: strings, "" meaning null. */
    fromCsv?: boolean;
    /** Internal bookkeeping rows (aggregate permission sets): no triggers. */
    skipRules?: boolean;
}

export function invalidType(type: string): DmlError {
    return new DmlError(
        'INVALID_TYPE',
        `sObject type '${type}' is not supported.`
    );
}

function noSuchColumn(field: string, object: string): DmlError {
    return new DmlError(
        'INVALID_FIELD',
        `No such column '${field}' on sobject of type ${object}`
    );
}

function notWritable(field: string): DmlError {
    return new DmlError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${field}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        [field]
    );
}

export class Dml {
    constructor(private readonly org: Org) {}

    object(type: string): ObjectDef {
        const object = this.org.schema.object(type);
        if (!object) {
            throw invalidType(type);
        }
        return object;
    }

    /** Writes Salesforce accepts but the emulator does not model (ObjectDef.writesNotEmulated). */
    private refuseNotEmulated(
        object: ObjectDef,
        operation: string,
        options: DmlOptions
    ): void {
        if (object.writesNotEmulated && !options.system) {
            throw notEmulated(
                `${operation} of ${object.name} records through the API`,
                `/sobjects/${object.name}`
            );
        }
    }

    create(
        type: string,
        input: Record<string, unknown>,
        options: DmlOptions = {}
    ): string {
        const object = this.object(type);
        this.refuseNotEmulated(object, 'create', options);
        if (!object.createable && !options.system) {
            throw new DmlError(
                'INVALID_TYPE_FOR_OPERATION',
                `entity type cannot be inserted: ${object.label}`
            );
        }
        const idKey = Object.keys(input).find(
            (key) => key.toLowerCase() === 'id'
        );
        if (idKey !== undefined && !options.system) {
            throw new DmlError(
                'INVALID_FIELD_FOR_INSERT_UPDATE',
                'cannot specify Id in an insert call',
                ['Id']
            );
        }
        const values = this.values(object, input, 'create', options);
        const now = formatDateTime(this.org.now());
        const userId = this.org.adminUserId || null;
        const record: SObjectRecord = {};
        for (const definition of object.fields) {
            if (definition.calculated) {
                continue;
            }
            const given = values[definition.name];
            record[definition.name] =
                given !== undefined ? given : (definition.defaultValue ?? null);
        }
        record.Id =
            typeof input.Id === 'string' && options.system
                ? (to18(input.Id) ?? input.Id)
                : this.org.ids.next(object.keyPrefix);
        record.IsDeleted = false;
        for (const audit of [
            'CreatedDate',
            'LastModifiedDate',
            'SystemModstamp'
        ]) {
            if (this.org.schema.field(object, audit)) {
                record[audit] = now;
            }
        }
        for (const audit of ['CreatedById', 'LastModifiedById']) {
            if (this.org.schema.field(object, audit)) {
                record[audit] = userId ?? record.Id;
            }
        }
        if (
            this.org.schema.field(object, 'OwnerId') &&
            record.OwnerId === null
        ) {
            record.OwnerId = userId;
        }
        const rules: ObjectRules = options.skipRules
            ? {}
            : this.org.rules(object.name);
        return this.org.store.atomic(() => {
            this.checkRequired(object, record, true);
            rules.beforeInsert?.(this.org, record);
            this.org.store.insert(object.name, record);
            rules.afterInsert?.(this.org, record);
            return String(record.Id);
        });
    }

    update(
        type: string,
        id: string,
        input: Record<string, unknown>,
        options: DmlOptions = {}
    ): void {
        const object = this.object(type);
        this.refuseNotEmulated(object, 'update', options);
        if (!object.updateable && !options.system) {
            throw new DmlError(
                'INVALID_TYPE_FOR_OPERATION',
                `entity type cannot be updated: ${object.label}`
            );
        }
        const previous = this.existing(object, id);
        const changes = this.values(object, input, 'update', options);
        const next: SObjectRecord = { ...previous, ...changes };
        const now = formatDateTime(this.org.now());
        for (const audit of ['LastModifiedDate', 'SystemModstamp']) {
            if (this.org.schema.field(object, audit)) {
                next[audit] = now;
            }
        }
        const rules: ObjectRules = options.skipRules
            ? {}
            : this.org.rules(object.name);
        this.org.store.atomic(() => {
            rules.beforeUpdate?.(this.org, next, previous);
            this.checkRequired(object, next);
            this.org.store.update(object.name, String(previous.Id), next);
            rules.afterUpdate?.(this.org, next, previous);
        });
    }

    delete(
        type: string | undefined,
        id: string,
        options: DmlOptions = {}
    ): void {
        const found = this.org.lookup(id);
        const object = type
            ? this.object(type)
            : (found?.object ?? this.org.schema.objectForId(to18(id) ?? ''));
        if (!object) {
            throw this.missing(id);
        }
        this.refuseNotEmulated(object, 'delete', options);
        if (!object.deletable && !options.system) {
            throw new DmlError(
                'INVALID_TYPE_FOR_OPERATION',
                `entity type cannot be deleted: ${object.label}`
            );
        }
        const record = this.existing(object, id);
        this.org.store.atomic(() =>
            this.cascade(object, record, options.skipRules ?? false)
        );
    }

    /** The live record or the error Salesforce gives for a deleted / unknown / bad id. */
    existing(object: ObjectDef, id: string): SObjectRecord {
        const id18 = to18(id);
        if (!id18) {
            throw new DmlError('MALFORMED_ID', `malformed id ${id}`);
        }
        const record = this.org.store.get(object.name, id18);
        if (record) {
            return record;
        }
        throw this.missing(id18, object);
    }

    private missing(id: string, object?: ObjectDef): DmlError {
        const id18 = to18(id);
        if (!id18) {
            return new DmlError('MALFORMED_ID', `malformed id ${id}`);
        }
        if (object && this.org.store.getDeleted(object.name, id18)) {
            return new DmlError('ENTITY_IS_DELETED', 'entity is deleted');
        }
        return new DmlError(
            'INVALID_CROSS_REFERENCE_KEY',
            'invalid cross reference id'
        );
    }

    private cascade(
        object: ObjectDef,
        record: SObjectRecord,
        skipRules: boolean
    ): void {
        const id = String(record.Id);
        const rules: ObjectRules = skipRules ? {} : this.org.rules(object.name);
        rules.beforeDelete?.(this.org, record);
        this.org.store.remove(object.name, id, object.recycleBin);
        for (const { child, field } of this.org.schema.referencesTo(object)) {
            for (const row of this.org.store.rows(child.name)) {
                if (row[field.name] !== id) {
                    continue;
                }
                if (field.cascadeDelete) {
                    this.cascade(child, row, skipRules);
                } else {
                    this.org.store.update(child.name, String(row.Id), {
                        [field.name]: null
                    });
                }
            }
        }
        rules.afterDelete?.(this.org, record);
    }

    private values(
        object: ObjectDef,
        input: Record<string, unknown>,
        operation: 'create' | 'update',
        options: DmlOptions
    ): SObjectRecord {
        const values: SObjectRecord = {};
        for (const [key, raw] of Object.entries(input)) {
            const isId = key.toLowerCase() === 'id';
            if (
                key === 'attributes' ||
                (isId && (operation === 'update' || options.system))
            ) {
                continue;
            }
            const definition = this.org.schema.field(object, key);
            if (!definition) {
                throw noSuchColumn(key, object.name);
            }
            const writable =
                operation === 'create'
                    ? definition.createable
                    : definition.updateable;
            if (!writable && !options.system) {
                throw notWritable(definition.name);
            }
            let value = coerce(definition, raw, options.fromCsv);
            if (definition.type === 'reference' && value !== null) {
                value = this.reference(definition, String(value));
            }
            values[definition.name] = value;
        }
        return values;
    }

    private reference(definition: FieldDef, value: string): FieldValue {
        const id18 = isId(value) ? to18(value) : undefined;
        if (!id18) {
            throw new DmlError(
                'MALFORMED_ID',
                `${definition.label}: id value of incorrect type: ${value}`,
                [definition.name]
            );
        }
        const target = this.org.schema.objectForId(id18);
        if (!target || !(definition.referenceTo ?? []).includes(target.name)) {
            throw new DmlError(
                'FIELD_INTEGRITY_EXCEPTION',
                `${definition.label}: id value of incorrect type: ${value}`,
                [definition.name]
            );
        }
        if (!this.org.store.get(target.name, id18)) {
            throw new DmlError(
                'INVALID_CROSS_REFERENCE_KEY',
                `invalid cross reference id`,
                [definition.name]
            );
        }
        return id18;
    }

    private checkRequired(
        object: ObjectDef,
        record: SObjectRecord,
        creating = false
    ): void {
        const missing = object.fields
            .filter(
                (definition) =>
                    !definition.nillable &&
                    !(creating && definition.defaultedOnCreate) &&
                    !definition.system &&
                    !definition.calculated &&
                    (definition.createable || definition.updateable) &&
                    (record[definition.name] === null ||
                        record[definition.name] === '')
            )
            .map((definition) => definition.name);
        if (missing.length > 0) {
            throw new DmlError(
                'REQUIRED_FIELD_MISSING',
                `Required fields are missing: [${missing.join(', ')}]`,
                missing
            );
        }
    }
}
