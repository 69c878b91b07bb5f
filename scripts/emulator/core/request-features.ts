// REST API request features beyond JSON over plain HTTP (issue #24): compressed request bodies
// are decompressed as documented; XML and conditional requests, which Salesforce supports but
// the emulator does not model, answer 501 naming them instead of a silently wrong JSON answer.

import type { IncomingHttpHeaders } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { ApiError } from './errors';
import { notEmulated } from './not-emulated';

/**
 * REST API Developer Guide, "Compression Headers": "Include a Content-Encoding: gzip or
 * Content-Encoding: deflate header to compress a request. REST API decompresses any requests
 * before processing."
 */
export function decodeBody(
    raw: Buffer,
    encoding: string | undefined,
    path: string
): string {
    const name = (encoding ?? '').trim().toLowerCase();
    if (name === '' || name === 'identity' || raw.length === 0) {
        return raw.toString('utf8');
    }
    try {
        if (name === 'gzip' || name === 'x-gzip') {
            return gunzipSync(raw).toString('utf8');
        }
        if (name === 'deflate') {
            return inflateSync(raw).toString('utf8');
        }
    } catch {
        // The code and message for a body that does not decompress are the emulator's own.
        throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            `The request body is not valid ${name} data`
        );
    }
    throw notEmulated(
        `Content-Encoding: ${name} (the guide documents gzip and deflate)`,
        path
    );
}

/**
 * REST API Developer Guide, "Conditional Requests" (ETag, If-Match, If-None-Match,
 * If-Modified-Since, If-Unmodified-Since: supported on sObject Rows and describe resources).
 */
const CONDITIONAL = [
    'if-match',
    'if-none-match',
    'if-modified-since',
    'if-unmodified-since'
] as const;

function prefersXml(value: string | undefined): boolean {
    const accept = (value ?? '').toLowerCase();
    return (
        /\b(application|text)\/xml\b/.test(accept) &&
        !/application\/json|\*\/\*/.test(accept)
    );
}

/**
 * The "not emulated" error for a REST request that asks for a documented feature the emulator
 * does not model, or undefined. REST API Developer Guide, "REST API Overview" / each resource's
 * "Formats: JSON, XML" (XML is documented; the emulator answers JSON only).
 */
export function unsupportedRequestFeature(
    path: string,
    headers: IncomingHttpHeaders
): ApiError | undefined {
    if (!path.startsWith('/services/data/')) {
        return undefined;
    }
    const present = CONDITIONAL.filter((name) => headers[name] !== undefined);
    if (present.length > 0) {
        const names = present
            .map((name) =>
                name.replace(
                    /(^|-)([a-z])/g,
                    (_m, dash: string, c: string) => `${dash}${c.toUpperCase()}`
                )
            )
            .join(', ');
        return notEmulated(`Conditional requests (${names})`, path);
    }
    if (prefersXml(headers.accept)) {
        return notEmulated('XML responses (Accept: application/xml)', path);
    }
    const contentType = String(headers['content-type'] ?? '').toLowerCase();
    if (/\b(application|text)\/xml\b/.test(contentType)) {
        return notEmulated(
            'XML request bodies (Content-Type: application/xml)',
            path
        );
    }
    return undefined;
}
