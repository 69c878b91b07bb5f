import type { OrgClient } from '../org/client';
import { quote } from '../org/soql';
import { accessOf, type Verb } from '../usage/classify';
import { readView, type UsageView } from '../usage/store';
import {
    ACCESS_WORDS,
    describeSource,
    type EffectiveAccess,
    type GrantSource,
    type ObjectAccess,
    type RuleResult
} from './types';

/**
 * verify --usage: each grant the user holds but did not use in the observed window is a finding
 * `usage.unused.<kind>.<name>[.<access>]`, with who grants it and how to remove it. Design lessons
 * from cloud analyzers (DESIGN section 10): a grant is judged only if it existed for the whole
 * window (its assignment's SystemModstamp, and the Setup Audit Trail when the user may read it);
 * too short a window judges nothing; warn by default; say what the logs cannot show.
 *
 * Judged: object access (read, create, edit, delete from the verbs the logs show; View All counts as
 * used when the object was read and Modify All when it was edited or deleted, since the logs cannot
 * tell them apart) and ApiEnabled. Not judged (the logs cannot show their use): other user
 * permissions, field access and setup entity access.
 */

export interface UsageOptions {
    store: string;
    level: 'warn' | 'fail';
    minDays: number;
    since?: string;
}

export const DEFAULT_MIN_DAYS = 14;
const CONTRACT = 'usage';

interface SourceDates {
    /** Source key → when the user got it (ms). */
    assigned: Map<string, number>;
    /** Source key → latest Setup Audit Trail change in the window that names it (ms). */
    changed: Map<string, number>;
    auditTrail: 'read' | string;
}

const sourceKey = (source: GrantSource): string =>
    source.kind === 'profile' ? 'profile' : `${source.kind}:${source.name}`;

async function sourceDates(
    client: OrgClient,
    access: EffectiveAccess,
    windowStart: string
): Promise<SourceDates> {
    const assigned = new Map<string, number>();
    const rows = await client.query<{
        SystemModstamp: string;
        PermissionSetGroupId: string | null;
        PermissionSet: { Name: string; IsOwnedByProfile: boolean } | null;
        PermissionSetGroup: { DeveloperName: string } | null;
    }>(
        'SELECT SystemModstamp, PermissionSetGroupId, PermissionSet.Name, PermissionSet.IsOwnedByProfile, ' +
            `PermissionSetGroup.DeveloperName FROM PermissionSetAssignment WHERE AssigneeId = ${quote(access.user.id)}`
    );
    for (const row of rows) {
        const key = row.PermissionSetGroupId
            ? `permissionSetGroup:${row.PermissionSetGroup?.DeveloperName ?? ''}`
            : row.PermissionSet?.IsOwnedByProfile
              ? 'profile'
              : `permissionSet:${row.PermissionSet?.Name ?? ''}`;
        assigned.set(key, Date.parse(row.SystemModstamp));
    }
    const changed = new Map<string, number>();
    let auditTrail = 'read';
    try {
        const entries = await client.query<{
            CreatedDate: string;
            Display: string | null;
        }>(
            `SELECT CreatedDate, Display FROM SetupAuditTrail WHERE CreatedDate >= ${windowStart}`
        );
        const names = access.assignments.map((a) => a.source);
        for (const entry of entries) {
            const text = (entry.Display ?? '').toLowerCase();
            for (const source of names) {
                if (source.name && text.includes(source.name.toLowerCase())) {
                    const when = Date.parse(entry.CreatedDate);
                    const key = sourceKey(source);
                    changed.set(key, Math.max(changed.get(key) ?? 0, when));
                }
            }
        }
    } catch (error) {
        auditTrail = `Setup Audit Trail not readable (${(error as Error).message.split('\n')[0]}): grant ages come from assignment dates only`;
    }
    return { assigned, changed, auditTrail };
}

/** What the logs show the user used, per object (lower-case). */
function usedAccess(view: UsageView): {
    objects: Map<string, Map<ObjectAccess, { count: number; last: string }>>;
    bulkIngest: Set<string>;
    requests: number;
    last?: string;
} {
    const objects = new Map<
        string,
        Map<ObjectAccess, { count: number; last: string }>
    >();
    const bulkIngest = new Set<string>();
    let requests = 0;
    let last: string | undefined;
    for (const entry of [...view.usage, ...view.blind]) {
        requests += entry.count;
        if (!last || entry.last > last) last = entry.last;
    }
    for (const entry of view.usage) {
        const object = entry.object.toLowerCase();
        if (entry.verb === 'bulkIngest') {
            bulkIngest.add(object);
            continue;
        }
        const map = objects.get(object) ?? new Map();
        for (const a of accessOf(entry.verb as Verb)) {
            const seen = map.get(a) ?? { count: 0, last: '' };
            seen.count += entry.count;
            if (entry.last > seen.last) seen.last = entry.last;
            map.set(a, seen);
        }
        objects.set(object, map);
    }
    return { objects, bulkIngest, requests, last };
}

function fixFor(source: GrantSource, what: string): string {
    switch (source.kind) {
        case 'profile':
            return `clear ${what} in profile "${source.name}" (or give the user a profile without it)`;
        case 'permissionSet':
            return `remove ${what} from permission set "${source.name}", or unassign the set`;
        case 'permissionSetGroup':
            return `remove ${what} from ${source.via && source.via.length > 0 ? `component set(s) ${source.via.join(', ')} of` : ''} permission set group "${source.name}", or mute it there`;
    }
}

/** The usage results for one user; reads the store, plus 1-2 queries for the grants' ages. */
export async function usageResults(
    client: OrgClient,
    access: EffectiveAccess,
    options: UsageOptions
): Promise<RuleResult[]> {
    const view = readView(options.store, {
        userId: access.user.id,
        since: options.since
    });
    const days = view.days;
    const span =
        days.length > 0 ? `${days[0]} to ${days[days.length - 1]}` : 'none';
    const observed = `${days.length} day(s) of ApiTotalUsage logs observed (${span})`;
    if (days.length < options.minDays) {
        return [
            {
                contract: CONTRACT,
                rule: 'usage.window',
                status: 'warn',
                expected: `at least ${options.minDays} days of logs (--min-days)`,
                actual: `${observed}: too short to call a grant unused, so no unused-grant findings`,
                grantedBy: [],
                fix: `collect daily (npm run usage -- collect) until ${options.minDays} days are stored, or lower --min-days`
            }
        ];
    }
    const windowStart = `${days[0]}T00:00:00Z`;
    const startMs = Date.parse(windowStart);
    const dates = await sourceDates(client, access, windowStart);
    const used = usedAccess(view);
    const results: RuleResult[] = [
        {
            contract: CONTRACT,
            rule: 'usage.window',
            status: 'pass',
            expected: `at least ${options.minDays} days of logs`,
            actual: `${observed}; ${used.requests} request(s) by this user${dates.auditTrail === 'read' ? '' : `; ${dates.auditTrail}`}`,
            grantedBy: []
        }
    ];
    /** When the grant existed from (the earliest of its sources), or undefined if unknown. */
    const heldSince = (sources: GrantSource[]): number | undefined => {
        const times = sources.map((s) => {
            const key = sourceKey(s);
            const assigned = dates.assigned.get(key);
            const changed = dates.changed.get(key);
            if (assigned === undefined) return undefined;
            return Math.max(assigned, changed ?? 0);
        });
        if (times.some((t) => t === undefined)) return undefined;
        return Math.min(...(times as number[]));
    };
    const judge = (
        rule: string,
        what: string,
        sources: GrantSource[],
        use: { count: number; last: string } | undefined,
        cannotTell?: string
    ): void => {
        const grantedBy = sources.map(describeSource);
        if (use) {
            results.push({
                contract: CONTRACT,
                rule: `usage.used.${rule}`,
                status: 'pass',
                expected: `${what} used`,
                actual: `${use.count} request(s), last ${use.last}`,
                grantedBy
            });
            return;
        }
        if (cannotTell) {
            results.push({
                contract: CONTRACT,
                rule: `usage.unknown.${rule}`,
                status: 'skip',
                expected: `${what} used`,
                actual: cannotTell,
                grantedBy
            });
            return;
        }
        const since = heldSince(sources);
        if (since !== undefined && since > startMs) {
            results.push({
                contract: CONTRACT,
                rule: `usage.new.${rule}`,
                status: 'skip',
                expected: `${what} used`,
                actual: `not used, but granted ${new Date(since).toISOString().slice(0, 10)}, after the window began (${days[0]}): not judged yet`,
                grantedBy
            });
            return;
        }
        results.push({
            contract: CONTRACT,
            rule: `usage.unused.${rule}`,
            status: options.level,
            expected: `${what} used in the observed window, or not granted`,
            actual: `not used in ${observed}`,
            grantedBy,
            fix: sources.map((s) => fixFor(s, what)).join('; ')
        });
    };
    for (const [key, sources] of [...access.objects.entries()].sort()) {
        const dot = key.lastIndexOf('.');
        const object = key.slice(0, dot);
        const grant = key.slice(dot + 1) as ObjectAccess;
        const seen = used.objects.get(object.toLowerCase());
        const evidence =
            grant === 'viewAll'
                ? seen?.get('read')
                : grant === 'modifyAll'
                  ? (seen?.get('delete') ?? seen?.get('edit'))
                  : seen?.get(grant);
        const bulk =
            used.bulkIngest.has(object.toLowerCase()) && grant !== 'read'
                ? `Bulk API ingest on ${object} seen; its operation is not in the log, so ${ACCESS_WORDS[grant]} may be in use`
                : undefined;
        judge(
            `objects.${object}.${grant}`,
            `${ACCESS_WORDS[grant]} on ${object}`,
            sources,
            evidence,
            bulk
        );
    }
    const api = access.userPermissions.get('ApiEnabled');
    if (api) {
        judge(
            'userPermissions.ApiEnabled',
            'ApiEnabled',
            api,
            used.requests > 0
                ? { count: used.requests, last: used.last ?? '' }
                : undefined
        );
    }
    const otherPermissions = [...access.userPermissions.keys()].filter(
        (p) => p !== 'ApiEnabled' && p !== 'ApiUserOnly'
    ).length;
    results.push({
        contract: CONTRACT,
        rule: 'usage.notJudged',
        status: 'skip',
        expected: 'every grant judged by usage',
        actual: `the logs cannot show the use of ${otherPermissions} other user permission(s), ${access.fields.size} field grant(s) and ${access.entities.size} setup entity grant(s): not judged`,
        grantedBy: []
    });
    return results;
}

/** `.usage/<15-character org id>/`: where collect stores this org's logs. */
export async function defaultUsageStore(client: OrgClient): Promise<string> {
    const [organization] = await client.query<{ Id: string }>(
        'SELECT Id FROM Organization'
    );
    return `.usage/${(organization?.Id ?? 'unknown').slice(0, 15)}`;
}
