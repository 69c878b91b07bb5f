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
    JSON_CONTENT_TYPE,
    type ApiRequest,
    type ApiResponse
} from './core/http';
import type { Router } from './core/router';
import type { EmulatorState } from './api/state';
import { versionsList } from './routes/versions';

const DATA_PATH = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/;
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

function readBody(request: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () =>
            resolve(Buffer.concat(chunks).toString('utf8'))
        );
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
            if (!match || !this.state.versions.includes(match[1] ?? '')) {
                throw notFound();
            }
            const route = this.data.match(request.method, match[2] ?? '/');
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
        const body = await readBody(request);
        if (path === '/services/data' && method === 'GET') {
            send(response, versionsList(this.state), {});
            return;
        }
        if (!this.authorized(request, url.searchParams)) {
            send(response, errorResponse(invalidSession()), {});
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
                throw notFound();
            }
            const route = match
                ? this.data.match(method, match[2] ?? '/')
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
        if (!this.state.accounting.consume()) {
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
