import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every user permission name Salesforce knows, read from the PermissionSet type of the Tooling API
 * typings that `@salesforce/types` generates from Salesforce's WSDL (`Permissions<Name>` fields).
 * A newer permission the typings lack goes into EXTRA_USER_PERMISSIONS, citing its source.
 */
export const EXTRA_USER_PERMISSIONS: readonly string[] = [];

let cached: Set<string> | undefined;

export function knownUserPermissions(): Set<string> {
    if (cached) {
        return cached;
    }
    // The package exports only its modules; the typings sit beside the tooling module.
    const typings = path.join(
        path.dirname(require.resolve('@salesforce/types/tooling')),
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
    cached = new Set([...names, ...EXTRA_USER_PERMISSIONS]);
    return cached;
}
