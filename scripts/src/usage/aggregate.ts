import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { classify } from './classify';
import {
    EVENT_TYPE,
    NotApiTotalUsageError,
    id15,
    indexColumns,
    isoTimestamp,
    type ColumnIndex
} from './columns';

/**
 * Streams one ApiTotalUsage CSV (RFC 4180, csv-parse) into per-day counts: memory holds one row at a
 * time plus one cell per distinct (user, app, family, object, verb) a day, never the file.
 */

/** Count, first and last time seen (ISO 8601, UTC). */
export interface Cell {
    count: number;
    first: string;
    last: string;
}

/** Key parts joined with U+001F (never in ids, names or resources). */
export const SEP = '\u001f';

export interface DayAggregate {
    rows: number;
    /** UTC hours (0-23) with at least one row: what the day's sources cover. */
    hours: Set<number>;
    /** user15, appId, appName, family, object, verb → cell. */
    usage: Map<string, Cell>;
    /** user15, appId, appName, family, blind spot → cell. */
    blind: Map<string, Cell>;
}

export interface FileAggregate {
    rows: number;
    sha256: string;
    days: Map<string, DayAggregate>;
    organizationIds: Set<string>;
}

function bump(map: Map<string, Cell>, key: string, at: string): void {
    const cell = map.get(key);
    if (!cell) {
        map.set(key, { count: 1, first: at, last: at });
        return;
    }
    cell.count++;
    if (at < cell.first) cell.first = at;
    if (at > cell.last) cell.last = at;
}

const at = (row: string[], i: number): string => (i >= 0 ? (row[i] ?? '') : '');

/** Reads the CSV stream to its end; throws NotApiTotalUsageError naming the file and line. */
export async function aggregateCsv(
    input: Readable,
    file: string
): Promise<FileAggregate> {
    const hash = createHash('sha256');
    input.on('data', (chunk: Buffer) => hash.update(chunk));
    const parser = input.pipe(
        parse({ bom: true, relax_column_count: true, skip_empty_lines: true })
    );
    input.on('error', (error) => parser.destroy(error));
    const result: FileAggregate = {
        rows: 0,
        sha256: '',
        days: new Map(),
        organizationIds: new Set()
    };
    let columns: ColumnIndex | undefined;
    let records = 0;
    let day = '';
    let aggregate: DayAggregate | undefined;
    let lastOrganization = '';
    const refuse = (why: string): never => {
        throw new NotApiTotalUsageError(
            `${file}: record ${records} (the header is record 1): ${why}`
        );
    };
    for await (const record of parser) {
        const row = record as string[];
        records++;
        if (!columns) {
            columns = indexColumns(row, file);
            continue;
        }
        const eventType = at(row, columns.eventType);
        if (columns.eventType >= 0 && eventType !== EVENT_TYPE) {
            refuse(
                `EVENT_TYPE is "${eventType}", not ${EVENT_TYPE}: not an ApiTotalUsage event log file`
            );
        }
        const time = isoTimestamp(
            at(row, columns.timestampDerived),
            at(row, columns.timestamp)
        );
        if (!time) refuse('no TIMESTAMP_DERIVED or TIMESTAMP value');
        const userRaw =
            at(row, columns.userIdDerived) || at(row, columns.userId);
        if (!userRaw) refuse('no USER_ID or USER_ID_DERIVED value');
        const when = time as string;
        // Log rows come in time order: the day and the org id change rarely, so they are
        // compared before anything is allocated or looked up.
        if (!aggregate || !when.startsWith(day)) {
            day = when.slice(0, 10);
            aggregate = result.days.get(day);
            if (!aggregate) {
                aggregate = {
                    rows: 0,
                    hours: new Set(),
                    usage: new Map(),
                    blind: new Map()
                };
                result.days.set(day, aggregate);
            }
        }
        aggregate.rows++;
        aggregate.hours.add(
            (when.charCodeAt(11) - 48) * 10 + when.charCodeAt(12) - 48
        );
        result.rows++;
        const organization = at(row, columns.organization);
        if (organization !== lastOrganization) {
            lastOrganization = organization;
            if (organization) result.organizationIds.add(id15(organization));
        }
        const family = at(row, columns.family);
        const prefix =
            id15(userRaw) +
            SEP +
            at(row, columns.appId) +
            SEP +
            at(row, columns.appName) +
            SEP +
            family +
            SEP;
        const shown = classify(
            family,
            at(row, columns.method),
            at(row, columns.resource),
            at(row, columns.entity)
        );
        if (shown.kind === 'blind') {
            bump(aggregate.blind, prefix + shown.reason, when);
        } else {
            for (const object of shown.objects) {
                bump(aggregate.usage, prefix + object + SEP + shown.verb, when);
            }
        }
    }
    if (!columns) {
        throw new NotApiTotalUsageError(
            `${file}: empty: not an ApiTotalUsage event log file (no header row)`
        );
    }
    result.sha256 = hash.digest('hex');
    return result;
}
