import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cachePath } from './cache';
import { classFieldNames, readZip } from './jar';

/**
 * Standard sObjects and their fields, read from the describe data a package ships: apex-ls's
 * `sobject-types-<api>.jar` in `@salesforce/code-analyzer-pmd-engine` (one Java class per standard object in
 * com/nawforce/runforce/SObjects, one Java field per sObject field, generated from an org's
 * describe). No hand-typed list: what the jar does not know is not checked.
 * Parsed once and cached in node_modules/.cache, keyed by the jar's name.
 */
export interface StandardObjects {
    /** The jar it came from (names the API version, e.g. sobject-types-61.0.0.jar). */
    source: string;
    /** Object name -> field names (relationship names included). */
    objects: Record<string, string[]>;
}

const PREFIX = 'com/nawforce/runforce/SObjects/';
const CLASS = /^com\/nawforce\/runforce\/SObjects\/([A-Za-z0-9_]+)\.class$/;
/** Java-side members of the generated classes that are not sObject fields. */
const NOT_FIELDS = new Set(['SObjectType', 'Fields']);

/**
 * The jars ship in @salesforce/code-analyzer-pmd-engine (dist/java-lib), which runs PMD for
 * validate:apex: PMD's Apex module uses apex-ls, and apex-ls its standard type data.
 */
export function javaLibDir(): string | undefined {
    try {
        return path.join(
            path.dirname(
                require.resolve('@salesforce/code-analyzer-pmd-engine/package.json')
            ),
            'dist',
            'java-lib'
        );
    } catch {
        return undefined;
    }
}

function jarFile(pattern = /^sobject-types-.*\.jar$/): string | undefined {
    const dir = javaLibDir();
    const jar = dir
        ? readdirSync(dir).find((name) => pattern.test(name))
        : undefined;
    return dir && jar ? path.join(dir, jar) : undefined;
}

function parseJar(file: string): StandardObjects {
    const objects: Record<string, string[]> = {};
    for (const entry of readZip(file)) {
        const match = entry.name.startsWith(PREFIX)
            ? CLASS.exec(entry.name)
            : null;
        if (match?.[1]) {
            objects[match[1]] = classFieldNames(entry.read()).filter(
                (name) => !NOT_FIELDS.has(name)
            );
        }
    }
    return { source: path.basename(file), objects };
}

let loaded: StandardObjects | null | undefined;

/** The standard objects, or null when the package is not installed. */
export function standardObjects(): StandardObjects | null {
    if (loaded !== undefined) {
        return loaded;
    }
    const jar = jarFile();
    if (!jar) {
        loaded = null;
        return loaded;
    }
    const cache = cachePath(`${path.basename(jar)}.json`);
    try {
        loaded = JSON.parse(readFileSync(cache, 'utf8')) as StandardObjects;
        return loaded;
    } catch {
        // Not cached yet.
    }
    loaded = parseJar(jar);
    try {
        mkdirSync(path.dirname(cache), { recursive: true });
        writeFileSync(cache, JSON.stringify(loaded));
    } catch {
        // Read-only tree: parse again next time.
    }
    return loaded;
}

/**
 * Apex standard types from the same package's `standard-types-<api>.jar` (one class per type,
 * com/nawforce/runforce/<Namespace>/<Type>): namespace -> type names (inner types as `Outer.Inner`).
 */
export interface StandardTypes {
    source: string;
    namespaces: Record<string, string[]>;
}

let types: StandardTypes | null | undefined;

export function standardApexTypes(): StandardTypes | null {
    if (types !== undefined) {
        return types;
    }
    const jar = jarFile(/^standard-types-.*\.jar$/);
    if (!jar) {
        types = null;
        return types;
    }
    const namespaces: Record<string, string[]> = {};
    for (const entry of readZip(jar)) {
        const match =
            /^com\/nawforce\/runforce\/([A-Za-z0-9_]+)\/([A-Za-z0-9_$]+)\.class$/.exec(
                entry.name
            );
        if (match?.[1] && match[2]) {
            (namespaces[match[1]] ??= []).push(match[2].replace(/\$/g, '.'));
        }
    }
    types = { source: path.basename(jar), namespaces };
    return types;
}
