import type { OrgClient } from '../org/client';
import {
    ContractError,
    isUnresolved,
    parameterUses,
    resolveParameters,
    type Contract
} from './contract';
import { credentialResults, wantsPasswordStatus } from './credential-rules';
import { effectiveAccess } from './effective';
import { evaluate, evaluateUnlisted } from './evaluate';
import {
    AccessQueryError,
    fetchDetails,
    fetchProfileLogin,
    fetchSnapshot,
    type OrgSchema
} from './fetch';
import { namedPackages, packageLicenseResults } from './package-licenses';
import { checkNames, normaliseNames, objectsToDescribe } from './org-check';
import { toxicResults } from './toxic';
import { markMissingNames } from './missing-names';
import { chunk } from '../org/soql';
import type { EffectiveAccess, ProfileLogin, RuleResult } from './types';

export type { RuleResult } from './types';

/**
 * verify: plan (parameters, what to describe) → fetch (fetch.ts, a constant number of calls a
 * chunk of users) → check the contracts' names against the org → evaluate (pure) → report.
 */

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

/** Users resolved per chunk (their usernames go into IN lists). */
export const USERS_PER_CALL = 100;

/** Fills each contract's parameters; a parameter a `require` rule uses must be given. */
export function planContracts(
    input: Contract[],
    parameters: Record<string, string>
): { contracts: Contract[]; skipped: RuleResult[] } {
    const known = new Set(
        input.flatMap((c) => Object.keys(c.parameters ?? {}))
    );
    for (const name of Object.keys(parameters)) {
        if (!known.has(name)) {
            throw new VerifyError(
                `Unknown --param "${name}": no contract declares it (declared: ${[...known].join(', ') || 'none'})`
            );
        }
    }
    const errors: string[] = [];
    const skipped: RuleResult[] = [];
    const contracts = input.map((contract) => {
        const mine = Object.fromEntries(
            Object.entries(parameters).filter(
                ([name]) => contract.parameters?.[name]
            )
        );
        let resolved: Contract;
        try {
            resolved = resolveParameters(contract, mine);
        } catch (error) {
            if (error instanceof ContractError) {
                throw new VerifyError(error.message);
            }
            throw error;
        }
        for (const use of parameterUses(resolved)) {
            const description =
                contract.parameters?.[use.parameter]?.description ?? '';
            if (use.required) {
                errors.push(
                    `contract ${contract.name}: ${use.path} requires --param ${use.parameter}=<value> (${description})`
                );
            } else {
                skipped.push({
                    contract: contract.name,
                    rule: `parameters.${use.parameter}`,
                    status: 'skip',
                    expected: `${use.path} checked`,
                    actual: `--param ${use.parameter} not given: not checked`,
                    grantedBy: []
                });
            }
        }
        return withoutUnresolved(resolved);
    });
    if (errors.length > 0) {
        throw new VerifyError([...new Set(errors)].join('\n'));
    }
    return { contracts, skipped };
}

/** Drops list entries and keys that still name a missing parameter (outside require rules). */
function withoutUnresolved(contract: Contract): Contract {
    const prune = (value: unknown): unknown => {
        if (Array.isArray(value)) {
            return value
                .filter(
                    (item) => !(typeof item === 'string' && isUnresolved(item))
                )
                .map(prune);
        }
        if (value && typeof value === 'object') {
            return Object.fromEntries(
                Object.entries(value)
                    .filter(([key]) => !isUnresolved(key))
                    .map(([key, item]) => [key, prune(item)])
            );
        }
        return value;
    };
    const { description, ...rest } = contract;
    return { ...(prune(rest) as Contract), description };
}

export async function runVerify(
    client: OrgClient,
    usernames: string[],
    input: Contract[],
    parameters: Record<string, string>,
    now: Date = new Date(),
    /** More results per user from its effective access (verify --usage: usage-findings.ts). */
    extra?: (access: EffectiveAccess) => Promise<RuleResult[]>
): Promise<VerifyReport> {
    const start = client.calls;
    const planned = planContracts(input, parameters);
    const skipped = planned.skipped;
    let contracts = planned.contracts;
    const passwords = wantsPasswordStatus(contracts);
    const presenceSets = [
        ...new Set(
            contracts.flatMap((c) =>
                c.permissionSets?.ifPresent
                    ? [
                          ...c.permissionSets.require,
                          ...c.permissionSets.recommend
                      ]
                    : []
            )
        )
    ];
    const packageNamespaces = namedPackages(contracts);
    const logins = new Map<string, ProfileLogin>();
    const reports = new Map<string, UserReport>();
    let schema: OrgSchema | undefined;
    for (const batch of chunk(usernames, USERS_PER_CALL)) {
        const snapshot = await fetchSnapshot(
            client,
            batch,
            schema ? { schema } : { objects: objectsToDescribe(contracts) }
        ).catch((error: unknown) => {
            throw error instanceof AccessQueryError
                ? new VerifyError(error.message)
                : error;
        });
        if (!schema) {
            schema = snapshot.schema;
            const errors = checkNames(contracts, schema);
            if (errors.length > 0) {
                throw new VerifyError(errors.join('\n'));
            }
            contracts = normaliseNames(contracts, schema);
        }
        const details = await fetchDetails(
            client,
            snapshot,
            passwords ? snapshot.users.map((u) => u.Id) : [],
            presenceSets,
            packageNamespaces
        );
        const presentObjects = new Set(
            schema.objects.map((o) => o.toLowerCase())
        );
        for (const row of snapshot.users) {
            const access = effectiveAccess(row, snapshot, details, now);
            let login: ProfileLogin | undefined;
            if (contracts.some((c) => c.login)) {
                login =
                    logins.get(row.ProfileId) ??
                    (await fetchProfileLogin(client, row.ProfileId));
                logins.set(row.ProfileId, login);
            }
            const context = {
                presentObjects,
                presentPermissionSets: details.presentPermissionSets,
                login,
                tabsUnavailable: details.tabsUnavailable
            };
            reports.set(row.Username.toLowerCase(), {
                username: row.Username,
                found: true,
                results: [
                    ...contracts.flatMap((contract) =>
                        evaluate(contract, access, context)
                    ),
                    ...evaluateUnlisted(contracts, access, context),
                    ...(details.packages
                        ? packageLicenseResults(
                              contracts,
                              row,
                              details.packages,
                              now
                          )
                        : []),

                    ...toxicResults(contracts, access),
                    ...credentialResults(contracts, access, now),
                    ...skipped,
                    ...(extra ? await extra(access) : [])
                ]
            });
        }
    }
    const users = usernames.map(
        (username): UserReport =>
            reports.get(username.toLowerCase()) ?? {
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
            }
    );
    const all = users.flatMap((user) => user.results);
    await markMissingNames(client, all);
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
