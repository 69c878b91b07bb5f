// `npm run plugin:pack`: the plugin as a package a user installs without this repo. The linked
// plugin (npm run plugin:link) runs the repo's TypeScript through tsx; the packed one is built:
//   dist/plugin/package/lib/index.js     the plugin and the kit's scripts/src, one ESM bundle
//                                        (esbuild); every npm package stays a real dependency
//   dist/plugin/package/messages/*.md    help and error texts (@salesforce/core finds them from
//                                        the package root, as in the linked plugin)
//   dist/plugin/package/oclif.manifest.json   so `sf casekit --help` loads no command module
//   dist/plugin/package/package.json     the dependencies pinned to the versions this repo's
//                                        lockfile installed (node_modules/<name>/package.json)
//   dist/plugin/<name>-<version>.tgz     `npm pack` of that folder
// The kit's modules locate nothing relative to the repo: project files (config/, sfdx-project.json)
// are read from the working directory, and data files from their npm packages through `require`
// (@salesforce/types, typescript, @salesforce/code-analyzer-pmd-engine), which the bundle's banner
// defines from the bundle's own location.
import { execFileSync } from 'node:child_process';
import {
    cpSync,
    mkdirSync,
    readFileSync,
    rmSync,
    statSync,
    writeFileSync
} from 'node:fs';
import path from 'node:path';
import { Plugin } from '@oclif/core';
import { build } from 'esbuild';
import { PLUGIN_ROOT } from './run.js';

const REPO_ROOT = path.resolve(PLUGIN_ROOT, '../..');

/** Where the build goes (gitignored: dist/). */
export const PACK_DIR = path.join(REPO_ROOT, 'dist/plugin');
/** The package folder `npm pack` packs (also what a git repository of the plugin holds). */
export const PACKAGE_DIR = path.join(PACK_DIR, 'package');

/**
 * Packages the kit loads at run time without an import esbuild can see (`require.resolve`, then
 * their files): the metadata types (validate metadata) and the TypeScript parser that reads them.
 * PMD's jars come with @salesforce/code-analyzer-pmd-engine, which the bundle imports.
 */
const RUNTIME_ONLY = [
    '@salesforce/types',
    '@salesforce/types-1.7.1',
    'typescript'
];

/** What the package holds besides package.json (npm adds README and LICENSE files if present). */
const FILES = ['lib', 'messages', 'oclif.manifest.json', 'README.md'];

/**
 * Defines `require`, `__filename` and `__dirname` for the kit's CommonJS-style modules inside an
 * ES module, from the bundle's own location: `require.resolve('@salesforce/types/metadata')` then
 * finds the installed plugin's node_modules, never the repo's.
 */
const BANNER = [
    "import { createRequire as __cpkCreateRequire } from 'node:module';",
    "import { fileURLToPath as __cpkFileURLToPath } from 'node:url';",
    "import { dirname as __cpkDirname } from 'node:path';",
    'const require = __cpkCreateRequire(import.meta.url);',
    'const __filename = __cpkFileURLToPath(import.meta.url);',
    'const __dirname = __cpkDirname(__filename);'
].join('\n');

interface PackageJson {
    name: string;
    version: string;
    description?: string;
    license?: string;
    private?: boolean;
    type?: string;
    engines?: Record<string, string>;
    oclif?: unknown;
    dependencies?: Record<string, string>;
}

function readJson<T>(file: string): T {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The package name of a bare import: `csv-parse/sync` → `csv-parse`, `@a/b/c` → `@a/b`. */
export function packageNameOf(specifier: string): string {
    const parts = specifier.split('/');
    return specifier.startsWith('@')
        ? parts.slice(0, 2).join('/')
        : (parts[0] ?? specifier);
}

/**
 * The version this repo installed (and tested against) of one package, as a dependency spec: an
 * npm alias (`@salesforce/types-1.7.1` → `npm:@salesforce/types@1.7.1`) keeps its alias.
 */
function installedVersion(name: string): string {
    const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
    try {
        const installed = readJson<PackageJson>(file);
        return installed.name === name
            ? installed.version
            : `npm:${installed.name}@${installed.version}`;
    } catch {
        throw new Error(
            `plugin:pack: ${name} is imported by the plugin but not installed (${file}); run npm ci`
        );
    }
}

/** Bundles the plugin; returns the npm packages the bundle imports. */
async function bundle(): Promise<string[]> {
    const result = await build({
        entryPoints: [path.join(PLUGIN_ROOT, 'src/index.ts')],
        outfile: path.join(PACKAGE_DIR, 'lib/index.js'),
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        packages: 'external',
        banner: { js: BANNER },
        legalComments: 'none',
        // The envelope's commandName is the class name (Verify, not esbuild's renamed _Verify).
        keepNames: true,
        metafile: true,
        logLevel: 'warning'
    });
    const external = new Set<string>();
    for (const output of Object.values(result.metafile.outputs)) {
        for (const imported of output.imports) {
            if (imported.external && !imported.path.startsWith('node:')) {
                external.add(packageNameOf(imported.path));
            }
        }
    }
    return [...external];
}

/** The manifest `oclif manifest` writes: every command with its flags, from the built bundle. */
async function writeOclifManifest(): Promise<void> {
    const plugin = new Plugin({
        root: PACKAGE_DIR,
        type: 'core',
        ignoreManifest: true,
        errorOnManifestCreate: true
    });
    await plugin.load();
    writeFileSync(
        path.join(PACKAGE_DIR, 'oclif.manifest.json'),
        `${JSON.stringify(plugin.manifest, null, 2)}\n`
    );
}

const PACKAGE_README = `# @case-portal-kit/plugin-casekit

The Case Portal Integration Kit's admin commands for the sf CLI: \`sf casekit --help\`.
Built by \`npm run plugin:pack\` in the kit's repository; its README says how to install it and
what each command needs.
`;

export interface PackResult {
    tarball: string;
    bytes: number;
    dependencies: Record<string, string>;
}

/** Builds dist/plugin/package and packs it; returns the tarball. */
export async function pack(): Promise<PackResult> {
    rmSync(PACK_DIR, { recursive: true, force: true });
    mkdirSync(PACKAGE_DIR, { recursive: true });
    const source = readJson<PackageJson>(
        path.join(PLUGIN_ROOT, 'package.json')
    );
    const imported = await bundle();
    const dependencies = Object.fromEntries(
        [...new Set([...imported, ...RUNTIME_ONLY])]
            .sort()
            .map((name) => [name, installedVersion(name)])
    );
    cpSync(
        path.join(PLUGIN_ROOT, 'messages'),
        path.join(PACKAGE_DIR, 'messages'),
        {
            recursive: true
        }
    );
    writeFileSync(path.join(PACKAGE_DIR, 'README.md'), PACKAGE_README);
    const manifest: PackageJson & { files: string[] } = {
        name: source.name,
        version: source.version,
        description: source.description,
        license: source.license,
        private: source.private,
        type: 'module',
        engines: source.engines,
        files: FILES,
        oclif: source.oclif,
        dependencies
    };
    writeFileSync(
        path.join(PACKAGE_DIR, 'package.json'),
        `${JSON.stringify(manifest, null, 4)}\n`
    );
    await writeOclifManifest();
    const npmCli = process.env.npm_execpath;
    const [command, prefix] =
        npmCli && /npm-cli\.js$/.test(npmCli)
            ? [process.execPath, [npmCli]]
            : ['npm', []];
    const output = execFileSync(
        command,
        [...prefix, 'pack', '--json', '--pack-destination', PACK_DIR],
        { cwd: PACKAGE_DIR, encoding: 'utf8' }
    );
    const [packed] = JSON.parse(output) as { filename: string }[];
    if (!packed) {
        throw new Error(`plugin:pack: npm pack printed no file: ${output}`);
    }
    const tarball = path.join(PACK_DIR, packed.filename);
    return { tarball, bytes: statSync(tarball).size, dependencies };
}
