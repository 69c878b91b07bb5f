import { eachLine, exited, spawnTsx } from '../shared/tsx-process';

/**
 * The portal preview as a user starts it, in a child process (`tsx scripts/preview/cli.ts`):
 * the browser tests drive it over HTTP like any client and import none of its modules.
 */

export interface PreviewProcess {
    url: string;
    close(): Promise<void>;
}

/** Starts `npm run preview -- --port 0` and resolves with its URL once it listens. */
export function startPreviewProcess(
    timeoutMs = 60000
): Promise<PreviewProcess> {
    const child = spawnTsx('scripts/preview/cli.ts', ['--port', '0']);
    const output: string[] = [];
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill('SIGTERM');
            reject(
                new Error(
                    `the preview did not start in ${timeoutMs} ms:\n${output.join('\n')}`
                )
            );
        }, timeoutMs);
        const fail = (code: number | null) => {
            clearTimeout(timer);
            reject(
                new Error(`the preview exited (${code}):\n${output.join('\n')}`)
            );
        };
        child.once('exit', fail);
        eachLine(child, (line) => {
            output.push(line);
            const match = /^Portal preview: (http\S+)/.exec(line);
            if (match?.[1]) {
                clearTimeout(timer);
                child.off('exit', fail);
                resolve({
                    url: match[1],
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
    write: (line: string) => void
): Promise<void> {
    const child = spawnTsx('scripts/preview/build-cli.ts');
    eachLine(child, write);
    const code = await exited(child);
    if (code !== 0) {
        throw new Error(`building the preview failed (exit ${code})`);
    }
}
