import { chunk, inList } from '../org/soql';
import { unknownNameMessage, type NamedKind } from '../org/names';
import {
    QueryError,
    type OrgClient,
    type QueryResult,
    type Reconciler,
    type SaveResult
} from '../org/client';

export interface AssignTargets {
    permissionSets: string[];
    permissionSetGroups: string[];
    permissionSetLicenses: string[];
}

export type UserSelector = { usernames: string[] } | { where: string };

export interface AssignOptions {
    dryRun: boolean;
    /** More records than this go through Bulk API 2.0 instead of sObject Collections. */
    bulkThreshold: number;
    onProgress?: (message: string) => void;
    /** The time expiry is judged against (tests); default now. */
    now?: Date;
}

export interface FailedRecord {
    username: string;
    target: string;
    errorCode: string;
    message: string;
}

export interface AssignReport {
    users: number;
    missingUsers: string[];
    alreadyAssigned: number;
    planned: number;
    created: number;
    /** Expired assignments found and renewed (ExpirationDate cleared). */
    renewed: number;
    /** Of `created`: records whose answer was lost, found written when the org was re-read. */
    reconciled: number;
    failed: FailedRecord[];
    mode: 'none' | 'collections' | 'bulk';
    apiCalls: number;
}

export class AssignError extends Error {}

/** Usernames a query holds at most: keeps each query URL well under Salesforce's 16 KB limit. */
const USERNAMES_PER_QUERY = 250;

interface Target {
    kind: 'set' | 'group' | 'license';
    name: string;
    id: string;
}

interface UserRow {
    Id: string;
    Username: string;
}

interface PlannedRecord {
    sobject: 'PermissionSetAssignment' | 'PermissionSetLicenseAssign';
    fields: Record<string, string>;
    username: string;
    target: string;
}

async function compositeQueries(
    client: OrgClient,
    queries: { referenceId: string; soql: string }[]
): Promise<Map<string, unknown[]>> {
    try {
        return await client.queries(queries);
    } catch (error) {
        if (error instanceof QueryError) {
            const where =
                error.referenceId === 'where' ? '--where' : error.referenceId;
            throw new AssignError(
                `${where}: ${error.errorCode}: ${error.detail}`
            );
        }
        throw error;
    }
}

const TARGET_KINDS: Record<Target['kind'], NamedKind> = {
    set: 'permissionSet',
    group: 'permissionSetGroup',
    license: 'permissionSetLicense'
};

async function unknownTarget(
    client: OrgClient,
    kind: Target['kind'],
    name: string
): Promise<AssignError> {
    return new AssignError(
        await unknownNameMessage(client, TARGET_KINDS[kind], name)
    );
}

function parseBulkError(text: string): { errorCode: string; message: string } {
    const index = text.indexOf(':');
    return index > 0
        ? { errorCode: text.slice(0, index), message: text.slice(index + 1) }
        : { errorCode: 'UNKNOWN', message: text };
}

interface HeldRow {
    Id: string;
    PermissionSetId?: string;
    PermissionSetGroupId?: string | null;
    PermissionSetLicenseId?: string;
    ExpirationDate?: string | null;
}

type UserWithHeld = UserRow & {
    PermissionSetAssignments?: QueryResult<HeldRow> | null;
    PermissionSetLicenseAssignments?: QueryResult<HeldRow> | null;
};

/**
 * The read plan: one query per kind of target named (at most 3), then the users in chunks of
 * 250 usernames, each user row carrying, as relationship subqueries, only its assignments of the
 * named targets. OrgClient sends these 5 queries a composite call (the documented limit).
 */
export function readQueries(
    targets: AssignTargets,
    selector: UserSelector,
    wanted: string[]
): { referenceId: string; soql: string }[] {
    const queries: { referenceId: string; soql: string }[] = [];
    const { permissionSets, permissionSetGroups, permissionSetLicenses } =
        targets;
    if (permissionSets.length > 0) {
        queries.push({
            referenceId: 'sets',
            soql: `SELECT Id, Name FROM PermissionSet WHERE Name IN ${inList(permissionSets)}`
        });
    }
    if (permissionSetGroups.length > 0) {
        queries.push({
            referenceId: 'groups',
            soql: `SELECT Id, DeveloperName FROM PermissionSetGroup WHERE DeveloperName IN ${inList(permissionSetGroups)}`
        });
    }
    if (permissionSetLicenses.length > 0) {
        queries.push({
            referenceId: 'licenses',
            soql: `SELECT Id, DeveloperName FROM PermissionSetLicense WHERE DeveloperName IN ${inList(permissionSetLicenses)}`
        });
    }
    const setFilter = [
        permissionSets.length > 0
            ? `PermissionSet.Name IN ${inList(permissionSets)}`
            : '',
        permissionSetGroups.length > 0
            ? `PermissionSetGroup.DeveloperName IN ${inList(permissionSetGroups)}`
            : ''
    ]
        .filter(Boolean)
        .join(' OR ');
    const columns = [
        'Id',
        'Username',
        setFilter
            ? '(SELECT Id, PermissionSetId, PermissionSetGroupId, ExpirationDate FROM PermissionSetAssignments ' +
              `WHERE ${setFilter})`
            : '',
        permissionSetLicenses.length > 0
            ? '(SELECT Id, PermissionSetLicenseId FROM PermissionSetLicenseAssignments ' +
              `WHERE PermissionSetLicense.DeveloperName IN ${inList(permissionSetLicenses)})`
            : ''
    ]
        .filter(Boolean)
        .join(', ');
    if ('usernames' in selector) {
        chunk(wanted, USERNAMES_PER_QUERY).forEach((usernames, index) =>
            queries.push({
                referenceId: `users${index}`,
                soql: `SELECT ${columns} FROM User WHERE Username IN ${inList(usernames)}`
            })
        );
    } else {
        queries.push({
            referenceId: 'where',
            soql: `SELECT ${columns} FROM User WHERE (${selector.where})`
        });
    }
    return queries;
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

/**
 * Assigns permission sets, groups and permission set licences to many users: reads everything in
 * as few composite calls as the limits allow (plus paging), skips what is already assigned, renews
 * expired assignments, writes the rest in sObject Collections of 200 (`allOrNone=false`) or, past
 * the threshold, one Bulk API 2.0 job per object. A write whose answer is lost is reconciled by
 * re-reading the org, so nothing is written twice or reported wrongly.
 */
export async function assign(
    client: OrgClient,
    targets: AssignTargets,
    selector: UserSelector,
    options: AssignOptions
): Promise<AssignReport> {
    const start = client.calls;
    const now = (options.now ?? new Date()).getTime();
    const wanted =
        'usernames' in selector
            ? [
                  ...new Set(
                      selector.usernames.map((u) => u.trim()).filter(Boolean)
                  )
              ]
            : [];
    const rows = await compositeQueries(
        client,
        readQueries(targets, selector, wanted)
    );

    const resolvedTargets: Target[] = [];
    const collect = async (
        kind: Target['kind'],
        list: string[],
        referenceId: string,
        field: 'Name' | 'DeveloperName'
    ) => {
        const found = new Map(
            ((rows.get(referenceId) ?? []) as Record<string, string>[]).map(
                (row) => [row[field] ?? '', row.Id ?? '']
            )
        );
        for (const name of list) {
            const id = found.get(name);
            if (!id) {
                throw await unknownTarget(client, kind, name);
            }
            resolvedTargets.push({ kind, name, id });
        }
    };
    await collect(
        'license',
        targets.permissionSetLicenses,
        'licenses',
        'DeveloperName'
    );
    await collect(
        'group',
        targets.permissionSetGroups,
        'groups',
        'DeveloperName'
    );
    await collect('set', targets.permissionSets, 'sets', 'Name');

    const users = [...rows.entries()]
        .filter(([key]) => key.startsWith('users') || key === 'where')
        .flatMap(([, list]) => list as UserWithHeld[]);
    const found = new Set(users.map((user) => user.Username.toLowerCase()));
    const missingUsers = wanted.filter(
        (username) => !found.has(username.toLowerCase())
    );

    const held = new Map<string, HeldRow>();
    for (const user of users) {
        for (const row of [
            ...(await client.children(user.PermissionSetAssignments)),
            ...(await client.children(user.PermissionSetLicenseAssignments))
        ]) {
            const target =
                row.PermissionSetLicenseId ??
                row.PermissionSetGroupId ??
                row.PermissionSetId;
            held.set(`${user.Id}:${target}`, row);
        }
    }
    const planned: PlannedRecord[] = [];
    const renewals: { Id: string; username: string; target: string }[] = [];
    let alreadyAssigned = 0;
    for (const user of users) {
        for (const target of resolvedTargets) {
            const existing = held.get(`${user.Id}:${target.id}`);
            if (existing) {
                if (
                    existing.ExpirationDate &&
                    new Date(existing.ExpirationDate).getTime() <= now
                ) {
                    renewals.push({
                        Id: existing.Id,
                        username: user.Username,
                        target: target.name
                    });
                } else {
                    alreadyAssigned++;
                }
                continue;
            }
            planned.push({
                sobject:
                    target.kind === 'license'
                        ? 'PermissionSetLicenseAssign'
                        : 'PermissionSetAssignment',
                fields:
                    target.kind === 'license'
                        ? {
                              AssigneeId: user.Id,
                              PermissionSetLicenseId: target.id
                          }
                        : target.kind === 'group'
                          ? {
                                AssigneeId: user.Id,
                                PermissionSetGroupId: target.id
                            }
                          : { AssigneeId: user.Id, PermissionSetId: target.id },
                username: user.Username,
                target: target.name
            });
        }
    }
    const report: AssignReport = {
        users: users.length,
        missingUsers,
        alreadyAssigned,
        planned: planned.length + renewals.length,
        created: 0,
        renewed: 0,
        reconciled: 0,
        failed: missingUsers.map((username) => ({
            username,
            target: '(all)',
            errorCode: 'NOT_FOUND',
            message: 'no user with this username in the org'
        })),
        mode:
            planned.length === 0
                ? 'none'
                : planned.length > options.bulkThreshold
                  ? 'bulk'
                  : 'collections',
        apiCalls: 0
    };
    if (options.dryRun || planned.length + renewals.length === 0) {
        report.apiCalls = client.calls - start;
        return report;
    }
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
            const results = await client.connection.bulk2.loadAndWaitForResults(
                {
                    object: sobject,
                    operation: 'insert',
                    input: batch.map((record) => record.fields),
                    pollInterval: 1000,
                    pollTimeout: 10 * 60 * 1000
                }
            );
            report.created += results.successfulResults.length;
            options.onProgress?.(
                `${sobject}: ${results.successfulResults.length}/${batch.length} written (Bulk API 2.0)`
            );
            const byKey = new Map(
                batch.map((record) => [
                    Object.values(record.fields).join(':'),
                    record
                ])
            );
            for (const failure of results.failedResults) {
                const row = failure as unknown as Record<string, string>;
                const key = Object.keys(batch[0]?.fields ?? {})
                    .map((field) => row[field] ?? '')
                    .join(':');
                const record = byKey.get(key);
                const { errorCode, message } = parseBulkError(
                    row.sf__Error ?? ''
                );
                report.failed.push({
                    username: record?.username ?? key,
                    target: record?.target ?? sobject,
                    errorCode,
                    message
                });
            }
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
    if (renewals.length > 0) {
        // Clearing ExpirationDate renews an expired assignment in place: no duplicate row.
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
    report.apiCalls = client.calls - start;
    return report;
}
