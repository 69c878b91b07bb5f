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
