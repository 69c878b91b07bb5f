// Query locators: results longer than one batch are kept and handed out batch by batch
// through nextRecordsUrl (".../query/0r8XXXXXXXXXXXXXXX-2000"). Salesforce Limits Quick
// Reference, "API Query Cursor Limits": "There isn't a limit on the number of open cursors"
// (since API 56.0) and results stay for 2 days; Help article 000384958: a query locator is
// 18 characters long and starts with 0r8. The emulator keeps every cursor while it runs.

import { ApiError } from '../core/errors';
import type { JsonValue } from '../core/http';
import type { IdFactory } from '../core/ids';

type JsonObject = { [key: string]: JsonValue | undefined };

interface Cursor {
    records: JsonObject[];
    batchSize: number;
    /** "/services/data/v66.0/query" */
    resource: string;
}

export interface QueryPage {
    totalSize: number;
    done: boolean;
    nextRecordsUrl?: string;
    records: JsonObject[];
}

export const DEFAULT_BATCH_SIZE = 2000;
const MIN_BATCH_SIZE = 200;
const LOCATOR_PREFIX = '0r8';

/** The batch size of a Sforce-Query-Options header ("batchSize=500"), within 200..2000. */
export function batchSizeFrom(header: string | undefined): number {
    const match = /batchSize\s*=\s*(\d+)/i.exec(header ?? '');
    if (!match) {
        return DEFAULT_BATCH_SIZE;
    }
    return Math.min(
        DEFAULT_BATCH_SIZE,
        Math.max(MIN_BATCH_SIZE, Number(match[1]))
    );
}

export class Cursors {
    private readonly cursors = new Map<string, Cursor>();

    constructor(private readonly ids: IdFactory) {}

    /** The first page, keeping the rest for nextRecordsUrl. */
    open(
        records: JsonObject[],
        batchSize: number,
        resource: string,
        totalSize = records.length
    ): QueryPage {
        if (records.length <= batchSize) {
            return { totalSize, done: true, records };
        }
        const locator = this.ids.next(LOCATOR_PREFIX);
        this.cursors.set(locator, { records, batchSize, resource });
        return this.page(locator, 0, totalSize);
    }

    /** The page for ".../query/<locator>-<position>". */
    next(resource: string, token: string): QueryPage {
        const match = /^([a-zA-Z0-9]{15,18})-(\d+)$/.exec(token);
        const cursor = match ? this.cursors.get(match[1] ?? '') : undefined;
        if (!match || !cursor || cursor.resource !== resource) {
            throw new ApiError(
                400,
                'INVALID_QUERY_LOCATOR',
                'invalid query locator'
            );
        }
        return this.page(
            match[1] ?? '',
            Number(match[2]),
            cursor.records.length
        );
    }

    private page(
        locator: string,
        position: number,
        totalSize: number
    ): QueryPage {
        const cursor = this.cursors.get(locator);
        if (!cursor || position > cursor.records.length) {
            throw new ApiError(
                400,
                'INVALID_QUERY_LOCATOR',
                'invalid query locator'
            );
        }
        const end = position + cursor.batchSize;
        const records = cursor.records.slice(position, end);
        if (end >= cursor.records.length) {
            return { totalSize, done: true, records };
        }
        return {
            totalSize,
            done: false,
            nextRecordsUrl: `${cursor.resource}/${locator}-${end}`,
            records
        };
    }
}
