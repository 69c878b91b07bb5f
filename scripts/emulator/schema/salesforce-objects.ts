// The names of Salesforce's standard sObjects, read from the schema that jsforce ships
// (@jsforce/jsforce-node lib/types/standard-schema.d.ts, `StandardSchema.SObjects`; an older API
// version than the kit's, so newer objects are missing). An object Salesforce has but the
// emulator does not model answers "not emulated" instead of INVALID_TYPE / NOT_FOUND, which would
// claim the object does not exist.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { notEmulated } from '../core/not-emulated';
import type { ApiError } from '../core/errors';

let names: Set<string> | undefined;

function standardObjectNames(): Set<string> {
    if (names) {
        return names;
    }
    names = new Set();
    try {
        const file = path.join(
            path.dirname(require.resolve('@jsforce/jsforce-node')),
            'lib',
            'types',
            'standard-schema.d.ts'
        );
        const text = readFileSync(file, 'utf8');
        const start = text.indexOf('export type StandardSchema = {');
        for (const match of text
            .slice(start)
            .matchAll(/^ {8}([A-Za-z0-9_]+): SObjectDefinition\$/gm)) {
            names.add((match[1] ?? '').toLowerCase());
        }
    } catch {
        // No list: every unknown object keeps Salesforce's "does not exist" answer.
    }
    return names;
}

/** True for a standard object of Salesforce's schema (case-insensitive). */
export function isSalesforceStandardObject(name: string): boolean {
    return standardObjectNames().has(name.toLowerCase());
}

/** The "not emulated" error for a Salesforce object the emulator does not model. */
export function objectNotEmulated(name: string, path: string): ApiError {
    return notEmulated(`The sObject ${name}`, path);
}
