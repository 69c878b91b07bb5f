// revoke --app: the names given are matched to the apps this org knows (issue 20, item 8):
// the user's OAuth grants (OauthToken.AppName), the org's connected and external client apps
// (ConnectedApplication.Name) and the kit's own apps (labels). Case-insensitively, normalised to
// the org's spelling; a name that matches none is an error naming the nearest, never "nothing to
// do" while a grant under a slightly different name stays in force.

import { nearestNames } from '../lib/nearest';
import type { OrgClient } from '../org/client';
import { quote } from '../org/soql';
import { CredentialsError } from './errors';

/** `--all-apps` and `--app` say opposite things: a usage error, before any call. */
export function checkAppFlags(allApps: boolean, apps: unknown): void {
    if (allApps && Array.isArray(apps) && apps.length > 0) {
        throw new CredentialsError(
            'BAD_ARGUMENT',
            '--all-apps and --app cannot be used together: --all-apps revokes every app, --app only the ones named. Pass one of them.'
        );
    }
}

async function names(
    client: OrgClient,
    soql: string,
    field: 'AppName' | 'Name'
): Promise<string[]> {
    try {
        const rows = await client.query<Record<string, string | null>>(soql);
        return rows
            .map((row) => row[field])
            .filter((n): n is string => typeof n === 'string');
    } catch {
        // Not readable for this user (ConnectedApplication needs View Setup): fewer names known.
        return [];
    }
}

/**
 * The given app names in the org's spelling. `kitLabels` are the kit's own apps (always known).
 * Throws BAD_ARGUMENT naming the nearest known app for a name that matches none.
 */
export async function matchApps(
    client: OrgClient,
    userId: string,
    given: string[],
    kitLabels: string[]
): Promise<string[]> {
    const known = [
        ...(await names(
            client,
            `SELECT AppName FROM OauthToken WHERE UserId = ${quote(userId)}`,
            'AppName'
        )),
        ...(await names(
            client,
            'SELECT Name FROM ConnectedApplication',
            'Name'
        )),
        ...kitLabels
    ];
    const byLower = new Map<string, string>();
    for (const name of known) {
        if (!byLower.has(name.toLowerCase())) {
            byLower.set(name.toLowerCase(), name);
        }
    }
    return given.map((name) => {
        const exact = known.find((k) => k === name);
        const match = exact ?? byLower.get(name.trim().toLowerCase());
        if (match !== undefined) {
            return match;
        }
        const near = nearestNames(name, byLower.values());
        throw new CredentialsError(
            'BAD_ARGUMENT',
            `--app: no app "${name}" in this org${near.length > 0 ? ` (nearest: ${near.map((n) => `"${n}"`).join(', ')})` : ''}; an app is named by its label as OAuth grants show it (npm run credentials -- status lists them)`
        );
    });
}
