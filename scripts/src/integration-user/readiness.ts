// Credential readiness: is the integration user able to connect, and only as intended?
// fetchReadinessFacts reads the org (one composite call plus the password resource);
// evaluateReadiness is pure: facts + expectations in, pass / warn / fail results out. verify
// can call both; `npm run credentials -- status` prints them.

import type { OrgClient } from '../org/client';
import { fetchUserFacts } from './facts';

export type ReadinessStatus = 'pass' | 'warn' | 'fail';

export interface ReadinessResult {
    rule: string;
    status: ReadinessStatus;
    expected: string;
    actual: string;
    fix?: string;
}

export interface ReadinessFacts {
    username: string;
    isActive: boolean;
    isFrozen: boolean;
    lastLoginDate: string | null;
    passwordNeverExpires: boolean;
    /** GET /sobjects/User/{id}/password: isExpired (an expired or never-set password). */
    passwordExpired: boolean;
    /** The app labels the grants were counted for. */
    apps: string[];
    /** OAuth grants (OauthToken rows) the org holds for the user and those apps. */
    grants: {
        appName: string;
        useCount: number | null;
        lastUsedDate: string | null;
    }[];
}

export interface ReadinessExpectations {
    /**
     * The contract requires PasswordNeverExpires (password-based presets); the kit's OAuth-only
     * contract does not, and then the permission is a warning.
     */
    passwordNeverExpires: boolean;
    /** A last login older than this many days is a warning. Default 90. */
    staleLoginDays?: number;
}

/** Expectations from a contract's `userPermissions.require`. */
export function expectationsFromRequired(
    required: readonly string[]
): ReadinessExpectations {
    return { passwordNeverExpires: required.includes('PasswordNeverExpires') };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * One readiness rule: `ok` picks the actual text and, when not ok, the status (fail or warn) and
 * the fix.
 */
function check(
    rule: string,
    ok: boolean,
    expected: string,
    actual: [whenOk: string, otherwise: string],
    failure: { status: Exclude<ReadinessStatus, 'pass'>; fix: string }
): ReadinessResult {
    return {
        rule,
        status: ok ? 'pass' : failure.status,
        expected,
        actual: ok ? actual[0] : actual[1],
        fix: ok ? undefined : failure.fix
    };
}

export function evaluateReadiness(
    facts: ReadinessFacts,
    expectations: ReadinessExpectations,
    now: Date = new Date()
): ReadinessResult[] {
    const results: ReadinessResult[] = [
        check(
            'credentials.active',
            facts.isActive,
            'active',
            ['active', 'inactive'],
            { status: 'fail', fix: 'npm run provision (activates the user)' }
        ),
        check(
            'credentials.not-frozen',
            !facts.isFrozen,
            'not frozen',
            ['not frozen', 'frozen'],
            { status: 'fail', fix: 'npm run credentials -- unfreeze' }
        )
    ];
    if (expectations.passwordNeverExpires) {
        results.push(
            check(
                'credentials.password-never-expires',
                facts.passwordNeverExpires,
                'PasswordNeverExpires (the contract requires it)',
                ['granted', 'not granted'],
                {
                    status: 'fail',
                    fix: 'assign the integration permission set group (npm run provision)'
                }
            ),
            check(
                'credentials.password-set',
                !facts.passwordExpired,
                'a current password (password-based integration)',
                ['current', 'expired or never set'],
                { status: 'fail', fix: 'npm run credentials -- set-password' }
            )
        );
    } else {
        results.push(
            check(
                'credentials.password-never-expires',
                !facts.passwordNeverExpires,
                'no PasswordNeverExpires (OAuth-only: the contract does not ask for it)',
                ['not granted', 'granted'],
                {
                    status: 'warn',
                    fix: 'remove PasswordNeverExpires from the sets and profile the user holds'
                }
            )
        );
    }
    const grants = facts.grants;
    const lastUsed = grants
        .map((grant) => grant.lastUsedDate)
        .filter((date): date is string => date !== null)
        .sort()
        .at(-1);
    results.push(
        check(
            'credentials.oauth-grants',
            grants.length > 0,
            `an OAuth grant for ${facts.apps.join(', ') || 'the app'}`,
            [
                `${grants.length} grant(s), last used ${lastUsed ?? 'never'}`,
                'none'
            ],
            {
                status: 'warn',
                fix: 'authorize the integration (JWT bearer and client credentials leave no refresh token, so none is expected for them)'
            }
        )
    );
    const staleDays = expectations.staleLoginDays ?? 90;
    const lastLogin = facts.lastLoginDate;
    const age =
        lastLogin === null
            ? undefined
            : (now.getTime() - new Date(lastLogin).getTime()) / DAY_MS;
    const loggedIn = lastLogin ?? 'never logged in';
    results.push(
        check(
            'credentials.last-login',
            age !== undefined && age <= staleDays,
            `a login within ${staleDays} days`,
            [loggedIn, loggedIn],
            {
                status: 'warn',
                fix: 'check that the integration still connects (or freeze the user if it is retired)'
            }
        )
    );
    return results;
}

export async function fetchReadinessFacts(
    client: OrgClient,
    username: string,
    apps: string[],
    now: Date = new Date()
): Promise<ReadinessFacts> {
    const facts = await fetchUserFacts(client, username, now);
    const password = await client.request<{ isExpired: boolean }>(
        'GET',
        `${client.base}/sobjects/User/${facts.user.Id}/password`
    );
    const wanted = new Set(apps);
    return {
        username: facts.user.Username,
        isActive: facts.user.IsActive,
        isFrozen: facts.login?.IsFrozen ?? false,
        lastLoginDate: facts.user.LastLoginDate,
        passwordNeverExpires: facts.passwordNeverExpires,
        passwordExpired: password.isExpired,
        apps,
        grants: facts.grants
            .filter((grant) => wanted.has(grant.AppName ?? ''))
            .map((grant) => ({
                appName: grant.AppName ?? '',
                useCount: grant.UseCount,
                lastUsedDate: grant.LastUsedDate
            }))
    };
}
