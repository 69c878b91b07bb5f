import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every user permission name Salesforce knows, read from the PermissionSet type of the Tooling API
 * typings that `@salesforce/types` generates from Salesforce's WSDL (`Permissions<Name>` fields).
 * The validator checks force-app's names against it; the emulator makes each a boolean field of
 * PermissionSet, Profile and MutingPermissionSet.
 */

/**
 * Permissions a real org exposes that the typings lack, each with its source. The typings come
 * from one org's WSDL, and PermissionSet's fields vary by org, edition and licence (Object
 * Reference, "PermissionSet": "The permissions available depend on the org").
 *
 * - ManageEncryptionKeys: the "Manage Encryption Keys" user permission of Shield Platform
 *   Encryption (Salesforce Help, "Which User Permissions Does Shield Platform Encryption Require?",
 *   https://help.salesforce.com/s/articleView?id=xcloud.security_pe_permissions.htm ; Metadata
 *   API Developer Guide, "PlatformEncryptionSettings", Special Access Rules). Its field is
 *   PermissionsManageEncryptionKeys, labelled "Manage Encryption Keys", in PermissionSet describes
 *   of orgs with Platform Encryption (available for free in Developer Edition, the same Help page),
 *   as public code generated from such describes shows; the typings' org did not have it.
 */
export const EXTRA_USER_PERMISSIONS: readonly string[] = [
    'ManageEncryptionKeys'
];

/** The PermissionSet type's `Permissions<Name>` names in one `@salesforce/types` tooling.d.ts. */
function typingsPermissions(packageName: string): string[] {
    // The package exports only its modules; the typings sit beside the tooling module.
    const typings = path.join(
        path.dirname(require.resolve(`${packageName}/tooling`)),
        'tooling.d.ts'
    );
    const text = readFileSync(typings, 'utf8');
    const start = text.indexOf('export type PermissionSet = ');
    const end = text.indexOf('\n};', start);
    if (start === -1 || end === -1) {
        throw new Error(
            `${typings}: no PermissionSet type found (did @salesforce/types change?)`
        );
    }
    const names = [
        ...text.slice(start, end).matchAll(/\n\s+Permissions(\w+)\?: boolean;/g)
    ].map((match) => match[1] ?? '');
    if (names.length === 0) {
        throw new Error(
            `${typings}: the PermissionSet type has no Permissions<Name> fields`
        );
    }
    return names;
}

let cached: ReadonlySet<string> | undefined;

/**
 * The names (without the `Permissions` prefix) of the pinned typings (`@salesforce/types` 1.9.0,
 * 538 names) and EXTRA_USER_PERMISSIONS: what the emulator's PermissionSet describe has.
 */
export function knownUserPermissions(): ReadonlySet<string> {
    if (cached) {
        return cached;
    }
    cached = new Set([
        ...typingsPermissions('@salesforce/types'),
        ...EXTRA_USER_PERMISSIONS
    ]);
    return cached;
}

let cachedAnyOrg: ReadonlySet<string> | undefined;

/**
 * Every name some org's WSDL has: knownUserPermissions() and the typings of `@salesforce/types`
 * 1.7.1 (installed as `@salesforce/types-1.7.1`), generated from an org with far more features
 * (1,887 names: Knowledge, Field Service, CRM Analytics... that 1.9.0's org lacks). The validator
 * checks against this union: it cannot know the target org's edition and licences, and a name
 * one real org's WSDL lists is not a typo (corpus: LightningFlowComponents grants
 * ManageKnowledge, which only 1.7.1 has).
 */
export function userPermissionsOfAnyOrg(): ReadonlySet<string> {
    if (cachedAnyOrg) {
        return cachedAnyOrg;
    }
    cachedAnyOrg = new Set([
        ...knownUserPermissions(),
        ...typingsPermissions('@salesforce/types-1.7.1')
    ]);
    return cachedAnyOrg;
}
