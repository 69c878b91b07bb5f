// SOQL errors as Salesforce words them: the query line, a caret under the problem,
// "ERROR at Row:r:Column:c", then the reason.

import { ApiError } from '../core/errors';

function locate(soql: string, needle: string | undefined): number {
    if (!needle) {
        return -1;
    }
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(
        `(^|[^A-Za-z0-9_.])(${escaped})(?![A-Za-z0-9_])`,
        'i'
    );
    const match = pattern.exec(soql);
    return match ? match.index + (match[1]?.length ?? 0) : -1;
}

/** An error whose message points at `needle` in the query (or at its end when absent). */
export function soqlError(
    errorCode: string,
    soql: string,
    detail: string,
    needle?: string,
    atEnd = false
): ApiError {
    let offset = locate(soql, needle);
    if (offset < 0 && atEnd) {
        offset = soql.length;
    }
    if (offset < 0) {
        offset = 0;
    }
    const before = soql.slice(0, offset);
    const row = before.split('\n').length;
    const lineStart = before.lastIndexOf('\n') + 1;
    const column = offset - lineStart + 1;
    const lineEnd = soql.indexOf('\n', offset);
    const line = soql.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
    return new ApiError(
        400,
        errorCode,
        `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${detail}`
    );
}

export function noSuchColumn(
    soql: string,
    field: string,
    entity: string,
    needle = field
): ApiError {
    return soqlError(
        'INVALID_FIELD',
        soql,
        `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
        needle
    );
}

export function unknownRelationship(
    soql: string,
    relationship: string,
    needle: string
): ApiError {
    return soqlError(
        'INVALID_FIELD',
        soql,
        `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
        needle
    );
}

export function unsupportedType(soql: string, type: string): ApiError {
    return soqlError(
        'INVALID_TYPE',
        soql,
        `sObject type '${type}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
        type
    );
}

export function unknownChildRelationship(
    soql: string,
    relationship: string
): ApiError {
    return soqlError(
        'INVALID_TYPE',
        soql,
        `Didn't understand relationship '${relationship}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
        relationship
    );
}

/** A feature of SOQL this emulator does not implement: said plainly, never guessed. */
export function notEmulated(soql: string, what: string): ApiError {
    return new ApiError(
        400,
        'MALFORMED_QUERY',
        `${what} is not supported by the Salesforce API emulator (query: ${soql})`
    );
}
