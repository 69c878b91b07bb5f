/**
 * What one ApiTotalUsage row shows: object access (object + verb) or a blind spot (a request the
 * log cannot tie to object access). Pure; one call per row, so kept to string tests.
 *
 * Verbs (issue #22): a read (REST GET, query, queryAll; SOAP query/queryAll/queryMore/retrieve/
 * search) → read; POST on the object → create; PATCH → edit; DELETE → delete; upsert by external id
 * (REST PATCH/POST /sobjects/<Object>/<Field>/<value>, SOAP upsert) → create + edit.
 * REST resources: REST API Developer Guide, "sObject Rows", "sObject Rows by External ID",
 * "sObject Basic Information", "sObject Describe", "Query", "QueryAll", "Composite",
 * "sObject Collections", "sObject Tree". The EventLogFile page of the Object Reference says that for
 * a composite request only the parent request is logged: its subrequests are a blind spot.
 */

export const VERBS = [
    'read',
    'create',
    'edit',
    'delete',
    'upsert',
    'describe',
    'bulkIngest',
    'other'
] as const;
export type Verb = (typeof VERBS)[number];

export const BLIND_SPOTS = {
    composite:
        'Composite API: only the parent request is logged, not its subrequests (Object Reference, EventLogFile)',
    bulkNoObject: 'Bulk API request whose object the log does not name',
    soapNoObject: 'SOAP API call with no object in the log',
    apexRest:
        'Apex REST: the log names the resource, not what the Apex code reads or writes',
    restNoObject:
        'REST request on no object (limits, describeGlobal, search, ...): no object access shown',
    otherFamily: 'API family this kit does not map to object access'
} as const;
export type BlindSpot = keyof typeof BLIND_SPOTS;

export type Classified =
    | { kind: 'object'; objects: string[]; verb: Verb }
    | { kind: 'blind'; reason: BlindSpot };

const SOAP_VERBS: Record<string, Verb> = {
    query: 'read',
    queryall: 'read',
    querymore: 'read',
    retrieve: 'read',
    search: 'read',
    getupdated: 'read',
    getdeleted: 'read',
    create: 'create',
    update: 'edit',
    upsert: 'upsert',
    delete: 'delete',
    describesobject: 'describe',
    describesobjects: 'describe',
    describelayout: 'describe'
};

function methodVerb(method: string): Verb {
    switch (method) {
        case 'GET':
        case 'HEAD':
            return 'read';
        case 'POST':
            return 'create';
        case 'PATCH':
        case 'PUT':
            return 'edit';
        case 'DELETE':
            return 'delete';
        default:
            return 'other';
    }
}

/** ENTITY_NAME is of type Set: one object, or several separated by commas. */
export function entities(value: string): string[] {
    if (value === '') return [];
    if (!/[,;[\]]/.test(value)) return [value.trim()];
    return value
        .replace(/[[\]]/g, '')
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}

/** `/services/data/v66.0/sobjects/Case/500..?x` → `/sobjects/Case/500..` */
function restPath(resource: string): string {
    const q = resource.indexOf('?');
    let path = q >= 0 ? resource.slice(0, q) : resource;
    path = path.replace(/^\/services\/data/, '').replace(/^\/v\d+\.\d+/, '');
    return path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : path;
}

function obj(objects: string[], verb: Verb): Classified {
    return { kind: 'object', objects, verb };
}

function classifyRest(
    method: string,
    resource: string,
    named: string[]
): Classified {
    const path = restPath(resource);
    if (path.startsWith('/composite')) {
        const tree = /^\/composite\/tree\/([^/]+)$/.exec(path);
        if (tree?.[1]) return obj(named.length ? named : [tree[1]], 'create');
        const collection =
            /^\/composite\/sobjects(?:\/([^/]+)(\/[^/]+)?)?$/.exec(path);
        if (collection && named.length > 0) {
            const upsert = collection[2] !== undefined && method === 'PATCH';
            return obj(named, upsert ? 'upsert' : methodVerb(method));
        }
        return { kind: 'blind', reason: 'composite' };
    }
    if (/^\/(query|queryAll)(\/|$)/.test(path)) {
        return named.length > 0
            ? obj(named, 'read')
            : { kind: 'blind', reason: 'restNoObject' };
    }
    const sobject = /^\/sobjects\/([^/]+)(?:\/(.*))?$/.exec(path);
    if (sobject?.[1]) {
        const objects = named.length > 0 ? named : [sobject[1]];
        const rest = sobject[2] ? sobject[2].split('/') : [];
        if (rest[0] === 'describe' || rest[0] === 'quickActions') {
            return obj(objects, 'describe');
        }
        if (rest.length === 0) {
            return obj(objects, method === 'POST' ? 'create' : 'describe');
        }
        if (rest.length === 2 && (method === 'PATCH' || method === 'POST')) {
            return obj(objects, 'upsert');
        }
        return obj(objects, rest.length > 1 ? 'read' : methodVerb(method));
    }
    if (named.length > 0) return obj(named, methodVerb(method));
    return { kind: 'blind', reason: 'restNoObject' };
}

export function classify(
    family: string,
    method: string,
    resource: string,
    entity: string
): Classified {
    const named = entities(entity);
    switch (family) {
        case 'REST':
            return classifyRest(method.toUpperCase(), resource, named);
        case 'SOAP': {
            if (named.length === 0)
                return { kind: 'blind', reason: 'soapNoObject' };
            return obj(named, SOAP_VERBS[resource.toLowerCase()] ?? 'other');
        }
        case 'Bulk':
        case 'BulkAPI':
        case 'Bulk2': {
            if (named.length === 0)
                return { kind: 'blind', reason: 'bulkNoObject' };
            // Bulk query jobs read; an ingest job's operation is in the job, not the log.
            return obj(named, /query/i.test(resource) ? 'read' : 'bulkIngest');
        }
        case 'ApexREST':
        case 'DirectApexREST':
        case 'DirectAura':
            return { kind: 'blind', reason: 'apexRest' };
        default:
            return { kind: 'blind', reason: 'otherFamily' };
    }
}

/** The object access a verb shows was needed (create/edit imply read, as ObjectPermissions does). */
export function accessOf(
    verb: Verb
): ('read' | 'create' | 'edit' | 'delete')[] {
    switch (verb) {
        case 'read':
        case 'describe':
            return ['read'];
        case 'create':
            return ['read', 'create'];
        case 'edit':
            return ['read', 'edit'];
        case 'upsert':
            return ['read', 'create', 'edit'];
        case 'delete':
            return ['read', 'edit', 'delete'];
        default:
            return [];
    }
}
