import type { PlanStep } from './types';

// Every message provision prints or throws, in one place.

export const stepKey = (step: PlanStep): string =>
    `${step.action} ${step.target}`;

export function wrongLicence(
    profile: string,
    profileLicence: string | undefined,
    wanted: string,
    profilesOnWanted: string[] = []
): string {
    const shown = profilesOnWanted.slice(0, 5).map((name) => `"${name}"`);
    return (
        `Profile "${profile}" is on the ${profileLicence ?? 'unknown'} licence, but the definition asks for ${wanted}. ` +
        (shown.length > 0
            ? `Pick a profile on the ${wanted} licence; this org has ${shown.join(', ')}${profilesOnWanted.length > shown.length ? ', ...' : ''} ` +
              "(the kit's users get their access from permission sets, so pick or clone one that grants nothing more), " +
              `or set "license" in the definition to ${profileLicence ?? "the profile's licence"}.`
            : `This org has no profile on the ${wanted} licence: set "license" in the definition to ${profileLicence ?? "the profile's licence"}, or create a profile on ${wanted}.`)
    );
}

export function noFreeLicence(
    name: string,
    used: number,
    total: number
): string {
    return (
        `No free ${name} licence: ${used} of ${total} in use. ` +
        'Free one (deactivate a user) or buy more before creating the integration user.'
    );
}

export function noFreePermissionSetLicence(
    label: string,
    used: number,
    total: number
): string {
    return `No free ${label} permission set licence: ${used} of ${total} in use.`;
}

/** Why the allOrNone write failed, and that nothing of it landed. */
export function explain(
    code: string,
    message: string,
    step: PlanStep | undefined,
    username: string
): string {
    const what = step ? `${step.action} ${step.target}` : 'provision';
    switch (code) {
        case 'DUPLICATE_USERNAME':
            return `${what}: the username ${username} is already taken, maybe in another org (usernames are unique across all Salesforce orgs). Choose another Username in the definition, or pass --unique-username. Nothing was written.`;
        case 'LICENSE_LIMIT_EXCEEDED':
            return `${what}: no free licence (${message}). Nothing was written.`;
        case 'FIELD_INTEGRITY_EXCEPTION':
            return `${what}: ${message} (a permission set's licence must match the user's). Nothing was written.`;
        default:
            return `${what}: ${code}: ${message}. Nothing was written.`;
    }
}

export interface ExistingUser {
    Username: string;
    Name: string;
    Email: string;
    IsActive: boolean;
    LastLoginDate: string | null;
}

export function notTheIntegrationUser(
    user: ExistingUser,
    profile: string | undefined,
    licence: string | undefined,
    steps: PlanStep[]
): string {
    const changes =
        steps.length === 0
            ? 'nothing'
            : steps
                  .map((step) =>
                      step.detail
                          ? `${stepKey(step)} (${step.detail})`
                          : stepKey(step)
                  )
                  .join('; ');
    return (
        `User ${user.Username} already exists and is not the integration user: ${user.Name} <${user.Email}>, ` +
        `profile "${profile ?? 'unknown'}" on the ${licence ?? 'unknown'} licence, ${user.IsActive ? 'active' : 'inactive'}, ` +
        `last login ${user.LastLoginDate ?? 'never'}. Provision would change: ${changes}. ` +
        "It stops rather than take over a person's account: choose another Username in the definition " +
        '(or --unique-username), or pass --adopt to take this user over. Nothing was written.'
    );
}

/** What re-reading the org showed after the answer to a write was lost. */
export function reconciledLine(
    reason: string,
    sent: PlanStep[],
    landed: PlanStep[]
): string {
    return (
        `The answer to the write was lost (${reason}); re-reading the org showed ` +
        (landed.length === sent.length
            ? `all ${landed.length} step(s) applied.`
            : landed.length === 0
              ? 'nothing applied, so the plan was sent again.'
              : `${landed.map(stepKey).join(', ')} applied; the rest was sent again.`)
    );
}

export function gaveUp(
    reconciled: string[],
    attempts: number,
    remaining: PlanStep[]
): string {
    return (
        `${reconciled.join(' ')} Gave up after ${attempts} lost answers; still to do: ` +
        `${remaining.map(stepKey).join(', ')}. Re-run provision: it starts from what is there.`
    );
}
