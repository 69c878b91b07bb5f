// set-password: a generated password set through the REST API's sObject User Password
// resource (REST API Developer Guide, "Manage User Passwords": POST
// /services/data/vXX.X/sobjects/User/{id}/password with {"NewPassword": ...}, 204 No Content on
// success, 400 INVALID_NEW_PASSWORD when the password breaks the org's policy), written only to
// a 0600 file.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { asSalesforceError } from '../org/api-error';
import {
    planned,
    unchanged,
    type ActionContext,
    type CredentialsAction,
    type Outcome
} from './context';
import { CredentialsError } from './errors';
import { fetchUserFacts, requireApiOnly, type UserFacts } from './facts';
import { PASSWORD_POLICY_NOTE, SECURITY_TOKEN_NOTE } from './messages';
import { DEFAULT_LENGTH, generatePassword, validateLength } from './password';
import {
    modeOf,
    moveSecretFile,
    placementWarning,
    removeIfPresent,
    safeName,
    secretPath,
    writeSecretFile
} from './secrets';

export function passwordFile(context: ActionContext, username: string): string {
    const out = context.string('out');
    return out === undefined
        ? secretPath(
              context.projectRoot,
              'credentials',
              `${safeName(username)}.password`
          )
        : context.resolve(out);
}

function forbiddenWords(facts: UserFacts): string[] {
    return [
        facts.user.Username.split('@')[0] ?? '',
        facts.user.FirstName ?? '',
        facts.user.LastName ?? ''
    ];
}

async function lastPasswordChange(
    context: ActionContext,
    id: string
): Promise<string | null> {
    const client = await context.client();
    const rows = await client.query<{ LastPasswordChangeDate: string | null }>(
        `SELECT LastPasswordChangeDate FROM User WHERE Id = '${id}'`
    );
    return rows[0]?.LastPasswordChangeDate ?? null;
}

/**
 * Why the password in the file no longer logs in, if it does not: a reset-password since (GET on
 * the password resource answers isExpired: true; REST API Developer Guide, "Manage User
 * Passwords"). Undefined when it is live or the resource did not answer.
 */
async function deadPassword(
    context: ActionContext,
    id: string
): Promise<string | undefined> {
    const client = await context.client();
    try {
        const answer = await client.request<{ isExpired?: boolean }>(
            'GET',
            `${client.base}/sobjects/User/${id}/password`
        );
        return answer?.isExpired === true
            ? 'the org reports it expired (reset-password since, or an admin reset)'
            : undefined;
    } catch {
        return undefined;
    }
}

async function run(context: ActionContext): Promise<Outcome> {
    const length = Number(context.string('length') ?? DEFAULT_LENGTH);
    validateLength(length);
    const client = await context.client();
    const facts = await fetchUserFacts(client, context.username());
    requireApiOnly(facts);
    const username = facts.user.Username;
    const file = passwordFile(context, username);
    const shown = context.shown(file);
    const warnings = [placementWarning(context.projectRoot, file)].filter(
        (w): w is string => w !== undefined
    );
    const base = {
        username,
        userId: facts.user.Id,
        passwordFile: shown,
        lastPasswordChangeDate: facts.user.LastPasswordChangeDate
    };
    const dead =
        existsSync(file) && !context.flag('force')
            ? await deadPassword(context, facts.user.Id)
            : undefined;
    if (dead !== undefined) {
        warnings.push(
            `${shown} holds a password that no longer works: ${dead}; setting a new one`
        );
    }
    if (existsSync(file) && !context.flag('force') && dead === undefined) {
        const changed = facts.user.LastPasswordChangeDate;
        if (
            changed !== null &&
            new Date(changed).getTime() > statSync(file).mtimeMs + 1000
        ) {
            warnings.push(
                `the password changed in the org (${changed}) after ${shown} was written: the file may be stale; --force sets a new one`
            );
        }
        return unchanged(
            [
                `${username}: nothing to do: ${shown} already holds the password set by an earlier run (last change ${facts.user.LastPasswordChangeDate ?? 'unknown'}).`,
                'Pass --force to generate and set a new one.'
            ],
            base,
            warnings
        );
    }
    if (context.dryRun) {
        return planned(
            username,
            [
                `generate a ${length}-character password (upper, lower, digits, special characters)`,
                `POST ${client.base}/sobjects/User/${facts.user.Id}/password`,
                `write it to ${shown} (mode 0600)`
            ],
            { ...base, length },
            warnings
        );
    }
    const password = generatePassword(length, forbiddenWords(facts));
    const pending = `${file}.new`;
    writeSecretFile(pending, `${password}\n`);
    try {
        await client.request(
            'POST',
            `${client.base}/sobjects/User/${facts.user.Id}/password`,
            { NewPassword: password }
        );
    } catch (error) {
        const failure = asSalesforceError(error);
        if (failure.errorCode === 'INVALID_NEW_PASSWORD') {
            removeIfPresent(pending);
            throw new CredentialsError(
                'PASSWORD_REJECTED',
                `Salesforce rejected the new password under the org's password policy: ${failure.message} ` +
                    `Nothing changed. Raise --length (now ${length}) or check Setup → Password Policies and the profile's password policy.`
            );
        }
        // The request was sent and the answer lost: re-read the org rather than guess.
        const after = await lastPasswordChange(context, facts.user.Id).catch(
            () => undefined
        );
        if (
            after !== undefined &&
            after !== facts.user.LastPasswordChangeDate
        ) {
            moveSecretFile(pending, file);
            throw new CredentialsError(
                'SECRET_FILE',
                `The password change reached Salesforce (LastPasswordChangeDate is now ${after}) but its answer failed: ${failure.message}. The new password is in ${shown}.`
            );
        }
        removeIfPresent(pending);
        throw error;
    }
    moveSecretFile(pending, file);
    const changed = await lastPasswordChange(context, facts.user.Id);
    const lines = [
        `${username}: password set; it is only in ${shown} (mode ${modeOf(file).toString(8)}). Last change: ${changed ?? 'unknown'}.`,
        SECURITY_TOKEN_NOTE,
        PASSWORD_POLICY_NOTE
    ];
    const result: Record<string, unknown> = {
        ...base,
        lastPasswordChangeDate: changed,
        length,
        securityToken: SECURITY_TOKEN_NOTE,
        passwordPolicy: PASSWORD_POLICY_NOTE
    };
    if (context.flag('show')) {
        // The one way to see it: asked for explicitly.
        const shownPassword = readFileSync(file, 'utf8').trim();
        lines.push(`Password: ${shownPassword}`);
        result.password = shownPassword;
    }
    return { status: 'done', lines, result, warnings };
}

export const setPassword: CredentialsAction = {
    name: 'set-password',
    summary:
        'generate a strong password, set it through the REST API, write it only to a 0600 file',
    usage: `Usage: npm run credentials -- set-password [--out <file>] [--length <n>] [--force] [--show]

Generates a password (default ${DEFAULT_LENGTH} characters: upper and lower case letters, digits and
special characters), sets it with POST /sobjects/User/{id}/password and writes it only to --out
(default .secrets/credentials/<username>.password, mode 0600). A second run does nothing while that
file exists; --force sets a new one. --show is the only way to print it.`,
    options: {
        out: { type: 'string' },
        length: { type: 'string' },
        force: { type: 'boolean', default: false },
        show: { type: 'boolean', default: false }
    },
    run
};
