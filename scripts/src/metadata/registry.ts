import path from 'node:path';
import { RegistryAccess } from '@salesforce/source-deploy-retrieve';

/**
 * Questions about metadata types answered by SDR's own registry (the one `sf project deploy`
 * resolves with): no suffix map of this project's own. Which type a given meta file holds comes
 * from SDR's resolver (checks/sdr.ts); this module covers the files SDR did not resolve.
 */
const registry = new RegistryAccess();

let directoryNames: Set<string> | undefined;

/** Every folder name SDR's registry gives a type (`classes`, `objects`, `lwc`, ...). */
export function typeDirectoryNames(): Set<string> {
    directoryNames ??= new Set(
        Object.values(registry.getRegistry().types)
            .map((type) => type.directoryName)
            .filter((name): name is string => Boolean(name))
    );
    return directoryNames;
}

/**
 * For a content file (`Foo.cls`) that SDR left unresolved: the type whose "matching content file"
 * it is, when it sits in that type's folder, so its missing `-meta.xml` can be named.
 */
export function typeNeedingMetaFile(file: string): string | undefined {
    const type = registry.getTypeBySuffix(path.extname(file).slice(1));
    if (type?.strategies?.adapter !== 'matchingContentFile') {
        return undefined;
    }
    return path.basename(path.dirname(file)) === type.directoryName
        ? type.name
        : undefined;
}

/** True when some folder on the file's path (below the package dir) is a type folder. */
export function isInTypeFolder(file: string, packageDir: string): boolean {
    const names = typeDirectoryNames();
    return path
        .relative(packageDir, path.dirname(file))
        .split(path.sep)
        .some((segment) => names.has(segment));
}
