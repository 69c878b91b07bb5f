// Managed package licences: PackageLicense (an installed package's seats) and
// UserPackageLicense (one user's seat).
//
// PackageLicense (Object Reference for the Salesforce Platform, "PackageLicense"; Field
// Reference, "PackageLicense"): API 31.0+, supported calls describeSObjects(), query() and
// retrieve() only, so no create, update or delete through the API (its records come with the
// package: the emulator seeds them from `--package`, seed/packages.ts). Fields as documented:
// AllowedLicenses (int, "the number of users allowed to use the package"), ExpirationDate
// (dateTime, nillable), IsAvailableForIntegrations and IsProvisioned (boolean, defaulted on
// create), NamespacePrefix (string 40), Status (restricted picklist: Active, Expired, Free,
// Trial), UsedLicenses (int, "the number of users who have a license to the package").
// Key prefix 050: ids in public code and posts (simplysfdc.com 2016/05 "automate assigning
// managed package licenses": 050o0000000DC8JAAW).
//
// UserPackageLicense (Object Reference, "UserPackageLicense"; Field Reference): API 31.0+,
// create(), delete(), describeSObjects(), query(), retrieve() (older guides listed update();
// current ones do not). PackageLicenseId (relationship PackageLicense) and UserId (relationship
// User, as in public REST code filtering `UserPackageLicense WHERE User.Email = ...`), both
// createable. No child relationship names are documented for either lookup, so the emulator
// gives them none (relationship subqueries from User or PackageLicense are refused). Key prefix
// 051 is not confirmed from a public source (FIDELITY.md).

import { bool, lookup, readOnly, required, systemFields } from './fields';
import { objectDef } from './standard-objects';
import type { ObjectDef } from './types';

export const PACKAGE_LICENSE_STATUSES = [
    'Active',
    'Expired',
    'Free',
    'Trial'
] as const;

export function packageLicenseObjects(): ObjectDef[] {
    return [
        objectDef(
            'PackageLicense',
            '050',
            [
                ...systemFields(false),
                readOnly('CreatedDate', 'datetime', { system: true }),
                readOnly('LastModifiedDate', 'datetime', { system: true }),
                readOnly('AllowedLicenses', 'int'),
                readOnly('ExpirationDate', 'datetime'),
                bool('IsAvailableForIntegrations', false, {
                    createable: false,
                    updateable: false,
                    label: 'Enabled for Platform Integrations'
                }),
                bool('IsProvisioned', true, {
                    createable: false,
                    updateable: false
                }),
                readOnly('NamespacePrefix', 'string', { length: 40 }),
                readOnly('Status', 'picklist', {
                    picklistValues: [...PACKAGE_LICENSE_STATUSES],
                    restrictedPicklist: true,
                    length: 40
                }),
                readOnly('UsedLicenses', 'int', { calculated: true })
            ],
            {
                createable: false,
                updateable: false,
                deletable: false,
                label: 'Package License'
            }
        ),
        objectDef(
            'UserPackageLicense',
            '051',
            [
                ...systemFields(),
                required('PackageLicenseId', 'reference', {
                    referenceTo: ['PackageLicense'],
                    relationshipName: 'PackageLicense',
                    cascadeDelete: true,
                    updateable: false,
                    length: 18,
                    label: 'Package License ID'
                }),
                lookup('UserId', ['User'], 'User', {
                    nillable: false,
                    cascadeDelete: true,
                    updateable: false,
                    permissionable: false,
                    label: 'Assigned User ID'
                })
            ],
            { updateable: false, label: 'User Package License' }
        )
    ];
}
