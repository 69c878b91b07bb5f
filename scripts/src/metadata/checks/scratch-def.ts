import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../lib/findings';
import { nearestNames } from '../../lib/nearest';
import {
    enumValues,
    isPrimitive,
    metadataSchema,
    propsOf,
    resolveAlias
} from '../schema';

/**
 * `config/*scratch-def*.json` `settings`: each key names a Metadata API Settings type in camel
 * case (`externalClientAppSettings` is ExternalClientAppSettings) and each of its fields must be
 * a field of that type; `sf org create scratch` deploys them as Settings metadata and fails on
 * anything else (Salesforce DX Developer Guide, "Scratch Org Definition File" > "settings" and
 * "Scratch Org Settings"). Types and fields come from @salesforce/types (current Metadata WSDL).
 */
export function checkScratchDefinitions(projectRoot: string): Finding[] {
    const dir = path.join(projectRoot, 'config');
    if (!existsSync(dir)) {
        return [];
    }
    return readdirSync(dir)
        .filter((name) => /scratch-def.*\.json$/.test(name))
        .sort()
        .flatMap((name) =>
            checkScratchDefinition(
                readFileSync(path.join(dir, name), 'utf8'),
                `config/${name}`
            )
        );
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Checks one scratch definition's text; `file` names it in findings. */
export function checkScratchDefinition(text: string, file: string): Finding[] {
    let definition: Json;
    try {
        definition = JSON.parse(text) as Json;
    } catch (error) {
        return [
            {
                file,
                message: `not valid JSON: ${(error as Error).message}`,
                rule: 'scratch-def-json'
            }
        ];
    }
    if (!isObject(definition) || !isObject(definition.settings ?? {})) {
        return [];
    }
    const settings = (definition.settings ?? {}) as Record<string, Json>;
    const lineOf = lineFinder(text);
    const findings: Finding[] = [];
    const settingTypes = Object.keys(metadataSettingsTypes());
    for (const [key, value] of Object.entries(settings)) {
        const typeName = `${key.charAt(0).toUpperCase()}${key.slice(1)}`;
        const where = `settings.${key}`;
        if (!settingTypes.includes(typeName) || !key.endsWith('Settings')) {
            const near = nearestNames(
                key,
                settingTypes.map(
                    (name) => `${name.charAt(0).toLowerCase()}${name.slice(1)}`
                ),
                3
            );
            findings.push({
                file,
                line: lineOf(key),
                element: where,
                message: `"${key}" names no Metadata API Settings type${near.length > 0 ? ` (nearest: ${near.join(', ')})` : ''}`,
                rule: 'scratch-def-setting'
            });
            continue;
        }
        findings.push(...checkFields(value, typeName, where, file, lineOf));
    }
    return findings;
}

function checkFields(
    value: Json,
    typeName: string,
    where: string,
    file: string,
    lineOf: (key: string) => number | undefined
): Finding[] {
    const props = propsOf(typeName) ?? {};
    if (!isObject(value)) {
        return [
            {
                file,
                line: lineOf(where.split('.').pop() ?? ''),
                element: where,
                message: `must be an object of ${typeName} fields`,
                rule: 'scratch-def-setting'
            }
        ];
    }
    const findings: Finding[] = [];
    const valid = Object.keys(props)
        .filter((name) => name !== 'fullName')
        .sort();
    for (const [field, fieldValue] of Object.entries(value)) {
        const prop = props[field];
        const element = `${where}.${field}`;
        if (!prop || field === 'fullName') {
            findings.push({
                file,
                line: lineOf(field),
                element,
                message: `"${field}" is not a field of ${typeName} in the current Metadata API; valid fields: ${valid.join(', ')}`,
                rule: 'scratch-def-setting'
            });
            continue;
        }
        const base = resolveAlias(prop.base);
        if (!isPrimitive(base)) {
            const items =
                prop.repeatable && Array.isArray(fieldValue)
                    ? fieldValue
                    : [fieldValue];
            for (const item of items) {
                findings.push(
                    ...checkFields(item, base, element, file, lineOf)
                );
            }
            continue;
        }
        const problem = valueProblem(fieldValue, base);
        if (problem) {
            findings.push({
                file,
                line: lineOf(field),
                element,
                message: `${problem} (${typeName}.${field})`,
                rule: 'scratch-def-setting'
            });
        }
    }
    return findings;
}

function valueProblem(value: Json, base: string): string | undefined {
    if (base === 'boolean' && typeof value !== 'boolean') {
        return `expected true or false, found ${JSON.stringify(value)}`;
    }
    if (base === 'number' && typeof value !== 'number') {
        return `expected a number, found ${JSON.stringify(value)}`;
    }
    const allowed = enumValues(base);
    if (allowed && !allowed.includes(String(value))) {
        return `${JSON.stringify(value)} is not a ${base} value; allowed: ${allowed.join(', ')}`;
    }
    return undefined;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

let settingsTypes: Record<string, true> | undefined;

/** Every Metadata API type named `...Settings` that extends Metadata (a deployable Settings type). */
function metadataSettingsTypes(): Record<string, true> {
    if (!settingsTypes) {
        settingsTypes = {};
        for (const [name, type] of Object.entries(metadataSchema().types)) {
            if (
                name.endsWith('Settings') &&
                type.extends.includes('Metadata')
            ) {
                settingsTypes[name] = true;
            }
        }
    }
    return settingsTypes;
}

/** The 1-based line of the first `"key"` at or after the last key found (keys in file order). */
function lineFinder(text: string): (key: string) => number | undefined {
    let from = 0;
    return (key: string) => {
        const index = text.indexOf(`"${key}"`, from);
        const found = index === -1 ? text.indexOf(`"${key}"`) : index;
        if (found === -1) {
            return undefined;
        }
        from = found + 1;
        return text.slice(0, found).split('\n').length;
    };
}
