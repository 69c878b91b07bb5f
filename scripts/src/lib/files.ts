import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ForceIgnore } from '@salesforce/source-deploy-retrieve';

/** Every file below `dir` that a deploy would consider (`.forceignore` applied), sorted. */
export function listSourceFiles(projectRoot: string, dir: string): string[] {
    const forceIgnore = ForceIgnore.findAndCreate(projectRoot);
    const files: string[] = [];
    const walk = (current: string): void => {
        for (const entry of readdirSync(current, { withFileTypes: true })) {
            const full = path.join(current, entry.name);
            if (entry.name === 'node_modules' || forceIgnore.denies(full)) {
                continue;
            }
            if (entry.isDirectory()) {
                walk(full);
            } else if (entry.isFile()) {
                files.push(full);
            }
        }
    };
    walk(dir);
    return files.sort();
}
