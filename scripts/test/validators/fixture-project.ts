import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * A throw-away copy of the clean fixture project with a broken case laid over it
 * (`fixtures/broken/<name>/` mirrors the project's paths) and extra files written from code.
 */
export function fixtureProject(
    brokenCase?: string,
    extraFiles: Record<string, string> = {}
) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cpk-fixture-'));
    cpSync(path.join(FIXTURES, 'clean-project'), dir, { recursive: true });
    if (brokenCase) {
        cpSync(path.join(FIXTURES, 'broken', brokenCase), dir, {
            recursive: true
        });
    }
    for (const [file, text] of Object.entries(extraFiles)) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
    }
    return {
        dir,
        cleanup: () => rmSync(dir, { recursive: true, force: true })
    };
}
