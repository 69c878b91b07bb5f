import type { Contract } from './contract';
import type { EffectiveAccess, RuleResult } from './types';

/**
 * Default-deny for OAuth grants (issue 20, item 7): a token the org holds for the user and an app
 * no contract names (a vendor app, a data loader) is access the contract did not grant, so it is a
 * finding with the revoke command. `labels` are the contracts' apps by OauthToken.AppName (the
 * app's label); a contract that names no app at all leaves grants alone.
 */
export function unlistedGrantResults(
    contracts: Contract[],
    access: EffectiveAccess,
    labels: string[]
): RuleResult[] {
    if (labels.length === 0) {
        return [];
    }
    const listed = new Set(labels.map((label) => label.toLowerCase()));
    const level = contracts.some(
        (c) => (c.unlisted.levels.connectedApps ?? c.unlisted.level) === 'fail'
    )
        ? 'fail'
        : 'warn';
    const byApp = new Map<string, number>();
    for (const grant of access.oauthGrants) {
        if (!listed.has(grant.appName.toLowerCase())) {
            byApp.set(grant.appName, (byApp.get(grant.appName) ?? 0) + 1);
        }
    }
    return [...byApp].map(([app, count]) => ({
        contract: contracts.map((c) => c.name).join(', '),
        rule: `credentials.oauth-grants.unlisted.${app}`,
        status: level,
        expected: `no OAuth grant to an app the contract does not name (it names: ${labels.join(', ')})`,
        actual: `${count} grant(s) to "${app}"`,
        grantedBy: [`OAuth grant to "${app}"`],
        fix: `npm run credentials -- revoke --user ${access.user.username} --app "${app}"; or, if the integration needs it, add the app to setupEntities.connectedApps.allow`
    }));
}
