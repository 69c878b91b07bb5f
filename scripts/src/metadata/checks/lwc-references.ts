import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../lib/findings';
import { nearestNames } from '../../lib/nearest';
import { standardObjects } from '../standard-objects';
import type { XmlElement } from '../xml';
import type { ParsedMetaFile } from './meta-files';

/**
 * References from Lightning web components and Lightning pages to components the org must have.
 * A deploy compiles each bundle and page on the server and fails on a missing target:
 * - `@salesforce/label/c.X`: "Invalid reference c.X of type label in file x.js"
 *   (SalesforceLabs/Data-Fetcher issue #9);
 * - `@salesforce/apex/Class.method`: "Invalid definition for null:Class" (wadewegner/deploy-to-sfdx
 *   issue #41); `@salesforce/schema/Object.Field` and js-meta.xml `<object>`: "Invalid reference
 *   Product__c of type sobjectClass" (trailheadapps/ebikes-lwc issue #337);
 * - `@salesforce/customPermission/X`, `@salesforce/messageChannel/X__c`, `@salesforce/resourceUrl/X`
 *   and `c/child` / `<c-child>`: the same server-side module resolution (LWC Developer Guide,
 *   "Import Salesforce Modules" / "Compose Components");
 * - FlexiPage `componentName` `c:x`: "We couldn't retrieve the design time component information
 *   for component c:hello" (trailheadapps/lwc-recipes issue #5).
 * Namespaced (managed package) names are left alone; standard objects and fields are checked
 * against the describe data with the same near-name rule as permission sets.
 */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;
const CHILD_TAG = /<c-([a-z0-9]+(?:-[a-z0-9]+)*)[\s/>]/g;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const JS_COMMENT = /\/\*[\s\S]*?\*\/|(^|[^:'"])\/\/[^\n]*/g;
const CUSTOM_SUFFIX = /__(c|mdt|e|b|x|xo|Share|History|Feed|ChangeEvent)$/;
const NAMESPACED = /^[A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]+__[A-Za-z]+$/;

interface Context {
    defined: Set<string>;
    /** Lower-cased `Type:Name` of every component, for case-insensitive Apex names. */
    definedLower: Set<string>;
    apexSource: (className: string) => string | undefined;
}

export function checkLwcReferences(
    parsed: ParsedMetaFile[],
    files: string[],
    defined: Set<string>,
    rel: (file: string) => string
): Finding[] {
    const definedLower = new Set(
        [...defined].map((name) => name.toLowerCase())
    );
    const classFiles = new Map(
        files
            .filter((file) => file.endsWith('.cls'))
            .map((file) => [path.basename(file, '.cls').toLowerCase(), file])
    );
    const sources = new Map<string, string>();
    const context: Context = {
        defined,
        definedLower,
        apexSource: (className) => {
            const file = classFiles.get(className.toLowerCase());
            if (!file) {
                return undefined;
            }
            if (!sources.has(file)) {
                sources.set(file, readFileSync(file, 'utf8'));
            }
            return sources.get(file);
        }
    };
    const findings: Finding[] = [];
    const lwcFiles = files.filter(
        (file) =>
            /[\\/]lwc[\\/][^\\/]+[\\/]/.test(file) &&
            !/[\\/]__(tests|mocks)__[\\/]/.test(file) &&
            /\.(js|ts|html)$/.test(file) &&
            !file.endsWith('.test.js')
    );
    for (const file of lwcFiles) {
        const text = readFileSync(file, 'utf8');
        findings.push(
            ...(file.endsWith('.html')
                ? templateReferences(text, rel(file), context)
                : moduleReferences(text, rel(file), context))
        );
    }
    for (const meta of parsed) {
        if (meta.typeName === 'FlexiPage') {
            findings.push(...flexiPageReferences(meta, context));
        }
        if (meta.typeName === 'LightningComponentBundle') {
            findings.push(...targetObjectReferences(meta, context));
        }
    }
    return findings;
}

function lineAt(text: string, index: number): number {
    return text.slice(0, index).split('\n').length;
}

function camelCase(kebab: string): string {
    return kebab.replace(/-([a-z0-9])/g, (_, letter: string) =>
        letter.toUpperCase()
    );
}

function templateReferences(
    text: string,
    file: string,
    context: Context
): Finding[] {
    const findings: Finding[] = [];
    const clean = text.replace(HTML_COMMENT, (comment) =>
        comment.replace(/[^\n]/g, ' ')
    );
    for (const match of clean.matchAll(CHILD_TAG)) {
        const name = camelCase(match[1] ?? '');
        if (!context.defined.has(`LightningComponentBundle:${name}`)) {
            findings.push({
                file,
                line: lineAt(clean, match.index),
                element: `c-${match[1]}`,
                message: `uses <c-${match[1]}>, but this project has no LWC bundle "${name}": the deploy would fail`,
                rule: 'lwc-reference'
            });
        }
    }
    return findings;
}

function moduleReferences(
    text: string,
    file: string,
    context: Context
): Finding[] {
    const findings: Finding[] = [];
    const clean = text.replace(JS_COMMENT, (comment) =>
        comment.replace(/[^\n]/g, ' ')
    );
    for (const match of clean.matchAll(IMPORT)) {
        const specifier = match[1] ?? '';
        const problem = moduleProblem(specifier, context);
        if (problem) {
            findings.push({
                file,
                line: lineAt(clean, match.index),
                element: specifier,
                message: `imports ${specifier}: ${problem}`,
                rule: 'lwc-reference'
            });
        }
    }
    return findings;
}

function moduleProblem(
    specifier: string,
    context: Context
): string | undefined {
    const { defined } = context;
    const [scope, kind, rest = ''] = specifier.split('/');
    if (scope === 'c' && kind) {
        return defined.has(`LightningComponentBundle:${kind}`)
            ? undefined
            : `this project has no LWC bundle "${kind}"`;
    }
    if (scope !== '@salesforce' || !rest) {
        return undefined;
    }
    switch (kind) {
        case 'label': {
            const [namespace, name = ''] = rest.split('.');
            return namespace === 'c' && !defined.has(`CustomLabel:${name}`)
                ? `no custom label "${name}" in this project`
                : undefined;
        }
        case 'customPermission':
            return !rest.includes('__') &&
                !defined.has(`CustomPermission:${rest}`)
                ? `no custom permission "${rest}" in this project`
                : undefined;
        case 'messageChannel':
            return !NAMESPACED.test(rest) &&
                !defined.has(
                    `LightningMessageChannel:${rest.replace(/__c$/, '')}`
                )
                ? `no Lightning message channel "${rest}" in this project`
                : undefined;
        case 'resourceUrl':
            return !rest.includes('__') &&
                !defined.has(`StaticResource:${rest}`)
                ? `no static resource "${rest}" in this project`
                : undefined;
        case 'apex':
            return apexProblem(rest, context);
        case 'schema':
            return schemaProblem(rest, context);
        default:
            return undefined;
    }
}

function apexProblem(rest: string, context: Context): string | undefined {
    const parts = rest.split('.');
    if (parts.length !== 2) {
        return undefined; // namespaced (ns.Class.method) or the bare module
    }
    const [className = '', method = ''] = parts;
    if (!context.definedLower.has(`apexclass:${className.toLowerCase()}`)) {
        return `no Apex class "${className}" in this project`;
    }
    const source = context.apexSource(className);
    const declared = new RegExp(`\\b${method}\\s*\\(`, 'i');
    return source && !declared.test(source)
        ? `Apex class ${className} has no method "${method}"`
        : undefined;
}

function schemaProblem(rest: string, context: Context): string | undefined {
    const [object = '', field] = rest.split('.');
    return (
        objectProblem(object, context) ??
        (field ? fieldProblem(object, field, context) : undefined)
    );
}

function objectProblem(object: string, context: Context): string | undefined {
    if (NAMESPACED.test(object)) {
        return undefined;
    }
    if (CUSTOM_SUFFIX.test(object)) {
        return /__(c|mdt|e)$/.test(object) &&
            !context.defined.has(`CustomObject:${object}`)
            ? `no custom object "${object}" in this project`
            : undefined;
    }
    const standard = standardObjects();
    if (
        !standard ||
        standard.objects[object] ||
        context.defined.has(`CustomObject:${object}`)
    ) {
        return undefined;
    }
    const near = nearestNames(object, Object.keys(standard.objects), 3);
    return near.length > 0
        ? `unknown standard object "${object}" (nearest: ${near.join(', ')})`
        : undefined;
}

function fieldProblem(
    object: string,
    field: string,
    context: Context
): string | undefined {
    if (
        NAMESPACED.test(object) ||
        NAMESPACED.test(field) ||
        field.endsWith('__r')
    ) {
        return undefined;
    }
    if (field.endsWith('__c')) {
        return context.defined.has(`CustomField:${object}.${field}`) ||
            (!context.defined.has(`CustomObject:${object}`) &&
                CUSTOM_SUFFIX.test(object))
            ? undefined
            : `no custom field "${object}.${field}" in this project`;
    }
    if (CUSTOM_SUFFIX.test(object)) {
        return undefined; // standard fields of custom objects (Name, OwnerId, ...)
    }
    const fields = standardObjects()?.objects[object];
    if (
        !fields ||
        fields.some((name) => name.toLowerCase() === field.toLowerCase())
    ) {
        return undefined;
    }
    const near = nearestNames(field, fields, 3);
    return near.length > 0
        ? `unknown field "${object}.${field}" (nearest: ${near.map((name) => `${object}.${name}`).join(', ')})`
        : undefined;
}

function* descendants(element: XmlElement): Generator<XmlElement> {
    for (const child of element.children) {
        yield child;
        yield* descendants(child);
    }
}

function flexiPageReferences(
    meta: ParsedMetaFile,
    context: Context
): Finding[] {
    const findings: Finding[] = [];
    for (const element of descendants(meta.root)) {
        if (element.name !== 'componentName') {
            continue;
        }
        const match = /^c:([A-Za-z0-9_]+)$/.exec(element.text);
        const name = match?.[1];
        if (
            name &&
            !context.defined.has(`LightningComponentBundle:${name}`) &&
            !context.defined.has(`AuraDefinitionBundle:${name}`)
        ) {
            findings.push({
                file: meta.file,
                line: element.line,
                element: 'componentName',
                message: `places component "${element.text}", which this project does not define: the deploy would fail`,
                rule: 'flexipage-reference'
            });
        }
    }
    return findings;
}

function targetObjectReferences(
    meta: ParsedMetaFile,
    context: Context
): Finding[] {
    const findings: Finding[] = [];
    const targetConfigs = meta.root.children.filter(
        (child) => child.name === 'targetConfigs'
    );
    for (const config of targetConfigs) {
        for (const element of descendants(config)) {
            if (element.name !== 'object') {
                continue;
            }
            const problem = objectProblem(element.text, context);
            if (problem) {
                findings.push({
                    file: meta.file,
                    line: element.line,
                    element: 'targetConfigs/targetConfig/objects/object',
                    message: problem,
                    rule: 'lwc-reference'
                });
            }
        }
    }
    return findings;
}
