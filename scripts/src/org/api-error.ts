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
    'BAD_PORT',
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
    // Node's fetch refuses the ports browsers block (the Fetch Standard's "bad port" list, e.g.
    // 1, 25, 6000) before connecting: cause "bad port", no code.
    const badPort = !code && withCode.message === 'bad port';
    const effective = badPort ? 'BAD_PORT' : (code ?? 'NETWORK_ERROR');
    return {
        code: effective,
        message: badPort
            ? 'Node refuses to connect to this port (a port the Fetch Standard blocks as unsafe); use the port the org answers on'
            : withCode.message || error.message,
        sent: !NOT_SENT.has(effective)
    };
}

/**
 * An answer that is a web page, not the REST API (a plain web server, a proxy's login page, a
 * wrong instance URL): jsforce returns the HTML as a string on 2xx, and on an error status throws
 * "HTTP response contains html content". The reason to name, or undefined.
 */
export function htmlAnswer(answerOrError: unknown): string | undefined {
    if (
        typeof answerOrError === 'string' &&
        /^\s*<(!doctype|html|head|body)/i.test(answerOrError)
    ) {
        return 'it answered with an HTML page, not the Salesforce REST API (is this the instance URL?)';
    }
    if (
        answerOrError instanceof Error &&
        answerOrError.message.includes('HTTP response contains html content')
    ) {
        const status = /ERROR_HTTP_(\d+)/.exec(
            (answerOrError as Error & { errorCode?: string }).errorCode ?? ''
        )?.[1];
        return `it answered with an HTML page${status ? ` (HTTP ${status})` : ''}, not the Salesforce REST API (is this the instance URL?)`;
    }
    return undefined;
}
