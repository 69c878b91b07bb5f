import { existsSync } from 'node:fs';
import { buildPreview } from '../preview/build';
import { chromiumPath } from './browser';

/** Builds the production preview once for every test file (reused when nothing changed). */
export default async function globalSetup(): Promise<void> {
    const executable = chromiumPath();
    if (!existsSync(executable)) {
        throw new Error(
            `Chromium not found at ${executable}: apt-get install -y chromium (or set CHROMIUM_PATH)`
        );
    }
    const result = await buildPreview({
        mode: 'production',
        log: (line) => process.stdout.write(`\n${line}\n`)
    });
    if (result.built) {
        process.stdout.write(`Built in ${(result.ms / 1000).toFixed(1)} s\n`);
    }
}
