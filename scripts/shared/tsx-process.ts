import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './paths';

/** A TypeScript script of this repository in a child process, as `npm run` starts it (tsx). */

const TSX_CLI = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

export function spawnTsx(
    script: string,
    args: readonly string[] = []
): ChildProcess {
    return spawn(
        process.execPath,
        [TSX_CLI, path.join(ROOT, script), ...args],
        {
            cwd: ROOT,
            stdio: ['ignore', 'pipe', 'pipe']
        }
    );
}

/** Resolves with the exit code once the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
    return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
            resolve(child.exitCode);
            return;
        }
        child.once('exit', (code) => resolve(code));
    });
}

/** Calls `line` for each complete line the child writes to stdout or stderr. */
export function eachLine(
    child: ChildProcess,
    line: (text: string) => void
): void {
    for (const stream of [child.stdout, child.stderr]) {
        let pending = '';
        stream?.on('data', (data: Buffer) => {
            pending += data.toString();
            const lines = pending.split('\n');
            pending = lines.pop() ?? '';
            lines.forEach(line);
        });
        stream?.on('end', () => {
            if (pending) {
                line(pending);
                pending = '';
            }
        });
    }
}
