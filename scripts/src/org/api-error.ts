/** A Salesforce API error as jsforce surfaces it: `errorCode` and message from the response body. */
export interface SalesforceErrorLike {
    errorCode?: string;
    name?: string;
    message: string;
    statusCode?: number;
    fields?: string[];
}

export function asSalesforceError(error: unknown): SalesforceErrorLike {
    if (error instanceof Error) {
        const extra = error as Error & {
            errorCode?: string;
            statusCode?: number;
            fields?: string[];
        };
        return {
            errorCode: extra.errorCode ?? error.name,
            name: error.name,
            message: error.message,
            statusCode: extra.statusCode,
            fields: extra.fields
        };
    }
    return { message: String(error) };
}

/** Errors that Salesforce documents as "try again": the request was not applied. */
const TRANSIENT_CODES = new Set([
    'UNABLE_TO_LOCK_ROW',
    'REQUEST_LIMIT_EXCEEDED',
    'SERVER_UNAVAILABLE',
    'ERROR_HTTP_503',
    'ERROR_HTTP_502',
    'ECONNRESET'
]);

export function isTransient(
    error: SalesforceErrorLike | { statusCode?: string; errorCode?: string }
): boolean {
    const code =
        error.errorCode ??
        ('statusCode' in error ? String(error.statusCode) : '');
    return (
        TRANSIENT_CODES.has(code ?? '') ||
        error.statusCode === 503 ||
        error.statusCode === '503'
    );
}

/**
 * A failure below HTTP, as Node's fetch (which jsforce uses) reports it: `TypeError: fetch failed`
 * with the socket or DNS error as its `cause`. `sent` says whether the request may have reached
 * the server: a refused connection or an unknown host never did; a reset or closed socket may have
 * arrived after the server handled the request.
 */
export interface NetworkFailure {
    code: string;
    message: string;
    sent: boolean;
}

const NOT_SENT = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH'
]);

export function networkFailure(error: unknown): NetworkFailure | undefined {
    if (!(error instanceof Error)) {
        return undefined;
    }
    const cause = (error as Error & { cause?: unknown }).cause;
    const withCode = (cause ?? error) as Error & { code?: string };
    const code = withCode.code;
    if (
        error.message !== 'fetch failed' &&
        !(code && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code))
    ) {
        return undefined;
    }
    const effective = code ?? 'NETWORK_ERROR';
    return {
        code: effective,
        message: withCode.message || error.message,
        sent: !NOT_SENT.has(effective)
    };
}
