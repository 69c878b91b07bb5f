import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface CommandRun {
    code: number;
    stdout: string;
    stderr: string;
    /** stdout parsed as JSON, when it is. */
    json: <T = Record<string, unknown>>() => T;
}

interface Runner {
    preload(env: Record<string, string>): Promise<void>;
    runInProcess(
        argv: string[],
        env: Record<string, string | undefined>
    ): Promise<{ code: number; stdout: string; stderr: string }>;
}

declare const __nativeImport: (specifier: string) => Promise<unknown>;

const RUNNER = path.resolve(__dirname, '../../plugin/src/run.ts');

let runner: Promise<Runner> | undefined;

/**
 * The plugin's runner, loaded once per test file through tsx by Node's own import (the command
 * classes are ESM: @salesforce/sf-plugins-core is ESM-only, which Jest's CommonJS sandbox cannot
 * load). See scripts/test/setup/native-environment.js.
 */
function loadRunner(): Promise<Runner> {
    runner ??= (
        __nativeImport('tsx/esm/api') as Promise<{
            tsImport: (specifier: string, parent: string) => Promise<Runner>;
        }>
    ).then((api) =>
        api.tsImport(pathToFileURL(RUNNER).href, pathToFileURL(__filename).href)
    );
    return runner;
}

// Loading the runner (oclif, @salesforce/core and every command class) takes seconds on a busy
// machine: once per test file, before its tests and outside their timeouts.
// No sf log file and no telemetry from tests: @salesforce/core's log file transport is a worker
// thread that would outlive the test file.
const QUIET = { SF_DISABLE_LOG_FILE: 'true', SF_DISABLE_TELEMETRY: 'true' };

beforeAll(async () => {
    await (await loadRunner()).preload(QUIET);
}, 120000);

/**
 * Runs `sf casekit <command> <argv>` in-process, exactly as the sf CLI and the npm scripts run it
 * (the same command class, the same output contract): stdout and stderr captured, the test's
 * environment plus `env` (an empty string unsets a variable), and the exit code returned.
 * `command` is the words after `sf casekit`, e.g. `'verify'` or `'credentials'` (the action is
 * then the first word of argv).
 */
export async function runCommand(
    command: string,
    argv: string[],
    env: Record<string, string> = {}
): Promise<CommandRun> {
    const merged: Record<string, string | undefined> = {
        ...QUIET,
        ...process.env
    };
    for (const [key, value] of Object.entries(env)) {
        merged[key] = value === '' ? undefined : value;
    }
    const { code, stdout, stderr } = await (
        await loadRunner()
    ).runInProcess([...command.split(' '), ...argv], merged);
    return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
