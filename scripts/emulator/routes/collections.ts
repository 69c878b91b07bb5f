// sObject Collections (/composite/sobjects): create, update, delete up to 200 records,
// retrieve by ids; allOrNone; per-record results { id, success, errors }.

import {
    ApiError,
    DmlError,
    toRecordError,
    unableToLockRow,
    type RecordError
} from '../core/errors';
import {
    isPlainObject,
    ok,
    parseJsonBody,
    type ApiRequest,
    type ApiResponse,
    type JsonValue
} from '../core/http';
import { to18 } from '../core/ids';
import type { EmulatorState } from '../api/state';
import { objectFor, recordJson } from './sobjects';

const MAX_RECORDS = 200;

interface Outcome {
    id?: string;
    success: boolean;
    errors: RecordError[];
}

function tooMany(): ApiError {
    return new ApiError(
        400,
        'EXCEEDED_ID_LIMIT',
        `record limit reached. cannot submit more than ${MAX_RECORDS} records into this call`
    );
}

const ROLLED_BACK: RecordError = {
    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    message:
        'Record rolled back because not all records were valid and the request was using AllOrNone header',
    fields: []
};

function typeOf(record: Record<string, unknown>): string {
    const attributes = record.attributes;
    const type = isPlainObject(attributes) ? attributes.type : undefined;
    if (typeof type !== 'string' || type === '') {
        throw new DmlError('INVALID_TYPE', 'Must send a concrete entity type.');
    }
    return type;
}

/** Runs `work` per item; each failure is rolled back alone, or all of them with allOrNone. */
function runAll<T>(
    state: EmulatorState,
    request: ApiRequest,
    items: T[],
    allOrNone: boolean,
    work: (item: T) => string,
    idOf: (item: T) => string | undefined
): Outcome[] {
    const store = state.org.store;
    return store.atomic(() => {
        const start = store.savepoint();
        const outcomes: Outcome[] = items.map((item) => {
            const mark = store.savepoint();
            try {
                if (request.lockFault) {
                    throw unableToLockRow();
                }
                return { id: work(item), success: true, errors: [] };
            } catch (error) {
                store.rollbackTo(mark);
                const id = idOf(item);
                return {
                    ...(id ? { id } : {}),
                    success: false,
                    errors: [toRecordError(error)]
                };
            }
        });
        if (allOrNone && outcomes.some((outcome) => !outcome.success)) {
            store.rollbackTo(start);
            return outcomes.map((outcome, index) => {
                if (!outcome.success) {
                    return outcome;
                }
                const item = items[index];
                const id = item === undefined ? undefined : idOf(item);
                return {
                    ...(id ? { id } : {}),
                    success: false,
                    errors: [ROLLED_BACK]
                };
            });
        }
        return outcomes;
    });
}

function recordsBody(request: ApiRequest): {
    records: Record<string, unknown>[];
    allOrNone: boolean;
} {
    const body = parseJsonBody(request);
    if (!isPlainObject(body) || !Array.isArray(body.records)) {
        throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            'The request body must contain a records array'
        );
    }
    if (body.records.length > MAX_RECORDS) {
        throw tooMany();
    }
    const records = body.records.map((record) =>
        isPlainObject(record) ? record : {}
    );
    return { records, allOrNone: body.allOrNone === true };
}

function toJson(outcomes: Outcome[]): JsonValue {
    return outcomes.map((outcome) => ({
        ...(outcome.id !== undefined ? { id: outcome.id } : {}),
        success: outcome.success,
        errors: outcome.errors.map((error) => ({ ...error }))
    }));
}

export async function createMany(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const { records, allOrNone } = recordsBody(request);
    const outcomes = runAll(
        state,
        request,
        records,
        allOrNone,
        (record) => {
            const { attributes: _attributes, ...values } = record;
            return state.org.dml.create(typeOf(record), values);
        },
        () => undefined
    );
    return ok(toJson(outcomes));
}

export async function updateMany(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const { records, allOrNone } = recordsBody(request);
    const outcomes = runAll(
        state,
        request,
        records,
        allOrNone,
        (record) => {
            const idKey =
                Object.keys(record).find((key) => key.toLowerCase() === 'id') ??
                'Id';
            const { attributes: _attributes, [idKey]: Id, ...values } = record;
            if (typeof Id !== 'string' || Id === '') {
                throw new DmlError(
                    'MISSING_ARGUMENT',
                    'Id not specified in an update call'
                );
            }
            const id = to18(Id);
            if (!id) {
                throw new DmlError('MALFORMED_ID', `malformed id ${Id}`);
            }
            state.org.dml.update(typeOf(record), id, values);
            return id;
        },
        (record) => {
            const id = Object.entries(record).find(
                ([key]) => key.toLowerCase() === 'id'
            )?.[1];
            return typeof id === 'string' ? (to18(id) ?? id) : undefined;
        }
    );
    return ok(toJson(outcomes));
}

export async function deleteMany(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const ids = (request.query.get('ids') ?? '')
        .split(',')
        .filter((id) => id !== '');
    if (ids.length > MAX_RECORDS) {
        throw tooMany();
    }
    const allOrNone = request.query.get('allOrNone') === 'true';
    const outcomes = runAll(
        state,
        request,
        ids,
        allOrNone,
        (id) => {
            const id18 = to18(id);
            if (!id18) {
                throw new DmlError('MALFORMED_ID', `malformed id ${id}`);
            }
            state.org.dml.delete(undefined, id18);
            return id18;
        },
        (id) => to18(id) ?? id
    );
    return ok(toJson(outcomes));
}

/** GET ?ids=&fields= or POST { ids, fields }: the records in order, null where missing. */
export async function retrieveMany(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const object = objectFor(state, request);
    let ids: string[];
    let fields: string;
    if (request.method === 'POST') {
        const body = parseJsonBody(request);
        if (
            !isPlainObject(body) ||
            !Array.isArray(body.ids) ||
            !Array.isArray(body.fields)
        ) {
            throw new ApiError(
                400,
                'JSON_PARSER_ERROR',
                'The request body must contain ids and fields arrays'
            );
        }
        ids = body.ids.map(String);
        fields = body.fields.map(String).join(',');
    } else {
        ids = (request.query.get('ids') ?? '')
            .split(',')
            .filter((id) => id !== '');
        fields = request.query.get('fields') ?? '';
    }
    if (ids.length > 2000) {
        throw tooMany();
    }
    return ok(
        ids.map((id) => {
            const id18 = to18(id);
            return id18 && state.org.store.get(object.name, id18)
                ? recordJson(state, request.version, object, id18, fields)
                : null;
        })
    );
}
