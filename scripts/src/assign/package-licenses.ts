import { nearestNames } from '../lib/nearest';
import {
    expiryText,
    freeSeats,
    isExpired,
    PACKAGE_FIELDS,
    seatsText,
    SITE_LICENSE,
    type PackageLicenseRow
} from '../lib/package-licenses';
import { renderTable } from '../lib/table';
import { QueryError, type OrgClient, type SaveResult } from '../org/client';
import { chunk, inList } from '../org/soql';
import { AssignError, type FailedRecord, type UserSelector } from './types';

// `assign --package-license <namespace>`: seats of installed managed packages (UserPackageLicense)
// for many users, and with `--remove` their unassignment. PackageLicense holds the seats
// (AllowedLicenses, UsedLicenses; -1 is a site licence), Status and ExpirationDate (Object
// Reference, "PackageLicense", "UserPackageLicense"; Salesforce Help, "Assign Licenses Using the
// API"). Every package is checked before anything is written: unknown, expired, or short of seats
// stops the run naming the package and its seats.

/** Usernames a query holds at most (as assign's own read): query URLs stay well under 16 KB. */
const USERNAMES_PER_QUERY = 250;
/** sObject Collections: 200 records (or ids) a call. */
const COLLECTION_SIZE = 200;

export interface PackageAssignOptions {
    /** Unassign (delete the seats) instead of assigning. */
    remove: boolean;
    dryRun: boolean;
    onProgress?: (message: string) => void;
    /** The time expiry is judged against (tests); default now. */
    now?: Date;
}

export interface PackageSeats {
    namespace: string;
    /** -1: a site licence. */
    allowed: number;
    /** Seats in use when read, before this run wrote anything. */
    used: number;
    status: string;
    expirationDate: string | null;
}

export interface PackageAssignReport {
    action: 'assign' | 'remove';
    users: number;
    missingUsers: string[];
    packages: PackageSeats[];
    /** Assign: user × package pairs held already (nothing to do). */
    alreadyAssigned: number;
    /** Remove: user × package pairs not held (nothing to do). */
    notAssigned: number;
    planned: number;
    created: number;
    removed: number;
    /** Of `created`: records whose answer was lost, found written when the org was re-read. */
    reconciled: number;
    failed: FailedRecord[];
    mode: 'none' | 'collections';
    apiCalls: number;
}

interface HeldSeat {
    Id: string;
    UserId: string;
    PackageLicenseId: string;
}

interface UserRow {
    Id: string;
    Username: string;
}

/** Lower-case namespace prefix → its PackageLicense; an unknown one is an error naming the near ones. */
export async function resolvePackages(
    client: OrgClient,
    namespaces: string[],
    rows: PackageLicenseRow[]
): Promise<PackageLicenseRow[]> {
    const byNamespace = new Map(
        rows.map((row) => [row.NamespacePrefix.toLowerCase(), row])
    );
    const resolved: PackageLicenseRow[] = [];
    for (const namespace of namespaces) {
        const row = byNamespace.get(namespace.toLowerCase());
        if (!row) {
            const installed = await client.query<{ NamespacePrefix: string }>(
                'SELECT NamespacePrefix FROM PackageLicense'
            );
            const near = nearestNames(
                namespace,
                installed.map((r) => r.NamespacePrefix)
            );
            throw new AssignError(
                `No installed managed package with namespace prefix "${namespace}" in this org (no PackageLicense).` +
                    (near.length > 0
                        ? ` Did you mean: ${near.join(', ')}?`
                        : '')
            );
        }
        resolved.push(row);
    }
    return resolved;
}

function uniqueNamespaces(namespaces: string[]): string[] {
    const seen = new Map<string, string>();
    for (const namespace of namespaces.map((n) => n.trim()).filter(Boolean)) {
        if (!seen.has(namespace.toLowerCase())) {
            seen.set(namespace.toLowerCase(), namespace);
        }
    }
    return [...seen.values()];
}

/** Usernames once each, whatever their case (Salesforce usernames are case-insensitive). */
function uniqueUsernames(usernames: string[]): string[] {
    const seen = new Map<string, string>();
    for (const username of usernames.map((u) => u.trim()).filter(Boolean)) {
        if (!seen.has(username.toLowerCase())) {
            seen.set(username.toLowerCase(), username);
        }
    }
    return [...seen.values()];
}

/**
 * The read: the packages, then per chunk of 250 usernames the users and the seats they hold of
 * these packages (two queries; UserPackageLicense has no documented child relationship on User, so
 * its filter goes through its `User` lookup). OrgClient sends them 5 queries a composite call.
 */
export function packageReadQueries(
    namespaces: string[],
    selector: UserSelector,
    usernames: string[]
): { referenceId: string; soql: string }[] {
    const packages = inList(namespaces);
    const queries = [
        {
            referenceId: 'packages',
            soql: `SELECT ${PACKAGE_FIELDS} FROM PackageLicense WHERE NamespacePrefix IN ${packages}`
        }
    ];
    const seats = `SELECT Id, UserId, PackageLicenseId FROM UserPackageLicense WHERE PackageLicense.NamespacePrefix IN ${packages}`;
    if ('usernames' in selector) {
        chunk(usernames, USERNAMES_PER_QUERY).forEach((list, index) => {
            queries.push(
                {
                    referenceId: `users${index}`,
                    soql: `SELECT Id, Username FROM User WHERE Username IN ${inList(list)}`
                },
                {
                    referenceId: `seats${index}`,
                    soql: `${seats} AND User.Username IN ${inList(list)}`
                }
            );
        });
    } else {
        queries.push(
            {
                referenceId: 'where',
                soql: `SELECT Id, Username FROM User WHERE (${selector.where})`
            },
            {
                referenceId: 'seatsWhere',
                soql: `${seats} AND UserId IN (SELECT Id FROM User WHERE (${selector.where}))`
            }
        );
    }
    return queries;
}

async function read(
    client: OrgClient,
    queries: { referenceId: string; soql: string }[]
): Promise<Map<string, unknown[]>> {
    try {
        return await client.queries(queries);
    } catch (error) {
        if (error instanceof QueryError) {
            const where = ['where', 'seatsWhere'].includes(error.referenceId)
                ? '--where'
                : error.referenceId;
            throw new AssignError(
                `${where}: ${error.errorCode}: ${error.detail}`
            );
        }
        throw error;
    }
}

/** After a lost answer: which of these seats exist now (their ids, in order). One query a chunk. */
function seatReconciler(client: OrgClient) {
    return async (
        records: Record<string, unknown>[]
    ): Promise<(string | undefined)[]> => {
        const users = [...new Set(records.map((r) => String(r.UserId)))];
        const packages = [
            ...new Set(records.map((r) => String(r.PackageLicenseId)))
        ];
        const rows = await client.query<HeldSeat>(
            `SELECT Id, UserId, PackageLicenseId FROM UserPackageLicense WHERE UserId IN ${inList(users)} ` +
                `AND PackageLicenseId IN ${inList(packages)}`
        );
        const byKey = new Map(
            rows.map((row) => [`${row.UserId}:${row.PackageLicenseId}`, row.Id])
        );
        return records.map((r) =>
            byKey.get(`${String(r.UserId)}:${String(r.PackageLicenseId)}`)
        );
    };
}

/** DELETE /composite/sobjects?ids=…&allOrNone=false, 200 ids a call (a retried DELETE is harmless). */
async function deleteMany(
    client: OrgClient,
    ids: string[]
): Promise<SaveResult[]> {
    const results: SaveResult[] = [];
    for (const list of chunk(ids, COLLECTION_SIZE)) {
        const saved = await client.request<SaveResult[]>(
            'DELETE',
            `${client.base}/composite/sobjects?ids=${list.join(',')}&allOrNone=false`
        );
        results.push(
            ...saved.map((result) => ({
                ...result,
                errors: result.errors ?? []
            }))
        );
    }
    return results;
}

/**
 * Assigns (or with `remove`, unassigns) the seats of the named packages for the selected users:
 * one read (5 queries a composite call), the checks, then sObject Collections of 200. Re-running
 * writes nothing: held seats are skipped, a seat taken meanwhile (DUPLICATE_VALUE) counts as held.
 */
export async function assignPackageLicenses(
    client: OrgClient,
    namespaceInput: string[],
    selector: UserSelector,
    options: PackageAssignOptions
): Promise<PackageAssignReport> {
    const start = client.calls;
    const now = options.now ?? new Date();
    const namespaces = uniqueNamespaces(namespaceInput);
    const wanted =
        'usernames' in selector ? uniqueUsernames(selector.usernames) : [];
    const rows = await read(
        client,
        packageReadQueries(namespaces, selector, wanted)
    );
    const packages = await resolvePackages(
        client,
        namespaces,
        (rows.get('packages') ?? []) as PackageLicenseRow[]
    );
    const users = [...rows.entries()]
        .filter(([key]) => key.startsWith('users') || key === 'where')
        .flatMap(([, list]) => list as UserRow[]);
    const found = new Set(users.map((user) => user.Username.toLowerCase()));
    const missingUsers = wanted.filter((u) => !found.has(u.toLowerCase()));
    const held = new Map<string, HeldSeat>();
    for (const [key, list] of rows) {
        if (key.startsWith('seats')) {
            for (const seat of list as HeldSeat[]) {
                held.set(`${seat.UserId}:${seat.PackageLicenseId}`, seat);
            }
        }
    }
    const report: PackageAssignReport = {
        action: options.remove ? 'remove' : 'assign',
        users: users.length,
        missingUsers,
        packages: packages.map((row) => ({
            namespace: row.NamespacePrefix,
            allowed: row.AllowedLicenses,
            used: row.UsedLicenses,
            status: row.Status,
            expirationDate: row.ExpirationDate
        })),
        alreadyAssigned: 0,
        notAssigned: 0,
        planned: 0,
        created: 0,
        removed: 0,
        reconciled: 0,
        failed: missingUsers.map((username) => ({
            username,
            target: '(all)',
            errorCode: 'NOT_FOUND',
            message: 'no user with this username in the org'
        })),
        mode: 'none',
        apiCalls: 0
    };
    const usernameOf = new Map(users.map((u) => [u.Id, u.Username]));
    const namespaceOf = new Map(packages.map((p) => [p.Id, p.NamespacePrefix]));
    if (options.remove) {
        const toDelete: HeldSeat[] = [];
        for (const user of users) {
            for (const pkg of packages) {
                const seat = held.get(`${user.Id}:${pkg.Id}`);
                if (seat) {
                    toDelete.push(seat);
                } else {
                    report.notAssigned++;
                }
            }
        }
        report.planned = toDelete.length;
        report.mode = toDelete.length > 0 ? 'collections' : 'none';
        if (!options.dryRun && toDelete.length > 0) {
            const results = await deleteMany(
                client,
                toDelete.map((seat) => seat.Id)
            );
            results.forEach((result, index) => {
                const seat = toDelete[index];
                const [error] = result.errors;
                if (
                    result.success ||
                    error?.statusCode === 'ENTITY_IS_DELETED'
                ) {
                    // Deleted now, or already (a retried DELETE, or someone else): the seat is free.
                    report.removed++;
                } else if (seat) {
                    report.failed.push({
                        username: usernameOf.get(seat.UserId) ?? seat.UserId,
                        target: namespaceOf.get(seat.PackageLicenseId) ?? '',
                        errorCode: error?.statusCode ?? 'UNKNOWN',
                        message: error?.message ?? ''
                    });
                }
            });
            options.onProgress?.(
                `UserPackageLicense: ${report.removed}/${toDelete.length} seat(s) removed`
            );
        }
        report.apiCalls = client.calls - start;
        return report;
    }
    const planned: { UserId: string; PackageLicenseId: string }[] = [];
    const problems: string[] = [];
    for (const pkg of packages) {
        const lacking = users.filter((u) => !held.has(`${u.Id}:${pkg.Id}`));
        report.alreadyAssigned += users.length - lacking.length;
        if (lacking.length === 0) {
            continue;
        }
        if (isExpired(pkg, now)) {
            problems.push(
                `Package "${pkg.NamespacePrefix}" has expired (${expiryText(pkg)}): ` +
                    `renew its licence with the package's vendor, then re-run; ${lacking.length} user(s) lack a seat.`
            );
        } else if (lacking.length > freeSeats(pkg)) {
            problems.push(
                `Package "${pkg.NamespacePrefix}" has ${seatsText(pkg)} (${freeSeats(pkg)} free); ${lacking.length} user(s) need one. ` +
                    `Free seats (npm run assign -- --package-license ${pkg.NamespacePrefix} --remove --users ...) or buy more, then re-run.`
            );
        }
        planned.push(
            ...lacking.map((u) => ({ UserId: u.Id, PackageLicenseId: pkg.Id }))
        );
    }
    if (problems.length > 0) {
        throw new AssignError(
            `${problems.join('\n')}\nNothing was assigned (every package is checked before any write).`
        );
    }
    report.planned = planned.length;
    report.mode = planned.length > 0 ? 'collections' : 'none';
    if (!options.dryRun && planned.length > 0) {
        const results = await client.createMany(
            'UserPackageLicense',
            planned,
            (done, total) =>
                options.onProgress?.(
                    `UserPackageLicense: ${done}/${total} written`
                ),
            seatReconciler(client)
        );
        results.forEach((result, index) => {
            const record = planned[index];
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
                    username: usernameOf.get(record.UserId) ?? record.UserId,
                    target: namespaceOf.get(record.PackageLicenseId) ?? '',
                    errorCode: error?.statusCode ?? 'UNKNOWN',
                    message: error?.message ?? ''
                });
            }
        });
    }
    report.apiCalls = client.calls - start;
    return report;
}

/** Records that landed (or needed nothing): the exit code's "some succeeded". */
export function packageSucceeded(report: PackageAssignReport): number {
    return report.action === 'remove'
        ? report.removed + report.notAssigned
        : report.created + report.alreadyAssigned;
}

/** The report as people read it (the command's human output). */
export function formatPackageReport(
    report: PackageAssignReport,
    dryRun: boolean
): string {
    const seats = report.packages
        .map(
            (p) =>
                `${p.namespace}: ${p.allowed === SITE_LICENSE ? `${p.used} in use (site licence)` : `${p.used}/${p.allowed} seats in use`}${p.status === 'Active' ? '' : ` (${p.status})`}`
        )
        .join('; ');
    const done =
        report.action === 'remove'
            ? `${report.notAssigned} not assigned; ${report.planned} to remove${dryRun ? ' (dry run: nothing written)' : `; ${report.removed} removed`}`
            : `${report.alreadyAssigned} already assigned; ${report.planned} to assign${dryRun ? ' (dry run: nothing written)' : `; ${report.created} created${report.mode === 'none' ? '' : ` via ${report.mode}`}`}`;
    let text = `Package licences (${seats}): ${report.users} user(s); ${done}; ${report.apiCalls} API call(s)\n`;
    if (report.reconciled > 0) {
        text += `${report.reconciled} of the created seats were confirmed by re-reading the org after an answer was lost.\n`;
    }
    if (report.failed.length > 0) {
        text += `${renderTable(
            ['username', 'package', 'error', 'message'],
            report.failed.map((f) => [
                f.username,
                f.target,
                f.errorCode,
                f.message
            ]),
            80
        )}\n`;
    }
    return text;
}
