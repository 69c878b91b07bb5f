// The emulator's own request / response shapes: handlers are plain async functions
// from ApiRequest to ApiResponse, so the Composite API can call them in-process.

import type { IncomingHttpHeaders } from 'node:http';
import type { Session } from '../api/sessions';
import { jsonParserError } from './errors';

export interface ApiRequest {
    method: string;
    /** Path without the query string, e.g. /services/data/v66.0/query */
    path: string;
    query: URLSearchParams;
    headers: IncomingHttpHeaders;
    /** Raw request body (empty string when none). */
    body: string;
    /** API version from the path ("66.0"), or "" outside /services/data/vNN.N. */
    version: string;
    /** Named path segments filled in by the router. */
    params: Record<string, string>;
    /** Fault plan: records in this call fail with UNABLE_TO_LOCK_ROW (sObject Collections). */
    lockFault?: boolean;
    /** Who the request runs as (absent on in-process and unauthenticated requests). */
    session?: Session;
}

export type JsonValue =
    | string
    | number
    | boolean
    | null
    | JsonValue[]
    | { [key: string]: JsonValue | undefined };

export interface ApiResponse {
    status: number;
    headers?: Record<string, string>;
    /** JSON body; ignored when `text` is set. */
    json?: JsonValue | undefined;
    /** Non-JSON body (CSV) with its content type. */
    text?: { body: string; contentType: string };
}

export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

export function ok(json: JsonValue, status = 200): ApiResponse {
    return { status, json };
}

export function noContent(): ApiResponse {
    return { status: 204 };
}

/** Parses a JSON request body; Salesforce answers 400 JSON_PARSER_ERROR otherwise. */
export function parseJsonBody(request: ApiRequest): unknown {
    if (request.body.trim() === '') {
        return undefined;
    }
    try {
        return JSON.parse(request.body) as unknown;
    } catch (error) {
        throw jsonParserError(
            `Unexpected character: was expecting a JSON value (${(error as Error).message})`
        );
    }
}

export function isPlainObject(
    value: unknown
): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function header(request: ApiRequest, name: string): string | undefined {
    const value = request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
}
