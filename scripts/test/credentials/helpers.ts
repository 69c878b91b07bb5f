// An emulator with the integration user provisioned, the credentials command run in-process
// against it, and everything it printed captured.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
    startProvisionedHarness,
    type ProvisionedHarness
} from '../scripts/harness';
import { runCommand, type CommandRun } from '../support/run-command';

export interface CredentialsHarness extends ProvisionedHarness {
    /** A temporary folder for secret files. */
    dir: string;
    /** Runs `credentials <argv>` in-process; all output captured. */
    cli: (argv: string[]) => Promise<CliRun>;
    /** Every byte the command printed in this test file so far (stdout and stderr). */
    printed: () => string;
    teardown: () => Promise<void>;
}

export type CliRun = CommandRun;

/** Runs `credentials <argv>` in-process with stdout and stderr captured. */
export function runCaptured(argv: string[]): Promise<CliRun> {
    return runCommand('credentials', argv);
}

export async function startCredentialsHarness(): Promise<CredentialsHarness> {
    const h = await startProvisionedHarness();
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
