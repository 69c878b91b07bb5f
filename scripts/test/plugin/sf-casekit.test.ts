import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCommand } from '../support/run-command';
import {
    REPO_ROOT,
    startScriptHarness,
    type ScriptHarness
} from '../scripts/harness';

const exec = promisify(execFile);
const SF = path.join(REPO_ROOT, 'node_modules/.bin/sf');

// End to end through the pinned sf CLI itself: `sf plugins link` (what `npm run plugin:link`
// runs), then one run per command as an admin types it. sf takes ~3 s to start, so each command
// runs once here; everything else runs the same classes in-process (run-command.ts).
jest.setTimeout(600000);

interface Envelope {
    status: number;
    result?: unknown;
    name?: string;
    message?: string;
    exitCode?: number;
    actions?: string[];
    commandName?: string;
    warnings?: string[];
}

describe('sf casekit (the plugin linked into the pinned sf CLI)', () => {
    let h: ScriptHarness;
    let home: string;
    let env: NodeJS.ProcessEnv;

    const sf = async (
        args: string[]
    ): Promise<{ code: number; stdout: string; stderr: string }> =>
        exec(process.execPath, [SF, ...args], { cwd: REPO_ROOT, env }).then(
            ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
            (error: { code: number; stdout: string; stderr: string }) => error
        );
    const sfJson = async (
        args: string[]
    ): Promise<{ code: number; document: Envelope }> => {
        const { code, stdout } = await sf([...args, '--json']);
        return { code, document: JSON.parse(stdout) as Envelope };
    };

    beforeAll(async () => {
        h = await startScriptHarness();
        home = mkdtempSync(path.join(os.tmpdir(), 'cpk-casekit-home-'));
        const orgId = String(h.emulator.org.rows('Organization')[0]?.Id);
        // A HOME of its own: the CLI's plugins, auth store and config stay in the temp folder.
        env = {
            ...process.env,
            HOME: home,
            SF_ACCESS_TOKEN: `${orgId}!${h.emulator.accessToken}`,
            SF_INSTANCE_URL: '',
            SF_DISABLE_TELEMETRY: 'true',
            SF_DISABLE_AUTOUPDATE: 'true',
            SF_AUTOUPDATE_DISABLE: 'true',
            SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
            SF_DISABLE_LOG_FILE: 'true'
        };
        delete env.SF_INSTANCE_URL;
        const linked = await sf([
            'plugins',
            'link',
            'scripts/plugin',
            '--no-install'
        ]);
        expect(linked.code).toBe(0);
        const login = await sfJson([
            'org',
            'login',
            'access-token',
            '--instance-url',
            h.emulator.url,
            '--no-prompt',
            '--alias',
            'emu'
        ]);
        expect(login.document.status).toBe(0);
        const config = await sfJson([
            'config',
            'set',
            'target-org',
            'emu',
            '--global'
        ]);
        expect(config.document.status).toBe(0);
    });
    afterAll(async () => {
        await h.close();
        rmSync(home, { recursive: true, force: true });
    });

    /** The same command in-process, as `npm run <script>` runs it, on SF_INSTANCE_URL + token. */
    const npmScript = (command: string, argv: string[]) =>
        runCommand(command, argv, {
            SF_INSTANCE_URL: h.emulator.url,
            SF_ACCESS_TOKEN: h.emulator.accessToken
        });

    it('lists every command under `sf casekit --help`', async () => {
        const { code, stdout } = await sf(['casekit', '--help']);
        expect(code).toBe(0);
        for (const command of [
            'casekit assign',
            'casekit provision',
            'casekit verify',
            'casekit credentials',
            'casekit eca',
            'casekit scratch',
            'casekit validate'
        ]) {
            expect(stdout).toContain(command);
        }
    });

    it('provision and verify on the default org (sf config set target-org) give the same result as the npm scripts', async () => {
        // Applied once through the npm script shape, then both see "nothing to do".
        const applied = await npmScript('provision', ['--json']);
        expect(applied.code).toBe(0);
        const viaScript = await npmScript('provision', ['--json']);
        const viaSf = await sfJson(['casekit', 'provision', '--json']);
        expect(viaSf.code).toBe(0);
        expect(viaSf.document.status).toBe(0);
        expect(viaSf.document.result).toEqual(
            viaScript.json<Envelope>().result
        );

        const contract = ['--contract', 'config/access/case-portal.json'];
        const verifyScript = await npmScript('verify', [...contract, '--json']);
        const verifySf = await sfJson(['casekit', 'verify', ...contract]);
        expect(verifySf.code).toBe(verifyScript.code);
        expect(verifySf.document.result).toEqual(
            verifyScript.json<Envelope>().result
        );
        expect(verifySf.document.result).toMatchObject({
            summary: { fail: 0 }
        });
    });

    it('answers a bad flag with a named error, its actions and exit 1', async () => {
        const { code, document } = await sfJson([
            'casekit',
            'verify',
            '--contract',
            'config/access/case-portal.json',
            '--bogus'
        ]);
        expect(code).toBe(1);
        expect(document).toMatchObject({
            status: 1,
            name: 'BadArgument',
            exitCode: 1,
            commandName: 'Verify',
            message: expect.stringContaining('Nonexistent flag: --bogus'),
            actions: [expect.stringContaining('sf casekit verify --help')]
        });
    });

    it('assign, credentials, eca global-oauth, validate and scratch validate run through sf', async () => {
        const assign = await sfJson([
            'casekit',
            'assign',
            '--permission-set',
            'Case_Portal_User',
            '--users',
            h.definition.Username,
            '--dry-run'
        ]);
        expect(assign).toMatchObject({
            code: 0,
            document: { status: 0, result: { users: 1, planned: 1 } }
        });

        const status = await sfJson(['casekit', 'credentials', 'status']);
        expect(status.document.result).toMatchObject({ action: 'status' });

        const out = mkdtempSync(path.join(os.tmpdir(), 'cpk-casekit-eca-'));
        const eca = await sfJson([
            'casekit',
            'eca',
            'global-oauth',
            '--callback-url',
            'https://community.example.com/cb',
            '--output-dir',
            out
        ]);
        expect(eca).toMatchObject({ code: 0, document: { status: 0 } });
        rmSync(out, { recursive: true, force: true });

        const fixture = path.join(
            REPO_ROOT,
            'scripts/test/fixtures/clean-project'
        );
        const metadata = await sfJson([
            'casekit',
            'validate',
            'metadata',
            '--project-dir',
            fixture
        ]);
        expect(metadata).toMatchObject({
            code: 0,
            document: { status: 0, result: { findings: [] } }
        });
        const apex = await sfJson([
            'casekit',
            'validate',
            'apex',
            '--project-dir',
            fixture,
            '--no-policy'
        ]);
        expect(apex.document.status).toBe(apex.code);

        const coverage = await sfJson([
            'casekit',
            'scratch',
            'validate',
            '--check-coverage',
            path.join(
                REPO_ROOT,
                'scripts/test/scratch/fixtures/sf/apex-tests-93.json'
            )
        ]);
        expect(coverage).toMatchObject({
            code: 0,
            document: { status: 0, result: { ok: true, minimum: 90 } }
        });
    });
});
