import { createHash } from 'node:crypto';
import {
    existsSync,
    readFileSync,
    readdirSync,
    statSync,
    writeFileSync
} from 'node:fs';
import path from 'node:path';
import {
    CLIENT_DIR,
    LABELS_FILE,
    LWC_DIR,
    ROOT,
    distDir,
    type BuildMode
} from './paths';

/**
 * Builds the portal preview into dist/preview/<mode>/<target>/ (compile.ts does the rollup run).
 * Two targets, so the demo and the browser tests never wait for the benchmark's datatable:
 * `portal` (portal.js, the portal; fixtures.js, the axe-core shadow fixture) and `bench`
 * (bench.js, lightning-datatable for `npm run bench:portal`). A build whose inputs have not
 * changed is reused: <target>/build.json holds a fingerprint of the sources, the labels, the
 * build's own modules and package-lock.json (every compiler and base component version), and
 * checking it loads no compiler.
 */

export const TARGETS = {
    portal: {
        portal: path.join(CLIENT_DIR, 'main.js'),
        fixtures: path.join(CLIENT_DIR, 'fixtures.js')
    },
    bench: { bench: path.join(CLIENT_DIR, 'bench.js') }
} as const;
export type BuildTarget = keyof typeof TARGETS;

/** Where a target's files go; the server serves distDir(mode) at /dist/. */
export function targetDir(mode: BuildMode, target: BuildTarget): string {
    return path.join(distDir(mode), target);
}

/** The modules whose code decides what the build writes. */
const BUILD_MODULES = [
    'build.ts',
    'compile.ts',
    'icons.ts',
    'lwc-plugin.ts',
    'minify.ts',
    'paths.ts',
    'plugins.ts',
    'backend/dtos.ts',
    '../shared/labels.ts',
    '../shared/paths.ts'
].map((file) => path.join(__dirname, file));

export interface BuildResult {
    mode: BuildMode;
    target: BuildTarget;
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

/** What the build depends on: sources, labels, the build's modules and the locked packages. */
export function fingerprint(mode: BuildMode, target: BuildTarget): string {
    const hash = createHash('sha256').update(`${mode} ${target}`);
    const files = [
        ...listFiles(LWC_DIR, (name) => name === '__tests__'),
        ...listFiles(CLIENT_DIR, () => false),
        LABELS_FILE,
        ...BUILD_MODULES,
        path.join(ROOT, 'package-lock.json')
    ];
    for (const file of files) {
        hash.update(path.relative(ROOT, file)).update(readFileSync(file));
    }
    return hash.digest('hex');
}

function currentStamp(stampFile: string, print: string): Stamp | undefined {
    if (!existsSync(stampFile)) {
        return undefined;
    }
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Stamp;
    return stamp.fingerprint === print ? stamp : undefined;
}

/** True when buildPreview would reuse the target's build (a few milliseconds, no compiler). */
export function isBuildCurrent(
    mode: BuildMode = 'production',
    target: BuildTarget = 'portal'
): boolean {
    return (
        currentStamp(
            path.join(targetDir(mode, target), 'build.json'),
            fingerprint(mode, target)
        ) !== undefined
    );
}

export interface BuildOptions {
    mode?: BuildMode;
    /** Default `portal`. */
    target?: BuildTarget;
    /** Build even if an up-to-date build exists. */
    force?: boolean;
    /** Progress lines while it builds (nothing is printed when the build is reused). */
    log?: (line: string) => void;
}

export async function buildPreview(
    options: BuildOptions = {}
): Promise<BuildResult> {
    const mode = options.mode ?? 'production';
    const target = options.target ?? 'portal';
    const outDir = targetDir(mode, target);
    const stampFile = path.join(outDir, 'build.json');
    const started = performance.now();
    const print = fingerprint(mode, target);
    const stamp = options.force ? undefined : currentStamp(stampFile, print);
    if (stamp) {
        return {
            mode,
            target,
            outDir,
            built: false,
            ms: performance.now() - started,
            chunks: stamp.chunks
        };
    }
    const log = options.log ?? (() => undefined);
    log(
        `Building the ${target === 'portal' ? 'portal preview' : 'datatable benchmark page'} (${mode}; first run or changed sources)...`
    );
    const { compile } = await import('./compile.js');
    const chunks = await compile({
        input: { ...TARGETS[target] },
        mode,
        outDir,
        log
    });
    writeFileSync(
        stampFile,
        `${JSON.stringify({ fingerprint: print, chunks }, null, 2)}\n`
    );
    return {
        mode,
        target,
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
