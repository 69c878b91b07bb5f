// The HTTP front: authentication, API accounting, fault injection, routing, and
// Salesforce-shaped error responses.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
    ApiError,
    invalidSession,
    notFound,
    requestLimitExceeded,
    unableToLockRow
} from './core/errors';
import {
    notEmulated,
    NOT_EMULATED_STATUS,
    soapFault,
    unemulatedDataResource,
    unemulatedOutsideApi
} from './core/not-emulated';
import {
    JSON_CONTENT_TYPE,
    type ApiRequest,
    type ApiResponse
} from './core/http';
import { decodeBody, unsupportedRequestFeature } from './core/request-features';
import type { Router } from './core/router';
import type { EmulatorState } from './api/state';
import { unavailableVersion, versionsList } from './routes/versions';

const DATA_PATH = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/;
/**
 * Routes that answer without taking from DailyApiRequests: REST API Developer Guide, "Limit Info
 * Header" ("except for calls to the Versions URI, /, which do not count towards your org's
 * limit"); issue #11 measured it for GET /services/data/vXX.X.
 */
const UNCOUNTED_ROUTES = new Set(['GET /services/data/vXX.X/']);
const LOCK_AS_RECORD_ERRORS =
    /^(POST|PATCH|DELETE) \/services\/data\/vXX\.X\/composite\/sobjects$/;

function errorResponse(error: unknown): ApiResponse {
    if (error instanceof ApiError) {
        return { status: error.status, json: error.body() };
    }
    const errorId = randomUUID();
    process.stderr.write(
        `Salesforce API emulator: unexpected error ${errorId}: ${(error as Error).stack ?? String(error)}\n`
    );
    return {
        status: 500,
        json: [
            {
                errorCode: 'UNKNOWN_EXCEPTION',
                message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`
            }
        ]
    };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => resolve(Buffer.concat(chunks)));
        request.on('error', reject);
    });
}

function send(
    response: ServerResponse,
    result: ApiResponse,
    extraHeaders: Record<string, string>
): void {
    const headers: Record<string, string> = {
        ...extraHeaders,
        ...result.headers
    };
    let body = '';
    if (result.text) {
        headers['Content-Type'] = result.text.contentType;
        body = result.text.body;
    } else if (result.json !== undefined) {
        headers['Content-Type'] = JSON_CONTENT_TYPE;
        body = JSON.stringify(result.json);
    }
    response.writeHead(result.status, headers);
    response.end(body);
}

const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => setTimeout(resolve, ms));

/** The data route for a path, or the "not emulated" error for a known API the emulator lacks. */
function matchData(
    router: Router,
    method: string,
    relative: string,
    fullPath: string
): ReturnType<Router['match']> {
    try {
        return router.match(method, relative);
    } catch (error) {
        const api =
            error instanceof ApiError && error.status === 404
                ? unemulatedDataResource(relative)
                : undefined;
        throw api ? notEmulated(api, fullPath) : error;
    }
}

export class RequestHandler {
    constructor(
        private readonly state: EmulatorState,
        private readonly data: Router,
        private readonly other: Router
    ) {}

    /** Runs a REST request in-process: no authentication, accounting or faults. */
    async dispatch(request: ApiRequest): Promise<ApiResponse> {
        try {
            const match = DATA_PATH.exec(request.path.replace(/\/$/, ''));
            if (!match) {
                throw notFound();
            }
            if (!this.state.versions.includes(match[1] ?? '')) {
                throw unavailableVersion(match[1] ?? '');
            }
            const route = matchData(
                this.data,
                request.method,
                match[2] ?? '/',
                request.path
            );
            return await route.handler({
                ...request,
                version: match[1] ?? '',
                params: route.params
            });
        } catch (error) {
            return errorResponse(error);
        }
    }

    private authorized(
        request: IncomingMessage,
        query: URLSearchParams
    ): boolean {
        const header = request.headers.authorization ?? '';
        const token =
            /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header)?.[1] ??
            query.get('oauth_token') ??
            '';
        // Real access tokens read "<org id>!<secret>" (the sf CLI insists on it): accept the
        // configured token alone or behind this org's 15- or 18-character id.
        const orgId = this.state.org.organizationId;
        const bang = token.indexOf('!');
        if (bang < 0) {
            return token === this.state.accessToken;
        }
        const prefix = token.slice(0, bang);
        return (
            (prefix === orgId || prefix === orgId.slice(0, 15)) &&
            token.slice(bang + 1) === this.state.accessToken
        );
    }

    async handle(
        request: IncomingMessage,
        response: ServerResponse
    ): Promise<void> {
        // Salesforce tolerates "//services/data" (an instance URL with a trailing slash);
        // squeeze slashes before URL parsing reads "//services" as a host.
        const raw = request.url ?? '/';
        const queryStart = raw.indexOf('?');
        const rawPath = (
            queryStart < 0 ? raw : raw.slice(0, queryStart)
        ).replace(/\/{2,}/g, '/');
        const url = new URL(
            rawPath + (queryStart < 0 ? '' : raw.slice(queryStart)),
            'http://emulator.invalid'
        );
        const path =
            url.pathname.length > 1
                ? url.pathname.replace(/\/$/, '')
                : url.pathname;
        const method = (request.method ?? 'GET').toUpperCase();
        if (path === '/services/data' && method === 'GET') {
            send(response, versionsList(this.state), {});
            return;
        }
        // SOAP, Bulk 1.0 and Apex REST are not emulated: say so before looking for a bearer
        // token (SOAP carries its session inside the envelope, so a 401 would mislead).
        const outside = unemulatedOutsideApi(path);
        if (outside) {
            send(
                response,
                outside.soap
                    ? {
                          status: NOT_EMULATED_STATUS,
                          text: {
                              body: soapFault(outside.api, path),
                              contentType: 'text/xml;charset=UTF-8'
                          }
                      }
                    : errorResponse(notEmulated(outside.api, path)),
                {}
            );
            return;
        }
        // The token is checked before the body is read: an unauthorized request is answered
        // at once and its body discarded by Node as the response finishes, never buffered.
        if (!this.authorized(request, url.searchParams)) {
            send(response, errorResponse(invalidSession()), {});
            return;
        }
        const unsupported = unsupportedRequestFeature(path, request.headers);
        if (unsupported) {
            send(response, errorResponse(unsupported), {});
            return;
        }
        let body: string;
        try {
            body = decodeBody(
                await readBody(request),
                request.headers['content-encoding'],
                path
            );
        } catch (error) {
            send(response, errorResponse(error), {});
            return;
        }
        const limitHeader = (): Record<string, string> => ({
            'Sforce-Limit-Info': this.state.accounting.header()
        });
        let apiRequest: ApiRequest;
        let routeKey: string;
        let handler;
        try {
            const match = DATA_PATH.exec(path);
            const version = match?.[1] ?? '';
            if (match && !this.state.versions.includes(version)) {
                throw unavailableVersion(version);
            }
            const route = match
                ? matchData(this.data, method, match[2] ?? '/', path)
                : this.other.match(method, path);
            routeKey = route.key;
            handler = route.handler;
            apiRequest = {
                method,
                path,
                query: url.searchParams,
                headers: request.headers,
                body,
                version,
                params: route.params
            };
        } catch (error) {
            send(response, errorResponse(error), limitHeader());
            return;
        }
        this.state.accounting.recordCall(routeKey);
        const fault = this.state.faults.next(method, path);
        if (fault && fault.latencyMs > 0) {
            await sleep(fault.latencyMs);
        }
        switch (fault?.fault) {
            case '503':
                send(
                    response,
                    {
                        status: 503,
                        json: [
                            {
                                errorCode: 'SERVER_UNAVAILABLE',
                                message: 'Server temporarily unavailable'
                            }
                        ]
                    },
                    limitHeader()
                );
                return;
            case 'REQUEST_LIMIT_EXCEEDED':
                send(
                    response,
                    errorResponse(requestLimitExceeded()),
                    limitHeader()
                );
                return;
            case 'UNABLE_TO_LOCK_ROW':
                if (!LOCK_AS_RECORD_ERRORS.test(routeKey)) {
                    send(
                        response,
                        errorResponse(unableToLockRow()),
                        limitHeader()
                    );
                    return;
                }
                apiRequest.lockFault = true;
                break;
            default:
                break;
        }
        if (
            !UNCOUNTED_ROUTES.has(routeKey) &&
            !this.state.accounting.consume()
        ) {
            send(
                response,
                errorResponse(requestLimitExceeded()),
                limitHeader()
            );
            return;
        }
        let result: ApiResponse;
        try {
            result = await handler(apiRequest);
        } catch (error) {
            result = errorResponse(error);
        }
        send(response, result, limitHeader());
    }
}
