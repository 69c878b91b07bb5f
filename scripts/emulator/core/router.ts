// A small path router: patterns such as /sobjects/:type/:id, matched segment by segment.

import type { ApiRequest, ApiResponse } from './http';
import { methodNotAllowed, notFound } from './errors';

export type Handler = (request: ApiRequest) => Promise<ApiResponse>;

interface Route {
    method: string;
    pattern: string;
    segments: string[];
    handler: Handler;
}

export interface RouteMatch {
    /** "GET /services/data/vXX.X/query": the key the call counters use. */
    key: string;
    handler: Handler;
    params: Record<string, string>;
}

export class Router {
    private readonly routes: Route[] = [];

    constructor(private readonly prefix = '') {}

    add(method: string, pattern: string, handler: Handler): this {
        this.routes.push({
            method,
            pattern,
            segments: split(pattern),
            handler
        });
        return this;
    }

    /** The route for a method and a path relative to the prefix; throws 404 / 405. */
    match(method: string, path: string): RouteMatch {
        const segments = split(path);
        const allowed: string[] = [];
        for (const route of this.routes) {
            const params = matchSegments(route.segments, segments);
            if (!params) {
                continue;
            }
            if (route.method === method) {
                return {
                    key: `${method} ${this.prefix}${route.pattern}`,
                    handler: route.handler,
                    params
                };
            }
            allowed.push(route.method);
        }
        if (allowed.length > 0) {
            throw methodNotAllowed(method, ['HEAD', ...allowed]);
        }
        throw notFound();
    }
}

/** A malformed escape ("%", "%zz") stays as written: it names nothing, so the route answers 404. */
function decodeSegment(value: string): string {
    try {
        return decodeURIComponent(value);
    } catch {
        return value;
    }
}

function split(path: string): string[] {
    return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(
    pattern: string[],
    actual: string[]
): Record<string, string> | undefined {
    if (pattern.length !== actual.length) {
        return undefined;
    }
    const params: Record<string, string> = {};
    for (let i = 0; i < pattern.length; i++) {
        const expected = pattern[i] ?? '';
        const value = actual[i] ?? '';
        if (expected.startsWith(':')) {
            params[expected.slice(1)] = decodeSegment(value);
        } else if (expected.toLowerCase() !== value.toLowerCase()) {
            return undefined;
        }
    }
    return params;
}
