// SOQL literals, checked against the field they are compared with, and the comparisons.

import { ApiError } from '../core/errors';
import { dateLiteralRange, toMillis, type Range } from '../core/dates';
import { to18 } from '../core/ids';
import type { FieldDef, FieldValue } from '../schema/types';
import { soqlError } from './errors';

export type Literal =
    | { kind: 'null' }
    | { kind: 'value'; value: string | number | boolean }
    | { kind: 'range'; range: Range };

const ESCAPES: Record<string, string> = {
    n: '\n',
    t: '\t',
    r: '\r',
    b: '\b',
    f: '\f',
    '"': '"',
    "'": "'",
    '\\': '\\'
};

/** 'O\'Brien' -> O'Brien; \% and \_ stay escaped for LIKE. */
export function unquote(raw: string): string {
    const body =
        raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1) : raw;
    return body.replace(
        /\\(.)/g,
        (whole, char: string) => ESCAPES[char] ?? whole
    );
}

function isDateType(field: FieldDef): boolean {
    return field.type === 'date' || field.type === 'datetime';
}

function typeName(field: FieldDef): string {
    switch (field.type) {
        case 'datetime':
            return 'dateTime';
        case 'int':
        case 'double':
            return 'double';
        case 'reference':
            return 'id';
        default:
            return field.type === 'boolean' || field.type === 'date'
                ? field.type
                : 'string';
    }
}

function mismatch(soql: string, field: FieldDef, raw: string): ApiError {
    const quoted = ['string', 'id'].includes(typeName(field));
    return soqlError(
        'INVALID_FIELD',
        soql,
        `value of filter criterion for field '${field.name}' must be of type ${typeName(field)} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
        raw
    );
}

export function parseLiteral(
    soql: string,
    field: FieldDef,
    raw: string,
    literalType: string | undefined,
    now: Date
): Literal {
    if (literalType === 'NULL') {
        return { kind: 'null' };
    }
    if (literalType === 'DATE_LITERAL' || literalType === 'DATE_N_LITERAL') {
        const range = dateLiteralRange(raw, now);
        if (!isDateType(field) || !range) {
            throw mismatch(soql, field, raw);
        }
        return { kind: 'range', range };
    }
    switch (field.type) {
        case 'id':
        case 'reference': {
            if (literalType !== 'STRING') {
                throw mismatch(soql, field, raw);
            }
            const id = to18(unquote(raw));
            if (!id) {
                throw soqlError(
                    'INVALID_QUERY_FILTER_OPERATOR',
                    soql,
                    `invalid ID field: ${unquote(raw)}`,
                    raw
                );
            }
            return { kind: 'value', value: id };
        }
        case 'boolean':
            if (literalType !== 'BOOLEAN') {
                throw mismatch(soql, field, raw);
            }
            return { kind: 'value', value: raw.toUpperCase() === 'TRUE' };
        case 'int':
        case 'double':
            if (literalType !== 'INTEGER' && literalType !== 'DECIMAL') {
                throw mismatch(soql, field, raw);
            }
            return { kind: 'value', value: Number(raw) };
        case 'date':
        case 'datetime': {
            const expected = field.type === 'date' ? 'DATE' : 'DATETIME';
            if (literalType !== expected) {
                throw mismatch(soql, field, raw);
            }
            return { kind: 'value', value: toMillis(raw) };
        }
        default:
            if (literalType !== 'STRING') {
                throw mismatch(soql, field, raw);
            }
            return { kind: 'value', value: unquote(raw) };
    }
}

/** A stored value in the form literals use: dates as milliseconds, text as is. */
export function comparable(
    field: FieldDef,
    value: FieldValue
): string | number | boolean | null {
    if (value === null) {
        return null;
    }
    if (isDateType(field) && typeof value === 'string') {
        return toMillis(value);
    }
    return value;
}

function lower(value: string | number | boolean): string | number | boolean {
    return typeof value === 'string' ? value.toLowerCase() : value;
}

export function equals(
    field: FieldDef,
    value: FieldValue,
    literal: Literal
): boolean {
    const actual = comparable(field, value);
    if (literal.kind === 'null') {
        return actual === null;
    }
    if (actual === null) {
        return false;
    }
    if (literal.kind === 'range') {
        return (
            typeof actual === 'number' &&
            actual >= literal.range.start &&
            actual < literal.range.end
        );
    }
    return lower(actual) === lower(literal.value);
}

/** -1, 0, 1 or undefined when either side is null. */
export function compare(
    field: FieldDef,
    value: FieldValue,
    literal: Literal,
    operator: string
): boolean {
    const actual = comparable(field, value);
    if (actual === null || literal.kind === 'null') {
        return false;
    }
    if (literal.kind === 'range') {
        if (typeof actual !== 'number') {
            return false;
        }
        switch (operator) {
            case '<':
                return actual < literal.range.start;
            case '<=':
                return actual < literal.range.end;
            case '>':
                return actual >= literal.range.end;
            default:
                return actual >= literal.range.start;
        }
    }
    const left = lower(actual);
    const right = lower(literal.value);
    switch (operator) {
        case '<':
            return left < right;
        case '<=':
            return left <= right;
        case '>':
            return left > right;
        default:
            return left >= right;
    }
}

export function likePattern(raw: string): RegExp {
    let source = '';
    for (let i = 0; i < raw.length; i++) {
        const char = raw.charAt(i);
        if (char === '\\' && i + 1 < raw.length) {
            source += raw.charAt(i + 1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
            i++;
        } else if (char === '%') {
            source += '.*';
        } else if (char === '_') {
            source += '.';
        } else {
            source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        }
    }
    return new RegExp(`^${source}$`, 'is');
}
