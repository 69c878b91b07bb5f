import { chunk, inList } from '../access/soql';
import { unknownNameMessage, type NamedKind } from '../org/names';
import { QueryError, type OrgClient, type SaveResult } from '../org/client';

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

/**
 * Assigns permission sets, groups and permission set licences to many users: reads everything in
 * one composite call (plus paging), skips what is already assigned, writes the rest in sObject
 * Collections of 200 (`allOrNone=false`) or, past the threshold, one Bulk API 2.0 job per object.
 */
export async function assign(
    client: OrgClient,
    targets: AssignTargets,
    selector: UserSelector,
    options: AssignOptions
): Promise<AssignReport> {
    const start = client.calls;
    const queries: { referenceId: string; soql: string }[] = [];
    const names = (values: string[]): string =>
        inList(values.length > 0 ? values : ['']);
    queries.push(
        {
            referenceId: 'sets',
            soql: `SELECT Id, Name FROM PermissionSet WHERE Name IN ${names(targets.permissionSets)}`
        },
        {
            referenceId: 'groups',
            soql: `SELECT Id, DeveloperName FROM PermissionSetGroup WHERE DeveloperName IN ${names(targets.permissionSetGroups)}`
        },
        {
            referenceId: 'licenses',
            soql: `SELECT Id, DeveloperName FROM PermissionSetLicense WHERE DeveloperName IN ${names(targets.permissionSetLicenses)}`
        },
        {
            referenceId: 'heldSets',
            soql:
                'SELECT AssigneeId, PermissionSetId, PermissionSetGroupId FROM PermissionSetAssignment ' +
                `WHERE PermissionSet.Name IN ${names(targets.permissionSets)} OR PermissionSetGroup.DeveloperName IN ${names(targets.permissionSetGroups)}`
        },
        {
            referenceId: 'heldLicenses',
            soql:
                'SELECT AssigneeId, PermissionSetLicenseId FROM PermissionSetLicenseAssign ' +
                `WHERE PermissionSetLicense.DeveloperName IN ${names(targets.permissionSetLicenses)}`
        }
    );
    const wanted =
        'usernames' in selector
            ? [
                  ...new Set(
                      selector.usernames.map((u) => u.trim()).filter(Boolean)
                  )
              ]
            : [];
    if ('usernames' in selector) {
        chunk(wanted, USERNAMES_PER_QUERY).forEach((usernames, index) =>
            queries.push({
                referenceId: `users${index}`,
                soql: `SELECT Id, Username FROM User WHERE Username IN ${inList(usernames)}`
            })
        );
    } else {
        queries.push({
            referenceId: 'where',
            soql: `SELECT Id, Username FROM User WHERE (${selector.where})`
        });
    }
    const rows = await compositeQueries(client, queries);

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
        .flatMap(([, list]) => list as UserRow[]);
    const found = new Set(users.map((user) => user.Username.toLowerCase()));
    const missingUsers = wanted.filter(
        (username) => !found.has(username.toLowerCase())
    );

    const held = new Set<string>();
    for (const row of (rows.get('heldSets') ?? []) as {
        AssigneeId: string;
        PermissionSetId: string;
        PermissionSetGroupId: string | null;
    }[]) {
        held.add(
            `${row.AssigneeId}:${row.PermissionSetGroupId ?? row.PermissionSetId}`
        );
    }
    for (const row of (rows.get('heldLicenses') ?? []) as {
        AssigneeId: string;
        PermissionSetLicenseId: string;
    }[]) {
        held.add(`${row.AssigneeId}:${row.PermissionSetLicenseId}`);
    }
    const planned: PlannedRecord[] = [];
    let alreadyAssigned = 0;
    for (const user of users) {
        for (const target of resolvedTargets) {
            if (held.has(`${user.Id}:${target.id}`)) {
                alreadyAssigned++;
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
        planned: planned.length,
        created: 0,
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
    if (options.dryRun || planned.length === 0) {
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
                `${sobject}: Bulk API 2.0 job for ${batch.length} records`
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
                    options.onProgress?.(`${sobject}: ${done}/${total} written`)
            );
            results.forEach((result, index) => {
                const record = batch[index];
                const [error] = result.errors;
                if (result.success) {
                    report.created++;
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
    report.apiCalls = client.calls - start;
    return report;
}
