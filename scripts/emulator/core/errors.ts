// Salesforce REST error bodies: [{ message, errorCode, fields? }] and the per-record
// { statusCode, message, fields } of sObject Collections and Bulk results.

export interface RecordError {
    statusCode: string;
    message: string;
    fields: string[];
}

/** A request-level error with its HTTP status and Salesforce error code. */
export class ApiError extends Error {
    constructor(
        readonly status: number,
        readonly errorCode: string,
        message: string,
        readonly fields?: string[]
    ) {
        super(message);
        this.name = errorCode;
    }

    body(): Array<{ message: string; errorCode: string; fields?: string[] }> {
        return [
            this.fields === undefined
                ? { message: this.message, errorCode: this.errorCode }
                : {
                      message: this.message,
                      errorCode: this.errorCode,
                      fields: this.fields
                  }
        ];
    }
}

/** A DML failure for one record: becomes HTTP 400 on single-record calls. */
export class DmlError extends ApiError {
    constructor(statusCode: string, message: string, fields: string[] = []) {
        super(400, statusCode, message, fields);
    }

    toRecordError(): RecordError {
        return {
            statusCode: this.errorCode,
            message: this.message,
            fields: this.fields ?? []
        };
    }
}

export const invalidSession = (): ApiError =>
    new ApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

export const notFound = (): ApiError =>
    new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');

export const requestLimitExceeded = (): ApiError =>
    new ApiError(
        403,
        'REQUEST_LIMIT_EXCEEDED',
        'TotalRequests Limit exceeded.'
    );

export const methodNotAllowed = (method: string, allowed: string[]): ApiError =>
    new ApiError(
        405,
        'METHOD_NOT_ALLOWED',
        `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`
    );

export const jsonParserError = (detail: string): ApiError =>
    new ApiError(400, 'JSON_PARSER_ERROR', detail);

export const unableToLockRow = (): DmlError =>
    new DmlError(
        'UNABLE_TO_LOCK_ROW',
        'unable to obtain exclusive access to this record'
    );

export function toRecordError(error: unknown): RecordError {
    if (error instanceof DmlError) {
        return error.toRecordError();
    }
    if (error instanceof ApiError) {
        return {
            statusCode: error.errorCode,
            message: error.message,
            fields: error.fields ?? []
        };
    }
    throw error;
}
