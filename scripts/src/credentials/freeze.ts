// freeze / unfreeze: UserLogin.IsFrozen (Object Reference, "UserLogin": supported calls
// describeSObjects(), query(), retrieve(), update(); needs Manage Users; IsFrozen: "If a user's
// account is frozen, they can't log in, but their account isn't deactivated"). PATCH
// /sobjects/UserLogin/{id}, then read back.

import type { ActionContext, CredentialsAction, Outcome } from './context';
import { CredentialsError } from './errors';
import { fetchUserFacts } from './facts';
import { runningUser, sameId } from './running-user';

function freezeAction(frozen: boolean): CredentialsAction {
    const verb = frozen ? 'freeze' : 'unfreeze';
    const state = frozen ? 'frozen' : 'not frozen';
    const run = async (context: ActionContext): Promise<Outcome> => {
        const client = await context.client();
        const facts = await fetchUserFacts(client, context.username());
        const username = facts.user.Username;
        if (frozen) {
            // Freezing the admin who runs it locks them out of the org that would unfreeze it.
            const me = await runningUser(client);
            if (me !== undefined && sameId(me.id, facts.user.Id)) {
                throw new CredentialsError(
                    'BAD_ARGUMENT',
                    `--user: ${username} is the user running this command; freezing it would lock you out. Freeze the integration user (--user <its username>), or run this as another admin.`
                );
            }
        }
        if (!facts.login) {
            throw new CredentialsError(
                'UNKNOWN_USER',
                `${username} has no UserLogin record to ${verb} (the running user may lack Manage Users).`
            );
        }
        const base = {
            username,
            userId: facts.user.Id,
            userLoginId: facts.login.Id,
            isFrozenBefore: facts.login.IsFrozen
        };
        if (facts.login.IsFrozen === frozen) {
            return {
                status: 'unchanged',
                lines: [`${username} is already ${state}: nothing to do.`],
                result: { ...base, isFrozen: frozen },
                warnings: []
            };
        }
        if (context.dryRun) {
            return {
                status: 'planned',
                lines: [
                    `Plan: PATCH ${client.base}/sobjects/UserLogin/${facts.login.Id} {"IsFrozen": ${frozen}} for ${username}.`,
                    'Dry run: nothing was written.'
                ],
                result: base,
                warnings: []
            };
        }
        await client.request(
            'PATCH',
            `${client.base}/sobjects/UserLogin/${facts.login.Id}`,
            { IsFrozen: frozen }
        );
        const after = await client.query<{ IsFrozen: boolean }>(
            `SELECT IsFrozen FROM UserLogin WHERE Id = '${facts.login.Id}'`
        );
        const isFrozen = after[0]?.IsFrozen ?? !frozen;
        return {
            status: isFrozen === frozen ? 'done' : 'partial',
            lines: [
                `${username} is now ${isFrozen ? 'frozen' : 'not frozen'}.`,
                frozen
                    ? 'A frozen user cannot log in. Revoke its OAuth grants too (npm run credentials -- revoke), then rotate what leaked.'
                    : 'The user can log in again.'
            ],
            result: { ...base, isFrozen },
            warnings: []
        };
    };
    return {
        name: verb,
        summary: frozen
            ? 'the emergency stop: freeze the user (UserLogin.IsFrozen)'
            : 'unfreeze the user',
        usage: `Usage: npm run credentials -- ${verb}

Sets UserLogin.IsFrozen to ${frozen} for the user, then reads it back. Does nothing when the user
is already ${state}.`,
        options: {},
        run
    };
}

export const freeze = freezeAction(true);
export const unfreeze = freezeAction(false);
