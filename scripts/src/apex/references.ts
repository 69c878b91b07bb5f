import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../lib/findings';
import { nearestNames } from '../lib/nearest';
import {
    standardApexTypes,
    standardObjects
} from '../metadata/standard-objects';

/**
 * References in Apex that the kit can check without a compiler (full semantic analysis needs
 * apex-ls, whose current build needs Java 21). The org compiles every class on deploy and fails
 * on a name it cannot resolve ("Invalid type: Merchandise__c", "Variable does not exist:
 * Merchandise__c.Category__c", wadewegner/deploy-to-sfdx issue #41):
 * - `Label.X` / `System.Label.X`: a custom label of the project;
 * - `FeatureManagement.checkPermission('X')`: a custom permission of the project (Apex Reference
 *   Guide, "FeatureManagement Class" > checkPermission(apiName));
 * - `Name__c` / `Name__mdt` / `Name__e` / `Name__r` tokens: a custom object, or a custom field of
 *   some object, of the project (namespaced names are left alone);
 * - `new Type(...)`: a class of the project, an Apex standard type or an sObject (standard types
 *   and sObjects from apex-ls's describe data in @salesforce/code-analyzer-pmd-engine).
 * Comments and string literals are blanked first, so only code is read.
 */
export interface ApexProject {
    /** `Type:FullName` of every metadata component of the project. */
    components: Set<string>;
}

const LABEL =
    /\b(?:System\s*\.\s*)?Label\s*\.\s*([A-Za-z][A-Za-z0-9_]*)\b(?!\s*\.)/gi;
const CHECK_PERMISSION =
    /\bFeatureManagement\s*\.\s*checkPermission\s*\(\s*'([^']*)'\s*\)/gi;
const CUSTOM_TOKEN =
    /(?<![.\w])(?:([A-Za-z][A-Za-z0-9_]*)\s*\.\s*)?([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*__(?:c|mdt|e|r))\b/g;
const NEW_TYPE =
    /\bnew\s+([A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*)\s*[(<[{]/g;
const CLASS_DECLARATION =
    /\b(?:class|interface|enum)\s+([A-Za-z_][A-Za-z0-9_]*)/gi;

/** Blanks comments and string literals, keeping offsets and line breaks (strings keep quotes). */
export function codeOnly(text: string): string {
    return text.replace(
        /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'/g,
        (match) =>
            match.startsWith("'")
                ? `'${match.slice(1, -1).replace(/[^\n]/g, ' ')}'`
                : match.replace(/[^\n]/g, ' ')
    );
}

function lineAt(text: string, index: number): number {
    return text.slice(0, index).split('\n').length;
}

export function checkApexReferences(
    files: string[],
    project: ApexProject,
    rel: (file: string) => string
): Finding[] {
    const lower = new Set(
        [...project.components].map((name) => name.toLowerCase())
    );
    const customFieldNames = new Set<string>();
    for (const name of lower) {
        if (name.startsWith('customfield:')) {
            customFieldNames.add(name.split('.').pop() ?? '');
        }
    }
    const sources = new Map(
        files.map((file) => [file, readFileSync(file, 'utf8')])
    );
    const declared = new Set<string>();
    for (const text of sources.values()) {
        for (const match of codeOnly(text).matchAll(CLASS_DECLARATION)) {
            declared.add((match[1] ?? '').toLowerCase());
        }
    }
    const knownType = typeResolver(declared, lower);
    const findings: Finding[] = [];
    for (const [file, text] of sources) {
        const code = codeOnly(text);
        const add = (
            index: number,
            element: string,
            message: string,
            rule: string
        ): void => {
            findings.push({
                file: rel(file),
                line: lineAt(code, index),
                element,
                message,
                rule
            });
        };
        for (const match of code.matchAll(LABEL)) {
            const name = match[1] ?? '';
            if (!lower.has(`customlabel:${name.toLowerCase()}`)) {
                add(
                    match.index,
                    `Label.${name}`,
                    `no custom label "${name}" in this project: the class would not compile`,
                    'apex-reference'
                );
            }
        }
        for (const match of text.matchAll(CHECK_PERMISSION)) {
            const name = match[1] ?? '';
            if (
                !name.includes('__') &&
                !lower.has(`custompermission:${name.toLowerCase()}`)
            ) {
                add(
                    match.index,
                    `checkPermission('${name}')`,
                    `no custom permission "${name}" in this project`,
                    'apex-reference'
                );
            }
        }
        for (const match of code.matchAll(CUSTOM_TOKEN)) {
            const qualifier = match[1] ?? '';
            const name = (match[2] ?? '').toLowerCase();
            const index =
                match.index + match[0].length - (match[2] ?? '').length;
            if (
                /^[a-z][a-z0-9]*__/.test(name.replace(/__(c|mdt|e|r)$/, '')) &&
                name.split('__').length > 2
            ) {
                continue; // namespaced: ns__Name__c
            }
            if (
                qualifier.toLowerCase() === 'label' ||
                qualifier.toLowerCase() === 'system'
            ) {
                continue;
            }
            const asField = name.replace(/__r$/, '__c');
            if (
                lower.has(`customobject:${name}`) ||
                customFieldNames.has(asField) ||
                lower.has(`custommetadata:${name}`)
            ) {
                continue;
            }
            add(
                index,
                match[2] ?? '',
                `no custom object or field "${match[2]}" in this project: the class would not compile`,
                'apex-reference'
            );
        }
        for (const match of code.matchAll(NEW_TYPE)) {
            const name = (match[1] ?? '').replace(/\s+/g, '');
            if (!knownType(name)) {
                const near = nearestNames(name, [...declared], 2);
                add(
                    match.index,
                    name,
                    `new ${name}: no such class in this project, the Apex standard library or the sObjects${near.length > 0 ? ` (nearest: ${near.join(', ')})` : ''}`,
                    'apex-reference'
                );
            }
        }
    }
    return findings;
}

function typeResolver(
    declared: Set<string>,
    components: Set<string>
): (name: string) => boolean {
    const standard = standardApexTypes();
    const objects = standardObjects();
    if (!standard || !objects) {
        return () => true; // no data: nothing is checked
    }
    const namespaces = new Map(
        Object.entries(standard.namespaces).map(([ns, names]) => [
            ns.toLowerCase(),
            new Set(names.map((n) => n.toLowerCase()))
        ])
    );
    const anyNamespace = new Set(
        [...namespaces.values()].flatMap((names) => [...names])
    );
    const sObjects = new Set(
        Object.keys(objects.objects).map((n) => n.toLowerCase())
    );
    return (name: string) => {
        const parts = name.toLowerCase().split('.');
        const first = parts[0] ?? '';
        if (parts.length > 1) {
            // Namespace.Type, Outer.Inner, Schema.SObject: the first part must be known.
            return (
                namespaces.has(first) ||
                declared.has(first) ||
                anyNamespace.has(first) ||
                components.has(`apexclass:${first}`)
            );
        }
        return (
            declared.has(first) ||
            components.has(`apexclass:${first}`) ||
            namespaces.get('system')?.has(first) === true ||
            anyNamespace.has(first) ||
            sObjects.has(first) ||
            components.has(`customobject:${first}`) ||
            /__/.test(first)
        );
    };
}

/** Apex class files (`.cls`, `.trigger`) among `files`. */
export function apexFiles(files: string[]): string[] {
    return files.filter((file) =>
        ['.cls', '.trigger'].includes(path.extname(file))
    );
}
