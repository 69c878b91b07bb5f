// Runs a compiled query and shapes records as the REST API returns them: attributes,
// nested parent records (or null), child relationships as nested query results.

import type { JsonValue } from '../core/http';
import type { FieldValue, ObjectDef, SObjectRecord } from '../schema/types';
import {
    selectChildRows,
    selectRows,
    valueAt,
    type Column,
    type CompiledQuery,
    type FieldPath
} from './compile';

type JsonObject = { [key: string]: JsonValue | undefined };

export interface QueryResult {
    totalSize: number;
    records: JsonObject[];
}

export interface OutputOptions {
    /** "/services/data/v66.0" or "/services/data/v66.0/tooling" */
    sobjectsBase: string;
}

function attributes(
    options: OutputOptions,
    object: ObjectDef,
    id: FieldValue
): JsonObject {
    return {
        type: object.name,
        url: `${options.sobjectsBase}/sobjects/${object.name}/${String(id)}`
    };
}

function writePath(
    query: CompiledQuery,
    options: OutputOptions,
    out: JsonObject,
    row: SObjectRecord,
    path: FieldPath
): void {
    const { org } = query.context;
    let container = out;
    let record = row;
    let object = query.object;
    for (const step of path.steps) {
        const key = step.relationshipName ?? step.name;
        const id = record[step.name];
        const found = typeof id === 'string' ? org.lookup(id) : undefined;
        if (!found) {
            container[key] = null;
            return;
        }
        const existing = container[key];
        if (
            existing === null ||
            existing === undefined ||
            typeof existing !== 'object' ||
            Array.isArray(existing)
        ) {
            container[key] = {
                attributes: attributes(
                    options,
                    found.object,
                    found.record.Id ?? null
                )
            };
        }
        container = container[key] as JsonObject;
        record = found.record;
        object = found.object;
    }
    const definition = org.schema.field(object, path.field.name);
    const value = definition
        ? org.value(object, record, definition.name)
        : null;
    // A blob field answers the URL of its content (REST API Developer Guide, "Get Blob Data"),
    // never the content itself.
    container[definition?.name ?? path.field.name] =
        definition?.type === 'base64' &&
        typeof value === 'string' &&
        !value.startsWith('/services/')
            ? `${options.sobjectsBase}/sobjects/${object.name}/${String(record.Id)}/${definition.name}`
            : value;
}

type SubqueryColumn = Extract<Column, { kind: 'subquery' }>;

/**
 * Child rows by parent id, computed once per query response (options is created per runQuery
 * call) and per subquery column: a query over 10,000 parents scans the child table once.
 */
const childIndexes = new WeakMap<
    OutputOptions,
    Map<SubqueryColumn, Map<string, SObjectRecord[]>>
>();

function childIndex(
    options: OutputOptions,
    column: SubqueryColumn
): Map<string, SObjectRecord[]> {
    let perColumn = childIndexes.get(options);
    if (!perColumn) {
        perColumn = new Map();
        childIndexes.set(options, perColumn);
    }
    let index = perColumn.get(column);
    if (!index) {
        index = selectChildRows(column.query, column.relationship.field);
        perColumn.set(column, index);
    }
    return index;
}

function writeColumn(
    query: CompiledQuery,
    options: OutputOptions,
    out: JsonObject,
    row: SObjectRecord,
    column: Column
): void {
    switch (column.kind) {
        case 'field':
            writePath(query, options, out, row, column.path);
            break;
        case 'virtual':
            out[column.field.name] = column.field.get(row);
            break;
        case 'subquery': {
            const children =
                childIndex(options, column).get(String(row.Id)) ?? [];
            out[column.relationship.relationshipName] =
                children.length === 0
                    ? null
                    : {
                          totalSize: children.length,
                          done: true,
                          records: children.map((child) =>
                              shapeRecord(column.query, options, child)
                          )
                      };
            break;
        }
        default:
            break;
    }
}

export function shapeRecord(
    query: CompiledQuery,
    options: OutputOptions,
    row: SObjectRecord
): JsonObject {
    const out: JsonObject = {
        attributes: attributes(options, query.object, row.Id ?? null)
    };
    for (const column of query.columns) {
        writeColumn(query, options, out, row, column);
    }
    return out;
}

function aggregateValue(
    query: CompiledQuery,
    fn: string,
    path: FieldPath | undefined,
    rows: SObjectRecord[]
): JsonValue {
    const { org } = query.context;
    const values = path
        ? rows
              .map((row) => valueAt(org, query.object, row, path))
              .filter((value) => value !== null)
        : rows.map(() => 1);
    switch (fn) {
        case 'COUNT':
            return values.length;
        case 'COUNT_DISTINCT':
            return new Set(
                values.map((value) =>
                    typeof value === 'string' ? value.toLowerCase() : value
                )
            ).size;
        case 'SUM':
            return values.length === 0
                ? null
                : values.reduce<number>((sum, value) => sum + Number(value), 0);
        case 'AVG':
            return values.length === 0
                ? null
                : values.reduce<number>(
                      (sum, value) => sum + Number(value),
                      0
                  ) / values.length;
        default: {
            if (values.length === 0) {
                return null;
            }
            const sorted = [...values].sort((a, b) =>
                a < b ? -1 : a > b ? 1 : 0
            );
            return (
                (fn === 'MIN' ? sorted[0] : sorted[sorted.length - 1]) ?? null
            );
        }
    }
}

function aggregateRecords(
    query: CompiledQuery,
    rows: SObjectRecord[]
): JsonObject[] {
    const { org } = query.context;
    const groups = new Map<string, SObjectRecord[]>();
    for (const row of rows) {
        const key = JSON.stringify(
            query.groupBy.map((path) => valueAt(org, query.object, row, path))
        );
        groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    if (query.groupBy.length === 0 && groups.size === 0) {
        groups.set('[]', []);
    }
    const records: JsonObject[] = [];
    for (const members of groups.values()) {
        const out: JsonObject = { attributes: { type: 'AggregateResult' } };
        for (const column of query.columns) {
            if (column.kind === 'aggregate') {
                out[column.alias] = aggregateValue(
                    query,
                    column.fn,
                    column.path,
                    members
                );
            } else if (column.kind === 'field') {
                const first = members[0];
                out[column.alias ?? column.path.field.name] = first
                    ? valueAt(org, query.object, first, column.path)
                    : null;
            }
        }
        records.push(out);
    }
    const start = query.offset ?? 0;
    return records.slice(
        start,
        query.limit === undefined ? undefined : start + query.limit
    );
}

export function runQuery(
    query: CompiledQuery,
    options: OutputOptions
): QueryResult {
    const rows = selectRows(query);
    if (query.countOnly) {
        return { totalSize: rows.length, records: [] };
    }
    if (query.aggregate) {
        const records = aggregateRecords(query, rows);
        return { totalSize: records.length, records };
    }
    return {
        totalSize: rows.length,
        records: rows.map((row) => shapeRecord(query, options, row))
    };
}
