import type { Contract } from './contract';
import {
    describeSource,
    type EffectiveAccess,
    type GrantSource,
    type MutedGrant,
    type ProfileLogin,
    type RuleResult
} from './types';

/** Shared pieces of the rule evaluators (evaluate.ts, assignment-rules.ts, unlisted.ts). */

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

export type Level = 'require' | 'recommend';

export const ASSIGN_HINT =
    'assign the integration permission set group (npm run assign -- --permission-set-group <name> --users <username>)';

export function names(sources: GrantSource[]): string[] {
    return [...new Set(sources.map(describeSource))];
}

export function onlyFromProfile(sources: GrantSource[]): boolean {
    return sources.length > 0 && sources.every((s) => s.kind === 'profile');
}

export function mutedText(muted: MutedGrant[]): string {
    return muted
        .map(
            (m) =>
                `muted in permission set group "${m.group}"${m.mutingSets.length > 0 ? ` by muting set ${m.mutingSets.join(', ')}` : ''} (granted by ${m.via.join(', ')})`
        )
        .join('; ');
}

export function mutedFix(what: string, muted: MutedGrant[]): string {
    const m = muted[0];
    return `Remove ${what} from the muting permission set${m && m.mutingSets.length > 0 ? ` ${m.mutingSets.join(', ')}` : ''} of group "${m?.group ?? ''}" (Setup > Permission Set Groups > ${m?.group ?? ''} > Muting Permission Set)`;
}

export function grantResult(
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
