import { nearestNames } from '../lib/nearest';
import type { OrgClient } from '../org/client';
import { resolveParameters, type Contract } from './contract';
import { AccessQueryError, resolveAccess } from './model';
import { chunk } from './soql';
import {
    accessQueryFor,
    evaluate,
    profileLogin,
    type ProfileLogin,
    type RuleResult
} from './verify';

export interface UserReport {
    username: string;
    found: boolean;
    results: RuleResult[];
}

export interface VerifyReport {
    users: UserReport[];
    summary: { pass: number; warn: number; fail: number; skip: number };
    apiCalls: number;
}

export class VerifyError extends Error {}

/** Users resolved per access-model call (one composite call, two with groups). */
export const USERS_PER_CALL = 100;

/** On INVALID_FIELD for a `Permissions*` column: the permission names that do exist, nearest first. */
async function unknownPermission(
    client: OrgClient,
    error: AccessQueryError,
    wanted: string[]
): Promise<VerifyError> {
    const describe = await client.request<{ fields: { name: string }[] }>(
        'GET',
        `${client.base}/sobjects/PermissionSet/describe`
    );
    const known = describe.fields
        .map((f) => f.name)
        .filter((n) => n.startsWith('Permissions'))
        .map((n) => n.slice('Permissions'.length));
    const unknown = wanted.filter((name) => !known.includes(name));
    if (unknown.length === 0) {
        return new VerifyError(error.message);
    }
    return new VerifyError(
        unknown
            .map((name) => {
                const near = nearestNames(name, known);
                return `Unknown user permission "${name}"${near.length > 0 ? ` (nearest: ${near.join(', ')})` : ''}`;
            })
            .join('\n')
    );
}

/** Verifies users against contracts: 1-2 calls for the access model, 1 per profile for login rules. */
export async function runVerify(
    client: OrgClient,
    usernames: string[],
    input: Contract[],
    parameters: Record<string, string>
): Promise<VerifyReport> {
    const start = client.calls;
    const contracts = input.map((contract) => {
        const mine = Object.fromEntries(
            Object.entries(parameters).filter(
                ([name]) => contract.parameters?.[name]
            )
        );
        return resolveParameters(contract, mine).contract;
    });
    const known = new Set(
        input.flatMap((contract) => Object.keys(contract.parameters ?? {}))
    );
    for (const name of Object.keys(parameters)) {
        if (!known.has(name)) {
            throw new VerifyError(
                `Unknown --param "${name}": no contract declares it (declared: ${[...known].join(', ') || 'none'})`
            );
        }
    }
    const query = accessQueryFor(contracts);
    // Usernames go into IN lists: chunks keep each query URL well under Salesforce's limit.
    const resolved: Awaited<ReturnType<typeof resolveAccess>> = {
        users: new Map(),
        presence: { objects: new Set(), permissionSets: new Set() }
    };
    try {
        for (const batch of chunk(usernames, USERS_PER_CALL)) {
            const part = await resolveAccess(client, batch, query);
            part.users.forEach((access, key) =>
                resolved.users.set(key, access)
            );
            resolved.presence = part.presence;
        }
    } catch (error) {
        if (
            error instanceof AccessQueryError &&
            error.errorCode === 'INVALID_FIELD'
        ) {
            throw await unknownPermission(client, error, query.userPermissions);
        }
        throw error;
    }
    const logins = new Map<string, ProfileLogin>();
    const users: UserReport[] = [];
    for (const username of usernames) {
        const access = resolved.users.get(username.toLowerCase());
        if (!access) {
            users.push({
                username,
                found: false,
                results: [
                    {
                        contract: contracts.map((c) => c.name).join(', '),
                        rule: 'user.exists',
                        status: 'fail',
                        expected: `a user with username ${username}`,
                        actual: 'no such user in this org',
                        grantedBy: [],
                        fix: 'Check the username (usernames are exact), or create it with npm run provision'
                    }
                ]
            });
            continue;
        }
        const results: RuleResult[] = [];
        for (const contract of contracts) {
            let login: ProfileLogin | undefined;
            if (contract.login) {
                login =
                    logins.get(access.user.profileId) ??
                    (await profileLogin(client, access.user.profileId));
                logins.set(access.user.profileId, login);
            }
            results.push(
                ...evaluate(contract, access, resolved.presence, login)
            );
        }
        users.push({ username: access.user.username, found: true, results });
    }
    const all = users.flatMap((user) => user.results);
    const count = (status: RuleResult['status']): number =>
        all.filter((r) => r.status === status).length;
    return {
        users,
        summary: {
            pass: count('pass'),
            warn: count('warn'),
            fail: count('fail'),
            skip: count('skip')
        },
        apiCalls: client.calls - start
    };
}
