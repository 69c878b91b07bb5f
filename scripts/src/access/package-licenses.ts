import {
    expiryText,
    isExpired,
    PACKAGE_FIELDS,
    seatsText,
    SITE_LICENSE,
    type PackageLicenseRow
} from '../lib/package-licenses';
import type { OrgClient } from '../org/client';
import { inList } from '../org/soql';
import { querySub, records, type Answer, type Sub } from './composite-batch';
import type { Contract } from './contract';
import type { RuleResult } from './types';

// verify and managed package licences: `user.packageLicenses` in a contract (require, recommend,
// allow, by namespace prefix) against the user's UserPackageLicense seats; every other seat the
// user holds is a default-deny finding. The reads ride in fetchDetails' composite (call 2): the
// seats of the chunk's users always (default-deny needs them), the named packages when a contract
// names any.

/** A seat with its package's seats, status and expiry (UserPackageLicense's PackageLicense lookup). */
export interface PackageSeatRow {
    UserId: string;
    PackageLicenseId: string;
    PackageLicense: Omit<PackageLicenseRow, 'Id'> | null;
}

export interface PackageDetails {
    /** User id → the seats the user holds. */
    seats: Map<string, PackageSeatRow[]>;
    /** Lower-case namespace prefix → the package, for the packages the contracts name. */
    packages: Map<string, PackageLicenseRow>;
}

/** Every namespace prefix the contracts name (require, recommend or allow). */
export function namedPackages(contracts: Contract[]): string[] {
    const names = new Map<string, string>();
    for (const contract of contracts) {
        const rule = contract.user.packageLicenses;
        for (const name of [
            ...rule.require,
            ...rule.recommend,
            ...rule.allow
        ]) {
            names.set(name.toLowerCase(), name);
        }
    }
    return [...names.values()];
}

/** The subrequests for fetchDetails: at most 2 queries. */
export function packageSubs(userIds: string[], namespaces: string[]): Sub[] {
    const subs: Sub[] = [];
    if (userIds.length > 0) {
        subs.push(
            querySub(
                'packageSeats',
                'SELECT UserId, PackageLicenseId, PackageLicense.NamespacePrefix, PackageLicense.AllowedLicenses, ' +
                    'PackageLicense.UsedLicenses, PackageLicense.Status, PackageLicense.ExpirationDate ' +
                    `FROM UserPackageLicense WHERE UserId IN ${inList(userIds)}`
            )
        );
    }
    if (namespaces.length > 0) {
        subs.push(
            querySub(
                'packages',
                `SELECT ${PACKAGE_FIELDS} FROM PackageLicense WHERE NamespacePrefix IN ${inList(namespaces)}`
            )
        );
    }
    return subs;
}

export async function readPackageAnswers(
    client: OrgClient,
    answers: Map<string, Answer>,
    hasUsers: boolean,
    namespaces: string[]
): Promise<PackageDetails> {
    const details: PackageDetails = { seats: new Map(), packages: new Map() };
    if (hasUsers) {
        for (const row of await records<PackageSeatRow>(
            client,
            'packageSeats',
            answers.get('packageSeats')
        )) {
            const list = details.seats.get(row.UserId) ?? [];
            list.push(row);
            details.seats.set(row.UserId, list);
        }
    }
    if (namespaces.length > 0) {
        for (const row of await records<PackageLicenseRow>(
            client,
            'packages',
            answers.get('packages')
        )) {
            details.packages.set(row.NamespacePrefix.toLowerCase(), row);
        }
    }
    return details;
}

const seatSource = (namespace: string): string =>
    `package licence "${namespace}" (UserPackageLicense)`;

function ruleResult(
    contract: Contract,
    level: 'require' | 'recommend',
    namespace: string,
    username: string,
    seat: PackageSeatRow | undefined,
    pkg: PackageLicenseRow | undefined,
    now: Date
): RuleResult {
    const rule = `user.packageLicenses.${level}.${namespace}`;
    const miss = level === 'require' ? 'fail' : 'warn';
    const base = {
        contract: contract.name,
        rule,
        expected: `a seat of the managed package "${namespace}", not expired`
    };
    const held = seat?.PackageLicense;
    if (seat && held) {
        if (isExpired(held, now)) {
            return {
                ...base,
                status: miss,
                actual: `seat held, but the package has expired (${expiryText(held)})`,
                grantedBy: [seatSource(held.NamespacePrefix)],
                fix: `Renew the "${held.NamespacePrefix}" package licence with the package's vendor (Setup > Installed Packages shows its expiry)`
            };
        }
        return {
            ...base,
            status: 'pass',
            actual: `seat held (${seatsText(held)})`,
            grantedBy: [seatSource(held.NamespacePrefix)]
        };
    }
    if (!pkg) {
        return {
            ...base,
            status: miss,
            actual: `no installed package with namespace prefix "${namespace}" in this org`,
            grantedBy: [],
            fix: `Install the managed package "${namespace}", then assign its seat: npm run assign -- --package-license ${namespace} --users ${username}`
        };
    }
    if (pkg.AllowedLicenses === SITE_LICENSE && !isExpired(pkg, now)) {
        return {
            ...base,
            status: 'pass',
            actual: 'no seat row, but the package has a site licence (AllowedLicenses -1: every user may use it)',
            grantedBy: [`package "${pkg.NamespacePrefix}" (site licence)`]
        };
    }
    return {
        ...base,
        status: miss,
        actual: `no seat (${seatsText(pkg)}${isExpired(pkg, now) ? `; the package has expired: ${expiryText(pkg)}` : ''})`,
        grantedBy: [],
        fix: isExpired(pkg, now)
            ? `Renew the "${pkg.NamespacePrefix}" package licence with the package's vendor, then: npm run assign -- --package-license ${pkg.NamespacePrefix} --users ${username}`
            : `npm run assign -- --package-license ${pkg.NamespacePrefix} --users ${username} (or list it under packageLicenses in config/api-user.json and re-run provision)`
    };
}

/**
 * The package licence rules of each contract for one user, then the default-deny findings: a seat
 * no contract lists (require, recommend or allow) is a finding at the contracts' level for
 * `packageLicenses` (fail unless every contract sets it to warn).
 */
export function packageLicenseResults(
    contracts: Contract[],
    user: { Id: string; Username: string },
    details: PackageDetails,
    now: Date
): RuleResult[] {
    const seats = details.seats.get(user.Id) ?? [];
    const seatOf = (namespace: string): PackageSeatRow | undefined =>
        seats.find(
            (s) =>
                s.PackageLicense?.NamespacePrefix.toLowerCase() ===
                namespace.toLowerCase()
        );
    const results: RuleResult[] = [];
    for (const contract of contracts) {
        const rule = contract.user.packageLicenses;
        for (const level of ['require', 'recommend'] as const) {
            for (const namespace of rule[level]) {
                results.push(
                    ruleResult(
                        contract,
                        level,
                        namespace,
                        user.Username,
                        seatOf(namespace),
                        details.packages.get(namespace.toLowerCase()),
                        now
                    )
                );
            }
        }
    }
    const listed = new Set(
        namedPackages(contracts).map((n) => n.toLowerCase())
    );
    const level = contracts.some(
        (c) =>
            (c.unlisted.levels.packageLicenses ?? c.unlisted.level) === 'fail'
    )
        ? 'fail'
        : 'warn';
    for (const seat of seats) {
        const namespace =
            seat.PackageLicense?.NamespacePrefix ?? seat.PackageLicenseId;
        if (listed.has(namespace.toLowerCase())) {
            continue;
        }
        results.push({
            contract: contracts.map((c) => c.name).join(', '),
            rule: `unlisted.packageLicenses.${namespace}`,
            status: level,
            expected: 'only the package licences the contracts list',
            actual: 'seat held',
            grantedBy: [seatSource(namespace)],
            fix: `npm run assign -- --package-license ${namespace} --remove --users ${user.Username}, or list "${namespace}" under user.packageLicenses.allow`
        });
    }
    return results;
}
