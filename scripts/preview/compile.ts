import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import replace from '@rollup/plugin-replace';
import { rollup, type OutputChunk, type Plugin } from 'rollup';
import { loadLabels } from '../shared/labels';
import { iconSubset, usedIconNames } from './icons';
import { lwcPlugin } from './lwc-plugin';
import { esbuildMinify } from './minify';
import { CLIENT_DIR, LWC_DIR, type BuildMode } from './paths';
import { salesforceModules } from './plugins';

/**
 * The rollup run behind buildPreview (loaded only when a build is needed: the compiler takes a
 * second or two just to load). The real components from force-app/main/default/lwc compiled by
 * @lwc/rollup-plugin, with lightning-base-components (only the icons the sources name, see
 * icons.ts) and synthetic shadow; production output minified by esbuild.
 */

export type Chunks = Record<
    string,
    { imports: string[]; dynamicImports: string[] }
>;

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

/** Counts compiled modules and prints the count every `everyMs` while the graph grows. */
function progress(log: (line: string) => void, everyMs: number): Plugin {
    let modules = 0;
    let timer: NodeJS.Timeout | undefined;
    const started = performance.now();
    const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
    const stop = () => {
        clearInterval(timer);
        timer = undefined;
    };
    return {
        name: 'preview-progress',
        buildStart() {
            timer = setInterval(
                () => log(`  compiling: ${modules} modules (${seconds()} s)`),
                everyMs
            );
            timer.unref();
        },
        transform() {
            modules++;
            return null;
        },
        buildEnd() {
            stop();
            log(`  compiled ${modules} modules in ${seconds()} s; writing...`);
        },
        closeBundle() {
            stop();
        }
    };
}

export interface CompileOptions {
    input: Record<string, string>;
    mode: BuildMode;
    outDir: string;
    log: (line: string) => void;
    progressEveryMs?: number;
}

export async function compile(options: CompileOptions): Promise<Chunks> {
    const production = options.mode === 'production';
    const bundle = await rollup({
        input: options.input,
        plugins: [
            progress(options.log, options.progressEveryMs ?? 2000),
            salesforceModules(loadLabels()),
            iconSubset(usedIconNames()),
            replace({
                preventAssignment: true,
                values: {
                    'process.env.NODE_ENV': JSON.stringify(options.mode),
                    'import.meta.env.SSR': 'false'
                }
            }),
            lwcPlugin({
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
    rmSync(options.outDir, { recursive: true, force: true });
    mkdirSync(options.outDir, { recursive: true });
    const { output } = await bundle.write({
        dir: options.outDir,
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        sourcemap: !production,
        plugins: production ? [esbuildMinify()] : []
    });
    await bundle.close();
    const chunks: Chunks = {};
    for (const item of output) {
        if (item.type === 'chunk') {
            const chunk: OutputChunk = item;
            chunks[chunk.fileName] = {
                imports: chunk.imports,
                dynamicImports: chunk.dynamicImports
            };
        }
    }
    return chunks;
}
