// The project facts the emulator needs: the repo root and the API versions it serves
// (31.0 up to sfdx-project.json's sourceApiVersion).

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * REST API Developer Guide, "API End-of-Life Policy": versions 31.0 and later are supported;
 * 7.0 through 30.0 are retired ("REST API returns the 410:GONE error code").
 */
export const OLDEST_VERSION = 31;

/** The folder holding sfdx-project.json, searched upwards from this file. */
export function repoRoot(start: string = __dirname): string {
    let dir = path.resolve(start);
    while (!existsSync(path.join(dir, 'sfdx-project.json'))) {
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error('sfdx-project.json not found above the emulator');
        }
        dir = parent;
    }
    return dir;
}

export function sourceApiVersion(root: string): string {
    const file = path.join(root, 'sfdx-project.json');
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
        sourceApiVersion?: unknown;
    };
    const version = parsed.sourceApiVersion;
    if (typeof version !== 'string' || !/^\d{2,3}\.0$/.test(version)) {
        throw new Error(`${file}: sourceApiVersion must look like "66.0"`);
    }
    return version;
}

export function supportedVersions(latest: string): string[] {
    const versions: string[] = [];
    for (let major = OLDEST_VERSION; major <= Number(latest); major++) {
        versions.push(`${major}.0`);
    }
    return versions;
}
