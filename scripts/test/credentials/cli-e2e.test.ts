// The one end-to-end run of `npm run credentials` as a process (tsx), against the emulator.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { provision } from '../../src/provision/provision';
import {
    REPO_ROOT,
    startScriptHarness,
    type ScriptHarness
} from '../scripts/harness';

const exec = promisify(execFile);
jest.setTimeout(60000);

describe('credentials from the command line', () => {
    let h: ScriptHarness;
    let home: string;
    beforeAll(async () => {
        h = await startScriptHarness();
        await provision(h.client(), h.definition, {
            dryRun: false,
            uniqueUsername: false
        });
        home = mkdtempSync(path.join(os.tmpdir(), 'credentials-cli-'));
    });
    afterAll(async () => {
        rmSync(home, { recursive: true, force: true });
        await h.close();
    });

    it('set-password --json: exit 0, one JSON document, the password only in the 0600 file', async () => {
        const out = path.join(home, 'api.password');
        const { stdout, stderr } = await exec(
            process.execPath,
            [
                require.resolve('tsx/cli'),
                'scripts/plugin/bin/run.ts',
                'credentials',
                'set-password',
                '--out',
                out,
                '--json'
            ],
            {
                cwd: REPO_ROOT,
                env: {
                    ...process.env,
                    HOME: home,
                    SF_INSTANCE_URL: h.emulator.url,
                    SF_ACCESS_TOKEN: h.emulator.accessToken
                }
            }
        );
        const document = JSON.parse(stdout) as {
            status: number;
            result: { status: string; username: string };
        };
        expect(document.status).toBe(0);
        expect(document.result).toMatchObject({
            status: 'done',
            username: h.definition.Username
        });
        const password = readFileSync(out, 'utf8').trim();
        expect(statSync(out).mode & 0o777).toBe(0o600);
        const user = h.emulator.org.first(
            'User',
            (row) => row.Username === h.definition.Username
        );
        expect(h.emulator.org.passwords.get(String(user?.Id))?.value).toBe(
            password
        );
        expect(stdout + stderr).not.toContain(password);
        expect(stdout + stderr).not.toContain(h.emulator.accessToken);
    });
});
