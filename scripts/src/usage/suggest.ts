import path from 'node:path';
import { highRiskObjectAccess } from '../access/catalogue';
import { parseContract, type ContractInput } from '../access/contract';
import type { EffectiveAccess, ObjectAccess } from '../access/types';
import { BLIND_SPOTS, accessOf, type BlindSpot, type Verb } from './classify';
import type { UsageView } from './store';

/**
 * contract suggest: a default-deny contract requiring exactly the object access the user's
 * ApiTotalUsage rows show, with the evidence of each rule, for review (never applied by itself).
 * Field access is not in these logs: on the objects used, the user's current field grants are kept
 * as `allow`, and said so. What the logs cannot show is listed as a blind spot with its count.
 */

export interface Evidence {
    count: number;
    first: string;
    last: string;
    /** API families and verbs seen, e.g. `REST read`, `SOAP upsert`. */
    via: string[];
}

export interface BlindSpotCount {
    reason: BlindSpot | 'bulkIngest' | 'otherVerb' | 'fieldLevel';
    description: string;
    count: number;
    last?: string;
    /** Objects named (Bulk ingest, unmapped verbs). */
    objects?: string[];
}

export interface Suggestion {
    contract: ContractInput;
    /** Rule path (`objects.Case.create`, `userPermissions.ApiEnabled`) → what the logs show. */
    evidence: Record<string, Evidence>;
    blindSpots: BlindSpotCount[];
    notes: string[];
    window: { days: number; first?: string; last?: string };
    requests: number;
}

export class SuggestError extends Error {}

const norm = (name: string): string =>
    name.toLowerCase().replace(/[^a-z0-9]/g, '');

function addEvidence(
    evidence: Record<string, Evidence>,
    key: string,
    count: number,
    first: string,
    last: string,
    via: string
): void {
    const seen = evidence[key];
    if (!seen) {
        evidence[key] = { count, first, last, via: [via] };
        return;
    }
    seen.count += count;
    if (first < seen.first) seen.first = first;
    if (last > seen.last) seen.last = last;
    if (!seen.via.includes(via)) seen.via.push(via);
}

const ACCESS_ORDER: ObjectAccess[] = ['read', 'create', 'edit', 'delete'];

export function contractName(username: string): string {
    const slug = username
        .split('@')[0]!
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
    return `usage-${slug || 'user'}`;
}

export function suggest(input: {
    username: string;
    view: UsageView;
    access: EffectiveAccess;
    app?: string;
    /** Where the contract will be written (for its $schema path). */
    out?: string;
}): Suggestion {
    const { view, access } = input;
    const evidence: Record<string, Evidence> = {};
    const objects = new Map<string, Set<ObjectAccess>>();
    const objectNames = new Map<string, string>();
    const blind = new Map<string, BlindSpotCount>();
    let requests = 0;
    let viaApp = 0;
    let first: string | undefined;
    let last: string | undefined;
    const apps = new Set<string>();
    const see = (f: string, l: string, count: number, app: string) => {
        requests += count;
        if (app) {
            viaApp += count;
            apps.add(app);
        }
        if (!first || f < first) first = f;
        if (!last || l > last) last = l;
    };
    const addBlind = (
        reason: BlindSpotCount['reason'],
        description: string,
        count: number,
        at: string,
        object?: string
    ) => {
        const spot = blind.get(reason) ?? { reason, description, count: 0 };
        spot.count += count;
        if (!spot.last || at > spot.last) spot.last = at;
        if (object) {
            spot.objects = [...new Set([...(spot.objects ?? []), object])];
        }
        blind.set(reason, spot);
    };
    for (const entry of view.usage) {
        see(entry.first, entry.last, entry.count, entry.appName || entry.appId);
        const verb = entry.verb as Verb;
        const object =
            objectNames.get(entry.object.toLowerCase()) ?? entry.object;
        if (verb === 'bulkIngest') {
            addBlind(
                'bulkIngest',
                'Bulk API ingest on a named object: the operation (insert, update, upsert, delete) is in the job, not the log',
                entry.count,
                entry.last,
                object
            );
            continue;
        }
        const needed = accessOf(verb);
        if (needed.length === 0) {
            addBlind(
                'otherVerb',
                'request on an object whose verb this kit does not map to object access',
                entry.count,
                entry.last,
                object
            );
            continue;
        }
        objectNames.set(object.toLowerCase(), object);
        const set = objects.get(object) ?? new Set<ObjectAccess>();
        needed.forEach((a) => {
            set.add(a);
            addEvidence(
                evidence,
                `objects.${object}.${a}`,
                entry.count,
                entry.first,
                entry.last,
                `${entry.family} ${verb}`
            );
        });
        objects.set(object, set);
    }
    for (const entry of view.blind) {
        see(entry.first, entry.last, entry.count, entry.appName || entry.appId);
        const reason = entry.reason as BlindSpot;
        addBlind(
            reason,
            BLIND_SPOTS[reason] ?? entry.reason,
            entry.count,
            entry.last
        );
    }
    if (requests === 0) {
        throw new SuggestError(
            `no ApiTotalUsage rows for ${input.username}${input.app ? ` through app "${input.app}"` : ''} in the store (${view.days.length} day(s) stored): nothing to suggest from`
        );
    }
    const objectRequests = view.usage.reduce((sum, e) => sum + e.count, 0);
    addBlind(
        'fieldLevel',
        'field-level access: the logs name objects, never fields (field grants on the used objects are kept as allow)',
        objectRequests,
        last ?? ''
    );
    const notes: string[] = [];
    const userPermissions = ['ApiEnabled'];
    addEvidence(
        evidence,
        'userPermissions.ApiEnabled',
        requests,
        first!,
        last!,
        'every API request'
    );
    if (viaApp === requests) {
        userPermissions.push('ApiUserOnly');
        addEvidence(
            evidence,
            'userPermissions.ApiUserOnly',
            viaApp,
            first!,
            last!,
            `every request came through a connected app (${[...apps].join(', ')})`
        );
    } else {
        notes.push(
            `${requests - viaApp} of ${requests} requests came without a connected app: ApiUserOnly is not suggested`
        );
    }
    const contractObjects: NonNullable<ContractInput['objects']> = {};
    const justifications: Record<string, string> = {};
    for (const [object, set] of [...objects.entries()].sort(([a], [b]) =>
        a.localeCompare(b)
    )) {
        const list = ACCESS_ORDER.filter((a) => set.has(a));
        contractObjects[object] = { require: list };
        for (const a of list) {
            if (highRiskObjectAccess(object, a)) {
                const e = evidence[`objects.${object}.${a}`];
                justifications[`${object}.${a}`] =
                    `Seen in the ApiTotalUsage logs (${e?.count ?? 0} requests, last ${e?.last ?? '?'}): review why the integration needs it.`;
                notes.push(
                    `${object}.${a} is high-risk: the suggestion carries a placeholder justification to review`
                );
            }
        }
    }
    const used = new Set([...objects.keys()].map((o) => o.toLowerCase()));
    const fields: NonNullable<ContractInput['fields']> = {};
    for (const key of [...access.fields.keys()].sort()) {
        const [field, level] = key.split(':') as [string, 'read' | 'edit'];
        const object = field.split('.')[0]?.toLowerCase() ?? '';
        if (!used.has(object)) continue;
        const current = fields[field]?.allow;
        if (level === 'edit' || !current) {
            fields[field] = { allow: level };
        }
    }
    if (Object.keys(fields).length > 0) {
        notes.push(
            `field access is not in these logs: the ${Object.keys(fields).length} field grant(s) the user holds on the objects it used are kept as allow`
        );
    }
    const observedApps = new Set([...apps].map(norm));
    const connectedApps = [...access.entities.keys()]
        .filter((k) => k.startsWith('connectedApps:'))
        .map((k) => k.slice('connectedApps:'.length))
        .filter((name) => observedApps.has(norm(name)))
        .sort();
    const apexRest = blind.get('apexRest');
    const apexClasses = apexRest
        ? [...access.entities.keys()]
              .filter((k) => k.startsWith('apexClasses:'))
              .map((k) => k.slice('apexClasses:'.length))
              .sort()
        : [];
    if (apexClasses.length > 0) {
        notes.push(
            `${apexRest?.count} Apex REST request(s): the log does not say which class answered, so the user's ${apexClasses.length} Apex class grant(s) are kept as allow`
        );
    }
    const days = view.days;
    let schemaPath: string | undefined;
    if (input.out) {
        const relative = path.relative(
            path.dirname(path.resolve(input.out)),
            path.resolve('config/access/contract.schema.json')
        );
        // Only for a file inside this project (config/access/x.json → ./contract.schema.json).
        if (path.resolve(input.out).startsWith(`${process.cwd()}${path.sep}`)) {
            schemaPath = relative.startsWith('.') ? relative : `./${relative}`;
        }
    }
    const contract: ContractInput = {
        ...(schemaPath ? { $schema: schemaPath } : {}),
        name: contractName(input.username),
        description:
            `Suggested by npm run contract -- suggest from ${days.length} day(s) of ApiTotalUsage logs ` +
            `(${days[0] ?? '?'} to ${days[days.length - 1] ?? '?'}) for ${input.username}` +
            `${input.app ? ` through ${input.app}` : ''}: a proposal to review, never applied by itself. ` +
            'Default-deny: it requires the object access the logs show and nothing else. ' +
            'Field access is not in these logs: field grants on the used objects are the user\u2019s current ones, kept as allow.',
        userPermissions: { require: userPermissions, recommend: [], allow: [] },
        objects: contractObjects,
        fields,
        setupEntities: {
            connectedApps: { require: [], recommend: [], allow: connectedApps },
            apexClasses: { require: [], recommend: [], allow: apexClasses }
        },
        ...(Object.keys(justifications).length > 0 ? { justifications } : {})
    };
    // The suggestion must load as any contract does (schema, high-risk justifications).
    parseContract(contract, 'suggested contract');
    return {
        contract,
        evidence,
        blindSpots: [...blind.values()].sort((a, b) => b.count - a.count),
        notes,
        window: {
            days: days.length,
            first: days[0],
            last: days[days.length - 1]
        },
        requests
    };
}
