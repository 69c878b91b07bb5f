import { runBulkInsert, type BulkOutcome } from './bulk-job';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Connection } from '@jsforce/jsforce-node';
import {
    asSalesforceError,
    htmlAnswer,
    isTransient,
    networkFailure
} from './api-error';
import { AmbiguousWriteError, ConnectionError, QueryError } from './errors';

export { AmbiguousWriteError, ConnectionError, QueryError } from './errors';

export interface RecordError {
    statusCode: string;
    message: string;
    fields: string[];
}

export interface SaveResult {
    id?: string;
    success: boolean;
    errors: RecordError[];
    /** Written, as a re-read of the org showed after the call's answer was lost. */
    reconciled?: boolean;
}

/** For records whose write may have been lost: the id of each one found in the org, in order. */
export type Reconciler = (
    records: Record<string, unknown>[]
) => Promise<(string | undefined)[]>;

export interface CompositeSubrequest {
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    /** Path below `/services/data/vXX.X`, e.g. `/query?q=...`. */
    path: string;
    referenceId: string;
    body?: unknown;
}

export interface CompositeSubresponse<T = unknown> {
    body: T;
    httpStatusCode: number;
    referenceId: string;
}

export interface QueryResult<T> {
    totalSize: number;
    done: boolean;
    records: T[];
    nextRecordsUrl?: string;
}

export interface RetryPolicy {
    attempts: number;
    baseDelayMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 250 };

/** sObject Collections take at most 200 records a call. */
export const COLLECTION_SIZE = 200;
/**
 * The Composite API takes at most 25 subrequests a call, of which at most 5 may be Query/QueryAll
 * or sObject Collections operations (REST API Developer Guide, "Composite", request body:
 * "You can have up to 25 subrequests in a single call. Up to 5 of these subrequests can be
 * sObject Collections or query operations, including Query and QueryAll requests.").
 */
export const COMPOSITE_SIZE = 25;
export const COMPOSITE_QUERY_SIZE = 5;

/** A subrequest that counts toward the Composite API's limit of 5 query/collection operations. */
export function isQueryOrCollection(path: string): boolean {
    const resource = path.replace(/^\/services\/data\/v\d+\.\d+/, '');
    return (
        /^\/(query|queryAll)(\/|\?|$)/.test(resource) ||
        /^\/composite\/sobjects(\/|\?|$)/.test(resource)
    );
}

type Transport = {
    httpRequest: (...args: unknown[]) => unknown;
    __cpkCounted?: Set<() => void>;
};

/**
 * Counts every HTTP request the connection sends, jsforce's own Bulk API 2.0 calls included.
 * jsforce exposes no request hook on the connection itself, so this wraps its transport (private,
 * `_transport`) once; if a jsforce update removes it, counting stops and nothing else breaks.
 */
function countRequests(connection: Connection, onRequest: () => void): void {
    const transport = (connection as unknown as { _transport?: Transport })
        ._transport;
    if (!transport) {
        return;
    }
    if (!transport.__cpkCounted) {
        const listeners = new Set<() => void>();
        const original = transport.httpRequest.bind(transport);
        transport.httpRequest = (...args: unknown[]) => {
            listeners.forEach((listener) => listener());
            return original(...args);
        };
        transport.__cpkCounted = listeners;
    }
    transport.__cpkCounted.add(onRequest);
}

const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one small layer through which every command talks to an org: REST calls over a jsforce
 * Connection with an explicit API version, transient errors retried with exponential backoff,
 * and a count of the API calls spent.
 */
export class OrgClient {
    /** API calls made (every HTTP request through the connection, retries included). */
    calls = 0;
    readonly retried: string[] = [];

    constructor(
        /** jsforce's connection: private, so that only this layer touches it (the org layer is sealed). */
        private readonly connection: Connection,
        readonly apiVersion: string,
        private readonly retry: RetryPolicy = DEFAULT_RETRY
    ) {
        countRequests(connection, () => {
            this.calls++;
        });
    }

    /** The org's instance URL, e.g. https://acme.my.salesforce.com (what an external platform asks for). */
    get instanceUrl(): string {
        return this.connection.instanceUrl;
    }

    /**
     * Revokes one OAuth refresh or access token: POST /services/oauth2/revoke with the token
     * form-encoded (Salesforce Help, "Revoke OAuth Tokens"). Not retried: a lost answer is checked
     * by re-reading OauthToken, as the caller does.
     */
    async revokeOAuthToken(token: string): Promise<void> {
        await this.connection.request({
            method: 'POST',
            url: '/services/oauth2/revoke',
            body: new URLSearchParams({ token }).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' }
        });
    }

    /**
     * Bulk API 2.0 ingest: one insert job for `records` of `object`, polled until it ends; the
     * successful and failed records as Salesforce reports them (jsforce counts its calls here too).
     */
    /**
     * A Bulk API 2.0 insert job that `signal` can stop between steps (org/bulk-job.ts): the job is
     * then aborted and the caller re-reads the org for what was written.
     */
    bulkInsert(
        object: string,
        records: Record<string, string>[],
        signal?: AbortSignal
    ): Promise<BulkOutcome> {
        return runBulkInsert(this.connection, object, records, signal);
    }

    get base(): string {
        return `/services/data/v${this.apiVersion}`;
    }

    /**
     * One REST request, retried while Salesforce answers with an error it documents as "not applied"
     * (UNABLE_TO_LOCK_ROW, REQUEST_LIMIT_EXCEEDED). A read is also retried after a dropped connection
     * or a 502/503/504; a POST is not (unless the caller says it is repeatable, as a composite of
     * reads is), since it may have landed: it throws AmbiguousWriteError and the caller reconciles. A refused connection or an unknown host throws ConnectionError.
     */
    async request<T>(
        method: string,
        url: string,
        body?: unknown,
        /** False for a request that may change data if sent twice (every POST unless told). */
        repeatable = method !== 'POST'
    ): Promise<T> {
        for (let attempt = 1; ; attempt++) {
            try {
                const answer = (await this.connection.request<T>({
                    method: method as 'GET',
                    url,
                    body: body === undefined ? undefined : JSON.stringify(body),
                    headers:
                        body === undefined
                            ? {}
                            : { 'content-type': 'application/json' }
                })) as T;
                const html = htmlAnswer(answer);
                if (html) {
                    throw new ConnectionError(
                        this.connection.instanceUrl,
                        html
                    );
                }
                return answer;
            } catch (error) {
                if (error instanceof ConnectionError) {
                    throw error;
                }
                const html = htmlAnswer(error);
                if (html) {
                    throw new ConnectionError(
                        this.connection.instanceUrl,
                        html
                    );
                }
                const network = networkFailure(error);
                if (network && !network.sent) {
                    throw new ConnectionError(
                        this.connection.instanceUrl,
                        `${network.code} (${network.message})`
                    );
                }
                const failure = asSalesforceError(error);
                const lostAnswer =
                    network !== undefined ||
                    [502, 503, 504].includes(Number(failure.statusCode)) ||
                    [
                        'SERVER_UNAVAILABLE',
                        'ERROR_HTTP_502',
                        'ERROR_HTTP_503',
                        'ERROR_HTTP_504'
                    ].includes(failure.errorCode ?? '');
                const path = url.split('?')[0] ?? url;
                if (!repeatable && lostAnswer) {
                    throw new AmbiguousWriteError(
                        method,
                        path.replace(this.base, ''),
                        network
                            ? `connection lost: ${network.code}`
                            : `${failure.errorCode ?? failure.statusCode}`
                    );
                }
                if (
                    !(isTransient(failure) || lostAnswer) ||
                    attempt >= this.retry.attempts
                ) {
                    throw error;
                }
                this.retried.push(
                    `${network?.code ?? failure.errorCode ?? 'error'} on ${method} ${path}`
                );
                await sleep(this.retry.baseDelayMs * 2 ** (attempt - 1));
            }
        }
    }

    /**
     * A binary resource as a stream, never whole in memory: e.g. an event log file's content,
     * `GET /services/data/vXX.X/sobjects/EventLogFile/<id>/LogFile` (REST API Developer Guide,
     * "Get Event Monitoring Content from a Record", the sObject Blob Retrieve resource). jsforce's
     * `request` buffers the body, so this uses fetch with the connection's instance URL and token;
     * 502/503/504 are retried.
     */
    async stream(url: string): Promise<Readable> {
        for (let attempt = 1; ; attempt++) {
            this.calls++;
            let response: Response;
            try {
                response = await fetch(
                    new URL(url, this.connection.instanceUrl),
                    {
                        headers: {
                            authorization: `Bearer ${this.connection.accessToken ?? ''}`
                        }
                    }
                );
            } catch (error) {
                throw new ConnectionError(
                    this.connection.instanceUrl,
                    (error as Error).message
                );
            }
            if (response.ok && response.body) {
                return Readable.fromWeb(
                    response.body as unknown as WebReadableStream<Uint8Array>
                );
            }
            const text = await response.text().catch(() => '');
            if (
                [502, 503, 504].includes(response.status) &&
                attempt < this.retry.attempts
            ) {
                this.retried.push(`HTTP ${response.status} on GET ${url}`);
                await sleep(this.retry.baseDelayMs * 2 ** (attempt - 1));
                continue;
            }
            let detail = text.slice(0, 300);
            try {
                const body = JSON.parse(text) as
                    { errorCode?: string; message?: string }[] | undefined;
                const first = Array.isArray(body) ? body[0] : undefined;
                if (first) detail = `${first.errorCode}: ${first.message}`;
            } catch {
                // not JSON: the text as it came
            }
            throw new Error(
                `GET ${url.split('?')[0]} answered HTTP ${response.status}: ${detail}`
            );
        }
    }

    /** All records of a SOQL query, following `nextRecordsUrl`. */
    async query<T>(soql: string, tooling = false): Promise<T[]> {
        const root = tooling ? `${this.base}/tooling` : this.base;
        return this.rest(
            await this.request<QueryResult<T>>(
                'GET',
                `${root}/query?q=${encodeURIComponent(soql)}`
            )
        );
    }

    /** All records of a query result (first page in hand, e.g. from a composite response), following `nextRecordsUrl`. */
    async rest<T>(result: QueryResult<T>): Promise<T[]> {
        const records = [...result.records];
        let page = result;
        while (!page.done && page.nextRecordsUrl) {
            page = await this.request<QueryResult<T>>(
                'GET',
                page.nextRecordsUrl
            );
            records.push(...page.records);
        }
        return records;
    }

    /**
     * A child relationship's rows from a query result (a subquery column: null when the parent has
     * none), every page: a parent with many children gets a `nextRecordsUrl` of its own.
     */
    async children<T>(value: QueryResult<T> | null | undefined): Promise<T[]> {
        return value ? this.rest(value) : [];
    }

    /**
     * Up to 25 subrequests in one API call (Composite API), at most 5 of them query or sObject
     * Collections operations. A caller that asks for more gets an error before anything is sent.
     */
    async composite(
        subrequests: CompositeSubrequest[],
        allOrNone = false
    ): Promise<CompositeSubresponse[]> {
        if (subrequests.length > COMPOSITE_SIZE) {
            throw new Error(
                `composite takes at most ${COMPOSITE_SIZE} subrequests, got ${subrequests.length}`
            );
        }
        const queryLike = subrequests.filter((sub) =>
            isQueryOrCollection(sub.path)
        ).length;
        if (queryLike > COMPOSITE_QUERY_SIZE) {
            throw new Error(
                `composite takes at most ${COMPOSITE_QUERY_SIZE} query or sObject Collections subrequests, got ${queryLike}`
            );
        }
        const response = await this.request<{
            compositeResponse: CompositeSubresponse[];
        }>(
            'POST',
            `${this.base}/composite`,
            {
                allOrNone,
                compositeRequest: subrequests.map((sub) => ({
                    method: sub.method,
                    url: `${this.base}${sub.path}`,
                    referenceId: sub.referenceId,
                    body: sub.body
                }))
            },
            subrequests.every((sub) => sub.method === 'GET')
        );
        return response.compositeResponse;
    }

    /**
     * Many SOQL queries in as few calls as possible: 5 a Composite API call (the documented limit
     * for query subrequests), each result paged to the end. Records by referenceId; the first
     * failing query throws a QueryError.
     */
    async queries(
        queries: { referenceId: string; soql: string }[]
    ): Promise<Map<string, unknown[]>> {
        const results = new Map<string, unknown[]>();
        for (
            let start = 0;
            start < queries.length;
            start += COMPOSITE_QUERY_SIZE
        ) {
            const batch = queries.slice(start, start + COMPOSITE_QUERY_SIZE);
            const responses = await this.composite(
                batch.map((query) => ({
                    method: 'GET',
                    path: `/query?q=${encodeURIComponent(query.soql)}`,
                    referenceId: query.referenceId
                }))
            );
            for (const response of responses) {
                if (response.httpStatusCode >= 300) {
                    const body = response.body as
                        { errorCode?: string; message?: string }[] | undefined;
                    const first = Array.isArray(body) ? body[0] : undefined;
                    throw new QueryError(
                        response.referenceId,
                        first?.errorCode ?? String(response.httpStatusCode),
                        first?.message ?? ''
                    );
                }
                results.set(
                    response.referenceId,
                    await this.rest(response.body as QueryResult<unknown>)
                );
            }
        }
        return results;
    }

    /**
     * Creates records with sObject Collections, 200 a call, `allOrNone=false`: per-record results in
     * input order. Records that failed only with UNABLE_TO_LOCK_ROW are sent again (they were not
     * written), so a lock never turns into a duplicate or a lost record. When a call's answer is
     * lost (AmbiguousWriteError), `reconcile` re-reads the org for that chunk: records it finds are
     * reported as written (`reconciled: true`), the rest are sent again. Without `reconcile` the
     * error is thrown.
     */
    async createMany(
        type: string,
        records: Record<string, unknown>[],
        onProgress?: (done: number, total: number) => void,
        reconcile?: Reconciler
    ): Promise<SaveResult[]> {
        const results: SaveResult[] = new Array<SaveResult>(records.length);
        for (let start = 0; start < records.length; start += COLLECTION_SIZE) {
            let pending = records
                .slice(start, start + COLLECTION_SIZE)
                .map((record, offset) => ({ record, index: start + offset }));
            for (let attempt = 1; pending.length > 0; attempt++) {
                let saved: SaveResult[];
                try {
                    saved = await this.request<SaveResult[]>(
                        'POST',
                        `${this.base}/composite/sobjects`,
                        {
                            allOrNone: false,
                            records: pending.map(({ record }) => ({
                                attributes: { type },
                                ...record
                            }))
                        }
                    );
                } catch (error) {
                    if (
                        !(error instanceof AmbiguousWriteError) ||
                        !reconcile ||
                        attempt >= this.retry.attempts
                    ) {
                        throw error;
                    }
                    const found = await reconcile(
                        pending.map(({ record }) => record)
                    );
                    this.retried.push(
                        `${error.reason} on POST /composite/sobjects: re-read ${type}, ${found.filter(Boolean).length} of ${pending.length} had been written`
                    );
                    const rest: typeof pending = [];
                    pending.forEach((item, i) => {
                        const id = found[i];
                        if (id) {
                            results[item.index] = {
                                id,
                                success: true,
                                errors: [],
                                reconciled: true
                            };
                        } else {
                            rest.push(item);
                        }
                    });
                    pending = rest;
                    continue;
                }
                const again: typeof pending = [];
                saved.forEach((result, i) => {
                    const item = pending[i];
                    if (!item) {
                        return;
                    }
                    const locked = result.errors?.some(
                        (e) => e.statusCode === 'UNABLE_TO_LOCK_ROW'
                    );
                    if (
                        !result.success &&
                        locked &&
                        attempt < this.retry.attempts
                    ) {
                        again.push(item);
                    } else {
                        results[item.index] = {
                            ...result,
                            errors: result.errors ?? []
                        };
                    }
                });
                if (again.length > 0) {
                    this.retried.push(
                        `UNABLE_TO_LOCK_ROW on ${again.length} ${type} record(s)`
                    );
                    await sleep(this.retry.baseDelayMs * 2 ** (attempt - 1));
                }
                pending = again;
            }
            // Progress counts what was written, not what was sent.
            onProgress?.(
                results.filter((result) => result?.success).length,
                records.length
            );
        }
        return results;
    }

    /**
     * Updates records with sObject Collections (PATCH, 200 a call, `allOrNone=false`): per-record
     * results in input order. PATCH sets the same values however often it is sent, so a lost answer
     * is simply retried.
     */
    async updateMany(
        type: string,
        records: (Record<string, unknown> & { Id: string })[]
    ): Promise<SaveResult[]> {
        const results: SaveResult[] = [];
        for (let start = 0; start < records.length; start += COLLECTION_SIZE) {
            const saved = await this.request<SaveResult[]>(
                'PATCH',
                `${this.base}/composite/sobjects`,
                {
                    allOrNone: false,
                    records: records
                        .slice(start, start + COLLECTION_SIZE)
                        .map(({ Id, ...fields }) => ({
                            attributes: { type },
                            id: Id,
                            ...fields
                        }))
                }
            );
            results.push(
                ...saved.map((result) => ({
                    ...result,
                    errors: result.errors ?? []
                }))
            );
        }
        return results;
    }
}
