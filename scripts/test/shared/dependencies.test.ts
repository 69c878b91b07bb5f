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
    src: ['preview', 'e2e', 'emulator', 'test', 'demo', 'bench'],
    preview: ['e2e', 'emulator', 'test', 'demo', 'bench'],
    e2e: ['preview', 'emulator', 'test', 'demo', 'bench'],
    emulator: ['preview', 'e2e', 'test', 'demo', 'bench'],
    shared: ['src', 'preview', 'e2e', 'emulator', 'test', 'demo', 'bench']
};

function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return entry.name === 'node_modules' ? [] : sourceFiles(full);
        }
        return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
    });
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
            // Static imports and re-exports, import(), require(): TypeScript's own pre-parser.
            const { importedFiles } = ts.preProcessFile(
                readFileSync(file, 'utf8'),
                true,
                true
            );
            for (const { fileName: specifier } of importedFiles) {
                if (!specifier.startsWith('.')) {
                    continue;
                }
                const target = path.relative(
                    scripts,
                    path.resolve(path.dirname(file), specifier)
                );
                const targetArea = target.split(path.sep)[0] ?? '';
                if (
                    !target.startsWith('..') &&
                    forbidden.includes(targetArea)
                ) {
                    found.push(
                        `${path.relative(scripts, file)}: ${specifier} (${area} -> ${targetArea})`
                    );
                }
            }
        }
    }
    return found.sort();
}

test('no import runs from scripts/src to a stand-in or a test, or between preview, e2e and the emulator', () => {
    expect(violations(SCRIPTS)).toEqual([]);
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
            'preview/b.ts: ../e2e/browser (preview -> e2e)',
            'shared/e.ts: ../preview/paths (shared -> preview)',
            'src/a.ts: ../emulator/core/ids (src -> emulator)'
        ]);
    });
});
