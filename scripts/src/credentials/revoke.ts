// revoke: the OAuth grants the org holds for the user and the kit's app (every app with
// --all-apps), counted before and after. OauthToken supports only describeSObjects() and query()
// (Object Reference, "OauthToken"), so each grant is revoked through the OAuth revoke endpoint
// with its DeleteToken ("Usage"; Salesforce Help, "Revoke OAuth Tokens Programmatically": POST
// /services/oauth2/revoke, form body token=..., 200 on success, 400 invalid_token /
// unsupported_token_type). A token the admin holds is revoked the same way with --token-file.
// Delete tokens and refresh tokens are secrets: never printed, never in --json.

import { readFileSync } from 'node:fs';
import { asSalesforceError } from '../org/api-error';
import type { OrgClient } from '../org/client';
import { kitApps } from './apps';
import { checkAppFlags, matchApps } from './app-match';
import type { ActionContext, CredentialsAction, Outcome } from './context';
import { CredentialsError } from './errors';
import { fetchUserFacts } from './facts';
import { inList, quote } from '../org/soql';

interface TokenRow {
    AppName: string | null;
    DeleteToken: string | null;
}

export const REVOKE_PATH = '/services/oauth2/revoke';

/**
 * The OAuth error of a failed revoke: jsforce keeps the body `{"error": ..., "error_description":
 * ...}` as the message of an ERROR_HTTP_400.
 */
export function oauthErrorCode(error: unknown): string {
    const failure = asSalesforceError(error);
    try {
        const body = JSON.parse(failure.message) as { error?: unknown };
        if (typeof body.error === 'string') {
            return body.error;
        }
    } catch {
        // Not an OAuth error body.
    }
    return failure.errorCode ?? 'error';
}

/** POSTs one token to the revoke endpoint; false when Salesforce answers invalid_token. */
export async function revokeToken(
    client: OrgClient,
    token: string
): Promise<{ revoked: true } | { revoked: false; error: string }> {
    try {
        await client.revokeOAuthToken(token);
        return { revoked: true };
    } catch (error) {
        return { revoked: false, error: oauthErrorCode(error) };
    }
}

async function grants(
    client: OrgClient,
    userId: string,
    apps: string[] | undefined
): Promise<TokenRow[]> {
    const filter = apps === undefined ? '' : ` AND AppName IN ${inList(apps)}`;
    return client.query<TokenRow>(
        `SELECT AppName, DeleteToken FROM OauthToken WHERE UserId = ${quote(userId)}${filter}`
    );
}

function countByApp(rows: TokenRow[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const row of rows) {
        const app = row.AppName ?? '(no app name)';
        counts[app] = (counts[app] ?? 0) + 1;
    }
    return counts;
}

function appLabels(context: ActionContext): string[] | undefined {
    if (context.flag('all-apps')) {
        return undefined;
    }
    const given = context.values.app;
    if (Array.isArray(given) && given.length > 0) {
        return given;
    }
    return kitApps(context.projectRoot).map((app) => app.label);
}

async function revokeTokenFile(
    context: ActionContext,
    file: string
): Promise<Outcome> {
    let token: string;
    try {
        token = readFileSync(context.resolve(file), 'utf8').trim();
    } catch {
        throw new CredentialsError(
            'BAD_ARGUMENT',
            `--token-file: cannot read ${file}`
        );
    }
    if (token === '' || /\s/.test(token)) {
        throw new CredentialsError(
            'BAD_ARGUMENT',
            `--token-file: ${file} must hold exactly one token`
        );
    }
    if (context.dryRun) {
        return {
            status: 'planned',
            lines: [
                `Plan: POST ${REVOKE_PATH} with the token in ${file}.`,
                'Dry run: nothing was revoked.'
            ],
            result: { tokenFile: file },
            warnings: []
        };
    }
    const answer = await revokeToken(await context.client(), token);
    if (!answer.revoked) {
        throw new CredentialsError(
            'NO_OAUTH_GRANT',
            `No OAuth grant for the token in ${file}: Salesforce answered ${answer.error} (already revoked, expired, or not a token this org issued).`
        );
    }
    return {
        status: 'done',
        lines: [`Revoked the token in ${file} (and its access tokens).`],
        result: { tokenFile: file, revoked: 1 },
        warnings: []
    };
}

async function run(context: ActionContext): Promise<Outcome> {
    const tokenFile = context.string('token-file');
    if (tokenFile !== undefined) {
        return revokeTokenFile(context, tokenFile);
    }
    checkAppFlags(context.flag('all-apps'), context.values.app);
    const client = await context.client();
    const facts = await fetchUserFacts(client, context.username());
    const username = facts.user.Username;
    const given = appLabels(context);
    const apps =
        given === undefined || !Array.isArray(context.values.app)
            ? given
            : await matchApps(
                  client,
                  facts.user.Id,
                  given,
                  kitApps(context.projectRoot).map((app) => app.label)
              );
    const scope =
        apps === undefined ? 'every app' : apps.map((a) => `"${a}"`).join(', ');
    const before = await grants(client, facts.user.Id, apps);
    const base = {
        username,
        userId: facts.user.Id,
        apps: apps ?? 'all',
        before: before.length,
        beforeByApp: countByApp(before)
    };
    if (before.length === 0) {
        return {
            status: 'unchanged',
            lines: [
                `${username}: no OAuth grant to revoke for ${scope}: the org holds no token for it (nothing to do).`
            ],
            result: { ...base, after: 0, revoked: 0 },
            warnings: []
        };
    }
    if (context.dryRun) {
        return {
            status: 'planned',
            lines: [
                `Plan for ${username}: revoke ${before.length} OAuth grant(s) for ${scope}:`,
                ...Object.entries(base.beforeByApp).map(
                    ([app, n]) => `  ${app}: ${n}`
                ),
                `  each through POST ${REVOKE_PATH} with its delete token`,
                'Dry run: nothing was revoked.'
            ],
            result: base,
            warnings: []
        };
    }
    const failures: string[] = [];
    for (const row of before) {
        if (!row.DeleteToken) {
            failures.push(`${row.AppName ?? '?'}: no delete token readable`);
            continue;
        }
        const answer = await revokeToken(client, row.DeleteToken);
        if (!answer.revoked) {
            failures.push(`${row.AppName ?? '?'}: ${answer.error}`);
        }
    }
    const after = await grants(client, facts.user.Id, apps);
    const revoked = before.length - after.length;
    const status =
        failures.length === 0 && after.length === 0 ? 'done' : 'partial';
    return {
        status,
        lines: [
            `${username}: OAuth grants for ${scope}: ${before.length} before, ${after.length} after (${revoked} revoked).`,
            ...failures.map((failure) => `  not revoked: ${failure}`),
            'The integration must authorize again (or use the JWT bearer flow) to get new tokens.'
        ],
        result: {
            ...base,
            after: after.length,
            afterByApp: countByApp(after),
            revoked,
            failures
        },
        warnings: []
    };
}

export const revoke: CredentialsAction = {
    name: 'revoke',
    summary:
        "revoke the user's OAuth grants for the kit's app (--all-apps: every app), or one token",
    usage: `Usage: npm run credentials -- revoke [--all-apps | --app <label>...] [--token-file <file>]

Counts the OAuth grants (OauthToken) the org holds for the user and the kit's External Client App
(and legacy connected app), revokes each through ${REVOKE_PATH} with its delete token, and counts
again. --all-apps: every app's grants. --token-file: revoke one refresh or access token you hold.
Exit 68 when some grants could not be revoked.`,
    options: {
        'all-apps': { type: 'boolean', default: false },
        app: { type: 'string', multiple: true },
        'token-file': { type: 'string' }
    },
    run
};
