import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'rollup';
import { CLIENT_DIR, LBC_DIR, LBC_SCOPED_DIR, LWC_DIR } from './paths';

/**
 * Builds only the SLDS icons the portal can show. lightning-primitive-icon imports a whole
 * category at run time (`lightning/iconSvgTemplatesUtility`, one compiled template per icon:
 * about 3,500 modules for the five categories and their right-to-left twins, most of the build's
 * time). This plugin replaces each category's `buildTemplates/templates.js` with one that imports
 * only the icons named in the sources: our components, the preview's client and every base
 * component. An icon a component asks for that is not in the set renders as an empty `<svg>`
 * (primitiveIcon falls back to its standard template), so our own components must name their
 * icons literally: an icon name built at run time fails the build. The right-to-left libraries
 * are only imported when `@salesforce/i18n/dir` is "rtl"; the preview's value (the base
 * components' own, en-US) is "ltr", so the other direction's libraries are built empty.
 */

export const ICON_CATEGORIES = [
    'utility',
    'standard',
    'action',
    'doctype',
    'custom'
] as const;
export type IconCategory = (typeof ICON_CATEGORIES)[number];

const ICON_NAME = /\b(utility|standard|action|doctype|custom):([a-zA-Z0-9_]+)/g;
/** `'utility:' + x` or `utility:${x}`: a name only known at run time. */
const COMPUTED_NAME =
    /\b(?:utility|standard|action|doctype|custom):(?:\$\{|['"`]\s*\+)/;
/**
 * Names the base components build at run time: lightning/toast's `utility:${variant}` for its
 * four variants (toast.js, `get iconName()`; variants from its `variant` setter).
 */
const COMPUTED_IN_BASE_COMPONENTS = [
    'utility:info',
    'utility:success',
    'utility:warning',
    'utility:error'
];
const TEMPLATES_FILE =
    /[\\/]lightning[\\/]iconSvgTemplates(Utility|Standard|Action|Doctype|Custom)(Rtl)?[\\/]buildTemplates[\\/]templates\.js$/;

function sourceFiles(dir: string, skip: RegExp): string[] {
    const files: string[] = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (skip.test(entry.name)) {
            continue;
        }
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            files.push(...sourceFiles(full, skip));
        } else if (/\.(js|html)$/.test(entry.name)) {
            files.push(full);
        }
    }
    return files;
}

function namesIn(text: string, into: Set<string>): void {
    for (const match of text.matchAll(ICON_NAME)) {
        into.add(`${match[1]}:${match[2]}`);
    }
}

/**
 * Every icon name (`category:name`) the preview's sources can render. Throws when one of our
 * components or the preview's client builds an icon name at run time.
 */
export function usedIconNames(
    ownDirs: readonly string[] = [LWC_DIR, CLIENT_DIR],
    baseComponentsDir: string = LBC_DIR
): Set<string> {
    const names = new Set<string>(COMPUTED_IN_BASE_COMPONENTS);
    for (const file of ownDirs.flatMap((dir) =>
        sourceFiles(dir, /^__tests__$/)
    )) {
        const text = readFileSync(file, 'utf8');
        if (COMPUTED_NAME.test(text)) {
            throw new Error(
                `${file}: builds an icon name at run time; name the icon literally so the preview builds it`
            );
        }
        namesIn(text, names);
    }
    for (const file of sourceFiles(
        baseComponentsDir,
        /^(iconSvgTemplates|__examples__|__tests__)/
    )) {
        namesIn(readFileSync(file, 'utf8'), names);
    }
    return names;
}

/** The replacement templates.js: the category's icons that are in `names`. */
export function subsetTemplates(
    templatesFile: string,
    category: IconCategory,
    names: ReadonlySet<string>
): string {
    const dir = path.join(path.dirname(templatesFile), category);
    const keys: string[] = [];
    const lines: string[] = [];
    for (const name of [...names].sort()) {
        const [prefix, icon] = name.split(':');
        if (prefix !== category || icon === undefined) {
            continue;
        }
        const file = path.join(dir, `${icon}.html`);
        if (!existsSync(file)) {
            continue;
        }
        const key = `${category}_${icon}`;
        keys.push(key);
        lines.push(
            `import ${key} from ${JSON.stringify(`./${category}/${icon}.html`)};`
        );
    }
    lines.push(`export default { ${keys.join(', ')} };`, '');
    return lines.join('\n');
}

/** `@salesforce/i18n/dir` as the preview resolves it (plugins.ts): "ltr" or "rtl". */
export function textDirection(
    scopedDir: string = LBC_SCOPED_DIR
): 'ltr' | 'rtl' {
    const source = readFileSync(
        path.join(scopedDir, '@salesforce-i18n-dir.js'),
        'utf8'
    );
    const value = /export default\s*["'](ltr|rtl)["']/.exec(source)?.[1];
    if (value !== 'ltr' && value !== 'rtl') {
        throw new Error(
            `${scopedDir}: no "ltr" or "rtl" in @salesforce/i18n/dir`
        );
    }
    return value;
}

export function iconSubset(
    names: ReadonlySet<string>,
    direction: 'ltr' | 'rtl' = textDirection()
): Plugin {
    const none = new Set<string>();
    return {
        name: 'preview-icon-subset',
        load(id) {
            const match = TEMPLATES_FILE.exec(id);
            if (!match?.[1]) {
                return null;
            }
            const category = match[1].toLowerCase() as IconCategory;
            const rtl = match[2] !== undefined;
            return subsetTemplates(
                id,
                category,
                rtl === (direction === 'rtl') ? names : none
            );
        }
    };
}
