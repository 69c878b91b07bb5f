import { execFile } from 'node:child_process';
import {
    cpSync,
    mkdirSync,
    mkdtempSync,
    realpathSync,
    rmSync,
    writeFileSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { exited, spawnTsx } from '../../shared/tsx-process';
import { runCommand } from '../support/run-command';
import {
    REPO_ROOT,
    startScriptHarness,
    type ScriptHarness
} from '../scripts/harness';
import { startLocalRegistry, type LocalRegistry } from './local-registry';

const exec = promisify(execFile);
const SF = path.join(REPO_ROOT, 'node_modules/.bin/sf');
const PACKAGE = path.join(REPO_ROOT, 'dist/plugin/package');
const TARBALL = path.join(
    REPO_ROOT,
    'dist/plugin/case-portal-kit-plugin-casekit-0.1.0.tgz'
);

// `npm run plugin:pack:check` (not part of npm test: two npm installs of the plugin's ~350
// packages take minutes on a busy 2-core machine). A user without the repo: the packed plugin installed into the pinned sf CLI, offline, by the two
// routes the README gives: `sf plugins install file:<tarball>` and `sf plugins install git+<url>`.
// Its npm dependencies come from a local registry (local-registry.ts: the lockfile's packages,
// tarballs from the npm cache), named by SF_NPM_REGISTRY, the variable oclif's plugin installer
// passes to npm as --registry. Each run has its own HOME (the CLI's data dir, where plugins are
// installed) and npm cache, and runs from a project folder outside the repo, so nothing resolves
// through the repo's node_modules.
jest.setTimeout(900000);

interface Envelope {
    status: number;
    result?: unknown;
    name?: string;
}

/** The npm cache `npm ci` filled (the user's, not the temp HOME's). */
async function npmCache(): Promise<string> {
    const npmCli = process.env.npm_execpath;
    const { stdout } =
        npmCli && /npm-cli\.js$/.test(npmCli)
            ? await exec(process.execPath, [npmCli, 'config', 'get', 'cache'])
            : await exec('npm', ['config', 'get', 'cache']);
    return stdout.trim();
}

describe('the packed plugin, installed without the repo', () => {
    let h: ScriptHarness;
    let registry: LocalRegistry;
    let work: string;
    let project: string;
    let npmCacheDir: string;
    const timings: Record<string, number> = {};

    /** One HOME per install route: the sf CLI's config, data (plugins) and cache dirs. */
    const homeFor = (route: string, allowed: string): NodeJS.ProcessEnv => {
        const home = path.join(work, `home-${route}`);
        // An unsigned plugin from a URL asks "continue? y/N" unless its URL is allow-listed
        // (@salesforce/plugin-trust: ~/.config/sf/unsignedPluginAllowList.json).
        mkdirSync(path.join(home, '.config/sf'), { recursive: true });
        writeFileSync(
            path.join(home, '.config/sf/unsignedPluginAllowList.json'),
            JSON.stringify([allowed])
        );
        const env: NodeJS.ProcessEnv = {
            ...process.env,
            HOME: home,
            SF_DISABLE_AUTOUPDATE: 'true',
            SF_AUTOUPDATE_DISABLE: 'true',
            SF_DISABLE_TELEMETRY: 'true',
            SF_USE_GENERIC_UNIX_KEYCHAIN: 'true',
            SF_DISABLE_LOG_FILE: 'true',
            SF_NPM_REGISTRY: registry.url,
            npm_config_registry: registry.url,
            npm_config_cache: npmCacheDir,
            npm_config_update_notifier: 'false'
        };
        for (const key of [
            'SF_INSTANCE_URL',
            'SF_ACCESS_TOKEN',
            'SF_TARGET_ORG'
        ]) {
            delete env[key];
        }
        return env;
    };

    const sf = async (
        env: NodeJS.ProcessEnv,
        args: string[],
        cwd = project
    ): Promise<{ code: number; stdout: string; stderr: string }> =>
        exec(process.execPath, [SF, ...args], {
            cwd,
            env,
            maxBuffer: 16 * 1024 * 1024
        }).then(
            ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
            (error: { code: number; stdout: string; stderr: string }) => error
        );

    const timed = async <T>(label: string, work: () => Promise<T>) => {
        const started = Date.now();
        const result = await work();
        timings[label] = Date.now() - started;
        return result;
    };

    beforeAll(async () => {
        const child = spawnTsx('scripts/plugin/bin/pack.ts');
        let output = '';
        child.stdout?.on('data', (data: Buffer) => (output += String(data)));
        child.stderr?.on('data', (data: Buffer) => (output += String(data)));
        expect({ code: await exited(child), output }).toMatchObject({
            code: 0
        });
        work = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'cpk-pack-')));
        npmCacheDir = path.join(work, 'npm-cache');
        registry = await startLocalRegistry(
            path.join(REPO_ROOT, 'package-lock.json'),
            await npmCache()
        );
        // An admin's own SFDX project: what the commands read from the working folder
        // (sfdx-project.json with its package directory, the user definition).
        project = path.join(work, 'project');
        mkdirSync(path.join(project, 'config'), { recursive: true });
        mkdirSync(path.join(project, 'force-app'), { recursive: true });
        cpSync(
            path.join(REPO_ROOT, 'sfdx-project.json'),
            path.join(project, 'sfdx-project.json')
        );
        cpSync(
            path.join(REPO_ROOT, 'config/api-user.json'),
            path.join(project, 'config/api-user.json')
        );
        h = await startScriptHarness();
    });
    afterAll(async () => {
        await h?.close();
        await registry?.close();
        if (work) {
            rmSync(work, { recursive: true, force: true });
        }
        process.stdout.write(
            `plugin install timings (ms): ${JSON.stringify(timings)}\n`
        );
    });

    it('installs from the tarball (file:), then sf casekit runs its help and a real command', async () => {
        const url = `file:${TARBALL}`;
        const env = homeFor('tarball', url);
        const install = await timed('install tarball', () =>
            sf(env, ['plugins', 'install', url])
        );
        expect(install).toMatchObject({ code: 0 });
        expect(registry.missing).toEqual([]);
        // Installed as a user plugin in the temp HOME's data dir, not linked.
        const plugins = await sf(env, ['plugins', '--json']);
        const listed = (
            JSON.parse(plugins.stdout) as {
                name: string;
                type: string;
                root: string;
            }[]
        ).find((plugin) => plugin.name === '@case-portal-kit/plugin-casekit');
        expect(listed).toMatchObject({ type: 'user' });
        expect(listed?.root.startsWith(work)).toBe(true);

        const help = await timed('sf casekit --help', () =>
            sf(env, ['casekit', '--help'])
        );
        expect(help.code).toBe(0);
        for (const command of [
            'casekit provision',
            'casekit verify',
            'casekit validate'
        ]) {
            expect(help.stdout).toContain(command);
        }
        const verifyHelp = await sf(env, ['casekit', 'verify', '--help']);
        expect(verifyHelp.code).toBe(0);
        expect(verifyHelp.stdout).toContain('--contract');
        // The envelope names the command as the linked plugin does (class names kept in the bundle).
        const bogus = await sf(env, ['casekit', 'verify', '--bogus', '--json']);
        expect(bogus.code).toBe(1);
        expect(JSON.parse(bogus.stdout)).toMatchObject({
            status: 1,
            name: 'BadArgument',
            commandName: 'Verify',
            actions: [expect.stringContaining('sf casekit verify --help')]
        });

        // The same command through the npm script (in-process, repo sources) and through the
        // installed plugin (bundle), on one emulator: applied once, then both see nothing to do.
        const org = {
            SF_INSTANCE_URL: h.emulator.url,
            SF_ACCESS_TOKEN: h.emulator.accessToken
        };
        const applied = await runCommand('provision', ['--json'], org);
        expect(applied.code).toBe(0);
        const viaScript = await runCommand('provision', ['--json'], org);
        const viaPlugin = await timed('sf casekit provision', () =>
            sf({ ...env, ...org }, ['casekit', 'provision', '--json'])
        );
        expect(viaPlugin.code).toBe(0);
        const document = JSON.parse(viaPlugin.stdout) as Envelope;
        expect(document.status).toBe(0);
        expect(document.result).toEqual(viaScript.json<Envelope>().result);

        // Data files from npm packages, found from the installed bundle: the metadata types
        // (@salesforce/types, read by typescript) and the standard sObjects (PMD's jars).
        const fixture = path.join(
            REPO_ROOT,
            'scripts/test/fixtures/clean-project'
        );
        const metadata = await sf(env, [
            'casekit',
            'validate',
            'metadata',
            '--project-dir',
            fixture,
            '--json'
        ]);
        expect(JSON.parse(metadata.stdout)).toMatchObject({
            status: 0,
            result: { findings: [] }
        });
    });

    it('installs from a git repository holding the built package (git+file:, no build step)', async () => {
        // What an admin would push to a repository (or branch) of its own: dist/plugin/package.
        const repo = path.join(work, 'plugin-casekit.git');
        cpSync(PACKAGE, repo, { recursive: true });
        const git = (args: string[]) =>
            exec('git', args, {
                cwd: repo,
                env: {
                    ...process.env,
                    GIT_AUTHOR_NAME: 'kit',
                    GIT_AUTHOR_EMAIL: 'kit@example.com',
                    GIT_COMMITTER_NAME: 'kit',
                    GIT_COMMITTER_EMAIL: 'kit@example.com'
                }
            });
        await git(['init', '--quiet', '--initial-branch=main']);
        await git(['add', '-A']);
        await git(['commit', '--quiet', '-m', 'plugin-casekit 0.1.0']);
        const url = `git+file://${repo}`;
        const env = homeFor('git', url);
        const install = await timed('install git', () =>
            sf(env, ['plugins', 'install', url])
        );
        expect(install).toMatchObject({ code: 0 });
        const help = await sf(env, ['casekit', 'verify', '--help']);
        expect(help.code).toBe(0);
        expect(help.stdout).toContain('--contract');
    });
});
