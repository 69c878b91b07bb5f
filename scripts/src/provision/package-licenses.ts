import {
    expiryText,
    freeSeats,
    isExpired,
    PACKAGE_FIELDS,
    seatsText,
    type PackageLicenseRow
} from '../lib/package-licenses';
import type { OrgClient } from '../org/client';
import { inList } from '../org/soql';
import { ProvisionError, type PlanStep } from './types';

// The integration user's managed package seats (`packageLicenses` in config/api-user.json, by
// namespace prefix): read inside provision's one composite, planned after the seat checks, written
// as UserPackageLicense rows in the same allOrNone composite as the rest of the plan.

/** A seat the user holds, with its package (UserPackageLicense's PackageLicense lookup). */
export interface HeldPackageSeat {
    Id: string;
    PackageLicenseId: string;
    User: { Username: string } | null;
    PackageLicense: Omit<PackageLicenseRow, 'Id'> | null;
}

/**
 * The query that rides in readState's composite: the user's seats of the named packages, each with
 * its package's seats, status and expiry. When the user holds them all (a re-run), nothing else is
 * read; `userFilter` is readState's filter on Username.
 */
export function heldSeatsQuery(
    namespaces: string[],
    userFilter: string
): string | undefined {
    return namespaces.length === 0
        ? undefined
        : 'SELECT Id, PackageLicenseId, User.Username, PackageLicense.NamespacePrefix, PackageLicense.AllowedLicenses, ' +
              'PackageLicense.UsedLicenses, PackageLicense.Status, PackageLicense.ExpirationDate FROM UserPackageLicense ' +
              `WHERE User.${userFilter} AND PackageLicense.NamespacePrefix IN ${inList(namespaces)}`;
}

export interface PackageState {
    /** The named packages found in the org (held ones from the seats query, others read after). */
    packageLicenses: PackageLicenseRow[];
    /** The user's seats of them. */
    packageSeats: { Id: string; PackageLicenseId: string }[];
}

/**
 * From the held seats to every named package: only when some package is not held (a first run,
 * or a new package in the definition) does this read PackageLicense, one more call.
 */
export async function readPackageState(
    client: OrgClient,
    namespaces: string[],
    held: HeldPackageSeat[],
    username: string
): Promise<PackageState> {
    const mine = held.filter(
        (row) => row.User?.Username.toLowerCase() === username.toLowerCase()
    );
    const packages = new Map<string, PackageLicenseRow>();
    for (const row of mine) {
        if (row.PackageLicense) {
            packages.set(row.PackageLicense.NamespacePrefix.toLowerCase(), {
                Id: row.PackageLicenseId,
                ...row.PackageLicense
            });
        }
    }
    const missing = namespaces.filter((n) => !packages.has(n.toLowerCase()));
    if (missing.length > 0) {
        const rows = await client.query<PackageLicenseRow>(
            `SELECT ${PACKAGE_FIELDS} FROM PackageLicense WHERE NamespacePrefix IN ${inList(missing)}`
        );
        rows.forEach((row) =>
            packages.set(row.NamespacePrefix.toLowerCase(), row)
        );
    }
    return {
        packageLicenses: [...packages.values()],
        packageSeats: mine.map(({ Id, PackageLicenseId }) => ({
            Id,
            PackageLicenseId
        }))
    };
}

/** Namespace prefix (as the definition spells it) → PackageLicense id; unknown ones stop provision. */
export function resolvePackageIds(
    namespaces: string[],
    state: PackageState
): Map<string, string> {
    const byNamespace = new Map(
        state.packageLicenses.map((row) => [
            row.NamespacePrefix.toLowerCase(),
            row.Id
        ])
    );
    const ids = new Map<string, string>();
    for (const namespace of namespaces) {
        const id = byNamespace.get(namespace.toLowerCase());
        if (!id) {
            throw new ProvisionError(
                `No installed managed package with namespace prefix "${namespace}" in this org (no PackageLicense). ` +
                    'Install the package, or remove it from packageLicenses in the definition.',
                'NOT_FOUND'
            );
        }
        ids.set(namespace, id);
    }
    return ids;
}

/**
 * A step per package the user does not hold yet. Every package is checked first: an expired one or
 * one without a free seat stops provision before any write, naming the package and its seats.
 */
export function packageLicenseSteps(
    namespaces: string[],
    ids: Map<string, string>,
    state: PackageState,
    now: Date
): PlanStep[] {
    const held = new Set(state.packageSeats.map((s) => s.PackageLicenseId));
    const problems: string[] = [];
    const steps: PlanStep[] = [];
    for (const namespace of namespaces) {
        const id = ids.get(namespace);
        const row = state.packageLicenses.find((p) => p.Id === id);
        if (!row || held.has(row.Id)) {
            continue;
        }
        if (isExpired(row, now)) {
            problems.push(
                `Package "${row.NamespacePrefix}" has expired (${expiryText(row)}): renew its licence with the package's vendor.`
            );
        } else if (freeSeats(row) < 1) {
            problems.push(
                `No free seat of package "${row.NamespacePrefix}": ${seatsText(row)}. Free one (npm run assign -- --package-license ${row.NamespacePrefix} --remove --users <username>) or buy more.`
            );
        }
        steps.push({
            action: 'assign-package-license',
            target: namespace,
            detail: seatsText(row)
        });
    }
    if (problems.length > 0) {
        throw new ProvisionError(
            `${problems.join('\n')}\nNothing was written.`,
            problems.some((p) => p.startsWith('No free seat'))
                ? 'LICENSE_LIMIT_EXCEEDED'
                : 'PACKAGE_LICENSE_EXPIRED'
        );
    }
    return steps;
}
