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

/** Pieces of metadata source the fixture tests write from code. */
export const XML = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
export const DEFAULT = 'force-app/main/default';

/** A label file with one label, Greeting ("Hello"), that the reference tests use. */
export const GREETING_LABEL = {
    [`${DEFAULT}/labels/CustomLabels.labels-meta.xml`]: `${XML}<CustomLabels ${NS}>
    <labels>
        <fullName>Greeting</fullName>
        <language>en_US</language>
        <protected>false</protected>
        <shortDescription>Greeting</shortDescription>
        <value>Hello</value>
    </labels>
</CustomLabels>
`
};
