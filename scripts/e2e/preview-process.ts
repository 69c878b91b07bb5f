import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../shared/paths';

/**
 * The portal preview as a user starts it, in a child process (`tsx scripts/preview/cli.ts`):
 * the browser tests drive it over HTTP like any client and import none of its modules.
 */

const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const PREVIEW_CLI = path.join(ROOT, 'scripts/preview/cli.ts');
const BUILD_CLI = path.join(ROOT, 'scripts/preview/build-cli.ts');

export interface PreviewProcess {
    url: string;
    close(): Promise<void>;
}

function exited(child: ChildProcess): Promise<number | null> {
    return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
            resolve(child.exitCode);
            return;
        }
        child.once('exit', (code) => resolve(code));
    });
}

/** Starts `npm run preview -- --port 0` and resolves with its URL once it listens. */
export function startPreviewProcess(
    timeoutMs = 60000
): Promise<PreviewProcess> {
    const child = spawn(
        process.execPath,
        [TSX_CLI, PREVIEW_CLI, '--port', '0'],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    let output = '';
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill('SIGTERM');
            reject(
                new Error(
                    `the preview did not start in ${timeoutMs} ms:\n${output}`
                )
            );
        }, timeoutMs);
        const fail = (code: number | null) => {
            clearTimeout(timer);
            reject(new Error(`the preview exited (${code}):\n${output}`));
        };
        child.once('exit', fail);
        child.stderr?.on('data', (data: Buffer) => {
            output += data.toString();
        });
        child.stdout?.on('data', (data: Buffer) => {
            output += data.toString();
            const match = /Portal preview: (http\S+)/.exec(output);
            if (match?.[1]) {
                clearTimeout(timer);
                child.off('exit', fail);
                const url = match[1];
                resolve({
                    url,
                    async close() {
                        const done = exited(child);
                        child.kill('SIGTERM');
                        await done;
                    }
                });
            }
        });
    });
}

/** `tsx scripts/preview/build-cli.ts`: builds the production portal (reused when up to date). */
export async function buildPreviewProcess(
    write: (text: string) => void
): Promise<void> {
    const child = spawn(process.execPath, [TSX_CLI, BUILD_CLI], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe']
    });
    child.stdout?.on('data', (data: Buffer) => write(data.toString()));
    child.stderr?.on('data', (data: Buffer) => write(data.toString()));
    const code = await exited(child);
    if (code !== 0) {
        throw new Error(`building the preview failed (exit ${code})`);
    }
}
