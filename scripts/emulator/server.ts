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
import type { Session } from './api/sessions';
import type { EmulatorState } from './api/state';
import { describeUsage } from './api/usage-request';
import { newRequestId } from './api/usage-log';
import { unavailableVersion, versionsList } from './routes/versions';

const DATA_PATH = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/;
/**
 * Routes that answer without taking from DailyApiRequests: REST API Developer Guide, "Limit Info
 * Header" ("except for calls to the Versions URI, /, which do not count towards your org's
 * limit"); issue #11 measured it for GET /services/data/vXX.X.
 */
const UNCOUNTED_ROUTES = new Set(['GET /services/data/vXX.X/']);
/**
 * Answered without a bearer token and outside the API (no accounting, no usage log): the OAuth
 * token endpoint authenticates the client itself (Salesforce Help, "OAuth 2.0 Client Credentials
 * Flow for Server-to-Server Integration", "OAuth 2.0 JWT Bearer Flow for Server-to-Server
 * Integration").
 */
const TOKEN_PATH = '/services/oauth2/token';
/** The emulator's own operations (closing an event log day): never counted or logged. */
const EMULATOR_ONLY = /^\/_emulator\//;
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

    /** The session of the request's access token, or undefined when it has none valid. */
    private sessionOf(
        request: IncomingMessage,
        query: URLSearchParams
    ): Session | undefined {
        const header = request.headers.authorization ?? '';
        const token =
            /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header)?.[1] ??
            query.get('oauth_token') ??
            '';
        // Real access tokens read "<org id>!<secret>" (the sf CLI insists on it): accept a
        // token alone or behind this org's 15- or 18-character id.
        const orgId = this.state.org.organizationId;
        const bang = token.indexOf('!');
        const prefix = bang < 0 ? undefined : token.slice(0, bang);
        if (
            prefix !== undefined &&
            prefix !== orgId &&
            prefix !== orgId.slice(0, 15)
        ) {
            return undefined;
        }
        const secret = bang < 0 ? token : token.slice(bang + 1);
        if (secret === '') {
            return undefined;
        }
        if (secret === this.state.accessToken) {
            return {
                userId: this.state.org.adminUserId,
                appId: null,
                appName: null
            };
        }
        return this.state.sessions.get(secret);
    }

    /** One ApiTotalUsage row for an answered API request (api/usage-log.ts). */
    private logUsage(
        request: IncomingMessage,
        apiRequest: ApiRequest,
        routeKey: string,
        status: number
    ): void {
        const session = apiRequest.session;
        if (!session || !DATA_PATH.test(apiRequest.path)) {
            return;
        }
        const usage = describeUsage(this.state.org, {
            routeKey,
            path: apiRequest.path,
            query: apiRequest.query,
            params: apiRequest.params,
            body: apiRequest.body
        });
        const callOptions = String(
            request.headers['sforce-call-options'] ?? ''
        );
        this.state.usageLog.record({
            timestamp: this.state.org.now(),
            requestId: newRequestId(),
            userId: session.userId,
            appId: session.appId,
            appName: session.appName,
            ...usage,
            version: apiRequest.version,
            method: apiRequest.method,
            statusCode: status,
            countsAgainstLimit: !UNCOUNTED_ROUTES.has(routeKey),
            clientIp: request.socket.remoteAddress ?? '',
            clientName: /client=([^,]+)/.exec(callOptions)?.[1] ?? ''
        });
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
        if (path === TOKEN_PATH) {
            await this.handleOutsideApi(request, response, method, path, url);
            return;
        }
        // The token is checked before the body is read: an unauthorized request is answered
        // at once and its body discarded by Node as the response finishes, never buffered.
        const session = this.sessionOf(request, url.searchParams);
        if (!session) {
            send(response, errorResponse(invalidSession()), {});
            return;
        }
        if (EMULATOR_ONLY.test(path)) {
            await this.handleOutsideApi(request, response, method, path, url);
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
                params: route.params,
                session
            };
        } catch (error) {
            send(response, errorResponse(error), limitHeader());
            return;
        }
        const answer = (result: ApiResponse): void => {
            this.logUsage(request, apiRequest, routeKey, result.status);
            send(response, result, limitHeader());
        };
        this.state.accounting.recordCall(routeKey);
        const fault = this.state.faults.next(method, path);
        if (fault && fault.latencyMs > 0) {
            await sleep(fault.latencyMs);
        }
        switch (fault?.fault) {
            case '503':
                answer({
                    status: 503,
                    json: [
                        {
                            errorCode: 'SERVER_UNAVAILABLE',
                            message: 'Server temporarily unavailable'
                        }
                    ]
                });
                return;
            case 'REQUEST_LIMIT_EXCEEDED':
                answer(errorResponse(requestLimitExceeded()));
                return;
            case 'UNABLE_TO_LOCK_ROW':
                if (!LOCK_AS_RECORD_ERRORS.test(routeKey)) {
                    answer(errorResponse(unableToLockRow()));
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
            answer(errorResponse(requestLimitExceeded()));
            return;
        }
        let result: ApiResponse;
        try {
            result = await handler(apiRequest);
        } catch (error) {
            result = errorResponse(error);
        }
        answer(result);
    }

    /** The token endpoint and the emulator's own operations: no accounting, faults or log. */
    private async handleOutsideApi(
        request: IncomingMessage,
        response: ServerResponse,
        method: string,
        path: string,
        url: URL
    ): Promise<void> {
        const body = (await readBody(request)).toString('utf8');
        let result: ApiResponse;
        try {
            const route = this.other.match(method, path);
            result = await route.handler({
                method,
                path,
                query: url.searchParams,
                headers: request.headers,
                body,
                version: '',
                params: route.params
            });
        } catch (error) {
            result = errorResponse(error);
        }
        send(response, result, {});
    }
}
