import { nearestNames } from '../lib/nearest';
import type { OrgClient } from './client';

/** The named things admins refer to, and where their names live. */
export const NAMED = {
    profile: {
        label: 'profile',
        soql: 'SELECT Name FROM Profile',
        field: 'Name'
    },
    userLicense: {
        label: 'user licence',
        soql: 'SELECT Name FROM UserLicense',
        field: 'Name'
    },
    permissionSet: {
        label: 'permission set',
        soql: 'SELECT Name FROM PermissionSet WHERE IsOwnedByProfile = false AND PermissionSetGroupId = null',
        field: 'Name'
    },
    permissionSetGroup: {
        label: 'permission set group',
        soql: 'SELECT DeveloperName FROM PermissionSetGroup',
        field: 'DeveloperName'
    },
    permissionSetLicense: {
        label: 'permission set licence',
        soql: 'SELECT DeveloperName FROM PermissionSetLicense',
        field: 'DeveloperName'
    }
} as const;

export type NamedKind = keyof typeof NAMED;

/**
 * `Unknown <kind> "<name>" in this org. Did you mean: a, b?` — one extra query, made only on this
 * error path, for the names that do exist.
 */
export async function unknownNameMessage(
    client: OrgClient,
    kind: NamedKind,
    name: string
): Promise<string> {
    const { label, soql, field } = NAMED[kind];
    const rows = await client.query<Record<string, string>>(soql);
    const near = nearestNames(
        name,
        rows.map((row) => row[field] ?? '')
    );
    return `Unknown ${label} "${name}" in this org.${near.length > 0 ? ` Did you mean: ${near.join(', ')}?` : ''}`;
}
