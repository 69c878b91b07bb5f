// What an API request looks like in the ApiTotalUsage log (api/usage-log.ts): its family, the
// resource (the path after /services/data, without the query string, as the Object Reference's
// example /v21.0/sobjects/Account/001xx000003DGQW) and the one object it names, if any.
//
// ENTITY_NAME: the Object Reference gives the column but not, per resource, which object it
// holds. The emulator writes the object the request names: the sObject of /sobjects/<type>/...
// and /composite/sobjects/<type>; the FROM object of a query; the object of a Bulk ingest job
// when its creation names it; the one type of an sObject Collections request; nothing for
// composite (the parent names none), query locators, Bulk data uploads and job reads, limits,
// describeGlobal. Bulk API 2.0 jobs (/jobs/ingest) are logged as API_FAMILY Bulk.

import { isPlainObject } from '../core/http';
import type { Org } from '../org/org';
import type { ApiFamily } from './usage-log';

export interface LoggedRequest {
    /** "GET /services/data/vXX.X/query" (the route key). */
    routeKey: string;
    path: string;
    query: URLSearchParams;
    params: Record<string, string>;
    body: string;
}

export interface UsageDescription {
    family: ApiFamily;
    resource: string;
    entity: string;
}

function canonical(org: Org, name: string): string {
    return org.schema.object(name)?.name ?? name;
}

/**
 * The object after the query's top-level FROM (outside parentheses and string literals): a
 * scan, not a second parse of the SOQL the query route has already parsed.
 */
export function queriedObject(org: Org, soql: string): string {
    let depth = 0;
    let quoted = false;
    for (let i = 0; i < soql.length; i++) {
        const char = soql.charAt(i);
        if (quoted) {
            if (char === '\\') {
                i++;
            } else if (char === "'") {
                quoted = false;
            }
        } else if (char === "'") {
            quoted = true;
        } else if (char === '(') {
            depth++;
        } else if (char === ')') {
            depth--;
        } else if (
            depth === 0 &&
            (char === 'f' || char === 'F') &&
            /\s/.test(soql.charAt(i - 1) || ' ')
        ) {
            const match = /^from\s+([A-Za-z][A-Za-z0-9_]*)/i.exec(
                soql.slice(i, i + 300)
            );
            if (match?.[1]) {
                return canonical(org, match[1]);
            }
        }
    }
    return '';
}

function jsonBody(body: string): unknown {
    try {
        return JSON.parse(body) as unknown;
    } catch {
        return undefined;
    }
}

/** The one type an sObject Collections body or id list names, or "". */
function collectionObject(org: Org, request: LoggedRequest): string {
    const types = new Set<string>();
    const ids = request.query.get('ids');
    if (ids) {
        for (const id of ids.split(',')) {
            const object = org.lookup(id.trim())?.object.name;
            types.add(object ?? '');
        }
    } else {
        const body = jsonBody(request.body);
        const records =
            isPlainObject(body) && Array.isArray(body.records)
                ? body.records
                : [];
        for (const record of records) {
            const type =
                isPlainObject(record) && isPlainObject(record.attributes)
                    ? record.attributes.type
                    : undefined;
            types.add(typeof type === 'string' ? canonical(org, type) : '');
        }
    }
    const [only] = [...types];
    return types.size === 1 && only ? only : '';
}

function entityOf(org: Org, request: LoggedRequest): string {
    const route = request.routeKey.replace(
        /^[A-Z]+ \/services\/data\/vXX\.X/,
        ''
    );
    const method = request.routeKey.split(' ')[0];
    if (
        route.startsWith('/sobjects/:type') ||
        route === '/composite/sobjects/:type'
    ) {
        return canonical(org, request.params.type ?? '');
    }
    if (
        route === '/query' ||
        route === '/queryAll' ||
        route === '/tooling/query'
    ) {
        return queriedObject(org, request.query.get('q') ?? '');
    }
    if (route === '/composite/sobjects') {
        return collectionObject(org, request);
    }
    if (route === '/jobs/ingest' && method === 'POST') {
        const body = jsonBody(request.body);
        return isPlainObject(body) && typeof body.object === 'string'
            ? canonical(org, body.object)
            : '';
    }
    return '';
}

export function describeUsage(
    org: Org,
    request: LoggedRequest
): UsageDescription {
    return {
        family: request.routeKey.includes('/jobs/ingest') ? 'Bulk' : 'REST',
        resource: request.path.replace(/^\/services\/data/, ''),
        entity: entityOf(org, request)
    };
}
