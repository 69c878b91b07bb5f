// Secret files: created with mode 0600 in a 0700 folder, never printed. `.secrets/` is
// gitignored; a path elsewhere gets a warning.

import {
    chmodSync,
    closeSync,
    existsSync,
    fchmodSync,
    mkdirSync,
    openSync,
    renameSync,
    statSync,
    unlinkSync,
    writeSync
} from 'node:fs';
import path from 'node:path';

export const SECRET_MODE = 0o600;

/** `.secrets/<parts...>` below the project root. */
export function secretPath(projectRoot: string, ...parts: string[]): string {
    return path.join(projectRoot, '.secrets', ...parts);
}

/** File names built from a username or app name: safe characters only. */
export function safeName(value: string): string {
    return value.replace(/[^A-Za-z0-9@._-]/g, '_');
}

/** Writes `content` to `file` with mode 0600 (also when the file existed with a wider mode). */
export function writeSecretFile(
    file: string,
    content: string,
    encoding: BufferEncoding = 'utf8'
): void {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fd = openSync(file, 'w', SECRET_MODE);
    try {
        fchmodSync(fd, SECRET_MODE);
        writeSync(fd, content, null, encoding);
    } finally {
        closeSync(fd);
    }
}

export function moveSecretFile(from: string, to: string): void {
    renameSync(from, to);
    chmodSync(to, SECRET_MODE);
}

export function removeIfPresent(file: string): void {
    if (existsSync(file)) {
        unlinkSync(file);
    }
}

/** The file's permission bits, e.g. 0o600. */
export function modeOf(file: string): number {
    return statSync(file).mode & 0o777;
}

/** A warning when a secret file lands inside the project but outside the gitignored .secrets/. */
export function placementWarning(
    projectRoot: string,
    file: string
): string | undefined {
    const relative = path.relative(projectRoot, path.resolve(file));
    const inside = !relative.startsWith('..') && !path.isAbsolute(relative);
    if (inside && !relative.startsWith(`.secrets${path.sep}`)) {
        return `${relative} is inside the project but outside .secrets/ (gitignored): make sure it is never committed`;
    }
    return undefined;
}
