// The ApiTotalUsage event log: one row per Platform REST and Bulk API request, kept by UTC day
// and written, when the day is closed, as one daily EventLogFile (EventType 'ApiTotalUsage',
// Interval 'Daily') whose LogFile is a CSV.
//
// Sources: Object Reference, "EventLogFile Supported Event Types" › "API Total Usage" (the
// columns: API_FAMILY REST, SOAP, Bulk or ApexREST; API_RESOURCE such as
// /v21.0/sobjects/Account/001xx000003DGQW; API_VERSION; CLIENT_IP; CLIENT_NAME;
// CONNECTED_APP_ID; COUNTS_AGAINST_API_LIMIT; ENTITY_NAME; EVENT_TYPE, always ApiTotalUsage;
// HTTP_METHOD; ORGANIZATION_ID and USER_ID, 15 characters; REQUEST_ID; TIMESTAMP;
// TIMESTAMP_DERIVED; USER_ID_DERIVED, 18 characters); Object Reference, "EventLogFile" ("In the
// event of a composite request, EventLogFile captures only the parent request"; LogFileFieldNames
// and LogFileFieldTypes give a file's schema; LogDate of a daily file covers 00:00 to 23:59 UTC);
// REST API Developer Guide, "Get Event Monitoring Content from a Record" (every CSV value
// quoted; TIMESTAMP as 20130728185606.020). A real org writes the daily file some hours after the
// day ends; the emulator writes it when told to (closeDay), an emulator-only operation.

import { randomBytes } from 'node:crypto';
import { writeCsv } from '../core/csv';
import { formatDateTime } from '../core/dates';
import { to18 } from '../core/ids';
import type { Org } from '../org/org';
import { EVENT_LOG_FILE } from '../schema/event-log';

export type ApiFamily = 'REST' | 'SOAP' | 'Bulk' | 'ApexREST';

export interface UsageRow {
    timestamp: Date;
    requestId: string;
    /** 15- or 18-character user id. */
    userId: string;
    appId: string | null;
    appName: string | null;
    family: ApiFamily;
    /** e.g. "/v66.0/sobjects/Case/500..."; for SOAP the call name ("describeSObjects"). */
    resource: string;
    /** "66.0" */
    version: string;
    method: string;
    /** The object the request names, or "". */
    entity: string;
    statusCode: number;
    countsAgainstLimit: boolean;
    clientIp: string;
    /** The Sforce-Call-Options client, or "". */
    clientName: string;
}

type Column = [name: string, type: string, value: (row: UsageRow) => string];

const id15 = (id: string | null): string => (id ? id.slice(0, 15) : '');

/** yyyyMMddHHmmss.SSS, UTC. */
function timestamp(date: Date): string {
    const iso = date.toISOString();
    return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}.${iso.slice(20, 23)}`;
}

function columns(org: Org): Column[] {
    return [
        ['EVENT_TYPE', 'String', () => 'ApiTotalUsage'],
        ['TIMESTAMP', 'String', (row) => timestamp(row.timestamp)],
        ['REQUEST_ID', 'String', (row) => row.requestId],
        ['ORGANIZATION_ID', 'Id', () => id15(org.organizationId)],
        ['USER_ID', 'Id', (row) => id15(row.userId)],
        ['API_FAMILY', 'String', (row) => row.family],
        ['API_VERSION', 'Number', (row) => row.version],
        ['API_RESOURCE', 'String', (row) => row.resource],
        ['CLIENT_NAME', 'String', (row) => row.clientName],
        ['HTTP_METHOD', 'String', (row) => row.method],
        ['CLIENT_IP', 'String', (row) => row.clientIp],
        [
            'COUNTS_AGAINST_API_LIMIT',
            'Boolean',
            (row) => (row.countsAgainstLimit ? '1' : '0')
        ],
        ['CONNECTED_APP_ID', 'Id', (row) => id15(row.appId)],
        ['CONNECTED_APP_NAME', 'String', (row) => row.appName ?? ''],
        ['ENTITY_NAME', 'String', (row) => row.entity],
        ['STATUS_CODE', 'Number', (row) => String(row.statusCode)],
        ['TIMESTAMP_DERIVED', 'DateTime', (row) => row.timestamp.toISOString()],
        ['USER_ID_DERIVED', 'Id', (row) => to18(row.userId) ?? row.userId]
    ];
}

/** A request id in the shape Salesforce logs them (letters and digits, 22 characters). */
export function newRequestId(): string {
    return randomBytes(24)
        .toString('base64')
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 22)
        .padEnd(22, '0');
}

export interface ClosedDay {
    /** The EventLogFile id, or null when the day had no requests (no file, as in an org). */
    id: string | null;
    /** "2026-04-01" */
    logDate: string;
    rows: number;
}

export class UsageLog {
    private readonly pending = new Map<string, UsageRow[]>();
    private readonly closed = new Map<string, ClosedDay>();
    private readonly files = new Map<string, string>();

    constructor(
        private readonly org: Org,
        private readonly latestVersion: string
    ) {}

    record(row: UsageRow): void {
        const day = row.timestamp.toISOString().slice(0, 10);
        if (this.closed.has(day)) {
            // The day's file is written: later rows of that day are not in it.
            return;
        }
        const rows = this.pending.get(day) ?? [];
        rows.push(row);
        this.pending.set(day, rows);
    }

    /** Rows recorded and not yet in a file, oldest first. */
    pendingRows(): UsageRow[] {
        return [...this.pending.values()].flat();
    }

    /**
     * Writes the day's ApiTotalUsage file (default: the org's current UTC day). Closing a day
     * again answers the same file.
     */
    closeDay(
        day: string = formatDateTime(this.org.now()).slice(0, 10)
    ): ClosedDay {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) {
            throw new Error(`closeDay: "${day}" is not a date (YYYY-MM-DD)`);
        }
        const done = this.closed.get(day);
        if (done) {
            return done;
        }
        const rows = this.pending.get(day) ?? [];
        this.pending.delete(day);
        let id: string | null = null;
        if (rows.length > 0) {
            const cols = columns(this.org);
            const csv = writeCsv([
                cols.map(([name]) => name),
                ...rows.map((row) => cols.map(([, , value]) => value(row)))
            ]);
            const keyPrefix = this.org.schema.require(EVENT_LOG_FILE).keyPrefix;
            id = this.org.ids.next(keyPrefix);
            this.org.dml.create(
                EVENT_LOG_FILE,
                {
                    Id: id,
                    EventType: 'ApiTotalUsage',
                    Interval: 'Daily',
                    LogDate: `${day}T00:00:00.000+0000`,
                    Sequence: 1,
                    ApiVersion: Number(this.latestVersion),
                    LogFile: `/services/data/v${this.latestVersion}/sobjects/${EVENT_LOG_FILE}/${id}/LogFile`,
                    LogFileContentType: 'CSV',
                    LogFileFieldNames: cols.map(([name]) => name).join(','),
                    LogFileFieldTypes: cols.map(([, type]) => type).join(','),
                    LogFileLength: Buffer.byteLength(csv, 'utf8')
                },
                { system: true, skipRules: true }
            );
            this.files.set(id, csv);
        }
        const result: ClosedDay = { id, logDate: day, rows: rows.length };
        this.closed.set(day, result);
        return result;
    }

    /** The CSV of a written file, by its 15- or 18-character id. */
    file(id: string): string | undefined {
        const id18 = to18(id);
        return id18 ? this.files.get(id18) : undefined;
    }
}
