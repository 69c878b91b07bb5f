import type { Contract } from './contract';
import { assignmentRules } from './assignment-rules';
import {
    ASSIGN_HINT,
    grantResult,
    mutedFix,
    mutedText,
    type EvaluationContext,
    type Level
} from './rule-helpers';
import {
    ACCESS_WORDS,
    ENTITY_KINDS,
    ENTITY_LABELS,
    entityKey,
    fieldKey,
    objectKey,
    type EffectiveAccess,
    type RuleResult
} from './types';

export type { EvaluationContext } from './rule-helpers';
export { evaluateUnlisted } from './unlisted';

/** The rules each contract states (require, recommend) for one user; pure. */

/** A required or recommended grant: who grants it, muted or missing, and the fix. */
function requirement(
    contract: Contract,
    access: EffectiveAccess,
    rule: string,
    level: Level,
    key: string,
    what: string,
    missingFix: string
): RuleResult {
    const sources = access.userPermissions.get(key) ?? [];
    return grantResult(
        contract,
        access,
        rule,
        level,
        sources,
        access.muted.get(key),
        what,
        missingFix
    );
}

function userRules(contract: Contract, access: EffectiveAccess): RuleResult[] {
    const { user } = access;
    const results: RuleResult[] = [];
    const add = (r: Omit<RuleResult, 'contract'>) =>
        results.push({ contract: contract.name, ...r });
    if (contract.user.active) {
        add({
            rule: 'user.active',
            status: user.isActive ? 'pass' : 'fail',
            expected: 'active',
            actual: user.isActive ? 'active' : 'inactive',
            grantedBy: [],
            fix: user.isActive
                ? undefined
                : `Activate ${user.username} (npm run provision)`
        });
    }
    if (contract.user.notFrozen) {
        add({
            rule: 'user.notFrozen',
            status: user.isFrozen ? 'fail' : 'pass',
            expected: 'not frozen',
            actual: user.isFrozen ? 'frozen' : 'not frozen',
            grantedBy: [],
            fix: user.isFrozen
                ? `npm run credentials -- unfreeze --user ${user.username}`
                : undefined
        });
    }
    if (contract.user.licenses) {
        const ok =
            user.licenseName !== null &&
            contract.user.licenses.includes(user.licenseName);
        add({
            rule: 'user.license',
            status: ok ? 'pass' : 'fail',
            expected: `one of: ${contract.user.licenses.join(', ')}`,
            actual: user.licenseName ?? '(none)',
            grantedBy: [`profile "${user.profileName}"`],
            fix: ok
                ? undefined
                : `Give ${user.username} a profile on the ${contract.user.licenses[0]} licence`
        });
    }
    return results;
}

function objectRules(
    contract: Contract,
    access: EffectiveAccess,
    context: EvaluationContext
): RuleResult[] {
    const results: RuleResult[] = [];
    for (const [object, rule] of Object.entries(contract.objects)) {
        const absent =
            rule.ifPresent && !context.presentObjects.has(object.toLowerCase());
        for (const level of ['require', 'recommend'] as const) {
            for (const accessName of rule[level] ?? []) {
                const id = `objects.${object}.${level}.${accessName}`;
                const what = `${ACCESS_WORDS[accessName]} on ${object}`;
                if (absent) {
                    results.push(notInOrg(contract, id, what, object));
                    continue;
                }
                const key = objectKey(object, accessName);
                results.push(
                    grantResult(
                        contract,
                        access,
                        id,
                        level,
                        access.objects.get(key) ?? [],
                        access.muted.get(key),
                        what,
                        `Grant ${what} in the integration permission set and ${ASSIGN_HINT}`
                    )
                );
            }
        }
    }
    return results;
}

/** A rule on an object the org lacks, where the contract says `ifPresent`: skipped, and why. */
function notInOrg(
    contract: Contract,
    id: string,
    what: string,
    object: string
): RuleResult {
    return {
        contract: contract.name,
        rule: id,
        status: 'skip',
        expected: what,
        actual: `${object} is not in this org (ifPresent)`,
        grantedBy: []
    };
}

function fieldRules(
    contract: Contract,
    access: EffectiveAccess,
    context: EvaluationContext
): RuleResult[] {
    const results: RuleResult[] = [];
    for (const [field, rule] of Object.entries(contract.fields)) {
        const object = field.split('.')[0] ?? field;
        for (const level of ['require', 'recommend'] as const) {
            const wanted = rule[level];
            if (!wanted) continue;
            const id = `fields.${field}.${level}.${wanted}`;
            const what = `${wanted === 'edit' ? 'Edit' : 'Read'} on ${field}`;
            if (
                rule.ifPresent &&
                !context.presentObjects.has(object.toLowerCase())
            ) {
                results.push(notInOrg(contract, id, what, object));
                continue;
            }
            const key = fieldKey(field, wanted);
            // A field follows its object: without Read on the object, field access is of no use.
            const objectRead =
                access.objects.get(objectKey(object, 'read')) ?? [];
            const objectMuted = access.muted.get(objectKey(object, 'read'));
            const dependent =
                objectRead.length === 0
                    ? {
                          actual: `granted, but Read on ${object} is ${objectMuted ? mutedText(objectMuted) : 'not granted'}`,
                          fix: objectMuted
                              ? mutedFix(`Read on ${object}`, objectMuted)
                              : `Grant Read on ${object} in the integration permission set`
                      }
                    : undefined;
            results.push(
                grantResult(
                    contract,
                    access,
                    id,
                    level,
                    access.fields.get(key) ?? [],
                    access.muted.get(key),
                    what,
                    `Add field permission ${field} (${wanted === 'edit' ? 'readable + editable' : 'readable'}) to the integration permission set`,
                    dependent
                )
            );
        }
    }
    return results;
}

function entityRules(
    contract: Contract,
    access: EffectiveAccess
): RuleResult[] {
    const results: RuleResult[] = [];
    for (const kind of ENTITY_KINDS) {
        for (const level of ['require', 'recommend'] as const) {
            for (const name of contract.setupEntities[kind][level]) {
                const key = entityKey(kind, name);
                results.push(
                    grantResult(
                        contract,
                        access,
                        `setupEntities.${kind}.${level}.${name}`,
                        level,
                        access.entities.get(key) ?? [],
                        undefined,
                        `access to ${ENTITY_LABELS[kind]} ${name}`,
                        `Grant ${ENTITY_LABELS[kind]} access to ${name} in the integration permission set`
                    )
                );
            }
        }
    }
    return results;
}

/** The rules one contract states, for one user. Default-deny findings come from `evaluateUnlisted`. */
export function evaluate(
    contract: Contract,
    access: EffectiveAccess,
    context: EvaluationContext
): RuleResult[] {
    const permissionResults = (['require', 'recommend'] as const).flatMap(
        (level) =>
            contract.userPermissions[level].map((name) =>
                requirement(
                    contract,
                    access,
                    `userPermissions.${level}.${name}`,
                    level,
                    name,
                    name,
                    `Enable ${name} in the integration permission set and ${ASSIGN_HINT}`
                )
            )
    );
    return [
        ...userRules(contract, access),
        ...permissionResults,
        ...objectRules(contract, access, context),
        ...fieldRules(contract, access, context),
        ...entityRules(contract, access),
        ...assignmentRules(contract, access, context)
    ];
}
