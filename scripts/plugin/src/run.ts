// Runs `sf casekit <command> ...` in this process through oclif, exactly as the sf CLI runs the
// linked plugin: the npm scripts (bin/run.ts) and the tests (runInProcess) use it, so there is one
// implementation and one output contract.
import { fileURLToPath } from 'node:url';
import { Config, run } from '@oclif/core';

/** The plugin's root: its package.json (oclif section) and messages/. */
export const PLUGIN_ROOT = fileURLToPath(new URL('..', import.meta.url));

let config: Promise<Config> | undefined;

/**
 * Loads oclif's configuration and every command class, with `env` set for the rest of the process
 * (the tests do it before their timeouts, with no sf log file).
 */
export async function preload(env: Record<string, string> = {}): Promise<void> {
    Object.assign(process.env, env);
    config ??= Config.load(PLUGIN_ROOT);
    await config;
}

/** Runs one casekit command: `argv` is what follows `sf casekit`, e.g. `['verify', '--json']`. */
export async function runCasekit(argv: string[]): Promise<void> {
    config ??= Config.load(PLUGIN_ROOT);
    const loaded = await config;
    try {
        await run(['casekit', ...argv], loaded);
    } finally {
        // Showing help leaves the loaded configuration unable to find commands on the next run in
        // the same process ("command casekit:verify not found"): load it afresh after a help run.
        if (argv.some((word) => word === '--help' || word === '-h')) {
            config = undefined;
        }
    }
}

export interface InProcessRun {
    code: number;
    stdout: string;
    stderr: string;
}

function exitCodeOf(error: unknown): number {
    const oclif = (error as { oclif?: { exit?: unknown } }).oclif;
    if (typeof oclif?.exit === 'number') {
        return oclif.exit;
    }
    const exitCode = (error as { exitCode?: unknown }).exitCode;
    return typeof exitCode === 'number' ? exitCode : 1;
}

/**
 * Runs a casekit command with stdout and stderr captured and the environment replaced for the run
 * (`env` is the whole environment the command sees), then returns its exit code: what
 * `sf casekit ...` would have printed and exited with.
 */
export async function runInProcess(
    argv: string[],
    env: Record<string, string | undefined>
): Promise<InProcessRun> {
    const saved = { ...process.env };
    for (const key of Object.keys(process.env)) {
        if (!(key in env)) {
            delete process.env[key];
        }
    }
    for (const [key, value] of Object.entries(env)) {
        if (value === undefined) {
            delete process.env[key];
        } else {
            process.env[key] = value;
        }
    }
    let stdout = '';
    let stderr = '';
    const writeOut = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((chunk: string | Uint8Array) => {
        stdout += String(chunk);
        return true;
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array) => {
        stderr += String(chunk);
        return true;
    }) as typeof process.stderr.write;
    process.exitCode = undefined;
    // SfCommand listens for these signals on every run and never stops (a real `sf` process ends
    // after one command); in one process running many commands they would pile up.
    const signals = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'] as const;
    const listening = new Map(
        signals.map((signal) => [signal, new Set(process.listeners(signal))])
    );
    let code: number;
    try {
        await runCasekit(argv);
        code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    } catch (error) {
        code = exitCodeOf(error);
    } finally {
        process.stdout.write = writeOut;
        process.stderr.write = writeErr;
        for (const signal of signals) {
            for (const listener of process.listeners(signal)) {
                if (!listening.get(signal)?.has(listener)) {
                    process.removeListener(signal, listener);
                }
            }
        }
        process.exitCode = undefined;
        for (const key of Object.keys(process.env)) {
            if (!(key in saved)) {
                delete process.env[key];
            }
        }
        Object.assign(process.env, saved);
    }
    return { code, stdout, stderr };
}
