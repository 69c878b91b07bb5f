import {
    mkdirSync,
    mkdtempSync,
    readFileSync,
    readdirSync,
    rmSync,
    writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';

/**
 * One-way dependencies between the parts of scripts/ (issue #16): what runs against an org
 * (scripts/src) imports no stand-in and no test; the stand-ins (preview, e2e, emulator) do not
 * import one another; what they share lives in scripts/shared, which imports none of them.
 * demo and bench wire the parts together and may import any of them.
 */

const SCRIPTS = path.resolve(__dirname, '../..');

const FORBIDDEN: Record<string, readonly string[]> = {
    src: [
        'preview',
        'e2e',
        'emulator',
        'test',
        'demo',
        'bench',
        'conformance',
        'plugin'
    ],
    // The command layer (sf casekit): the commands' work in src, nothing of the stand-ins.
    plugin: [
        'preview',
        'e2e',
        'emulator',
        'test',
        'demo',
        'bench',
        'conformance'
    ],
    preview: ['e2e', 'emulator', 'test', 'demo', 'bench', 'conformance'],
    e2e: ['preview', 'emulator', 'test', 'demo', 'bench', 'conformance'],
    emulator: ['preview', 'e2e', 'test', 'demo', 'bench', 'conformance'],
    shared: [
        'src',
        'preview',
        'e2e',
        'emulator',
        'test',
        'demo',
        'bench',
        'conformance',
        'plugin'
    ]
};

/**
 * The one allowed edge between stand-ins: the preview's describe stand-in for the create form
 * (preview/backend/create-form.ts) reads the emulator's sourced Salesforce schema
 * (emulator/schema: jsforce's field lists, the Object Reference's properties), so the two
 * describe Case alike; it imports no emulator behaviour (routes, org rules, SOQL).
 */
const ALLOWED: readonly [string, string][] = [
    ['preview/backend/create-form.ts', 'emulator/schema/']
];

/** Inside scripts/src: folders that must not import each other's files (issue #21). */
const FORBIDDEN_INSIDE_SRC: readonly [string, string][] = [
    ['access', 'credentials'],
    ['credentials', 'access/effective.ts'],
    ['credentials', 'provision']
];

function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return entry.name === 'node_modules' ? [] : sourceFiles(full);
        }
        return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
    });
}

/** Every import specifier of a file: static imports and re-exports, import(), require(). */
function specifiers(file: string): string[] {
    return ts
        .preProcessFile(readFileSync(file, 'utf8'), true, true)
        .importedFiles.map((imported) => imported.fileName);
}

/** "<file>: <specifier> (<from> -> <to>)" for every import that breaks the rules. */
function violations(scripts: string): string[] {
    const found: string[] = [];
    for (const [area, forbidden] of Object.entries(FORBIDDEN)) {
        const dir = path.join(scripts, area);
        let files: string[];
        try {
            files = sourceFiles(dir);
        } catch {
            continue;
        }
        for (const file of files) {
            const from = path.relative(scripts, file);
            for (const specifier of specifiers(file)) {
                if (!specifier.startsWith('.')) {
                    // A package name is fine; a path into a part of scripts/ is not (it would
                    // dodge the relative-path check below, e.g. 'scripts/emulator/server').
                    const into = /(?:^|\/)scripts\/([^/]+)/.exec(
                        specifier
                    )?.[1];
                    if (into && forbidden.includes(into)) {
                        found.push(
                            `${from}: ${specifier} (${area} -> ${into}, non-relative)`
                        );
                    }
                    continue;
                }
                const target = path.relative(
                    scripts,
                    path.resolve(path.dirname(file), specifier)
                );
                const targetArea = target.split(path.sep)[0] ?? '';
                const allowed = ALLOWED.some(
                    ([fromFile, intoDir]) =>
                        from.split(path.sep).join('/') === fromFile &&
                        target.split(path.sep).join('/').startsWith(intoDir)
                );
                if (
                    !target.startsWith('..') &&
                    forbidden.includes(targetArea) &&
                    !allowed
                ) {
                    found.push(
                        `${from}: ${specifier} (${area} -> ${targetArea})`
                    );
                }
                if (area !== 'src') {
                    continue;
                }
                const fromPart = from.split(path.sep)[1] ?? '';
                const targetPart = target.split(path.sep).slice(1).join('/');
                for (const [a, b] of FORBIDDEN_INSIDE_SRC) {
                    if (
                        fromPart === a &&
                        (targetPart === b ||
                            targetPart.startsWith(`${b}/`) ||
                            `${targetPart}.ts` === b)
                    ) {
                        found.push(
                            `${from}: ${specifier} (src/${a} -> src/${b})`
                        );
                    }
                }
            }
        }
    }
    return found.sort();
}

/** The file a relative specifier names (TypeScript's rules: .ts for .js, index.ts for a folder). */
function resolveImport(file: string, specifier: string): string | undefined {
    const base = path.resolve(path.dirname(file), specifier);
    const candidates = [
        base,
        `${base}.ts`,
        base.replace(/\.js$/, '.ts'),
        path.join(base, 'index.ts')
    ];
    return candidates.find((candidate) => {
        try {
            return readFileSync(candidate) !== undefined;
        } catch {
            return false;
        }
    });
}

/**
 * Import cycles among the files of `dirs` (strongly connected components of more than one file),
 * each as its files, relative and sorted, joined by " <-> ".
 */
function cycles(scripts: string, dirs: string[]): string[] {
    const graph = new Map<string, string[]>();
    for (const dir of dirs) {
        for (const file of sourceFiles(path.join(scripts, dir))) {
            graph.set(
                file,
                specifiers(file)
                    .filter((specifier) => specifier.startsWith('.'))
                    .map((specifier) => resolveImport(file, specifier))
                    .filter((target): target is string => target !== undefined)
            );
        }
    }
    // Tarjan's strongly connected components.
    let index = 0;
    const indices = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const found: string[] = [];
    const visit = (node: string): void => {
        indices.set(node, index);
        low.set(node, index);
        index++;
        stack.push(node);
        onStack.add(node);
        for (const next of graph.get(node) ?? []) {
            if (!graph.has(next)) {
                continue;
            }
            if (!indices.has(next)) {
                visit(next);
                low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
            } else if (onStack.has(next)) {
                low.set(
                    node,
                    Math.min(low.get(node) ?? 0, indices.get(next) ?? 0)
                );
            }
        }
        if (low.get(node) === indices.get(node)) {
            const component: string[] = [];
            let member: string | undefined;
            do {
                member = stack.pop();
                if (member !== undefined) {
                    onStack.delete(member);
                    component.push(member);
                }
            } while (member !== undefined && member !== node);
            if (component.length > 1) {
                found.push(
                    component
                        .map((f) =>
                            path.relative(scripts, f).split(path.sep).join('/')
                        )
                        .sort()
                        .join(' <-> ')
                );
            }
        }
    };
    for (const node of graph.keys()) {
        if (!indices.has(node)) {
            visit(node);
        }
    }
    return found.sort();
}

/** Cycles that exist today: each is a debt to pay, and no new one may join them. */
const KNOWN_CYCLES: string[] = [
    'src/metadata/extra-types.ts <-> src/metadata/schema.ts'
];

test('no import runs from scripts/src to a stand-in or a test, or between preview, e2e and the emulator', () => {
    expect(violations(SCRIPTS)).toEqual([]);
});

test('no new import cycle in scripts/src, scripts/plugin or scripts/shared', () => {
    expect(cycles(SCRIPTS, ['src', 'plugin', 'shared'])).toEqual(KNOWN_CYCLES);
});

describe('the check itself', () => {
    let root: string;
    beforeAll(() => {
        root = mkdtempSync(path.join(tmpdir(), 'deps-'));
        const write = (file: string, text: string) => {
            mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
            writeFileSync(path.join(root, file), text);
        };
        write('src/a.ts', "import { x } from '../emulator/core/ids';\n");
        write('preview/b.ts', "export { y } from '../e2e/browser';\n");
        write('e2e/c.ts', "const s = await import('../preview/server');\n");
        write('emulator/d.js', "const t = require('../test/helpers');\n");
        write('shared/e.ts', "import '../preview/paths';\n");
        write('src/f.ts', "import { g } from 'scripts/emulator/server';\n");
        write('plugin/g.ts', "import '../conformance/run';\n");
        write('src/access/h.ts', "import '../credentials/status';\n");
        write('src/cycle/one.ts', "import './two';\n");
        write('src/cycle/two.ts', "import './three';\n");
        write('src/cycle/three.ts', "import type { X } from './one';\n");
        write(
            'preview/ok.ts',
            "import { z } from '../shared/paths';\nimport './local';\nimport 'lwc';\n"
        );
        write(
            'demo/ok.ts',
            "import '../preview/server';\nimport '../emulator';\n"
        );
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    test('finds each kind of import that crosses a forbidden line, and only those', () => {
        expect(violations(root)).toEqual([
            'e2e/c.ts: ../preview/server (e2e -> preview)',
            'emulator/d.js: ../test/helpers (emulator -> test)',
            'plugin/g.ts: ../conformance/run (plugin -> conformance)',
            'preview/b.ts: ../e2e/browser (preview -> e2e)',
            'shared/e.ts: ../preview/paths (shared -> preview)',
            'src/a.ts: ../emulator/core/ids (src -> emulator)',
            'src/access/h.ts: ../credentials/status (src/access -> src/credentials)',
            'src/f.ts: scripts/emulator/server (src -> emulator, non-relative)'
        ]);
    });

    test('finds an import cycle, type-only imports included', () => {
        expect(cycles(root, ['src'])).toEqual([
            'src/cycle/one.ts <-> src/cycle/three.ts <-> src/cycle/two.ts'
        ]);
    });
});
