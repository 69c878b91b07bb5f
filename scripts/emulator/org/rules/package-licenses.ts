// UserPackageLicense: one seat of an installed managed package for one user. The checks a
// seat assignment meets, in this order: one row per user and package, a package that has not
// expired, a free seat. Sources and what is unconfirmed: FIDELITY.md, "Managed package licences".

import { notEmulated } from '../../core/not-emulated';
import type { SObjectRecord } from '../../schema/types';
import type { Org } from '../org';
import { duplicateValue, licenseLimitExceeded } from './common';
import type { ObjectRules } from './types';

/** AllowedLicenses -1: a site licence, every user may use the package (no seat limit). */
export const SITE_LICENSE = -1;

export function usedPackageLicenses(
    org: Org,
    packageLicenseId: string
): number {
    return org.find(
        'UserPackageLicense',
        (row) => row.PackageLicenseId === packageLicenseId
    ).length;
}

/** Status Expired, or an ExpirationDate in the past of the org's clock. */
export function packageExpired(org: Org, license: SObjectRecord): boolean {
    if (license.Status === 'Expired') {
        return true;
    }
    const expires = license.ExpirationDate;
    return (
        typeof expires === 'string' &&
        new Date(expires).getTime() <= org.now().getTime()
    );
}

export const userPackageLicenseRules: ObjectRules = {
    beforeInsert(org, record) {
        const licenseId = String(record.PackageLicenseId);
        if (
            org.first(
                'UserPackageLicense',
                (row) =>
                    row.UserId === record.UserId &&
                    row.PackageLicenseId === licenseId
            )
        ) {
            throw duplicateValue();
        }
        const license = org.get('PackageLicense', licenseId);
        if (!license) {
            return;
        }
        if (packageExpired(org, license)) {
            // What Salesforce answers here is not documented: say so instead of guessing.
            throw notEmulated(
                `Assigning a seat of an expired package (${String(license.NamespacePrefix)})`,
                '/sobjects/UserPackageLicense'
            );
        }
        const allowed = Number(license.AllowedLicenses);
        if (
            allowed !== SITE_LICENSE &&
            usedPackageLicenses(org, licenseId) >= allowed
        ) {
            throw licenseLimitExceeded(String(license.NamespacePrefix));
        }
    }
};
