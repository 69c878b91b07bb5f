// An emulator with the integration user provisioned, the credentials command run in-process
// against it, and everything it printed captured.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/commands/credentials';
import { execute } from '../../src/lib/cli';
import { provision } from '../../src/provision/provision';
import { startScriptHarness, type ScriptHarness } from '../scripts/harness';

export interface CredentialsHarness extends ScriptHarness {
    /** The provisioned integration user. */
    userId: string;
    username: string;
    /** A temporary folder for secret files. */
    dir: string;
    /** Runs `credentials <argv>` in-process; all output captured. */
    cli: (argv: string[]) => Promise<CliRun>;
    /** Every byte the command printed in this test file so far (stdout and stderr). */
    printed: () => string;
    teardown: () => Promise<void>;
}

export interface CliRun {
    code: number;
    stdout: string;
    stderr: string;
    /** stdout parsed as JSON, when it is. */
    json: <T = Record<string, unknown>>() => T;
}

/** Runs `credentials <argv>` in-process with stdout and stderr captured. */
export async function runCaptured(argv: string[]): Promise<CliRun> {
    let stdout = '';
    let stderr = '';
    const out = jest
        .spyOn(process.stdout, 'write')
        .mockImplementation((chunk) => {
            stdout += String(chunk);
            return true;
        });
    const err = jest
        .spyOn(process.stderr, 'write')
        .mockImplementation((chunk) => {
            stderr += String(chunk);
            return true;
        });
    let code: number;
    try {
        code = await execute(run, argv);
    } finally {
        out.mockRestore();
        err.mockRestore();
    }
    return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

export async function startCredentialsHarness(): Promise<CredentialsHarness> {
    const h = await startScriptHarness();
    const result = await provision(h.client(), h.definition, {
        dryRun: false,
        uniqueUsername: false
    });
    if (!result.applied) {
        throw new Error('provision did not apply');
    }
    const user = h.emulator.org.first(
        'User',
        (row) => row.Username === h.definition.Username
    );
    const saved = {
        url: process.env.SF_INSTANCE_URL,
        token: process.env.SF_ACCESS_TOKEN
    };
    process.env.SF_INSTANCE_URL = h.emulator.url;
    process.env.SF_ACCESS_TOKEN = h.emulator.accessToken;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'credentials-'));
    let everything = '';
    const cli = async (argv: string[]): Promise<CliRun> => {
        const result = await runCaptured(argv);
        everything += result.stdout + result.stderr;
        return result;
    };
    return {
        ...h,
        userId: String(user?.Id),
        username: h.definition.Username,
        dir,
        cli,
        printed: () => everything,
        teardown: async () => {
            process.env.SF_INSTANCE_URL = saved.url;
            process.env.SF_ACCESS_TOKEN = saved.token;
            rmSync(dir, { recursive: true, force: true });
            await h.close();
        }
    };
}
