import { createHash } from 'node:crypto';
import {
    existsSync,
    mkdirSync,
    readFileSync,
    readdirSync,
    rmSync,
    statSync,
    writeFileSync
} from 'node:fs';
import path from 'node:path';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { rollup, type OutputChunk } from 'rollup';
import { loadLabels } from './metadata';
import {
    CLIENT_DIR,
    LABELS_FILE,
    LWC_DIR,
    ROOT,
    distDir,
    type BuildMode
} from './paths';
import { salesforceModules } from './plugins';

/**
 * Builds the portal preview: the real components from force-app/main/default/lwc compiled by
 * @lwc/rollup-plugin, with lightning-base-components and synthetic shadow, into
 * dist/preview/<mode>/. Entries: portal.js (the portal), bench.js (lightning-datatable for the
 * benchmark), fixtures.js (the axe-core shadow fixture). A build whose inputs have not changed
 * is reused (dist/preview/<mode>/build.json holds the inputs' fingerprint).
 */

export const ENTRIES = {
    portal: path.join(CLIENT_DIR, 'main.js'),
    bench: path.join(CLIENT_DIR, 'bench.js'),
    fixtures: path.join(CLIENT_DIR, 'fixtures.js')
} as const;

export interface BuildResult {
    mode: BuildMode;
    outDir: string;
    /** false when an up-to-date build was reused. */
    built: boolean;
    ms: number;
    /** Output file (relative to outDir) to the files it imports statically. */
    chunks: Record<string, { imports: string[]; dynamicImports: string[] }>;
}

interface Stamp {
    fingerprint: string;
    chunks: BuildResult['chunks'];
}

function listFiles(dir: string, skip: (name: string) => boolean): string[] {
    const files: string[] = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (skip(entry.name)) {
            continue;
        }
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            files.push(...listFiles(full, skip));
        } else {
            files.push(full);
        }
    }
    return files.sort();
}

function packageVersion(name: string): string {
    const file = path.join(ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string })
        .version;
}

/** What the build depends on: sources, labels, build scripts and the compiler versions. */
function fingerprint(mode: BuildMode): string {
    const hash = createHash('sha256').update(mode);
    const files = [
        ...listFiles(LWC_DIR, (name) => name === '__tests__'),
        ...listFiles(CLIENT_DIR, () => false),
        LABELS_FILE,
        path.join(__dirname, 'build.ts'),
        path.join(__dirname, 'plugins.ts'),
        path.join(__dirname, 'backend/dtos.ts')
    ];
    for (const file of files) {
        hash.update(path.relative(ROOT, file)).update(readFileSync(file));
    }
    for (const name of [
        'lwc',
        '@lwc/rollup-plugin',
        'lightning-base-components',
        'rollup'
    ]) {
        hash.update(`${name}@${packageVersion(name)}`);
    }
    return hash.digest('hex');
}

/** c/<name> for every component bundle in force-app/main/default/lwc. */
function componentRecords(): { name: string; path: string }[] {
    return readdirSync(LWC_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => ({
            name: `c/${entry.name}`,
            path: path.join(LWC_DIR, entry.name, `${entry.name}.js`)
        }))
        .filter((record) => existsSync(record.path));
}

export interface BuildOptions {
    mode?: BuildMode;
    /** Build even if an up-to-date build exists. */
    force?: boolean;
    log?: (line: string) => void;
}

export async function buildPreview(
    options: BuildOptions = {}
): Promise<BuildResult> {
    const mode = options.mode ?? 'production';
    const outDir = distDir(mode);
    const stampFile = path.join(outDir, 'build.json');
    const started = performance.now();
    const print = fingerprint(mode);
    if (!options.force && existsSync(stampFile)) {
        const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Stamp;
        if (stamp.fingerprint === print) {
            return {
                mode,
                outDir,
                built: false,
                ms: performance.now() - started,
                chunks: stamp.chunks
            };
        }
    }
    options.log?.(`Building the portal preview (${mode})...`);
    const production = mode === 'production';
    const bundle = await rollup({
        input: ENTRIES,
        plugins: [
            salesforceModules(loadLabels()),
            replace({
                preventAssignment: true,
                values: {
                    'process.env.NODE_ENV': JSON.stringify(mode),
                    'import.meta.env.SSR': 'false'
                }
            }),
            lwc({
                rootDir: CLIENT_DIR,
                enableDynamicComponents: true,
                modules: [
                    ...componentRecords(),
                    { dir: path.join(CLIENT_DIR, 'lwc') },
                    { npm: 'lightning-base-components' }
                ]
            })
        ],
        onwarn(warning, warn) {
            if (warning.code === 'UNRESOLVED_IMPORT') {
                // Never ship a bare import the browser cannot load.
                throw new Error(warning.message);
            }
            // The base components' own template warnings, circular imports and top-level
            // "this" are theirs to fix; warnings about our code still show.
            const file = warning.id ?? warning.loc?.file ?? '';
            if (
                file.includes(`${path.sep}node_modules${path.sep}`) ||
                warning.code === 'CIRCULAR_DEPENDENCY' ||
                warning.code === 'THIS_IS_UNDEFINED'
            ) {
                return;
            }
            warn(warning);
        }
    });
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const { output } = await bundle.write({
        dir: outDir,
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        sourcemap: !production,
        plugins: production ? [terser({ ecma: 2020, module: true })] : []
    });
    await bundle.close();
    const chunks: BuildResult['chunks'] = {};
    for (const item of output) {
        if (item.type === 'chunk') {
            const chunk: OutputChunk = item;
            chunks[chunk.fileName] = {
                imports: chunk.imports,
                dynamicImports: chunk.dynamicImports
            };
        }
    }
    writeFileSync(
        stampFile,
        `${JSON.stringify({ fingerprint: print, chunks }, null, 2)}\n`
    );
    return {
        mode,
        outDir,
        built: true,
        ms: performance.now() - started,
        chunks
    };
}

/** Bytes of an entry and everything it imports statically (what the browser loads first). */
export function entryClosure(result: BuildResult, entry: string): string[] {
    const seen = new Set<string>();
    const visit = (file: string): void => {
        if (seen.has(file)) {
            return;
        }
        seen.add(file);
        for (const imported of result.chunks[file]?.imports ?? []) {
            visit(imported);
        }
    };
    visit(entry);
    return [...seen];
}

export function fileSize(result: BuildResult, file: string): number {
    return statSync(path.join(result.outDir, file)).size;
}
