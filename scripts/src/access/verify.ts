import type { OrgClient } from '../org/client';
import { quote } from './soql';
import {
    forbiddenPermissions,
    isUnresolved,
    OBJECT_ACCESS,
    type Contract,
    type ObjectAccess
} from './contract';
import {
    describeSource,
    type AccessQuery,
    type EffectiveAccess,
    type GrantSource,
    type OrgPresence
} from './model';

export type RuleStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface RuleResult {
    contract: string;
    /** Stable id, e.g. `userPermissions.require.ApiEnabled`, `objects.Case.edit`. */
    rule: string;
    status: RuleStatus;
    expected: string;
    actual: string;
    /** Which profile, set or group grants it (or holds the forbidden grant). */
    grantedBy: string[];
    /** How to fix it, when it is not a pass. */
    fix?: string;
}

/** Profile login restrictions from the Tooling API's Profile.Metadata. */
export interface ProfileLogin {
    ipRanges: number;
    hasLoginHours: boolean;
}

const ACCESS_WORDS: Record<ObjectAccess, string> = {
    read: 'Read',
    create: 'Create',
    edit: 'Edit',
    delete: 'Delete',
    viewAll: 'View All',
    modifyAll: 'Modify All'
};

/** The permissions, objects, fields and entities a set of contracts asks about: one query plan. */
export function accessQueryFor(contracts: Contract[]): AccessQuery {
    const userPermissions = new Set<string>();
    const objects = new Set<string>();
    const fields = new Set<string>();
    const apexClasses = new Set<string>();
    const customPermissions = new Set<string>();
    const connectedApps = new Set<string>();
    const presenceObjects = new Set<string>();
    const presencePermissionSets = new Set<string>();
    const resolved = (name: string): boolean => !isUnresolved(name);
    for (const contract of contracts) {
        const perms = contract.userPermissions;
        [
            ...perms.require,
            ...perms.recommend,
            ...forbiddenPermissions(contract),
            ...(contract.naming?.grants ?? [])
        ]
            .filter(resolved)
            .forEach((name) => userPermissions.add(name));
        for (const [name, rule] of Object.entries(contract.objects)) {
            if (resolved(name)) {
                objects.add(name);
                if (rule.ifPresent) {
                    presenceObjects.add(name);
                }
            }
        }
        for (const [name, rule] of Object.entries(contract.fields)) {
            if (resolved(name)) {
                fields.add(name);
                if (rule.ifPresent) {
                    presenceObjects.add(name.split('.')[0] ?? name);
                }
            }
        }
        contract.setupEntities.apexClasses
            .filter(resolved)
            .forEach((n) => apexClasses.add(n));
        contract.setupEntities.customPermissions
            .filter(resolved)
            .forEach((n) => customPermissions.add(n));
        contract.setupEntities.connectedApps
            .filter(resolved)
            .forEach((n) => connectedApps.add(n));
        if (contract.permissionSets?.ifPresent) {
            [
                ...contract.permissionSets.require,
                ...contract.permissionSets.recommend
            ]
                .filter(resolved)
                .forEach((n) => presencePermissionSets.add(n));
        }
    }
    const sorted = (set: Set<string>): string[] => [...set].sort();
    return {
        userPermissions: sorted(userPermissions),
        objects: sorted(objects),
        fields: sorted(fields),
        apexClasses: sorted(apexClasses),
        customPermissions: sorted(customPermissions),
        connectedApps: sorted(connectedApps),
        presenceObjects: sorted(presenceObjects),
        presencePermissionSets: sorted(presencePermissionSets)
    };
}

/** One Tooling API call: the profile's login IP ranges and login hours (Metadata is one record a query). */
export async function profileLogin(
    client: OrgClient,
    profileId: string
): Promise<ProfileLogin> {
    const [row] = await client.query<{
        Metadata: {
            loginIpRanges?: unknown[];
            loginHours?: Record<string, unknown> | null;
        };
    }>(`SELECT Id, Metadata FROM Profile WHERE Id = ${quote(profileId)}`, true);
    const hours = row?.Metadata.loginHours;
    return {
        ipRanges: row?.Metadata.loginIpRanges?.length ?? 0,
        hasLoginHours:
            !!hours &&
            Object.values(hours).some(
                (value) => value !== null && value !== undefined && value !== ''
            )
    };
}

function names(sources: GrantSource[]): string[] {
    return [...new Set(sources.map(describeSource))];
}

function onlyFromProfile(sources: GrantSource[]): boolean {
    return (
        sources.length > 0 &&
        sources.every((source) => source.kind === 'profile')
    );
}

/** Checks one user's effective access against one contract: a result per rule. */
export function evaluate(
    contract: Contract,
    access: EffectiveAccess,
    presence: OrgPresence,
    login?: ProfileLogin
): RuleResult[] {
    const results: RuleResult[] = [];
    const add = (result: Omit<RuleResult, 'contract'>): void => {
        results.push({ contract: contract.name, ...result });
    };
    const { user } = access;
    const assignHint =
        'assign the integration permission set group (npm run assign -- --permission-set-group <name>)';

    if (contract.user.active) {
        add({
            rule: 'user.active',
            status: user.isActive ? 'pass' : 'fail',
            expected: 'active',
            actual: user.isActive ? 'active' : 'inactive',
            grantedBy: [],
            fix: user.isActive
                ? undefined
                : `Activate ${user.username} (Setup > Users, or npm run provision)`
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
                ? `Unfreeze ${user.username} in Setup > Users`
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

    const permissionRule = (
        name: string,
        level: 'require' | 'recommend'
    ): void => {
        const sources = access.userPermissions.get(name) ?? [];
        const muted = access.muted.get(name);
        const profileOnly =
            !contract.user.profileMayGrant && onlyFromProfile(sources);
        const ok = sources.length > 0 && !profileOnly;
        add({
            rule: `userPermissions.${level}.${name}`,
            status: ok ? 'pass' : level === 'require' ? 'fail' : 'warn',
            expected: `${name} granted${contract.user.profileMayGrant ? '' : ' by a permission set or group'}`,
            actual: profileOnly
                ? 'granted only by the profile'
                : sources.length > 0
                  ? 'granted'
                  : muted
                    ? `muted in ${names(muted).join(', ')}`
                    : 'not granted',
            grantedBy: names(sources),
            fix: ok
                ? undefined
                : muted
                  ? `Remove ${name} from the group's muting permission set`
                  : `Enable ${name} in the integration permission set and ${assignHint}`
        });
    };
    contract.userPermissions.require.forEach((name) =>
        permissionRule(name, 'require')
    );
    contract.userPermissions.recommend.forEach((name) =>
        permissionRule(name, 'recommend')
    );
    for (const name of forbiddenPermissions(contract)) {
        const sources = access.userPermissions.get(name) ?? [];
        add({
            rule: `userPermissions.forbid.${name}`,
            status: sources.length === 0 ? 'pass' : 'fail',
            expected: `${name} not granted`,
            actual: sources.length === 0 ? 'not granted' : 'granted',
            grantedBy: names(sources),
            fix:
                sources.length === 0
                    ? undefined
                    : `Remove ${name} from ${names(sources).join(' and ')}`
        });
    }

    for (const [object, rule] of Object.entries(contract.objects)) {
        const skipReason = isUnresolved(object)
            ? `parameter not given (${object})`
            : rule.ifPresent && !presence.objects.has(object)
              ? `${object} is not in this org`
              : undefined;
        const grants = access.objects.get(object);
        const none: GrantSource[] = [];
        const check = (
            accessName: ObjectAccess,
            level: 'require' | 'recommend' | 'forbid'
        ): void => {
            const id = `objects.${object}.${level}.${accessName}`;
            if (skipReason) {
                add({
                    rule: id,
                    status: 'skip',
                    expected: `${ACCESS_WORDS[accessName]} on ${object}`,
                    actual: skipReason,
                    grantedBy: []
                });
                return;
            }
            const sources = grants?.[accessName] ?? none;
            const has =
                sources.length > 0 &&
                (contract.user.profileMayGrant ||
                    level === 'forbid' ||
                    !onlyFromProfile(sources));
            const ok = level === 'forbid' ? sources.length === 0 : has;
            const muted = access.muted.get(`${object}:${accessName}`);
            add({
                rule: id,
                status: ok ? 'pass' : level === 'recommend' ? 'warn' : 'fail',
                expected: `${level === 'forbid' ? 'no ' : ''}${ACCESS_WORDS[accessName]} on ${object}`,
                actual:
                    sources.length === 0
                        ? muted
                            ? `muted in ${names(muted).join(', ')}`
                            : 'not granted'
                        : has || level === 'forbid'
                          ? 'granted'
                          : 'granted only by the profile',
                grantedBy: names(sources),
                fix: ok
                    ? undefined
                    : level === 'forbid'
                      ? `Remove ${ACCESS_WORDS[accessName]} on ${object} from ${names(sources).join(' and ')}`
                      : `Grant ${ACCESS_WORDS[accessName]} on ${object} in the integration permission set and ${assignHint}`
            });
        };
        for (const accessName of OBJECT_ACCESS) {
            if (rule.require?.includes(accessName))
                check(accessName, 'require');
            if (rule.recommend?.includes(accessName))
                check(accessName, 'recommend');
            if (rule.forbid?.includes(accessName)) check(accessName, 'forbid');
        }
    }

    for (const [field, rule] of Object.entries(contract.fields)) {
        const object = field.split('.')[0] ?? field;
        const id = `fields.${field}.${rule.require}`;
        const expected = `${rule.require === 'edit' ? 'Edit' : 'Read'} on ${field}`;
        if (
            isUnresolved(field) ||
            (rule.ifPresent && !presence.objects.has(object))
        ) {
            add({
                rule: id,
                status: 'skip',
                expected,
                actual: isUnresolved(field)
                    ? 'parameter not given'
                    : `${object} is not in this org`,
                grantedBy: []
            });
            continue;
        }
        const grants = access.fields.get(field);
        const sources =
            (rule.require === 'edit' ? grants?.edit : grants?.read) ?? [];
        const ok =
            sources.length > 0 &&
            (contract.user.profileMayGrant || !onlyFromProfile(sources));
        add({
            rule: id,
            status: ok ? 'pass' : 'fail',
            expected,
            actual:
                sources.length === 0
                    ? 'not granted'
                    : ok
                      ? 'granted'
                      : 'granted only by the profile',
            grantedBy: names(sources),
            fix: ok
                ? undefined
                : `Add field permission ${field} (${rule.require === 'edit' ? 'readable + editable' : 'readable'}) to the integration permission set`
        });
    }

    const entityRule = (type: string, label: string, list: string[]): void => {
        for (const name of list) {
            const sources = access.setupEntities.get(`${type}:${name}`) ?? [];
            add({
                rule: `setupEntities.${type}.${name}`,
                status: sources.length > 0 ? 'pass' : 'fail',
                expected: `access to ${label} ${name}`,
                actual: sources.length > 0 ? 'granted' : 'not granted',
                grantedBy: names(sources),
                fix:
                    sources.length > 0
                        ? undefined
                        : `Grant ${label} access to ${name} in the integration permission set`
            });
        }
    };
    entityRule('ApexClass', 'Apex class', contract.setupEntities.apexClasses);
    entityRule(
        'CustomPermission',
        'custom permission',
        contract.setupEntities.customPermissions
    );
    entityRule(
        'ConnectedApplication',
        'connected app',
        contract.setupEntities.connectedApps
    );

    const activeAssignments = access.assignments.filter((a) => !a.expired);
    const assignedSets = new Set(access.setGrants.keys());
    if (contract.permissionSets) {
        const rule = contract.permissionSets;
        const check = (name: string, level: 'require' | 'recommend'): void => {
            const id = `permissionSets.${level}.${name}`;
            if (
                isUnresolved(name) ||
                (rule.ifPresent && !presence.permissionSets.has(name))
            ) {
                add({
                    rule: id,
                    status: 'skip',
                    expected: `permission set ${name} assigned`,
                    actual: isUnresolved(name)
                        ? 'parameter not given'
                        : `${name} is not in this org`,
                    grantedBy: []
                });
                return;
            }
            const ok = assignedSets.has(name);
            add({
                rule: id,
                status: ok ? 'pass' : level === 'require' ? 'fail' : 'warn',
                expected: `permission set ${name} assigned`,
                actual: ok ? 'assigned' : 'not assigned',
                grantedBy: ok ? [name] : [],
                fix: ok
                    ? undefined
                    : `npm run assign -- --permission-set ${name} --users ${user.username}`
            });
        };
        rule.require.forEach((name) => check(name, 'require'));
        rule.recommend.forEach((name) => check(name, 'recommend'));
    }
    if (contract.permissionSetGroups) {
        const groups = activeAssignments.filter(
            (a) => a.source.kind === 'permissionSetGroup'
        );
        const check = (name: string, level: 'require' | 'recommend'): void => {
            const assignment = groups.find((a) => a.source.name === name);
            const outdated =
                assignment &&
                assignment.groupStatus &&
                assignment.groupStatus !== 'Updated';
            add({
                rule: `permissionSetGroups.${level}.${name}`,
                status:
                    assignment && !outdated
                        ? 'pass'
                        : level === 'require' && !assignment
                          ? 'fail'
                          : 'warn',
                expected: `permission set group ${name} assigned (status Updated)`,
                actual: assignment
                    ? `assigned, status ${assignment.groupStatus ?? 'unknown'}`
                    : 'not assigned',
                grantedBy: assignment
                    ? [describeSource(assignment.source)]
                    : [],
                fix: !assignment
                    ? `npm run assign -- --permission-set-group ${name} --users ${user.username}`
                    : outdated
                      ? `Wait for the group's recalculation, or recalculate it in Setup (status ${assignment.groupStatus})`
                      : undefined
            });
        };
        contract.permissionSetGroups.require.forEach((name) =>
            check(name, 'require')
        );
        contract.permissionSetGroups.recommend.forEach((name) =>
            check(name, 'recommend')
        );
        if (contract.permissionSetGroups.recommendAny) {
            add({
                rule: 'permissionSetGroups.recommendAny',
                status: groups.length > 0 ? 'pass' : 'warn',
                expected: 'access assigned through a permission set group',
                actual:
                    groups.length > 0
                        ? `${groups.length} group(s)`
                        : 'no group assigned',
                grantedBy: groups.map((a) => describeSource(a.source)),
                fix:
                    groups.length > 0
                        ? undefined
                        : 'Put the integration permission set in a permission set group and assign the group'
            });
        }
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
                  : `no assigned set matches (assigned: ${[...assignedSets].join(', ') || 'none'})`,
            grantedBy: full.map(([name]) => `permission set "${name}"`),
            fix: ok
                ? undefined
                : `Create <App>_Integration_User_Permissions with ${grants.join(', ')} and assign it (directly or in a group)`
        });
    }
    if (contract.login && login) {
        const loginRule = (
            id: string,
            level: 'require' | 'recommend' | undefined,
            clean: boolean,
            actual: string,
            fix: string
        ): void => {
            if (!level) return;
            add({
                rule: id,
                status: clean ? 'pass' : level === 'require' ? 'fail' : 'warn',
                expected:
                    id === 'login.noIpRanges'
                        ? 'no login IP ranges on the profile'
                        : 'no login hours on the profile',
                actual,
                grantedBy: [`profile "${user.profileName}"`],
                fix: clean ? undefined : fix
            });
        };
        loginRule(
            'login.noIpRanges',
            contract.login.noIpRanges,
            login.ipRanges === 0,
            `${login.ipRanges} IP range(s)`,
            `Remove the login IP ranges from profile "${user.profileName}"`
        );
        loginRule(
            'login.noLoginHours',
            contract.login.noLoginHours,
            !login.hasLoginHours,
            login.hasLoginHours ? 'login hours set' : 'none',
            `Clear the login hours of profile "${user.profileName}"`
        );
    }
    return results;
}
