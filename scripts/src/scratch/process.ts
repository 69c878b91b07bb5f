import { spawn } from 'node:child_process';

/** How to start an executable: `command ...prefix ...args`. */
export interface Executable {
    command: string;
    /** Arguments before the step's own (e.g. a script path when the command is node). */
    prefix?: readonly string[];
}

export interface ProcessResult {
    /** Exit code; null when killed by a signal. */
    code: number | null;
    stdout: string;
    stderr: string;
    /** Set when the process could not start (ENOENT, EACCES). */
    spawnError?: string;
}

/** Runs a command to completion, capturing its output (never inheriting it: it may hold tokens). */
export function runProcess(
    executable: Executable,
    args: readonly string[],
    options: { cwd: string; env: NodeJS.ProcessEnv }
): Promise<ProcessResult> {
    return new Promise((resolve) => {
        const child = spawn(
            executable.command,
            [...(executable.prefix ?? []), ...args],
            {
                cwd: options.cwd,
                env: options.env,
                stdio: ['ignore', 'pipe', 'pipe']
            }
        );
        const stdout: Buffer[] = [];
        const stderr: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
        let settled = false;
        const finish = (code: number | null, spawnError?: string): void => {
            if (settled) {
                return;
            }
            settled = true;
            resolve({
                code,
                stdout: Buffer.concat(stdout).toString('utf8'),
                stderr: Buffer.concat(stderr).toString('utf8'),
                ...(spawnError === undefined ? {} : { spawnError })
            });
        };
        child.on('error', (error) => finish(null, error.message));
        child.on('close', (code) => finish(code));
    });
}
