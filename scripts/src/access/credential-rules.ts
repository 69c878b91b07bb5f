import { kitApps } from '../integration-user/apps';
import {
    evaluateReadiness,
    expectationsFromRequired,
    type ReadinessFacts
} from '../integration-user/readiness';
import type { Contract } from './contract';
import { unlistedGrantResults } from './oauth-grant-rules';
import type { EffectiveAccess, RuleResult } from './types';

/**
 * Credential readiness (issue 15) inside verify: OAuth grants for the contracts' apps, the
 * password policy the contracts ask for (PasswordNeverExpires only where one requires it, and then
 * a current password), and last login. Active and frozen are the contracts' own user rules.
 */
export function wantsPasswordStatus(contracts: Contract[]): boolean {
    return expectationsFromRequired(
        contracts.flatMap((c) => c.userPermissions.require)
    ).passwordNeverExpires;
}

/** OauthToken.AppName is the app's label: the kit's apps by name → label, others as named. */
function appLabels(contracts: Contract[], projectRoot: string): string[] {
    const labels = new Map(
        kitApps(projectRoot).map((app) => [app.name, app.label])
    );
    return [
        ...new Set(
            contracts.flatMap((c) => {
                const apps = c.setupEntities.connectedApps;
                return [...apps.require, ...apps.recommend, ...apps.allow].map(
                    (name) => labels.get(name) ?? name
                );
            })
        )
    ];
}

export function credentialResults(
    contracts: Contract[],
    access: EffectiveAccess,
    now: Date,
    projectRoot: string = process.cwd()
): RuleResult[] {
    const apps = appLabels(contracts, projectRoot);
    const wanted = new Set(apps);
    const facts: ReadinessFacts = {
        username: access.user.username,
        isActive: access.user.isActive,
        isFrozen: access.user.isFrozen,
        lastLoginDate: access.user.lastLoginDate,
        passwordNeverExpires: access.userPermissions.has(
            'PasswordNeverExpires'
        ),
        passwordExpired: access.passwordExpired ?? false,
        apps,
        grants: access.oauthGrants.filter(
            (grant) => apps.length === 0 || wanted.has(grant.appName)
        )
    };
    const expectations = expectationsFromRequired(
        contracts.flatMap((c) => c.userPermissions.require)
    );
    const unlisted = unlistedGrantResults(contracts, access, apps);
    const readiness = evaluateReadiness(facts, expectations, now)
        .filter(
            (r) =>
                r.rule !== 'credentials.active' &&
                r.rule !== 'credentials.not-frozen' &&
                // Not read (the password resource did not answer): say nothing rather than guess.
                !(
                    r.rule === 'credentials.password-set' &&
                    access.passwordExpired === undefined
                )
        )
        .map((r) => ({
            contract: 'credentials',
            rule: r.rule,
            status: r.status,
            expected: r.expected,
            actual: r.actual,
            grantedBy:
                r.rule === 'credentials.password-never-expires'
                    ? (
                          access.userPermissions.get('PasswordNeverExpires') ??
                          []
                      ).map((s) =>
                          s.kind === 'profile'
                              ? `profile "${s.name}"`
                              : `${s.kind === 'permissionSet' ? 'permission set' : 'permission set group'} "${s.name}"`
                      )
                    : [],
            fix: r.fix
        }));
    return [...readiness, ...unlisted];
}
