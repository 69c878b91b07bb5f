import type { Connection } from '@jsforce/jsforce-node';

/**
 * One Bulk API 2.0 ingest job (Bulk API 2.0 Developer Guide: create, upload, UploadComplete, poll,
 * results) that `signal` can stop between steps: the job is then set to Aborted ("Close or Abort
 * a Job"; an org refuses to abort a job that already finished, which leaves nothing to stop), and
 * the caller re-reads the org for what was written (issue 20, item 5).
 */
export interface BulkOutcome {
    successful: number;
    failed: Record<string, string>[];
    aborted: boolean;
}

const POLL_MS = 1000;
const TIMEOUT_MS = 10 * 60 * 1000;
const DONE = new Set(['JobComplete', 'Failed', 'Aborted']);

/** Resolves after `ms`, or as soon as the signal aborts. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener(
            'abort',
            () => {
                clearTimeout(timer);
                resolve();
            },
            { once: true }
        );
    });
}

/** Only the org layer calls this (`OrgClient.bulkInsert`): it holds jsforce's connection. */
export async function runBulkInsert(
    connection: Connection,
    object: string,
    rows: Record<string, string>[],
    signal: AbortSignal | undefined
): Promise<BulkOutcome> {
    const job = connection.bulk2.createJob({
        object,
        operation: 'insert'
    });
    const stopped = async (): Promise<BulkOutcome> => {
        await job.abort().catch(() => undefined);
        return { successful: 0, failed: [], aborted: true };
    };
    if (signal?.aborted) {
        return { successful: 0, failed: [], aborted: true };
    }
    await job.open();
    if (signal?.aborted) return stopped();
    await job.uploadData(rows);
    if (signal?.aborted) return stopped();
    await job.close();
    const started = Date.now();
    for (;;) {
        const info = await job.check();
        if (DONE.has(String(info.state))) {
            if (info.state !== 'JobComplete') {
                throw new Error(
                    `Bulk API 2.0 job ${job.id} on ${object} ended ${String(info.state)}: ${String(info.errorMessage ?? '')}`
                );
            }
            break;
        }
        if (signal?.aborted) return stopped();
        if (Date.now() - started > TIMEOUT_MS) {
            throw new Error(
                `Bulk API 2.0 job ${job.id} on ${object} still ${String(info.state)} after ${TIMEOUT_MS / 60000} minutes; check it in Setup, Bulk Data Load Jobs, then run assign again`
            );
        }
        await pause(POLL_MS, signal);
    }
    const results = await job.getAllResults();
    return {
        successful: results.successfulResults.length,
        failed: results.failedResults as unknown as Record<string, string>[],
        aborted: false
    };
}
