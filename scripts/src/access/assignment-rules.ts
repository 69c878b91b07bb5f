import type { Contract } from './contract';
import { type EvaluationContext, type Level } from './rule-helpers';
import {
    describeSource,
    type Assignment,
    type EffectiveAccess,
    type RuleResult
} from './types';

/** Assignment rules: sets and groups assigned (expired ones told), naming, profile login rules. */

export function assignmentRules(
    contract: Contract,
    access: EffectiveAccess,
    context: EvaluationContext
): RuleResult[] {
    const results: RuleResult[] = [];
    const { user } = access;
    const add = (r: Omit<RuleResult, 'contract'>) =>
        results.push({ contract: contract.name, ...r });
    // Renewing an expired assignment brings its grants back: never suggested without naming the
    // high-risk ones among them (issue 20, item 6).
    const expiredFix = (
        flag: string,
        name: string,
        expired: Assignment | undefined
    ) => {
        const renew = `npm run assign -- ${flag} ${name} --users ${user.username}`;
        const risks = expired?.highRisk ?? [];
        return risks.length === 0
            ? `${renew} (renews the expired assignment)`
            : `Do not renew it as it is: ${name} grants HIGH-RISK ${risks.map((r) => `${r.key} (${r.reason}; ${r.source})`).join(', ')}. Take those out of it (or justify them in the contract) first, then: ${renew}`;
    };
    if (contract.permissionSets) {
        const rule = contract.permissionSets;
        for (const level of ['require', 'recommend'] as const) {
            for (const name of rule[level]) {
                const id = `permissionSets.${level}.${name}`;
                if (
                    rule.ifPresent &&
                    context.presentPermissionSets &&
                    !context.presentPermissionSets.has(name.toLowerCase())
                ) {
                    add({
                        rule: id,
                        status: 'skip',
                        expected: `permission set ${name} assigned`,
                        actual: `${name} is not in this org (ifPresent)`,
                        grantedBy: []
                    });
                    continue;
                }
                const assigned = access.setGrants.has(name);
                const expired = access.assignments.find(
                    (a) =>
                        a.expired &&
                        a.source.kind === 'permissionSet' &&
                        a.source.name === name
                );
                add({
                    rule: id,
                    status: assigned
                        ? 'pass'
                        : level === 'require'
                          ? 'fail'
                          : 'warn',
                    expected: `permission set ${name} assigned`,
                    actual: assigned
                        ? 'assigned'
                        : expired
                          ? `assignment expired on ${expired.expirationDate}`
                          : 'not assigned',
                    grantedBy: assigned ? [`permission set "${name}"`] : [],
                    fix: assigned
                        ? undefined
                        : expired
                          ? expiredFix('--permission-set', name, expired)
                          : `npm run assign -- --permission-set ${name} --users ${user.username}`
                });
            }
        }
    }
    if (contract.permissionSetGroups) {
        const groups = access.assignments.filter(
            (a) => a.source.kind === 'permissionSetGroup'
        );
        for (const level of ['require', 'recommend'] as const) {
            for (const name of contract.permissionSetGroups[level]) {
                const active = groups.find(
                    (a) => a.source.name === name && !a.expired
                );
                const expired = groups.find(
                    (a) => a.source.name === name && a.expired
                );
                const outdated =
                    active?.groupStatus !== undefined &&
                    active.groupStatus !== 'Updated';
                add({
                    rule: `permissionSetGroups.${level}.${name}`,
                    status:
                        active && !outdated
                            ? 'pass'
                            : level === 'require' && !active
                              ? 'fail'
                              : 'warn',
                    expected: `permission set group ${name} assigned (status Updated)`,
                    actual: active
                        ? `assigned, status ${active.groupStatus ?? 'unknown'}`
                        : expired
                          ? `assignment expired on ${expired.expirationDate}`
                          : 'not assigned',
                    grantedBy: active ? [describeSource(active.source)] : [],
                    fix: !active
                        ? expired
                            ? expiredFix(
                                  '--permission-set-group',
                                  name,
                                  expired
                              )
                            : `npm run assign -- --permission-set-group ${name} --users ${user.username}`
                        : outdated
                          ? `Wait for the group's recalculation, or recalculate it in Setup (status ${active.groupStatus})`
                          : undefined
                });
            }
        }
        if (contract.permissionSetGroups.recommendAny) {
            const activeGroups = groups.filter((a) => !a.expired);
            add({
                rule: 'permissionSetGroups.recommendAny',
                status: activeGroups.length > 0 ? 'pass' : 'warn',
                expected: 'access assigned through a permission set group',
                actual:
                    activeGroups.length > 0
                        ? `${activeGroups.length} group(s)`
                        : 'no group assigned',
                grantedBy: activeGroups.map((a) => describeSource(a.source)),
                fix:
                    activeGroups.length > 0
                        ? undefined
                        : 'Put the integration permission set in a permission set group and assign the group'
            });
        }
    }
    for (const assignment of access.assignments.filter((a) => a.expired)) {
        const flag =
            assignment.source.kind === 'permissionSetGroup'
                ? '--permission-set-group'
                : '--permission-set';
        add({
            rule: `assignments.expired.${assignment.source.name}`,
            status: 'warn',
            expected: 'assignments in force',
            actual: `${describeSource(assignment.source)} expired on ${assignment.expirationDate}: it grants nothing${(assignment.highRisk ?? []).length > 0 ? ` (renewing it would bring back HIGH-RISK ${(assignment.highRisk ?? []).map((r) => r.key).join(', ')})` : ''}`,
            grantedBy: [],
            fix: expiredFix(flag, assignment.source.name, assignment)
        });
    }
    if (contract.naming) {
        const pattern = new RegExp(contract.naming.permissionSetPattern);
        const grants = contract.naming.grants;
        const matching = [...access.setGrants.entries()].filter(([name]) =>
            pattern.test(name)
        );
        const full = matching.filter(([, perms]) =>
            grants.every((g) => perms.has(g))
        );
        const ok = full.length > 0;
        add({
            rule: 'naming.permissionSet',
            status: ok
                ? 'pass'
                : contract.naming.level === 'require'
                  ? 'fail'
                  : 'warn',
            expected: `a permission set matching ${contract.naming.permissionSetPattern} granting ${grants.join(', ')}`,
            actual: ok
                ? full.map(([name]) => name).join(', ')
                : matching.length > 0
                  ? `${matching.map(([name]) => name).join(', ')} lacks ${grants.filter((g) => !matching.some(([, p]) => p.has(g))).join(', ')}`
                  : `no assigned set matches (assigned: ${[...access.setGrants.keys()].join(', ') || 'none'})`,
            grantedBy: full.map(([name]) => `permission set "${name}"`),
            fix: ok
                ? undefined
                : `Create <App>_Integration_User_Permissions with ${grants.join(', ')} and assign it (directly or in a group)`
        });
    }
    if (contract.login && context.login) {
        const login = context.login;
        const loginRule = (
            id: string,
            level: Level | undefined,
            clean: boolean,
            expected: string,
            actual: string,
            fix: string
        ) => {
            if (!level) return;
            add({
                rule: id,
                status: clean ? 'pass' : level === 'require' ? 'fail' : 'warn',
                expected,
                actual,
                grantedBy: [`profile "${user.profileName}"`],
                fix: clean ? undefined : fix
            });
        };
        loginRule(
            'login.noIpRanges',
            contract.login.noIpRanges,
            login.ipRanges === 0,
            'no login IP ranges on the profile',
            `${login.ipRanges} IP range(s)`,
            `Remove the login IP ranges from profile "${user.profileName}"`
        );
        loginRule(
            'login.noLoginHours',
            contract.login.noLoginHours,
            !login.hasLoginHours,
            'no login hours on the profile',
            login.hasLoginHours ? 'login hours set' : 'none',
            `Clear the login hours of profile "${user.profileName}"`
        );
    }
    return results;
}
