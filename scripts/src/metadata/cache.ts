import path from 'node:path';

/**
 * Where the validators cache what they derive from installed packages (the parsed Metadata API
 * schema, the standard sObjects): `node_modules/.cache/cpk-validate` of the node_modules that
 * holds this kit's dependencies, whatever the current directory. Keyed by package versions, so
 * an upgrade reads anew; deleting the folder is always safe.
 */
export function cachePath(name: string): string {
    // .../node_modules/@salesforce/types/lib/metadata.js -> .../node_modules
    const nodeModules = path.resolve(
        path.dirname(require.resolve('@salesforce/types/metadata')),
        '..',
        '..',
        '..'
    );
    return path.join(nodeModules, '.cache', 'cpk-validate', name);
}
