import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
    existsSync,
    mkdirSync,
    readFileSync,
    rmSync,
    writeFileSync
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { exited, spawnTsx } from '../../shared/tsx-process';
import { REPO_ROOT } from '../scripts/harness';

const exec = promisify(execFile);

// `npm run plugin:pack`: what goes into the tarball a user installs without the repo. Installing
// it into the sf CLI is the slower check in pack-install.test.ts.
jest.setTimeout(180000);

const PACK_DIR = path.join(REPO_ROOT, 'dist/plugin');
const TARBALL = path.join(PACK_DIR, 'case-portal-kit-plugin-casekit-0.1.0.tgz');
const PACKAGE = path.join(PACK_DIR, 'package');

interface PackedJson {
    name: string;
    version: string;
    type: string;
    scripts?: unknown;
    devDependencies?: unknown;
    dependencies: Record<string, string>;
    oclif: { commands: { target: string } };
}

const installed = (name: string): string =>
    (
        JSON.parse(
            readFileSync(
                path.join(REPO_ROOT, 'node_modules', name, 'package.json'),
                'utf8'
            )
        ) as { version: string }
    ).version;

describe('npm run plugin:pack', () => {
    // A canary among the repo's secrets (.secrets/ is gitignored): neither its name nor its
    // content may reach the tarball.
    const canaryDir = path.join(REPO_ROOT, '.secrets');
    const canary = path.join(canaryDir, `pack-canary-${process.pid}.key`);
    const canaryText = `canary-${randomBytes(12).toString('hex')}`;
    let entries: string[];
    let packed: PackedJson;

    beforeAll(async () => {
        const hadSecrets = existsSync(canaryDir);
        mkdirSync(canaryDir, { recursive: true });
        writeFileSync(canary, canaryText);
        try {
            const child = spawnTsx('scripts/plugin/bin/pack.ts');
            let output = '';
            child.stdout?.on(
                'data',
                (data: Buffer) => (output += String(data))
            );
            child.stderr?.on(
                'data',
                (data: Buffer) => (output += String(data))
            );
            expect({ code: await exited(child), output }).toMatchObject({
                code: 0
            });
        } finally {
            rmSync(hadSecrets ? canary : canaryDir, {
                recursive: true,
                force: true
            });
        }
        const { stdout } = await exec('tar', ['-tzf', TARBALL]);
        entries = stdout.split('\n').filter(Boolean).sort();
        packed = JSON.parse(
            readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')
        ) as PackedJson;
    });

    it('holds the bundle, the messages, the oclif manifest and package.json: nothing else', () => {
        const messages = [
            'casekit.shared.md',
            'casekit.provision.md',
            'casekit.verify.md'
        ];
        expect(entries).toEqual(
            expect.arrayContaining([
                'package/package.json',
                'package/README.md',
                'package/lib/index.js',
                'package/oclif.manifest.json',
                ...messages.map((file) => `package/messages/${file}`)
            ])
        );
        const stray = entries.filter(
            (entry) =>
                ![
                    /^package\/(package\.json|README\.md|oclif\.manifest\.json)$/,
                    /^package\/lib\/index\.js$/,
                    /^package\/messages\/casekit\.[\w.-]+\.md$/
                ].some((allowed) => allowed.test(entry))
        );
        expect(stray).toEqual([]);
    });

    it('carries no secret: no .secrets/, keys or certificates, and not the canary text', async () => {
        expect(
            entries.filter((entry) =>
                /(^|\/)\.secrets\/|\.(key|pem|crt|p12)$|(^|\/)\.env|(^|\/)\.usage\//.test(
                    entry
                )
            )
        ).toEqual([]);
        // The tarball's whole text, unpacked by tar.
        const { stdout } = await exec('tar', ['-xzOf', TARBALL], {
            maxBuffer: 64 * 1024 * 1024
        });
        expect(stdout).not.toContain(canaryText);
        expect(stdout).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    });

    it('locates nothing through the repo: no absolute path of this checkout in the bundle', () => {
        const bundle = readFileSync(path.join(PACKAGE, 'lib/index.js'), 'utf8');
        expect(bundle).not.toContain(REPO_ROOT);
        // require/__dirname for the kit's CommonJS-style modules come from the bundle itself.
        expect(bundle.split('\n').slice(0, 6).join('\n')).toContain(
            'const require = __cpkCreateRequire(import.meta.url);'
        );
    });

    it("pins every runtime dependency to the version this repo's lockfile installed", () => {
        expect(packed).toMatchObject({
            name: '@case-portal-kit/plugin-casekit',
            type: 'module',
            oclif: { commands: { target: './lib/index.js' } }
        });
        expect(packed.scripts).toBeUndefined();
        expect(packed.devDependencies).toBeUndefined();
        // Imported by the bundle, and read from disk at run time (validate metadata / apex).
        for (const name of [
            '@oclif/core',
            '@salesforce/core',
            '@salesforce/sf-plugins-core',
            '@jsforce/jsforce-node',
            '@salesforce/source-deploy-retrieve',
            '@salesforce/code-analyzer-pmd-engine',
            '@salesforce/types',
            'typescript'
        ]) {
            expect(packed.dependencies[name]).toBe(installed(name));
        }
        // The second typings (user permissions of a richer org) keep their npm alias.
        expect(packed.dependencies['@salesforce/types-1.7.1']).toBe(
            'npm:@salesforce/types@1.7.1'
        );
        for (const version of Object.values(packed.dependencies)) {
            expect(version).toMatch(
                /^(npm:@[\w-]+\/[\w-]+@)?\d+\.\d+\.\d+(-[\w.]+)?$/
            );
        }
    });

    it('ships an oclif manifest with every command the linked plugin has', () => {
        const oclifManifest = JSON.parse(
            readFileSync(path.join(PACKAGE, 'oclif.manifest.json'), 'utf8')
        ) as { version: string; commands: Record<string, unknown> };
        const linked = JSON.parse(
            readFileSync(
                path.join(REPO_ROOT, 'scripts/plugin/casekit.manifest.json'),
                'utf8'
            )
        ) as { commands: Record<string, unknown> };
        expect(oclifManifest.version).toBe(packed.version);
        expect(Object.keys(oclifManifest.commands).sort()).toEqual(
            Object.keys(linked.commands).sort()
        );
    });
});
