// Managed package licences as assign, provision and verify read them: PackageLicense holds an
// installed package's seats (AllowedLicenses, UsedLicenses), Status (Active, Expired, Free, Trial)
// and ExpirationDate (Object Reference, "PackageLicense"). AllowedLicenses -1 is a site licence
// (practitioners' notes; not in Salesforce's docs, not verified in an org: FIDELITY.md).

export interface PackageLicenseRow {
    Id: string;
    NamespacePrefix: string;
    AllowedLicenses: number;
    UsedLicenses: number;
    Status: string;
    ExpirationDate: string | null;
}

/** AllowedLicenses of a site licence: every user may use the package. */
export const SITE_LICENSE = -1;

export const PACKAGE_FIELDS =
    'Id, NamespacePrefix, AllowedLicenses, UsedLicenses, Status, ExpirationDate';

/** A package is expired when its Status says so or its ExpirationDate has passed. */
export function isExpired(
    row: Pick<PackageLicenseRow, 'Status' | 'ExpirationDate'>,
    now: Date
): boolean {
    return (
        row.Status === 'Expired' ||
        (row.ExpirationDate !== null &&
            new Date(row.ExpirationDate).getTime() <= now.getTime())
    );
}

export function freeSeats(
    row: Pick<PackageLicenseRow, 'AllowedLicenses' | 'UsedLicenses'>
): number {
    return row.AllowedLicenses === SITE_LICENSE
        ? Number.POSITIVE_INFINITY
        : Math.max(0, row.AllowedLicenses - row.UsedLicenses);
}

export function seatsText(
    row: Pick<PackageLicenseRow, 'AllowedLicenses' | 'UsedLicenses'>
): string {
    return row.AllowedLicenses === SITE_LICENSE
        ? `${row.UsedLicenses} seat(s) in use of a site licence`
        : `${row.UsedLicenses} of ${row.AllowedLicenses} seat(s) in use`;
}

export function expiryText(
    row: Pick<PackageLicenseRow, 'Status' | 'ExpirationDate'>
): string {
    return `Status ${row.Status}${row.ExpirationDate ? `, ExpirationDate ${row.ExpirationDate}` : ''}`;
}
