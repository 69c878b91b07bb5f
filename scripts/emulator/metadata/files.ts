// Finds source-format metadata files under the package directories.

import { readdirSync } from 'node:fs';
import path from 'node:path';

export function walk(dir: string): string[] {
    let entries;
    try {
        entries = readdirSync(dir, { withFileTypes: true });
    } catch {
        return [];
    }
    return entries.flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return entry.name === 'node_modules' || entry.name.startsWith('.')
                ? []
                : walk(full);
        }
        return [full];
    });
}

/** The component name of a file: "Case_Portal_User.permissionset-meta.xml" -> "Case_Portal_User". */
export function componentName(file: string, suffix: string): string {
    return path.basename(file).slice(0, -suffix.length);
}

export function withSuffix(files: string[], suffix: string): string[] {
    return files.filter((file) => file.endsWith(suffix)).sort();
}
