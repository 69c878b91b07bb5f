// The emulated org: schema, records, DML with Salesforce's rules, and the few things
// that are not records (profile login restrictions, passwords).

import { IdFactory, to18 } from '../core/ids';
import { SchemaRegistry } from '../schema/registry';
import type { FieldValue, ObjectDef, SObjectRecord } from '../schema/types';
import { derivedValues } from './derived';
import type { OauthClient } from './oauth-clients';
import { Dml } from './dml';
import { objectRules, type ObjectRules } from './rules';
import { Store } from './store';

export interface LoginIpRange {
    startAddress: string;
    endAddress: string;
    description?: string;
}

/** Profile settings the Tooling API returns in Profile.Metadata. */
export interface ProfileMetadata {
    loginIpRanges: LoginIpRange[];
    /** e.g. { mondayStart: 480, mondayEnd: 1080 } (minutes after midnight), or null. */
    loginHours: Record<string, number> | null;
}

export interface PasswordState {
    value: string | null;
    expired: boolean;
}

export class Org {
    readonly schema = new SchemaRegistry();
    readonly store = new Store();
    readonly ids = new IdFactory();
    readonly dml: Dml;
    readonly profileMetadata = new Map<string, ProfileMetadata>();
    readonly passwords = new Map<string, PasswordState>();
    /** OAuth apps' token-endpoint settings, by app API name (org/oauth-clients.ts). */
    readonly oauthClients = new Map<string, OauthClient>();
    /** Usernames taken in other orgs: Salesforce usernames are unique across all orgs. */
    readonly usernamesInOtherOrgs = new Set<string>();
    /** Problems met while loading metadata that a deploy would also report. */
    readonly warnings: string[] = [];
    organizationId = '';
    adminUserId = '';
    private nextCaseNumber = 1001;

    constructor(readonly clock: () => Date = () => new Date()) {
        this.dml = new Dml(this);
    }

    rules(objectName: string): ObjectRules {
        return objectRules[objectName] ?? {};
    }

    now(): Date {
        return this.clock();
    }

    takeCaseNumber(): string {
        return String(this.nextCaseNumber++).padStart(8, '0');
    }

    /** The live record with this 15- or 18-character id, with its object. */
    lookup(
        id: string
    ): { object: ObjectDef; record: SObjectRecord } | undefined {
        const id18 = to18(id);
        const object = id18 ? this.schema.objectForId(id18) : undefined;
        const record =
            object && id18 ? this.store.get(object.name, id18) : undefined;
        return object && record ? { object, record } : undefined;
    }

    get(objectName: string, id: string): SObjectRecord | undefined {
        const id18 = to18(id);
        return id18
            ? this.store.get(this.schema.require(objectName).name, id18)
            : undefined;
    }

    rows(objectName: string, includeDeleted = false): SObjectRecord[] {
        return this.store.rows(
            this.schema.require(objectName).name,
            includeDeleted
        );
    }

    find(
        objectName: string,
        predicate: (record: SObjectRecord) => boolean
    ): SObjectRecord[] {
        return this.rows(objectName).filter(predicate);
    }

    first(
        objectName: string,
        predicate: (record: SObjectRecord) => boolean
    ): SObjectRecord | undefined {
        return this.rows(objectName).find(predicate);
    }

    /** A record as the API shows it: stored values plus calculated fields. */
    view(object: ObjectDef, record: SObjectRecord): SObjectRecord {
        return { ...record, ...derivedValues(this, object, record) };
    }

    value(
        object: ObjectDef,
        record: SObjectRecord,
        fieldName: string
    ): FieldValue {
        const definition = this.schema.field(object, fieldName);
        if (!definition) {
            return null;
        }
        if (definition.calculated) {
            return this.view(object, record)[definition.name] ?? null;
        }
        return record[definition.name] ?? null;
    }
}
