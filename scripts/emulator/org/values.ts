// Turns values from JSON or CSV into what the org stores, with Salesforce's errors.

import { DmlError } from '../core/errors';
import { formatDate, formatDateTime, toMillis } from '../core/dates';
import type { FieldDef, FieldValue } from '../schema/types';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function wrongType(definition: FieldDef, value: unknown): DmlError {
    return new DmlError(
        'JSON_PARSER_ERROR',
        `Cannot deserialize instance of ${definition.type} from ${typeof value} value ${String(value)} or request may be missing a required field`,
        [definition.name]
    );
}

/** Coerces one input value; references are returned as given (checked by the caller). */
export function coerce(
    definition: FieldDef,
    value: unknown,
    fromCsv = false
): FieldValue {
    if (value === null || value === undefined || (fromCsv && value === '')) {
        return null;
    }
    if (fromCsv && value === '#N/A') {
        return null;
    }
    switch (definition.type) {
        case 'boolean':
            if (typeof value === 'boolean') {
                return value;
            }
            if (typeof value === 'string' && /^(true|false)$/i.test(value)) {
                return value.toLowerCase() === 'true';
            }
            throw wrongType(definition, value);
        case 'int':
        case 'double': {
            const number = typeof value === 'number' ? value : Number(value);
            if (typeof value === 'boolean' || Number.isNaN(number)) {
                throw wrongType(definition, value);
            }
            return definition.type === 'int' ? Math.trunc(number) : number;
        }
        case 'date':
        case 'datetime': {
            const millis = typeof value === 'string' ? toMillis(value) : NaN;
            if (Number.isNaN(millis)) {
                throw new DmlError(
                    'JSON_PARSER_ERROR',
                    `Cannot deserialize instance of ${definition.type} from VALUE_STRING value ${String(value)} or request may be missing a required field`,
                    [definition.name]
                );
            }
            const date = new Date(millis);
            return definition.type === 'date'
                ? formatDate(date)
                : formatDateTime(date);
        }
        default:
            return coerceText(definition, value);
    }
}

function coerceText(definition: FieldDef, value: unknown): FieldValue {
    if (typeof value === 'object') {
        throw wrongType(definition, value);
    }
    const text = String(value);
    if (definition.length !== undefined && text.length > definition.length) {
        throw new DmlError(
            'STRING_TOO_LONG',
            `${definition.label}: data value too large: ${text} (max length=${definition.length})`,
            [definition.name]
        );
    }
    if (definition.type === 'email' && text !== '' && !EMAIL.test(text)) {
        throw new DmlError(
            'INVALID_EMAIL_ADDRESS',
            `${definition.label}: invalid email address: ${text}`,
            [definition.name]
        );
    }
    if (
        definition.type === 'picklist' &&
        definition.restrictedPicklist &&
        definition.picklistValues &&
        !definition.picklistValues.includes(text) &&
        !(definition.acceptsValue?.(text) ?? false)
    ) {
        throw new DmlError(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${definition.label}: bad value for restricted picklist field: ${text}`,
            [definition.name]
        );
    }
    return text;
}
