// sObject resources: describeGlobal, describe, create, and get / update / delete by id.

import { ApiError, DmlError, jsonParserError, notFound } from '../core/errors';
import {
    isPlainObject,
    noContent,
    ok,
    parseJsonBody,
    type ApiRequest,
    type ApiResponse,
    type JsonValue
} from '../core/http';
import { isId, to18 } from '../core/ids';
import { describeGlobalEntry, describeObject } from '../schema/describe';
import type { ObjectDef } from '../schema/types';
import {
    isSalesforceStandardObject,
    objectNotEmulated
} from '../schema/salesforce-objects';
import { noSuchColumn } from '../soql/errors';
import { dataBase, type EmulatorState } from '../api/state';

export function objectFor(
    state: EmulatorState,
    request: ApiRequest
): ObjectDef {
    const name = request.params.type ?? '';
    const object = state.org.schema.object(name);
    if (!object) {
        throw isSalesforceStandardObject(name)
            ? objectNotEmulated(name, request.path)
            : notFound();
    }
    return object;
}

export function jsonObjectBody(request: ApiRequest): Record<string, unknown> {
    const body = parseJsonBody(request);
    if (!isPlainObject(body)) {
        throw jsonParserError(
            'Cannot deserialize instance of sObject from a non-object value'
        );
    }
    return body;
}

/** A path id that is not an id reads as an external id field name Salesforce cannot find. */
function recordId(request: ApiRequest): string {
    const raw = request.params.id ?? '';
    const id = isId(raw) ? to18(raw) : undefined;
    if (!id) {
        throw new ApiError(
            404,
            'NOT_FOUND',
            `Provided external ID field does not exist or is not accessible: ${raw}`
        );
    }
    return id;
}

/** DML errors about the addressed record become the REST API's 404s. */
function asResourceError(error: unknown): unknown {
    if (error instanceof DmlError) {
        if (
            error.errorCode === 'INVALID_CROSS_REFERENCE_KEY' &&
            (error.fields ?? []).length === 0
        ) {
            return notFound();
        }
        if (error.errorCode === 'ENTITY_IS_DELETED') {
            return new ApiError(404, 'ENTITY_IS_DELETED', 'entity is deleted');
        }
    }
    return error;
}

export async function describeGlobal(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const base = dataBase(request.version);
    return ok({
        encoding: 'UTF-8',
        maxBatchSize: 200,
        sobjects: state.org.schema
            .all()
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((object) => describeGlobalEntry(base, object))
    });
}

export async function sobjectBasics(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const object = objectFor(state, request);
    return ok({
        objectDescribe: describeGlobalEntry(dataBase(request.version), object),
        recentItems: []
    });
}

export async function describe(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const object = objectFor(state, request);
    return ok(
        describeObject(state.org.schema, dataBase(request.version), object)
    );
}

export async function createRecord(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const object = objectFor(state, request);
    const id = state.org.dml.create(object.name, jsonObjectBody(request));
    return {
        status: 201,
        headers: {
            Location: `${dataBase(request.version)}/sobjects/${object.name}/${id}`
        },
        json: { id, success: true, errors: [] }
    };
}

export function recordJson(
    state: EmulatorState,
    version: string,
    object: ObjectDef,
    id: string,
    fieldList: string | null
): { [key: string]: JsonValue } {
    const record = state.org.store.get(object.name, id);
    if (!record) {
        throw notFound();
    }
    const view = state.org.view(object, record);
    const names =
        fieldList === null || fieldList.trim() === ''
            ? object.fields.map((definition) => definition.name)
            : fieldList.split(',').map((name) => name.trim());
    const out: { [key: string]: JsonValue } = {
        attributes: {
            type: object.name,
            url: `${dataBase(version)}/sobjects/${object.name}/${id}`
        }
    };
    for (const name of names) {
        const definition = state.org.schema.field(object, name);
        if (!definition) {
            throw noSuchColumn(
                `SELECT ${names.join(', ')} FROM ${object.name}`,
                name,
                object.name
            );
        }
        out[definition.name] = view[definition.name] ?? null;
    }
    return out;
}

export async function getRecord(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const object = objectFor(state, request);
    return ok(
        recordJson(
            state,
            request.version,
            object,
            recordId(request),
            request.query.get('fields')
        )
    );
}

export async function updateRecord(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const object = objectFor(state, request);
    const id = recordId(request);
    const body = jsonObjectBody(request);
    try {
        state.org.dml.update(object.name, id, body);
    } catch (error) {
        throw asResourceError(error);
    }
    return noContent();
}

export async function deleteRecord(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const object = objectFor(state, request);
    const id = recordId(request);
    try {
        state.org.dml.delete(object.name, id);
    } catch (error) {
        throw asResourceError(error);
    }
    return noContent();
}
