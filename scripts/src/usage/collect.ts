import type { OrgClient } from '../org/client';
import { aggregateCsv } from './aggregate';
import { indexColumns } from './columns';
import { defaultStore } from './import';
import { addSources, eventLogSourceId, readManifest } from './store';

/**
 * collect: every ApiTotalUsage event log file the org holds that the store does not, streamed into
 * the store. EventLogFile (Object Reference, "EventLogFile"): EventType, LogDate, Interval (Daily or
 * Hourly) and Sequence (API 37.0+), LogFileFieldNames (the file's columns, checked before the
 * download), LogFileLength; the content is the LogFile blob, read as a stream from
 * /sobjects/EventLogFile/<Id>/LogFile. The free copy lives one day, hence a daily schedule.
 */

interface EventLogFileRow {
    Id: string;
    LogDate: string;
    Interval: string | null;
    Sequence: number | null;
    LogFileLength: number | null;
    LogFileFieldNames: string | null;
}

export const EVENT_LOG_FILE_QUERY =
    'SELECT Id, EventType, LogDate, Interval, Sequence, LogFileLength, LogFileFieldNames ' +
    "FROM EventLogFile WHERE EventType = 'ApiTotalUsage' ORDER BY LogDate, Sequence";

export interface CollectedFile {
    id: string;
    logDate: string;
    interval: string;
    sequence: number | null;
    status: 'added' | 'stored' | 'failed';
    rows?: number;
    error?: string;
}

export interface CollectResult {
    organizationId: string;
    store: string;
    files: CollectedFile[];
    apiCalls: number;
}

export async function collect(
    client: OrgClient,
    options: { store?: string } = {}
): Promise<CollectResult> {
    const start = client.calls;
    const [organization] = await client.query<{ Id: string }>(
        'SELECT Id FROM Organization'
    );
    const organizationId = (organization?.Id ?? '').slice(0, 15);
    const store = options.store ?? defaultStore(organizationId);
    const rows = await client.query<EventLogFileRow>(EVENT_LOG_FILE_QUERY);
    const files: CollectedFile[] = [];
    for (const row of rows) {
        const id = eventLogSourceId(row.Id);
        const interval = row.Interval ?? 'Daily';
        const entry: CollectedFile = {
            id: row.Id,
            logDate: row.LogDate,
            interval,
            sequence: row.Sequence,
            status: 'stored'
        };
        files.push(entry);
        if (readManifest(store).sources[id]) {
            continue;
        }
        const name = `EventLogFile ${row.Id} (${interval}${row.Sequence !== null ? `, sequence ${row.Sequence}` : ''}, ${row.LogDate})`;
        try {
            if (row.LogFileFieldNames) {
                indexColumns(row.LogFileFieldNames.split(','), name);
            }
            const stream = await client.stream(
                `${client.base}/sobjects/EventLogFile/${row.Id}/LogFile`
            );
            const data = await aggregateCsv(stream, name);
            addSources(store, [
                {
                    id,
                    info: {
                        kind: 'eventLogFile',
                        name,
                        group: `elf-${interval}`
                    },
                    data
                }
            ]);
            entry.status = 'added';
            entry.rows = data.rows;
        } catch (error) {
            entry.status = 'failed';
            entry.error = (error as Error).message;
        }
    }
    return {
        organizationId,
        store,
        files,
        apiCalls: client.calls - start
    };
}
