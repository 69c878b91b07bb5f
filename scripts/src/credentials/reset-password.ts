// reset-password: Salesforce emails the user a reset link (REST API Developer Guide, "Reset User
// Password": DELETE /services/data/vXX.X/sobjects/User/{id}/password "initiates a password reset
// ... the user receives an email with a password reset link"; the auto-generated temporary
// password comes back in the response body as NewPassword). The temporary password goes only to
// a 0600 file. "Is a reset pending?" is GET on the same resource ({"isExpired": true}).

import { readFileSync } from 'node:fs';
import {
    planned,
    unchanged,
    type ActionContext,
    type CredentialsAction,
    type Outcome
} from './context';
import { fetchUserFacts, requireApiOnly } from './facts';
import { SECURITY_TOKEN_NOTE } from './messages';
import {
    modeOf,
    placementWarning,
    safeName,
    secretPath,
    writeSecretFile
} from './secrets';

function temporaryFile(context: ActionContext, username: string): string {
    const out = context.string('out');
    return out === undefined
        ? secretPath(
              context.projectRoot,
              'credentials',
              `${safeName(username)}.temporary-password`
          )
        : context.resolve(out);
}

async function run(context: ActionContext): Promise<Outcome> {
    const client = await context.client();
    const facts = await fetchUserFacts(client, context.username());
    requireApiOnly(facts);
    const username = facts.user.Username;
    const resource = `${client.base}/sobjects/User/${facts.user.Id}/password`;
    const file = temporaryFile(context, username);
    const shown = context.shown(file);
    const warnings = [placementWarning(context.projectRoot, file)].filter(
        (w): w is string => w !== undefined
    );
    const before = await client.request<{ isExpired: boolean }>(
        'GET',
        resource
    );
    const base = {
        username,
        userId: facts.user.Id,
        email: facts.user.Email,
        passwordExpired: before.isExpired
    };
    if (before.isExpired && !context.flag('force')) {
        return unchanged(
            [
                `${username}: nothing to do: the password is already expired (a reset is pending, or no password was ever set); the user must set a new one from the reset email.`,
                'Pass --force to reset again (Salesforce sends another email).'
            ],
            base,
            warnings
        );
    }
    if (context.dryRun) {
        return planned(
            username,
            [
                `DELETE ${resource}: Salesforce resets the password and emails a reset link to ${facts.user.Email ?? 'the user'}`,
                `write the temporary password Salesforce returns to ${shown} (mode 0600)`
            ],
            base,
            warnings
        );
    }
    const answer = await client.request<{ NewPassword?: string } | null>(
        'DELETE',
        resource
    );
    const temporary = answer?.NewPassword;
    if (temporary) {
        writeSecretFile(file, `${temporary}\n`);
    }
    const after = await client.request<{ isExpired: boolean }>('GET', resource);
    const lines = [
        `${username}: password reset; Salesforce emails a reset link to ${facts.user.Email ?? 'the user'}. The current password no longer works.`,
        temporary
            ? `The temporary password Salesforce returned is only in ${shown} (mode ${modeOf(file).toString(8)}), for when the email cannot be reached.`
            : 'Salesforce returned no temporary password.',
        SECURITY_TOKEN_NOTE
    ];
    const result: Record<string, unknown> = {
        ...base,
        passwordExpired: after.isExpired,
        temporaryPasswordFile: temporary ? shown : null,
        securityToken: SECURITY_TOKEN_NOTE
    };
    if (temporary && context.flag('show')) {
        const value = readFileSync(file, 'utf8').trim();
        lines.push(`Temporary password: ${value}`);
        result.temporaryPassword = value;
    }
    return { status: 'done', lines, result, warnings };
}

export const resetPassword: CredentialsAction = {
    name: 'reset-password',
    summary: 'make Salesforce email the user a password reset link',
    usage: `Usage: npm run credentials -- reset-password [--out <file>] [--force] [--show]

Resets the password with DELETE /sobjects/User/{id}/password: Salesforce emails the user a reset
link and returns a temporary password, written only to --out (default
.secrets/credentials/<username>.temporary-password, mode 0600). Does nothing while a reset is
pending (the password is expired) unless --force. --show is the only way to print it.`,
    options: {
        out: { type: 'string' },
        force: { type: 'boolean', default: false },
        show: { type: 'boolean', default: false }
    },
    run
};
