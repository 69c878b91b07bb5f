import { DmlError } from '../../core/errors';

/** Salesforce's message for a second row with the same unique key. */
export function duplicateValue(): DmlError {
    return new DmlError(
        'DUPLICATE_VALUE',
        'duplicate value found: <unknown> duplicates value on record with id: <unknown>'
    );
}

export function duplicateField(field: string, existingId: string): DmlError {
    return new DmlError(
        'DUPLICATE_VALUE',
        `duplicate value found: ${field} duplicates value on record with id: ${existingId}`,
        [field]
    );
}

export function licenseLimitExceeded(licenseName: string): DmlError {
    return new DmlError(
        'LICENSE_LIMIT_EXCEEDED',
        `License Limit Exceeded - ${licenseName}`
    );
}

const DEVELOPER_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*(?<!_)$/;

export function checkDeveloperName(value: unknown, field: string): void {
    if (typeof value === 'string' && !DEVELOPER_NAME.test(value)) {
        throw new DmlError(
            'FIELD_INTEGRITY_EXCEPTION',
            `The ${field} field can only contain underscores and alphanumeric characters. It must be unique, begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.`,
            [field]
        );
    }
}
