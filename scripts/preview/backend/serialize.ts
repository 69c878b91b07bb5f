import { DTO_FIELDS, type DtoName } from './dtos';

/**
 * Apex values on the wire, as the Lightning runtime sends them to a component: a DTO becomes an
 * object with its @AuraEnabled fields, null fields are left out, Datetime is an ISO 8601 string.
 * Everything the backend answers goes through here, so it cannot send a field the Apex lacks.
 */

export class ContractError extends Error {}

function isDtoName(type: string): type is DtoName {
    return Object.hasOwn(DTO_FIELDS, type);
}

function listItemType(type: string): string | undefined {
    return /^List<(.+)>$/.exec(type)?.[1];
}

const ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Checks a value against an Apex type and returns it as JSON would carry it. */
export function toWire(type: string, value: unknown, where = type): unknown {
    if (value === null || value === undefined) {
        return undefined;
    }
    const item = listItemType(type);
    if (item) {
        if (!Array.isArray(value)) {
            throw new ContractError(`${where}: expected a list`);
        }
        return value.map((entry, index) =>
            toWire(item, entry, `${where}[${index}]`)
        );
    }
    if (isDtoName(type)) {
        if (typeof value !== 'object' || Array.isArray(value)) {
            throw new ContractError(`${where}: expected a ${type} object`);
        }
        const fields: Readonly<Record<string, string>> = DTO_FIELDS[type];
        const out: Record<string, unknown> = {};
        for (const [key, fieldValue] of Object.entries(value)) {
            const fieldType = fields[key];
            if (!fieldType) {
                throw new ContractError(
                    `${where}.${key}: CasePortalDtos.${type} has no @AuraEnabled field "${key}"`
                );
            }
            const wire = toWire(fieldType, fieldValue, `${where}.${key}`);
            if (wire !== undefined) {
                out[key] = wire;
            }
        }
        return out;
    }
    checkScalar(type, value, where);
    return value;
}

function checkScalar(type: string, value: unknown, where: string): void {
    const ok =
        (type === 'String' && typeof value === 'string') ||
        (type === 'Boolean' && typeof value === 'boolean') ||
        (type === 'Integer' && Number.isInteger(value)) ||
        (type === 'Long' && Number.isSafeInteger(value)) ||
        (type === 'Id' && typeof value === 'string' && ID.test(value)) ||
        (type === 'Datetime' &&
            typeof value === 'string' &&
            DATETIME.test(value));
    if (!ok) {
        throw new ContractError(
            `${where}: expected ${type}, got ${JSON.stringify(value)}`
        );
    }
}

/**
 * Reads a DTO the component sent (CaseFilter, NewCaseInput). Stricter than Apex on purpose: a
 * field the Apex class does not declare is refused, so a component that drifts from the DTO
 * fails in the preview instead of being silently ignored.
 */
export function fromWire(
    type: DtoName,
    value: unknown,
    where: string
): Record<string, WireInput> {
    if (value === null || value === undefined) {
        return {};
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
        throw new ContractError(`${where}: expected a ${type} object`);
    }
    const fields: Readonly<Record<string, string>> = DTO_FIELDS[type];
    const out: Record<string, WireInput> = {};
    for (const [key, fieldValue] of Object.entries(value)) {
        if (fields[key] === STRING_MAP) {
            out[key] = stringMap(fieldValue, `${where}.${key}`);
            continue;
        }
        if (fields[key] !== 'String') {
            throw new ContractError(
                `${where}.${key}: CasePortalDtos.${type} has no @AuraEnabled String field "${key}"`
            );
        }
        if (fieldValue !== null && typeof fieldValue !== 'string') {
            throw new ContractError(`${where}.${key}: expected String`);
        }
        out[key] = fieldValue;
    }
    return out;
}

/** A value a component sends in a DTO: String, or Map<String, String> (NewCaseInput.fields). */
export type WireInput = string | null | Record<string, string | null>;

const STRING_MAP = 'Map<String,String>';

/** A Map<String, String> as Apex reads it from JSON: an object of strings (or nulls). */
function stringMap(
    value: unknown,
    where: string
): Record<string, string | null> | null {
    if (value === null || value === undefined) {
        return null;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
        throw new ContractError(`${where}: expected a Map<String, String>`);
    }
    const out: Record<string, string | null> = {};
    for (const [key, entry] of Object.entries(value)) {
        if (entry !== null && typeof entry !== 'string') {
            throw new ContractError(`${where}.${key}: expected String`);
        }
        out[key] = entry;
    }
    return out;
}

/** A List<Id> parameter: null, or an array of Ids. */
export function idListParam(value: unknown, where: string): string[] | null {
    if (value === null || value === undefined) {
        return null;
    }
    if (!Array.isArray(value)) {
        throw new ContractError(`${where}: expected List<Id>`);
    }
    return value.map(
        (item, index) => scalarParam('Id', item, `${where}[${index}]`) as string
    );
}

/** A parameter of type Id or String. */
export function scalarParam(
    type: string,
    value: unknown,
    where: string
): string | null {
    if (value === null || value === undefined) {
        return null;
    }
    if (typeof value !== 'string' || (type === 'Id' && !ID.test(value))) {
        throw new ContractError(
            `${where}: expected ${type}, got ${JSON.stringify(value)}`
        );
    }
    return value;
}
