// Installed managed packages: one PackageLicense each. PackageLicense records cannot be created
// through the API (Object Reference, "PackageLicense": describeSObjects(), query(), retrieve()),
// so the emulator seeds them from `npm run emulator -- --package <namespace>:<seats>[:expired]`
// (repeatable) or startEmulator({ packages }).

import type { Org } from '../org/org';

export interface PackageSeed {
    /** The package's namespace prefix (PackageLicense.NamespacePrefix). */
    namespace: string;
    /** AllowedLicenses: seats, or -1 for a site licence (every user). */
    seats: number;
    /** Status Expired with an ExpirationDate a day before the org's clock. */
    expired?: boolean;
}

const NAMESPACE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `<namespace>:<seats>[:expired]`, e.g. `acme:5`, `acme:-1` (site licence), `acme:5:expired`. */
export function parsePackageOption(text: string): PackageSeed {
    const [namespace = '', seats = '', flag, ...rest] = text.split(':');
    const problem = !NAMESPACE.test(namespace)
        ? `"${namespace}" is not a namespace prefix (a letter, then letters, digits or underscores)`
        : !/^(-1|\d+)$/.test(seats)
          ? `seats must be a whole number or -1 (a site licence), got "${seats}"`
          : (flag !== undefined && flag !== 'expired') || rest.length > 0
            ? `the only flag after the seats is "expired"`
            : undefined;
    if (problem) {
        throw new Error(
            `--package ${text}: ${problem}; expected <namespace>:<seats>[:expired]`
        );
    }
    return { namespace, seats: Number(seats), expired: flag === 'expired' };
}

export function seedPackages(org: Org, packages: PackageSeed[]): void {
    const seen = new Set<string>();
    for (const seed of packages) {
        const key = seed.namespace.toLowerCase();
        if (seen.has(key)) {
            throw new Error(`--package ${seed.namespace}: given twice`);
        }
        seen.add(key);
        org.dml.create(
            'PackageLicense',
            {
                NamespacePrefix: seed.namespace,
                AllowedLicenses: seed.seats,
                Status: seed.expired ? 'Expired' : 'Active',
                ExpirationDate: seed.expired
                    ? new Date(org.now().getTime() - DAY_MS).toISOString()
                    : null,
                IsProvisioned: true,
                IsAvailableForIntegrations: false
            },
            { system: true }
        );
    }
}
