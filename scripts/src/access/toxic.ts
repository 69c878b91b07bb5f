import { toxicCombinations } from './catalogue';
import type { Contract } from './contract';
import { names } from './rule-helpers';
import type { EffectiveAccess, GrantSource, RuleResult } from './types';

/**
 * Toxic combinations (catalogue.ts) in a user's effective access: a finding of their own, beside
 * the default-deny findings of each part. Fail unless a contract justifies the combination by its
 * key; then a warning that still names it, so that it stays in sight.
 */
export function toxicResults(
    contracts: Contract[],
    access: EffectiveAccess
): RuleResult[] {
    return toxicCombinations(access.userPermissions.keys()).map(
        (combination) => {
            const sources: GrantSource[] = combination.permissions.flatMap(
                (p) => access.userPermissions.get(p) ?? []
            );
            const justification = contracts
                .map((c) => ({
                    contract: c.name,
                    why: Object.entries(c.justifications).find(
                        ([key]) =>
                            key.toLowerCase() === combination.key.toLowerCase()
                    )?.[1]
                }))
                .find((j) => j.why !== undefined);
            return {
                contract: contracts.map((c) => c.name).join(', '),
                rule: `toxic.${combination.key}`,
                status: justification ? 'warn' : 'fail',
                expected: `not ${combination.permissions.join(' + ')} together`,
                actual: `held together. TOXIC COMBINATION: ${combination.reason} (${combination.source})${justification ? `; justified by contract ${justification.contract}: ${justification.why ?? ''}` : ''}`,
                grantedBy: [...new Set(names(sources))],
                fix: `Remove ${combination.permissions.slice(1).join(' and ')} or ${combination.permissions[0] ?? ''} from the sets that grant them, so that no one user holds all of ${combination.permissions.join(', ')}`
            };
        }
    );
}
