import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCommand } from '../support/run-command';
import { REPO_ROOT, startScriptHarness, type ScriptHarness } from './harness';

const exec = promisify(execFile);

interface Outcome {
    code: number;
    stdout: string;
    stderr: string;
}

// The end-to-end runs start tsx (a couple of seconds each on these machines): one per command; the
// other checks run the same command modules in-process (runCommand).
jest.setTimeout(60000);

describe('the commands from the command line (sf conventions)', () => {
    let h: ScriptHarness;
    let env: NodeJS.ProcessEnv;
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'cpk-cli-'));

    async function cli(
        command: string,
        args: string[],
        extraEnv: NodeJS.ProcessEnv = {}
    ): Promise<Outcome> {
        return exec(
            process.execPath,
            [
                require.resolve('tsx/cli'),
                'scripts/plugin/bin/run.ts',
                command,
                ...args
            ],
            {
                cwd: REPO_ROOT,
                env: { ...env, ...extraEnv }
            }
        ).then(
            ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
            (error: Outcome) => error
        );
    }

    beforeAll(async () => {
        h = await startScriptHarness();
        // A HOME of its own: no sf CLI auth store, whatever the machine has.
        env = {
            ...process.env,
            HOME: tmp,
            SF_INSTANCE_URL: h.emulator.url,
            SF_ACCESS_TOKEN: h.emulator.accessToken
        };
    });
    afterAll(async () => {
        await h.close();
    });

    it('provision --json, run as the README writes it (npm run --silent), prints one JSON document and never the token', async () => {
        const dry = await exec(
            'npm',
            ['run', '--silent', 'provision', '--', '--dry-run', '--json'],
            { cwd: REPO_ROOT, env }
        ).then(
            ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
            (error: Outcome) => error
        );
        expect(dry.code).toBe(0);
        const document = JSON.parse(dry.stdout) as {
            status: number;
            result: { plan: { steps: unknown[] }; applied: boolean };
        };
        expect(document.status).toBe(0);
        expect(document.result.plan.steps).toHaveLength(3);
        expect(document.result.applied).toBe(false);
        expect(dry.stdout + dry.stderr).not.toContain(h.emulator.accessToken);
    });

    it('provision applies the plan, then has nothing to do in 1 API call (in-process)', async () => {
        const orgEnv = {
            SF_INSTANCE_URL: h.emulator.url,
            SF_ACCESS_TOKEN: h.emulator.accessToken
        };
        const applied = await runCommand('provision', [], orgEnv);
        expect(applied.code).toBe(0);
        expect(applied.stdout).toMatch(
            /create-user[\s\S]*assign-permission-set-group[\s\S]*Applied 3 step\(s\)/
        );
        const again = await runCommand('provision', [], orgEnv);
        expect(again.stdout).toMatch(/Nothing to do[\s\S]*\n1 API call/);
        const json = await runCommand('provision', ['--json'], orgEnv);
        expect(json.json()).toMatchObject({
            status: 0,
            result: { applied: false, apiCalls: 1, reconciled: [] }
        });
        expect(applied.stdout + again.stdout + json.stdout).not.toContain(
            h.emulator.accessToken
        );
    });

    const verify = (argv: string[]) =>
        runCommand('verify', argv, {
            SF_INSTANCE_URL: h.emulator.url,
            SF_ACCESS_TOKEN: h.emulator.accessToken
        });

    it('verify --junit to a path it cannot write: one error naming the flag, and the report still printed (issue 20, item 12)', async () => {
        const blocker = path.join(tmp, 'a-file');
        writeFileSync(blocker, 'not a folder');
        const junit = path.join(blocker, 'verify.xml');
        const result = await verify([
            '--contract',
            'config/access/case-portal.json',
            '--junit',
            junit
        ]);
        expect(result.code).toBe(1);
        expect(result.stderr.trim()).toContain(
            `Error (ReportFile): --junit ${junit}: cannot write the file (a part of the path is a file, not a folder). The report is printed in full; pass --junit a writable path.`
        );
        expect(result.stdout).toMatch(/\d+ passed, \d+ warned, 0 failed/);
    });

    it('verify passes the provisioned user, writes JUnit into a folder it creates, and exits 1 for a user that fails', async () => {
        const junit = path.join(tmp, 'not', 'yet', 'verify.xml');
        const ok = await verify([
            '--contract',
            'config/access/case-portal.json',
            '--junit',
            junit
        ]);
        expect(ok.code).toBe(0);
        // Warnings: credential readiness (no OAuth grant, no login yet in the emulator).
        expect(ok.stdout).toMatch(/\d+ passed, \d+ warned, 0 failed/);
        const xml = readFileSync(junit, 'utf8');
        expect(xml).toMatch(/<testsuites tests="\d+" failures="0"/);
        expect(xml).toContain('name="objects.Case.require.edit"');

        const admin = String(
            h.emulator.org
                .rows('User')
                .find((u) => String(u.Username).startsWith('admin'))?.Username
        );
        const bad = await verify([
            '--user',
            admin,
            '--contract',
            'config/access/generic-integration-user.json',
            '--json'
        ]);
        expect(bad.code).toBe(1);
        const document = JSON.parse(bad.stdout) as {
            status: number;
            result: { summary: { fail: number } };
        };
        expect(document.status).toBe(1);
        expect(document.result.summary.fail).toBeGreaterThan(0);
    });

    it('names the file and the path of a malformed contract', async () => {
        const file = path.join(tmp, 'broken.json');
        writeFileSync(
            file,
            JSON.stringify({
                name: 'broken',
                description: 'x',
                objects: { Case: { require: ['write'] } }
            })
        );
        const outcome = await verify(['--contract', file]);
        expect(outcome.code).toBe(1);
        expect(outcome.stderr).toMatch(
            /broken.json: objects.Case.require\[0\]: Invalid option/
        );
    });

    it('says how to connect when there is no org, and names an unknown alias (verify through tsx, end to end)', async () => {
        const none = await runCommand('provision', ['--dry-run'], {
            SF_INSTANCE_URL: '',
            SF_ACCESS_TOKEN: ''
        });
        expect(none.code).toBe(1);
        expect(none.stderr).toMatch(/No org: pass --target-org\/-o <alias>/);
        const unknown = await cli('verify', [
            '-o',
            'no-such-alias',
            '--contract',
            'config/access/case-portal.json',
            '--json'
        ]);
        expect(unknown.code).toBe(1);
        expect(JSON.parse(unknown.stdout)).toMatchObject({
            status: 1,
            message: expect.stringMatching(/No authorized org "no-such-alias"/)
        });
    });
});
