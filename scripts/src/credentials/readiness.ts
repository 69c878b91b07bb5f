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

export function evaluateReadiness(
    facts: ReadinessFacts,
    expectations: ReadinessExpectations,
    now: Date = new Date()
): ReadinessResult[] {
    const results: ReadinessResult[] = [];
    results.push({
        rule: 'credentials.active',
        status: facts.isActive ? 'pass' : 'fail',
        expected: 'active',
        actual: facts.isActive ? 'active' : 'inactive',
        fix: facts.isActive
            ? undefined
            : 'npm run provision (activates the user)'
    });
    results.push({
        rule: 'credentials.not-frozen',
        status: facts.isFrozen ? 'fail' : 'pass',
        expected: 'not frozen',
        actual: facts.isFrozen ? 'frozen' : 'not frozen',
        fix: facts.isFrozen ? 'npm run credentials -- unfreeze' : undefined
    });
    if (expectations.passwordNeverExpires) {
        results.push({
            rule: 'credentials.password-never-expires',
            status: facts.passwordNeverExpires ? 'pass' : 'fail',
            expected: 'PasswordNeverExpires (the contract requires it)',
            actual: facts.passwordNeverExpires ? 'granted' : 'not granted',
            fix: facts.passwordNeverExpires
                ? undefined
                : 'assign the integration permission set group (npm run provision)'
        });
        results.push({
            rule: 'credentials.password-set',
            status: facts.passwordExpired ? 'fail' : 'pass',
            expected: 'a current password (password-based integration)',
            actual: facts.passwordExpired ? 'expired or never set' : 'current',
            fix: facts.passwordExpired
                ? 'npm run credentials -- set-password'
                : undefined
        });
    } else {
        results.push({
            rule: 'credentials.password-never-expires',
            status: facts.passwordNeverExpires ? 'warn' : 'pass',
            expected:
                'no PasswordNeverExpires (OAuth-only: the contract does not ask for it)',
            actual: facts.passwordNeverExpires ? 'granted' : 'not granted',
            fix: facts.passwordNeverExpires
                ? 'remove PasswordNeverExpires from the sets and profile the user holds'
                : undefined
        });
    }
    const grants = facts.grants;
    const lastUsed = grants
        .map((grant) => grant.lastUsedDate)
        .filter((date): date is string => date !== null)
        .sort()
        .at(-1);
    results.push({
        rule: 'credentials.oauth-grants',
        status: grants.length > 0 ? 'pass' : 'warn',
        expected: `an OAuth grant for ${facts.apps.join(', ') || 'the app'}`,
        actual:
            grants.length > 0
                ? `${grants.length} grant(s), last used ${lastUsed ?? 'never'}`
                : 'none',
        fix:
            grants.length > 0
                ? undefined
                : 'authorize the integration (JWT bearer and client credentials leave no refresh token, so none is expected for them)'
    });
    const staleDays = expectations.staleLoginDays ?? 90;
    const lastLogin = facts.lastLoginDate;
    const age =
        lastLogin === null
            ? undefined
            : (now.getTime() - new Date(lastLogin).getTime()) / DAY_MS;
    results.push({
        rule: 'credentials.last-login',
        status: age !== undefined && age <= staleDays ? 'pass' : 'warn',
        expected: `a login within ${staleDays} days`,
        actual: lastLogin ?? 'never logged in',
        fix:
            age !== undefined && age <= staleDays
                ? undefined
                : 'check that the integration still connects (or freeze the user if it is retired)'
    });
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
