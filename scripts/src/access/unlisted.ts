import {
    highRiskObjectAccess,
    highRiskPermission,
    type HighRisk
} from './catalogue';
import { impliedAccess, type Contract, type UnlistedKind } from './contract';
import { names, type EvaluationContext } from './rule-helpers';
import {
    ACCESS_WORDS,
    ENTITY_KINDS,
    ENTITY_LABELS,
    OBJECT_ACCESS,
    entityKey,
    type EffectiveAccess,
    type EntityKind,
    type GrantSource,
    type ObjectAccess,
    type RuleResult
} from './types';

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
    // High-risk permissions first, then the rest by name.
    const permissions = [...access.userPermissions].sort(
        ([a], [b]) =>
            Number(!highRiskPermission(a)) - Number(!highRiskPermission(b)) ||
            a.localeCompare(b)
    );
    for (const [name, sources] of permissions) {
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
