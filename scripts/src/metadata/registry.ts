import path from 'node:path';
import { RegistryAccess } from '@salesforce/source-deploy-retrieve';

/** Which metadata type a source-format `-meta.xml` file holds, from SDR's registry. */
export interface MetaFileKind {
    typeName: string;
    /** The content file it pairs with (ApexClass `.cls` and other "matching content file" types). */
    contentFile?: string;
}

const registry = new RegistryAccess();

interface RegistryType {
    name: string;
    suffix?: string;
    strategies?: { adapter?: string };
    children?: { types: Record<string, RegistryType> };
}

function buildSuffixMap(): Map<string, RegistryType> {
    const map = new Map<string, RegistryType>();
    const types = Object.values(registry.getRegistry().types) as RegistryType[];
    for (const type of types) {
        if (type.suffix && !map.has(type.suffix)) {
            map.set(type.suffix, type);
        }
        for (const child of Object.values(type.children?.types ?? {})) {
            if (child.suffix && !map.has(child.suffix)) {
                map.set(child.suffix, child);
            }
        }
    }
    return map;
}

const bySuffix = buildSuffixMap();

const BUNDLE_FOLDERS: Record<string, string> = {
    lwc: 'LightningComponentBundle',
    aura: 'AuraDefinitionBundle'
};

/** The bundle type (LWC, Aura) a path belongs to, or undefined. */
export function bundleTypeOf(file: string): string | undefined {
    const parts = file.split(path.sep);
    for (let i = parts.length - 3; i >= 0; i--) {
        const folder = parts[i];
        if (folder && BUNDLE_FOLDERS[folder]) {
            return BUNDLE_FOLDERS[folder];
        }
    }
    return undefined;
}

/** The suffix of `Name.suffix-meta.xml` (e.g. `permissionset`), or undefined for other files. */
export function metaSuffix(file: string): string | undefined {
    const base = path.basename(file);
    if (!base.endsWith('-meta.xml')) {
        return undefined;
    }
    const stem = base.slice(0, -'-meta.xml'.length);
    const dot = stem.lastIndexOf('.');
    return dot === -1 ? undefined : stem.slice(dot + 1);
}

/** The type a meta file must hold; undefined when SDR knows no type with that suffix. */
export function kindOfMetaFile(file: string): MetaFileKind | undefined {
    const bundleType = bundleTypeOf(file);
    if (bundleType) {
        return { typeName: bundleType };
    }
    const suffix = metaSuffix(file);
    const type = suffix === undefined ? undefined : bySuffix.get(suffix);
    if (!type) {
        return undefined;
    }
    if (type.strategies?.adapter === 'matchingContentFile') {
        return {
            typeName: type.name,
            contentFile: file.slice(0, -'-meta.xml'.length)
        };
    }
    return { typeName: type.name };
}

/** For a content file (`Foo.cls`), the type when that type needs a `-meta.xml` beside it. */
export function typeNeedingMetaFile(file: string): string | undefined {
    if (bundleTypeOf(file)) {
        return undefined;
    }
    const ext = path.extname(file).slice(1);
    const type = bySuffix.get(ext);
    return type?.strategies?.adapter === 'matchingContentFile'
        ? type.name
        : undefined;
}
