import {
    highRiskObjectAccess,
    highRiskPermission,
    type HighRisk
} from './catalogue';
import { impliedAccess, type Contract, type UnlistedKind } from './contract';
import {
    ACCESS_WORDS,
    ENTITY_KINDS,
    ENTITY_LABELS,
    OBJECT_ACCESS,
    describeSource,
    entityKey,
    fieldKey,
    objectKey,
    type EffectiveAccess,
    type EntityKind,
    type GrantSource,
    type MutedGrant,
    type ObjectAccess,
    type ProfileLogin,
    type RuleResult
} from './types';

/** What evaluation needs besides the user's access: the org's objects and the profile's login rules. */
export interface EvaluationContext {
    /** Object names the org knows (describeGlobal), lower-case. */
    presentObjects: Set<string>;
    /** Permission set names found in the org (for `permissionSets.ifPresent`), lower-case. */
    presentPermissionSets?: Set<string>;
    login?: ProfileLogin;
    /** Tab settings could not be read: why (tabs are then not checked). */
    tabsUnavailable?: string;
}

type Level = 'require' | 'recommend';

const ASSIGN_HINT =
    'assign the integration permission set group (npm run assign -- --permission-set-group <name> --users <username>)';

function names(sources: GrantSource[]): string[] {
    return [...new Set(sources.map(describeSource))];
}

function onlyFromProfile(sources: GrantSource[]): boolean {
    return sources.length > 0 && sources.every((s) => s.kind === 'profile');
}

function mutedText(muted: MutedGrant[]): string {
    return muted
        .map(
            (m) =>
                `muted in permission set group "${m.group}"${m.mutingSets.length > 0 ? ` by muting set ${m.mutingSets.join(', ')}` : ''} (granted by ${m.via.join(', ')})`
        )
        .join('; ');
}

function mutedFix(what: string, muted: MutedGrant[]): string {
    const m = muted[0];
    return `Remove ${what} from the muting permission set${m && m.mutingSets.length > 0 ? ` ${m.mutingSets.join(', ')}` : ''} of group "${m?.group ?? ''}" (Setup > Permission Set Groups > ${m?.group ?? ''} > Muting Permission Set)`;
}

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

function grantResult(
    contract: Contract,
    access: EffectiveAccess,
    rule: string,
    level: Level,
    sources: GrantSource[],
    muted: MutedGrant[] | undefined,
    what: string,
    missingFix: string,
    extraProblem?: { actual: string; fix: string }
): RuleResult {
    const profileOnly =
        !contract.user.profileMayGrant && onlyFromProfile(sources);
    const ok = sources.length > 0 && !profileOnly && !extraProblem;
    return {
        contract: contract.name,
        rule,
        status: ok ? 'pass' : level === 'require' ? 'fail' : 'warn',
        expected: `${what} granted${contract.user.profileMayGrant ? '' : ' by a permission set or group'}`,
        actual:
            sources.length === 0
                ? muted
                    ? mutedText(muted)
                    : 'not granted'
                : profileOnly
                  ? 'granted only by the profile'
                  : (extraProblem?.actual ?? 'granted'),
        grantedBy: names(sources),
        fix: ok
            ? undefined
            : sources.length === 0 && muted
              ? mutedFix(what, muted)
              : extraProblem && !profileOnly && sources.length > 0
                ? extraProblem.fix
                : missingFix
    };
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
                    results.push({
                        contract: contract.name,
                        rule: id,
                        status: 'skip',
                        expected: what,
                        actual: `${object} is not in this org (ifPresent)`,
                        grantedBy: []
                    });
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
                results.push({
                    contract: contract.name,
                    rule: id,
                    status: 'skip',
                    expected: what,
                    actual: `${object} is not in this org (ifPresent)`,
                    grantedBy: []
                });
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

function assignmentRules(
    contract: Contract,
    access: EffectiveAccess,
    context: EvaluationContext
): RuleResult[] {
    const results: RuleResult[] = [];
    const { user } = access;
    const add = (r: Omit<RuleResult, 'contract'>) =>
        results.push({ contract: contract.name, ...r });
    const expiredFix = (flag: string, name: string) =>
        `npm run assign -- ${flag} ${name} --users ${user.username} (renews the expired assignment)`;
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
                          ? expiredFix('--permission-set', name)
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
                            ? expiredFix('--permission-set-group', name)
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
            actual: `${describeSource(assignment.source)} expired on ${assignment.expirationDate}: it grants nothing`,
            grantedBy: [],
            fix: expiredFix(flag, assignment.source.name)
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

/** What a set of contracts lists (require, recommend or allow), merged: default-deny's allow-list. */
interface Listed {
    userPermissions: Set<string>;
    objects: Map<string, Set<ObjectAccess>>;
    fieldEdit: Set<string>;
    fieldRead: Set<string>;
    entities: Set<string>;
    checkFieldRead: boolean;
    level: (kind: UnlistedKind) => 'fail' | 'warn';
}

function listed(contracts: Contract[]): Listed {
    const result: Listed = {
        userPermissions: new Set(),
        objects: new Map(),
        fieldEdit: new Set(),
        fieldRead: new Set(),
        entities: new Set(),
        checkFieldRead: contracts.some((c) => c.unlisted.fieldRead),
        level: (kind) =>
            contracts.some(
                (c) => (c.unlisted.levels[kind] ?? c.unlisted.level) === 'fail'
            )
                ? 'fail'
                : 'warn'
    };
    for (const contract of contracts) {
        const p = contract.userPermissions;
        [
            ...p.require,
            ...p.recommend,
            ...p.allow,
            ...(contract.naming?.grants ?? [])
        ].forEach((n) => result.userPermissions.add(n));
        for (const [object, rule] of Object.entries(contract.objects)) {
            const set =
                result.objects.get(object.toLowerCase()) ??
                new Set<ObjectAccess>();
            impliedAccess([
                ...(rule.require ?? []),
                ...(rule.recommend ?? []),
                ...(rule.allow ?? [])
            ]).forEach((a) => set.add(a));
            result.objects.set(object.toLowerCase(), set);
        }
        for (const [field, rule] of Object.entries(contract.fields)) {
            const levels = [rule.require, rule.recommend, rule.allow];
            if (levels.includes('edit'))
                result.fieldEdit.add(field.toLowerCase());
            result.fieldRead.add(field.toLowerCase());
        }
        for (const kind of ENTITY_KINDS) {
            const lists = contract.setupEntities[kind];
            [...lists.require, ...lists.recommend, ...lists.allow].forEach(
                (n) => result.entities.add(entityKey(kind, n).toLowerCase())
            );
        }
    }
    return result;
}

function riskText(risk: HighRisk | undefined): string {
    return risk ? `. HIGH-RISK: ${risk.reason} (${risk.source})` : '';
}

function removeFix(
    what: string,
    sources: GrantSource[],
    canMute: boolean
): string {
    const where = sources.map((s) => {
        if (s.kind === 'profile')
            return `profile "${s.name}" (or move the user to a profile that does not grant it)`;
        if (s.kind === 'permissionSetGroup')
            return `${s.via && s.via.length > 0 ? `component set ${s.via.join(', ')} of ` : ''}group "${s.name}"${canMute ? " (or mute it in the group's muting permission set)" : ''}`;
        return `permission set "${s.name}" (or unassign the set)`;
    });
    return `Remove ${what} from ${[...new Set(where)].join(' and ')}`;
}

/**
 * Default-deny: every grant in the user's effective access that none of the contracts requires,
 * recommends or allows is a finding (fail, or warn where the contracts say so).
 */
export function evaluateUnlisted(
    contracts: Contract[],
    access: EffectiveAccess,
    context: EvaluationContext
): RuleResult[] {
    const allow = listed(contracts);
    const contract = contracts.map((c) => c.name).join(', ');
    const results: RuleResult[] = [];
    const finding = (
        kind: UnlistedKind,
        rule: string,
        what: string,
        sources: GrantSource[],
        risk: HighRisk | undefined,
        allowHint: string
    ) =>
        results.push({
            contract,
            rule,
            status: allow.level(kind),
            expected: `${what} not granted (the contract does not list it)`,
            actual: `granted${riskText(risk)}`,
            grantedBy: names(sources),
            fix: `${removeFix(what, sources, !(ENTITY_KINDS as readonly string[]).includes(kind))}; or, if the integration needs it, ${allowHint}${risk ? ` with justifications["${risk.key}"]` : ''}`
        });
    for (const [name, sources] of access.userPermissions) {
        if (!allow.userPermissions.has(name)) {
            finding(
                'userPermissions',
                `unlisted.userPermissions.${name}`,
                name,
                sources,
                highRiskPermission(name),
                `add it to userPermissions.allow`
            );
        }
    }
    const byObject = new Map<
        string,
        { access: ObjectAccess; sources: GrantSource[] }[]
    >();
    for (const [key, sources] of access.objects) {
        const dot = key.lastIndexOf('.');
        const object = key.slice(0, dot);
        const accessName = key.slice(dot + 1) as ObjectAccess;
        if (!allow.objects.get(object.toLowerCase())?.has(accessName)) {
            byObject.set(object, [
                ...(byObject.get(object) ?? []),
                { access: accessName, sources }
            ]);
        }
    }
    for (const [object, grants] of byObject) {
        grants.sort(
            (a, b) =>
                OBJECT_ACCESS.indexOf(a.access) -
                OBJECT_ACCESS.indexOf(b.access)
        );
        for (const grant of grants) {
            finding(
                'objects',
                `unlisted.objects.${object}.${grant.access}`,
                `${ACCESS_WORDS[grant.access]} on ${object}`,
                grant.sources,
                highRiskObjectAccess(object, grant.access),
                `add "${grant.access}" to objects.${object}.allow`
            );
        }
    }
    for (const [key, sources] of access.fields) {
        const [field = '', accessName] = key.split(':');
        if (
            accessName === 'edit' &&
            !allow.fieldEdit.has(field.toLowerCase())
        ) {
            finding(
                'fieldEdit',
                `unlisted.fields.${field}.edit`,
                `Edit on ${field}`,
                sources,
                undefined,
                `set fields["${field}"].allow to "edit"`
            );
        }
        if (
            accessName === 'read' &&
            allow.checkFieldRead &&
            !allow.fieldRead.has(field.toLowerCase())
        ) {
            finding(
                'fieldRead',
                `unlisted.fields.${field}.read`,
                `Read on ${field}`,
                sources,
                undefined,
                `set fields["${field}"].allow to "read"`
            );
        }
    }
    for (const [key, sources] of access.entities) {
        const colon = key.indexOf(':');
        const kind = key.slice(0, colon) as EntityKind;
        const name = key.slice(colon + 1);
        if (!allow.entities.has(key.toLowerCase())) {
            finding(
                kind,
                `unlisted.${kind}.${name}`,
                `${ENTITY_LABELS[kind]} ${name}`,
                sources,
                undefined,
                `add it to setupEntities.${kind}.allow`
            );
        }
    }
    if (context.tabsUnavailable) {
        results.push({
            contract,
            rule: 'unlisted.tabs',
            status: 'skip',
            expected: 'no tab the contract does not list',
            actual: `not checked: ${context.tabsUnavailable}`,
            grantedBy: []
        });
    }
    return results;
}
