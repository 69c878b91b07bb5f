import {
    X509Certificate,
    createPrivateKey,
    generateKeyPairSync
} from 'node:crypto';
import {
    copyFileSync,
    existsSync,
    mkdirSync,
    mkdtempSync,
    readFileSync,
    readdirSync,
    rmSync,
    statSync,
    writeFileSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCaptured } from './helpers';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const DEFAULT_DIR = path.join('force-app', 'main', 'default');
const GLOBAL = path.join(
    '.secrets/eca/force-app/main/default/extlClntAppGlobalOauthSets',
    'Case_Portal_Integration_glbloauth.ecaGlblOauth-meta.xml'
);

/** A throwaway SFDX project with the repo's External Client App. */
function tempProject(): string {
    const root = mkdtempSync(path.join(os.tmpdir(), 'rotate-'));
    writeFileSync(
        path.join(root, 'sfdx-project.json'),
        JSON.stringify({
            packageDirectories: [{ path: 'force-app', default: true }],
            sourceApiVersion: '66.0'
        })
    );
    for (const relative of [
        'externalClientApps/Case_Portal_Integration.eca-meta.xml',
        'permissionsets/Case_Portal_Integration_User_Permissions.permissionset-meta.xml'
    ]) {
        const target = path.join(root, DEFAULT_DIR, relative);
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(path.join(REPO_ROOT, DEFAULT_DIR, relative), target);
    }
    return root;
}

const certificateIn = (xml: string): X509Certificate =>
    new X509Certificate(
        /<certificate>([^<]+)<\/certificate>/.exec(xml)?.[1] ?? ''
    );

describe('credentials rotate-certificate', () => {
    let root: string;
    let printed: string;
    const cli = async (argv: string[]) => {
        const result = await runCaptured([...argv, '--project-dir', root]);
        printed += result.stdout + result.stderr;
        return result;
    };
    beforeEach(() => {
        root = tempProject();
        printed = '';
    });
    afterEach(() => {
        rmSync(root, { recursive: true, force: true });
    });

    it('makes a key pair and certificate, regenerates the global OAuth settings, and keeps them on a re-run', async () => {
        const key = path.join(root, '.secrets/jwt/Case_Portal_Integration.key');
        const crt = path.join(root, '.secrets/jwt/Case_Portal_Integration.crt');

        // No callback URL: the JWT bearer flow alone (the web-server flow is opt-in).
        const jwtOnly = await cli(['rotate-certificate', '--dry-run']);
        expect(jwtOnly.code).toBe(0);
        expect(existsSync(path.join(root, '.secrets'))).toBe(false);

        const dry = await cli([
            'rotate-certificate',
            '--callback-url',
            'https://community.example.com/oauth/callback',
            '--dry-run'
        ]);
        expect(dry.code).toBe(0);
        expect(dry.stdout).toContain('Dry run: nothing was written.');
        expect(existsSync(path.join(root, '.secrets'))).toBe(false);

        const first = await cli([
            'rotate-certificate',
            '--callback-url',
            'https://community.example.com/oauth/callback',
            '--client-credentials-user',
            'case-portal@example.com.prod',
            '--json'
        ]);
        expect(first.code).toBe(0);
        expect(statSync(key).mode & 0o777).toBe(0o600);
        const privateKey = readFileSync(key, 'utf8');
        const certificate = new X509Certificate(readFileSync(crt));
        // The certificate belongs to the key, and it is the one in the deployable settings.
        expect(certificate.checkPrivateKey(createPrivateKey(privateKey))).toBe(
            true
        );
        const xml = readFileSync(path.join(root, GLOBAL), 'utf8');
        expect(certificateIn(xml).fingerprint256).toBe(
            certificate.fingerprint256
        );
        expect(xml).toContain(
            '<callbackUrl>https://community.example.com/oauth/callback</callbackUrl>'
        );
        expect(xml).not.toContain('PRIVATE KEY');
        expect(
            first.json<{ result: Record<string, unknown> }>().result
        ).toMatchObject({
            status: 'done',
            privateKeyFile: '.secrets/jwt/Case_Portal_Integration.key',
            deployCommand:
                'sf project deploy start --source-dir .secrets/eca --target-org <alias>',
            deployed: false
        });

        const again = await cli(['rotate-certificate']);
        expect(again.code).toBe(0);
        expect(again.stdout).toContain('nothing to do');
        expect(readFileSync(key, 'utf8')).toBe(privateKey);

        const newCallback = await cli([
            'rotate-certificate',
            '--callback-url',
            'https://community.example.com/oauth/callback2'
        ]);
        expect(newCallback.stdout).not.toContain('nothing to do');
        expect(readFileSync(key, 'utf8')).not.toBe(privateKey);
        expect(readFileSync(path.join(root, GLOBAL), 'utf8')).toContain(
            'https://community.example.com/oauth/callback2'
        );
        const keyBeforeForce = readFileSync(key, 'utf8');

        const forced = await cli(['rotate-certificate', '--force']);
        expect(forced.code).toBe(0);
        const rotated = new X509Certificate(readFileSync(crt));
        expect(rotated.fingerprint256).not.toBe(certificate.fingerprint256);
        const after = readFileSync(path.join(root, GLOBAL), 'utf8');
        expect(certificateIn(after).fingerprint256).toBe(
            rotated.fingerprint256
        );
        // Settings of the earlier run are kept: callback and client credentials user.
        expect(after).toContain(
            'https://community.example.com/oauth/callback2'
        );
        expect(
            readFileSync(
                path.join(
                    root,
                    '.secrets/eca/force-app/main/default/extlClntAppOauthPolicies/Case_Portal_Integration_oauthPlcy.ecaOauthPlcy-meta.xml'
                ),
                'utf8'
            )
        ).toContain(
            '<clientCredentialsFlowUser>case-portal@example.com.prod</clientCredentialsFlowUser>'
        );
        expect(readFileSync(`${key}.previous`, 'utf8')).toBe(keyBeforeForce);
        expect(statSync(`${key}.previous`).mode & 0o777).toBe(0o600);
        expect(forced.stdout).toContain(
            'next: sf project deploy start --source-dir .secrets/eca --target-org <alias>'
        );

        const body = (text: string): string => text.split('\n')[1] ?? '';
        expect(printed).not.toContain(body(privateKey));
        expect(printed).not.toContain(body(keyBeforeForce));
        expect(printed).not.toContain(body(readFileSync(key, 'utf8')));
    });

    it('refuses a certificate file that is a private key, without quoting it', async () => {
        const { privateKey } = generateKeyPairSync('rsa', {
            modulusLength: 2048,
            privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
            publicKeyEncoding: { type: 'spki', format: 'pem' }
        });
        const file = path.join(root, 'looks-like.crt');
        writeFileSync(file, privateKey, { mode: 0o600 });
        const refused = await cli([
            'rotate-certificate',
            '--callback-url',
            'https://community.example.com/cb',
            '--certificate',
            file,
            '--json'
        ]);
        expect(refused.code).toBe(1);
        expect(refused.json()).toMatchObject({
            name: 'BadArgument',
            message: expect.stringContaining('holds a private key')
        });
        expect(printed).not.toContain(privateKey.split('\n')[1] ?? '');
        expect(existsSync(path.join(root, GLOBAL))).toBe(false);
    });

    it('a failed rotation leaves every file as it was, also when run twice (issue 20, item 1)', async () => {
        const first = await cli([
            'rotate-certificate',
            '--callback-url',
            'https://community.example.com/oauth/callback'
        ]);
        expect(first.code).toBe(0);
        const snapshot = (): Record<string, string> => {
            const files: Record<string, string> = {};
            const walk = (dir: string): void => {
                for (const entry of readdirSync(dir, { withFileTypes: true })) {
                    const file = path.join(dir, entry.name);
                    if (entry.isDirectory()) {
                        walk(file);
                    } else {
                        files[path.relative(root, file)] =
                            `${(statSync(file).mode & 0o777).toString(8)}:${readFileSync(file, 'utf8')}`;
                    }
                }
            };
            walk(path.join(root, '.secrets'));
            return files;
        };
        const before = snapshot();
        for (const callback of [
            'http://community.example.com/oauth/callback',
            'javascript:alert(1)'
        ]) {
            const failed = await cli([
                'rotate-certificate',
                '--callback-url',
                callback,
                '--force'
            ]);
            expect(failed.code).toBe(1);
            expect(failed.stderr).toContain('--callback-url');
            expect(snapshot()).toEqual(before);
        }
        // A bad client credentials user is refused the same way, before any key is made.
        const badUser = await cli([
            'rotate-certificate',
            '--client-credentials-user',
            'not a username',
            '--force'
        ]);
        expect(badUser.code).toBe(1);
        expect(badUser.stderr).toContain('--client-credentials-user');
        expect(snapshot()).toEqual(before);
        // The certificate in the settings still belongs to the key on disk.
        const key = readFileSync(
            path.join(root, '.secrets/jwt/Case_Portal_Integration.key'),
            'utf8'
        );
        expect(
            certificateIn(
                readFileSync(path.join(root, GLOBAL), 'utf8')
            ).checkPrivateKey(createPrivateKey(key))
        ).toBe(true);
    });

    it('asks for an org before deploying', async () => {
        const refused = await cli([
            'rotate-certificate',
            '--callback-url',
            'https://community.example.com/cb',
            '--deploy'
        ]);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('--deploy needs -o/--target-org');
    });
});
