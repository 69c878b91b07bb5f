import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../lib/findings';
import type { ReferenceIndex } from './reference-index';

const AURA_GUIDE =
    'https://developer.salesforce.com/docs/atlas.en-us.lightning.meta/lightning';

/**
 * Aura bundles (`aura/<name>/`), checked on the files, since SDR only lists them:
 * - a bundle needs its definition file, `<name>.cmp` / `.app` / `.evt` / `.intf` / `.tokens`:
 *   the component or application markup is "the only required resource in a bundle" (Aura
 *   Components Developer Guide, "Component Bundles"); SDR resolves a bundle without it and the
 *   deploy fails on it.
 * - `<c:name>` tags and `extends` / `implements` / `aura:registerEvent type` /
 *   `aura:handler event` values of `c:name` must name an Aura or Lightning web component of the
 *   project: "No COMPONENT named markup://c:singleFieldDisplayerReadOnly found"
 *   (mshanemc/AnythingPath issue #8), "No COMPONENT named markup://c:SPEAR_DatePicker found"
 *   (rapsacnz/DatePickerAura issue #2). An LWC is used from Aura as `<c:camelName>`
 *   ("Compose Aura Components from Lightning Web Components", LWC Developer Guide).
 * - `controller="Name"` on `aura:component` / `aura:application` names the server-side Apex
 *   controller ("Creating Server-Side Logic with Controllers", Aura Components Developer Guide);
 *   a class the project does not define fails the deploy. `ns.Name` (a package's) is not judged.
 * Markup comments are removed first; other namespaces (`lightning:`, `force:`, `ns:`) are left.
 */
const DEFINITIONS = ['.cmp', '.app', '.evt', '.intf', '.tokens'];
const MARKUP = new Set(['.cmp', '.app', '.evt', '.intf', '.design']);
const COMMENT = /<!--[\s\S]*?-->/g;
const C_TAG = /<c:([A-Za-z][A-Za-z0-9_]*)[\s/>]/g;
const C_ATTRIBUTE = /\b(extends|implements|type|event)\s*=\s*"([^"]*)"/g;
const CONTROLLER =
    /<aura:(?:component|application)\b[^>]*?\bcontroller\s*=\s*"([^"]*)"/g;

function lineAt(text: string, offset: number): number {
    let line = 1;
    for (let i = 0; i < offset; i++) {
        if (text[i] === '\n') {
            line++;
        }
    }
    return line;
}

export function checkAuraReferences(
    files: string[],
    index: ReferenceIndex,
    rel: (file: string) => string
): Finding[] {
    const bundles = new Map<string, string[]>();
    for (const file of files) {
        const match = /^(.*[\\/]aura[\\/]([^\\/]+))[\\/][^\\/]+$/.exec(file);
        if (match?.[1]) {
            const list = bundles.get(match[1]) ?? [];
            list.push(file);
            bundles.set(match[1], list);
        }
    }
    const findings: Finding[] = [];
    for (const [dir, bundleFiles] of bundles) {
        const name = path.basename(dir);
        const hasDefinition = DEFINITIONS.some((extension) =>
            bundleFiles.some(
                (file) => path.basename(file) === `${name}${extension}`
            )
        );
        if (!hasDefinition) {
            findings.push({
                file: rel(dir),
                element: name,
                message: `Aura bundle "${name}" has no ${name}.cmp, .app, .evt, .intf or .tokens definition file (the component markup is the only required resource in a bundle): the deploy would fail (${AURA_GUIDE}/components_bundle.htm)`,
                rule: 'aura-reference'
            });
        }
        for (const file of bundleFiles.filter((f) =>
            MARKUP.has(path.extname(f))
        )) {
            findings.push(...markupReferences(file, index, rel));
        }
    }
    return findings;
}

function markupReferences(
    file: string,
    index: ReferenceIndex,
    rel: (file: string) => string
): Finding[] {
    const text = readFileSync(file, 'utf8').replace(COMMENT, (comment) =>
        comment.replace(/[^\n]/g, ' ')
    );
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const component = (name: string, offset: number, how: string): void => {
        if (
            index.has('AuraDefinitionBundle', name) ||
            index.has('LightningComponentBundle', name) ||
            seen.has(name.toLowerCase())
        ) {
            return;
        }
        seen.add(name.toLowerCase());
        const error = how.startsWith('<')
            ? `"No COMPONENT named markup://c:${name} found"`
            : 'the same markup:// resolution';
        findings.push({
            file: rel(file),
            line: lineAt(text, offset),
            element: `c:${name}`,
            message: `${how} names c:${name}, which is neither an Aura nor a Lightning web component of this project: the deploy would fail (${error})`,
            rule: 'aura-reference'
        });
    };
    for (const match of text.matchAll(C_TAG)) {
        component(match[1] ?? '', match.index, `<c:${match[1] ?? ''}>`);
    }
    for (const match of text.matchAll(C_ATTRIBUTE)) {
        for (const value of (match[2] ?? '').split(',')) {
            const name = /^\s*c:([A-Za-z][A-Za-z0-9_]*)\s*$/.exec(value)?.[1];
            if (name) {
                component(name, match.index, `${match[1] ?? ''}="c:${name}"`);
            }
        }
    }
    for (const match of text.matchAll(CONTROLLER)) {
        const controller = (match[1] ?? '').trim();
        if (
            controller &&
            !controller.includes('.') &&
            !index.has('ApexClass', controller)
        ) {
            findings.push({
                file: rel(file),
                line: lineAt(text, match.index),
                element: 'controller',
                message: `controller="${controller}" names an Apex class this project does not define: the deploy would fail (${AURA_GUIDE}/controllers_server_apex.htm)`,
                rule: 'aura-reference'
            });
        }
    }
    return findings;
}
