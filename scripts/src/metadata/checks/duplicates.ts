import type { Finding } from '../../lib/findings';
import { propsOf, resolveAlias } from '../schema';
import type { XmlElement } from '../xml';
import type { ParsedMetaFile } from './meta-files';
import { childText, elementsAt } from './xml-helpers';

/**
 * The same entry twice in a repeated element: a deploy answers "duplicate value found".
 * Sources: picklist values, forcedotcom/afv-library skills/generating-custom-field/SKILL.md,
 * "Common Deployment Errors" ("duplicate value found: [X] is defined multiple times" when two
 * `<value>` entries share a `<fullName>`); permission entries in profiles and permission sets,
 * certinia/apex-mdapi issue #22 ("duplicate value found: <unknown> duplicates value on record").
 */
const PERMISSION_HOLDERS = new Set([
    'PermissionSet',
    'Profile',
    'MutingPermissionSet'
]);

const VALUE_LISTS: Record<string, string> = {
    CustomField: 'valueSet/valueSetDefinition/value',
    GlobalValueSet: 'customValue',
    StandardValueSet: 'standardValue'
};

export function checkDuplicates(parsed: ParsedMetaFile[]): Finding[] {
    const findings: Finding[] = [];
    for (const meta of parsed) {
        if (PERMISSION_HOLDERS.has(meta.typeName)) {
            findings.push(...permissionDuplicates(meta));
        }
        const list = VALUE_LISTS[meta.typeName];
        if (list) {
            findings.push(
                ...duplicatesBy(
                    meta,
                    elementsAt(meta.root, list),
                    list,
                    (value) => childText(value, 'fullName')
                )
            );
        }
    }
    return findings;
}

/** The entry's key: its one required string element (`field`, `object`, `apexClass`, `name`...). */
function keyElement(typeName: string): string | undefined {
    const props = propsOf(resolveAlias(typeName)) ?? {};
    const keys = Object.entries(props).filter(
        ([, prop]) => !prop.optional && resolveAlias(prop.base) === 'string'
    );
    return keys.length === 1 ? keys[0]?.[0] : undefined;
}

function permissionDuplicates(meta: ParsedMetaFile): Finding[] {
    const props = propsOf(meta.typeName) ?? {};
    const findings: Finding[] = [];
    for (const [name, prop] of Object.entries(props)) {
        if (!prop.repeatable) {
            continue;
        }
        const key = keyElement(prop.base);
        if (!key) {
            continue;
        }
        const entries = meta.root.children.filter(
            (element) => element.name === name
        );
        findings.push(
            ...duplicatesBy(meta, entries, `${name}/${key}`, (entry) =>
                childText(entry, key)
            )
        );
    }
    return findings;
}

function duplicatesBy(
    meta: ParsedMetaFile,
    entries: XmlElement[],
    elementPath: string,
    keyOf: (entry: XmlElement) => string | undefined
): Finding[] {
    const firstLine = new Map<string, number>();
    const findings: Finding[] = [];
    for (const entry of entries) {
        const key = keyOf(entry);
        if (key === undefined || key === '') {
            continue;
        }
        const first = firstLine.get(key);
        if (first === undefined) {
            firstLine.set(key, entry.line);
            continue;
        }
        findings.push({
            file: meta.file,
            line: entry.line,
            element: elementPath,
            message: `"${key}" is listed again (first at line ${first}); the deploy rejects duplicates`,
            rule: 'duplicate-entry'
        });
    }
    return findings;
}
