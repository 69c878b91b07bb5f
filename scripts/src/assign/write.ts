import type { OrgClient, Reconciler, SaveResult } from '../org/client';
import { inList } from '../org/soql';
import type {
    AssignOptions,
    AssignReport,
    PlannedRecord,
    Renewal
} from './types';

// Writing the plan: sObject Collections (200 a call) or Bulk API 2.0, renewals by PATCH; a lost
// answer reconciled by re-reading the chunk.

function parseBulkError(text: string): { errorCode: string; message: string } {
    const index = text.indexOf(':');
    return index > 0
        ? { errorCode: text.slice(0, index), message: text.slice(index + 1) }
        : { errorCode: 'UNKNOWN', message: text };
}

/**
 * After a lost answer: which of these assignment records exist now (their ids, in order). One
 * query for up to 200 records (one sObject Collections chunk).
 */
function assignmentReconciler(
    client: OrgClient,
    sobject: PlannedRecord['sobject']
): Reconciler {
    return async (records) => {
        const targetField =
            sobject === 'PermissionSetLicenseAssign'
                ? ['PermissionSetLicenseId']
                : ['PermissionSetId', 'PermissionSetGroupId'];
        const assignees = [
            ...new Set(records.map((record) => String(record.AssigneeId)))
        ];
        const targetIds = [
            ...new Set(
                records.flatMap((record) =>
                    targetField
                        .map((field) => record[field])
                        .filter((id): id is string => typeof id === 'string')
                )
            )
        ];
        const rows = await client.query<Record<string, string | null>>(
            `SELECT Id, AssigneeId, ${targetField.join(', ')} FROM ${sobject} ` +
                `WHERE AssigneeId IN ${inList(assignees)} AND (${targetField
                    .map((field) => `${field} IN ${inList(targetIds)}`)
                    .join(' OR ')})`
        );
        const byKey = new Map<string, string>();
        for (const row of rows) {
            for (const field of targetField) {
                if (row[field]) {
                    byKey.set(
                        `${row.AssigneeId}:${row[field]}`,
                        String(row.Id)
                    );
                }
            }
        }
        return records.map((record) => {
            const target = targetField
                .map((field) => record[field])
                .find((id) => typeof id === 'string');
            return byKey.get(`${String(record.AssigneeId)}:${String(target)}`);
        });
    };
}

/** Which of these planned records exist in the org now (their ids), 200 a query. */
async function existing(
    client: OrgClient,
    sobject: PlannedRecord['sobject'],
    records: PlannedRecord[]
): Promise<(string | undefined)[]> {
    const reconcile = assignmentReconciler(client, sobject);
    const ids: (string | undefined)[] = [];
    for (let i = 0; i < records.length; i += 200) {
        ids.push(
            ...(await reconcile(
                records.slice(i, i + 200).map((record) => record.fields)
            ))
        );
    }
    return ids;
}

/** After an interrupted job: what of the batch the org holds is counted as created. */
async function settleByReading(
    client: OrgClient,
    sobject: PlannedRecord['sobject'],
    batch: PlannedRecord[],
    report: AssignReport
): Promise<void> {
    const present = await existing(client, sobject, batch);
    report.created += present.filter((id) => id !== undefined).length;
}

/** Creates the planned records, licences first, and counts the outcome into the report. */
export async function writeAssignments(
    client: OrgClient,
    planned: PlannedRecord[],
    report: AssignReport,
    options: AssignOptions
): Promise<void> {
    // Licences first: a permission set may need the licence the same run assigns.
    for (const sobject of [
        'PermissionSetLicenseAssign',
        'PermissionSetAssignment'
    ] as const) {
        const batch = planned.filter((record) => record.sobject === sobject);
        if (batch.length === 0) {
            continue;
        }
        if (report.mode === 'bulk') {
            options.onProgress?.(
                `${sobject}: sending ${batch.length} records in a Bulk API 2.0 job`
            );
            const outcome = await client.bulkInsert(
                sobject,
                batch.map((record) => record.fields),
                options.signal
            );
            if (outcome.aborted) {
                // Interrupted: count what the org holds now, never what the job was asked.
                report.interrupted = true;
                await settleByReading(client, sobject, batch, report);
                options.onProgress?.(
                    `${sobject}: interrupted; the Bulk API 2.0 job was aborted`
                );
                return;
            }
            report.created += outcome.successful;
            options.onProgress?.(
                `${sobject}: ${outcome.successful}/${batch.length} written (Bulk API 2.0)`
            );
            const byKey = new Map(
                batch.map((record) => [
                    Object.values(record.fields).join(':'),
                    record
                ])
            );
            const failures: {
                record: PlannedRecord;
                errorCode: string;
                message: string;
            }[] = [];
            for (const row of outcome.failed) {
                const key = Object.keys(batch[0]?.fields ?? {})
                    .map((field) => row[field] ?? '')
                    .join(':');
                const record = byKey.get(key);
                const { errorCode, message } = parseBulkError(
                    row.sf__Error ?? ''
                );
                if (record) {
                    failures.push({ record, errorCode, message });
                } else {
                    report.failed.push({
                        username: key,
                        target: sobject,
                        errorCode,
                        message
                    });
                }
            }
            // As the collections path does: a record another run wrote meanwhile
            // (DUPLICATE_VALUE, or any failure whose assignment now exists) is unchanged, not a
            // failure; the org is re-read to tell.
            const present = await existing(
                client,
                sobject,
                failures.map((f) => f.record)
            );
            failures.forEach((failure, index) => {
                if (present[index] !== undefined) {
                    report.alreadyAssigned++;
                } else {
                    report.failed.push({
                        username: failure.record.username,
                        target: failure.record.target,
                        errorCode: failure.errorCode,
                        message: failure.message
                    });
                }
            });
        } else {
            const results: SaveResult[] = await client.createMany(
                sobject,
                batch.map((record) => record.fields),
                (done, total) =>
                    options.onProgress?.(
                        `${sobject}: ${done}/${total} written`
                    ),
                assignmentReconciler(client, sobject)
            );
            results.forEach((result, index) => {
                const record = batch[index];
                const [error] = result.errors;
                if (result.success) {
                    report.created++;
                    if (result.reconciled) {
                        report.reconciled++;
                    }
                } else if (error?.statusCode === 'DUPLICATE_VALUE') {
                    // Assigned meanwhile by someone else: the goal holds, nothing is duplicated.
                    report.alreadyAssigned++;
                } else if (record) {
                    report.failed.push({
                        username: record.username,
                        target: record.target,
                        errorCode: error?.statusCode ?? 'UNKNOWN',
                        message: error?.message ?? ''
                    });
                }
            });
        }
    }
}

/** Clears ExpirationDate on expired assignments: renewed in place, no duplicate row. */
export async function renewAssignments(
    client: OrgClient,
    renewals: Renewal[],
    report: AssignReport,
    options: AssignOptions
): Promise<void> {
    if (renewals.length === 0) {
        return;
    }
    const results = await client.updateMany(
        'PermissionSetAssignment',
        renewals.map(({ Id }) => ({ Id, ExpirationDate: null }))
    );
    results.forEach((result, index) => {
        const renewal = renewals[index];
        const [error] = result.errors;
        if (result.success) {
            report.renewed++;
        } else if (renewal) {
            report.failed.push({
                username: renewal.username,
                target: renewal.target,
                errorCode: error?.statusCode ?? 'UNKNOWN',
                message: error?.message ?? ''
            });
        }
    });
    options.onProgress?.(
        `PermissionSetAssignment: ${report.renewed}/${renewals.length} expired assignment(s) renewed`
    );
}
