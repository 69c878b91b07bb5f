import { existsSync } from 'node:fs';
import { chromiumPath } from '../shared/chromium';
import { buildPreviewProcess } from './preview-process';

/** Builds the production preview once for every test file (reused when nothing changed). */
export default async function globalSetup(): Promise<void> {
    const executable = chromiumPath();
    if (!existsSync(executable)) {
        throw new Error(
            `Chromium not found at ${executable}: apt-get install -y chromium (or set CHROMIUM_PATH)`
        );
    }
    process.stdout.write('\n');
    await buildPreviewProcess((line) => process.stdout.write(`${line}\n`));
}
