import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import {
    copyFileSync,
    mkdirSync,
    mkdtempSync,
    readFileSync,
    rmSync,
    statSync,
    writeFileSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ComponentSetBuilder } from '@salesforce/source-deploy-retrieve';
import { XMLValidator } from 'fast-xml-parser';
import {
    InputError,
    writeEcaGlobalOauth,
    type EcaGlobalOauthOptions
} from '../src/eca/global-oauth';
import { walkSchema } from '../src/metadata/checks/schema-walk';
import { runCommand } from './support/run-command';
import { parseXml } from '../src/metadata/xml';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_DIR = path.join('force-app', 'main', 'default');
const GLOBAL_FILE = path.join(
    '.secrets',
    'eca',
    'force-app',
    'main',
    'default',
    'extlClntAppGlobalOauthSets',
    'Case_Portal_Integration_glbloauth.ecaGlblOauth-meta.xml'
);
const POLICY_FILE = path.join(
    '.secrets',
    'eca',
    'force-app',
    'main',
    'default',
    'extlClntAppOauthPolicies',
    'Case_Portal_Integration_oauthPlcy.ecaOauthPlcy-meta.xml'
);

// Self-signed test certificates (public data only, valid until 2126). No private key is kept.
const RSA_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIDMTCCAhmgAwIBAgIUcFs7L6RtOczrfVKj+2AhIfD09t0wDQYJKoZIhvcNAQEL
BQAwJzElMCMGA1UEAwwcQ2FzZSBQb3J0YWwgVGVzdCBJbnRlZ3JhdGlvbjAgFw0y
NjExMjMxMjMzMTZaGA8yMTI2MTAzMDEyMzMxNlowJzElMCMGA1UEAwwcQ2FzZSBQ
b3J0YWwgVGVzdCBJbnRlZ3JhdGlvbjCCASIwDQYJKoZIhvcNAQEBBQADggEPADCC
AQoCggEBAJLEtJMZnlodg2CcT5Z9y6FSYvz2UcECzvm83Kyl4tYbBZr5uUnUuyXL
BviAtvD8JU6Ifim6OxS1oJKoqedWuAGaTqG+WAO4MuRiPQ5CmcLHtJKr7G2Ea244
4RcYVpD+u6H6wG0t28WsBBlb9T4YA0LjBO3YiXUa8vvXXDbWWaKQ9tV/M1EA+K1j
oa6iyQtBBqC+VubT2z/INBuL0nbXRHoSz94dbXeHqK/TnEElh/4c5nKxDJZYpZ7w
VNViyUyy2A9iEqoGOGk4eQDVAKZIM/7AfusISHZAlJP4aaVbkdbzO9XB8ILTCrL/
EaqjxSwqbDQUZfH7qPmVFZPAq0qmJx8CAwEAAaNTMFEwHQYDVR0OBBYEFLshlL61
CPAeURdbFIXR90LY2eKJMB8GA1UdIwQYMBaAFLshlL61CPAeURdbFIXR90LY2eKJ
MA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAA0QngYGtZwMbkAg
IYM2eKinIOvLfZ5/QBEbH3DEiUG7cb0dc4ZGaFUFin5yRkbfCIQ6QaUq27RmAbnc
xvbmQBKllPW+IVo8fwjPlrLgJgSO3y8v5tZwL6RpLd+tTncSpxZCXRrJYZrXcfQK
grvtxiW1K05qfK9cVdIA8j8qzxj6HuQuLBlQFLKTIsL0O+jpvns8q3l/soL0VYva
vyEKt2Ti2zRzoK3RQZwFtmtWYcM0nueopz6QSuf5xzo4mdXj6haR1Ic7kuUgYNKS
eI4vzNeyFewMjqxi788CO8PpedTvfkD9bL2Be0GEApm6ulmQGhYreowF+RoLUsld
15hd+qE=
-----END CERTIFICATE-----
`;

const EC_CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBlDCCATmgAwIBAgIUM+91V7mIwy2I9TZzA8GUwxLEw/0wCgYIKoZIzj0EAwIw
HjEcMBoGA1UEAwwTQ2FzZSBQb3J0YWwgRUMgVGVzdDAgFw0yNjExMjMxMjMzMTZa
GA8yMTI2MTAzMDEyMzMxNlowHjEcMBoGA1UEAwwTQ2FzZSBQb3J0YWwgRUMgVGVz
dDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABCST/rv+yxSgpHkyfwA28405TYic
xsMD5nhDYpt+d/1YewqAAp+WBxCFJPhfjx+l+i8ExNG8WG079lq3RUm3M3yjUzBR
MB0GA1UdDgQWBBSTHwhMedqJUPuKrMIFdbajeaC5QjAfBgNVHSMEGDAWgBSTHwhM
edqJUPuKrMIFdbajeaC5QjAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kA
MEYCIQDe7vFK5UXX+Tl12vc/BX2kk2E6nyxKZNjnlJ/UlI9OYwIhAOUEplUdhrHO
TQ2pm1QK6ZGKVux5w1qVlLNsMjIuFnY4
-----END CERTIFICATE-----
`;

/** A throwaway SFDX project holding the repo's own ECA header and integration permission set. */
function tempProject(): string {
    const root = mkdtempSync(path.join(os.tmpdir(), 'eca-global-oauth-'));
    writeFileSync(
        path.join(root, 'sfdx-project.json'),
        JSON.stringify({
            packageDirectories: [{ path: 'force-app', default: true }],
            sourceApiVersion: '66.0'
        })
    );
    for (const relative of [
        path.join('externalClientApps', 'Case_Portal_Integration.eca-meta.xml'),
        path.join(
            'permissionsets',
            'Case_Portal_Integration_User_Permissions.permissionset-meta.xml'
        )
    ]) {
        const target = path.join(root, DEFAULT_DIR, relative);
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(path.join(REPO_ROOT, DEFAULT_DIR, relative), target);
    }
    writeFileSync(path.join(root, 'integration.crt'), RSA_CERTIFICATE);
    return root;
}

function read(root: string, relative: string): string {
    return readFileSync(path.join(root, relative), 'utf8');
}

/** The top-level elements of a metadata file, by name. */
function values(xml: string): Record<string, string> {
    const parsed = parseXml(xml);
    if (!parsed.ok) {
        throw new Error(parsed.message);
    }
    return Object.fromEntries(
        parsed.root.children.map((child) => [child.name, child.text])
    );
}

/** Every element known to the Metadata API schema (jsforce's plus extra-types.ts). */
function schemaFindings(xml: string, typeName: string): string[] {
    const parsed = parseXml(xml);
    if (!parsed.ok) {
        return [`malformed: ${parsed.message}`];
    }
    return walkSchema(parsed.root, typeName, 'generated').map(
        (finding) => `${finding.element ?? ''}: ${finding.message}`
    );
}

describe('eca-global-oauth', () => {
    let root: string;
    let options: EcaGlobalOauthOptions;

    beforeEach(() => {
        root = tempProject();
        options = {
            certificateFile: path.join(root, 'integration.crt'),
            pkceRequired: true,
            app: 'Case_Portal_Integration',
            projectDir: root
        };
    });

    afterEach(() => {
        rmSync(root, { recursive: true, force: true });
    });

    it('writes the global OAuth settings and the policy as a deployable folder, with no consumer key or secret', () => {
        const result = writeEcaGlobalOauth(options);

        expect(result.sourceDir).toBe('.secrets/eca');
        expect(result.files).toEqual([
            '.secrets/eca/.forceignore',
            '.secrets/eca/sfdx-project.json',
            GLOBAL_FILE.split(path.sep).join('/'),
            POLICY_FILE.split(path.sep).join('/')
        ]);
        // The default is the flow an API-only user can use: no callback URL, no warning.
        expect(result.flows).toEqual(['jwt-bearer']);
        expect(result.warnings).toEqual([]);
        expect(result.deployCommand).toBe(
            'sf project deploy start --source-dir .secrets/eca --target-org <alias>'
        );
        const xml = read(root, GLOBAL_FILE);
        expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(
            true
        );
        expect(XMLValidator.validate(xml)).toBe(true);
        expect(schemaFindings(xml, 'ExtlClntAppGlobalOauthSettings')).toEqual(
            []
        );
        expect(xml).not.toContain('<callbackUrl>');
        expect(xml).toContain(
            '<externalClientApplication>Case_Portal_Integration</externalClientApplication>'
        );
        expect(xml).toContain(
            '<label>Case Portal Integration Global OAuth Settings</label>'
        );
        expect(xml).toContain('<isPkceRequired>true</isPkceRequired>');
        expect(xml).toContain(
            '<isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>'
        );
        expect(xml).not.toMatch(/consumerKey|consumerSecret|PRIVATE KEY/);
        const pem = /<certificate>([^<]+)<\/certificate>/.exec(xml)?.[1];
        expect(new X509Certificate(pem ?? '').fingerprint256).toBe(
            new X509Certificate(RSA_CERTIFICATE).fingerprint256
        );
        expect(result.certificate).toMatchObject({
            file: path.join(root, 'integration.crt'),
            subject: 'CN=Case Portal Test Integration',
            validTo: '2126-10-30T12:33:16.000Z'
        });
        expect(statSync(path.join(root, GLOBAL_FILE)).mode & 0o077).toBe(0);
        expect(
            JSON.parse(read(root, '.secrets/eca/sfdx-project.json'))
        ).toMatchObject({
            packageDirectories: [{ path: 'force-app', default: true }],
            sourceApiVersion: '66.0'
        });
        const policy = read(root, POLICY_FILE);
        expect(
            schemaFindings(policy, 'ExtlClntAppOauthConfigurablePolicies')
        ).toEqual([]);
        expect(values(policy)).toMatchObject({
            isClientCredentialsFlowEnabled: 'false',
            permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
            commaSeparatedPermissionSet:
                'Case_Portal_Integration_User_Permissions',
            externalClientApplication: 'Case_Portal_Integration'
        });
        expect(policy).not.toContain('clientCredentialsFlowUser');
    });

    it('opts in to the web-server flow only with --callback-url, with a warning', () => {
        const result = writeEcaGlobalOauth({
            ...options,
            callbackUrl: 'https://community.example.com/oauth/callback?a=1&b=2'
        });
        expect(result.flows).toEqual(['jwt-bearer', 'web-server']);
        expect(result.warnings).toEqual([
            expect.stringContaining('API-only integration user')
        ]);
        expect(read(root, GLOBAL_FILE)).toContain(
            '<callbackUrl>https://community.example.com/oauth/callback?a=1&amp;b=2</callbackUrl>'
        );
    });

    it('asks for a flow when none is given', () => {
        expect(() =>
            writeEcaGlobalOauth({ ...options, certificateFile: undefined })
        ).toThrow(
            /choose the OAuth flow.*--certificate.*--client-credentials-user/
        );
    });

    it('refuses to run while a package directory still commits the OAuth policy (one home)', () => {
        const committed = path.join(
            root,
            DEFAULT_DIR,
            'extlClntAppOauthPolicies',
            'Case_Portal_Integration_oauthPlcy.ecaOauthPlcy-meta.xml'
        );
        mkdirSync(path.dirname(committed), { recursive: true });
        writeFileSync(committed, '<ExtlClntAppOauthConfigurablePolicies/>');
        expect(() => writeEcaGlobalOauth(options)).toThrow(
            /force-app\/main\/default\/extlClntAppOauthPolicies\/Case_Portal_Integration_oauthPlcy\.ecaOauthPlcy-meta\.xml: the OAuth policy of "Case_Portal_Integration" is generated here/
        );
    });

    it('is found by sf project deploy start --source-dir although it sits in a dot folder', async () => {
        writeEcaGlobalOauth(options);

        // ComponentSetBuilder is what `sf project deploy start --source-dir` uses. Without the
        // generated .forceignore, SDR's default `**/.*` rule hides everything under .secrets/.
        const set = await ComponentSetBuilder.build({
            sourcepath: [path.join(root, '.secrets', 'eca')]
        });
        expect(
            set
                .getSourceComponents()
                .toArray()
                .map(
                    (component) =>
                        `${component.type.name}:${component.fullName}`
                )
        ).toEqual([
            'ExtlClntAppGlobalOauthSettings:Case_Portal_Integration_glbloauth',
            'ExtlClntAppOauthConfigurablePolicies:Case_Portal_Integration_oauthPlcy'
        ]);
    });

    it('turns on the client credentials flow with an org-specific run-as user', async () => {
        const result = writeEcaGlobalOauth({
            ...options,
            clientCredentialsUser: 'case-portal@example.com.prod'
        });

        expect(result.files).toContain(POLICY_FILE.split(path.sep).join('/'));
        expect(read(root, GLOBAL_FILE)).toContain(
            '<isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>'
        );
        const policy = read(root, POLICY_FILE);
        expect(XMLValidator.validate(policy)).toBe(true);
        expect(
            schemaFindings(policy, 'ExtlClntAppOauthConfigurablePolicies')
        ).toEqual([]);
        expect(values(policy)).toMatchObject({
            clientCredentialsFlowUser: 'case-portal@example.com.prod',
            isClientCredentialsFlowEnabled: 'true',
            permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
            commaSeparatedPermissionSet:
                'Case_Portal_Integration_User_Permissions'
        });
        const set = await ComponentSetBuilder.build({
            sourcepath: [path.join(root, '.secrets', 'eca')]
        });
        expect(set.size).toBe(2);
    });

    it('accepts a DER certificate and leaves the certificate out when none is given', () => {
        writeFileSync(
            path.join(root, 'integration.der'),
            new X509Certificate(RSA_CERTIFICATE).raw
        );
        writeEcaGlobalOauth({
            ...options,
            certificateFile: path.join(root, 'integration.der')
        });
        expect(read(root, GLOBAL_FILE)).toContain(
            '<certificate>-----BEGIN CERTIFICATE-----'
        );

        const result = writeEcaGlobalOauth({
            ...options,
            certificateFile: undefined,
            clientCredentialsUser: 'case-portal@example.com.prod',
            pkceRequired: false
        });
        expect(result.certificate).toBeUndefined();
        const xml = read(root, GLOBAL_FILE);
        expect(xml).not.toContain('<certificate>');
        expect(xml).toContain('<isPkceRequired>false</isPkceRequired>');
    });

    it.each([
        ['ftp://example.com/cb', /--callback-url: must use https/],
        [
            'http://community.example.com/cb',
            /http is allowed only for localhost/
        ],
        ['https://community.example.com/cb#x', /must not contain a fragment/],
        ['https://user:pw@community.example.com/cb', /user name or password/],
        ['community.example.com/cb', /is not an absolute URL/]
    ])('rejects the callback URL %s', (callbackUrl, message) => {
        expect(() => writeEcaGlobalOauth({ ...options, callbackUrl })).toThrow(
            message
        );
    });

    it('allows an http callback on localhost', () => {
        expect(() =>
            writeEcaGlobalOauth({
                ...options,
                callbackUrl: 'http://localhost:1717/OauthRedirect'
            })
        ).not.toThrow();
    });

    it('refuses a private key without ever quoting it', () => {
        const { privateKey } = generateKeyPairSync('rsa', {
            modulusLength: 2048,
            privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
            publicKeyEncoding: { type: 'spki', format: 'pem' }
        });
        const keyFile = path.join(root, 'integration.key');
        writeFileSync(keyFile, `${RSA_CERTIFICATE}${privateKey}`);
        const body = privateKey.split('\n')[1] ?? '';

        let message = '';
        try {
            writeEcaGlobalOauth({ ...options, certificateFile: keyFile });
        } catch (error) {
            expect(error).toBeInstanceOf(InputError);
            message = (error as Error).message;
        }
        expect(message).toContain(`${keyFile}: --certificate:`);
        expect(message).toContain('holds a private key');
        expect(message).not.toContain(body);
    });

    it.each([
        ['missing.crt', undefined, /missing\.crt: --certificate: no such file/],
        ['not-a-cert.crt', 'hello', /not a readable X\.509 certificate/],
        ['ec.crt', EC_CERTIFICATE, /needs an RSA certificate/],
        [
            'two.crt',
            `${RSA_CERTIFICATE}${RSA_CERTIFICATE}`,
            /holds 2 certificates/
        ]
    ])(
        'rejects the certificate file %s',
        (name, content: string | undefined, message) => {
            if (content !== undefined) {
                writeFileSync(path.join(root, name), content);
            }
            expect(() =>
                writeEcaGlobalOauth({
                    ...options,
                    certificateFile: path.join(root, name)
                })
            ).toThrow(message);
        }
    );

    it('rejects an expired certificate', () => {
        expect(() =>
            writeEcaGlobalOauth(options, new Date('2200-01-01T00:00:00Z'))
        ).toThrow(/integration\.crt: --certificate: expired on 2126-10-30/);
    });

    it('rejects unsafe or wrong names', () => {
        expect(() =>
            writeEcaGlobalOauth({
                ...options,
                outputDir: path.join(root, 'force-app', 'secrets')
            })
        ).toThrow(
            /--output-dir: force-app\/secrets overlaps the package directory force-app/
        );
        expect(() =>
            writeEcaGlobalOauth({
                ...options,
                clientCredentialsUser: 'not a username'
            })
        ).toThrow(
            /--client-credentials-user: "not a username" is not a Salesforce username/
        );
        expect(() =>
            writeEcaGlobalOauth({ ...options, app: 'Bad__Name' })
        ).toThrow(/--app: "Bad__Name" is not an API name/);
        expect(() =>
            writeEcaGlobalOauth({ ...options, app: 'Other_App' })
        ).toThrow(
            /Other_App\.eca-meta\.xml: --app: no external client app "Other_App"/
        );
    });

    describe('the command (in-process, as sf casekit eca global-oauth)', () => {
        const eca = (argv: string[]) => runCommand('eca global-oauth', argv);

        it('prints one JSON document with --json', async () => {
            const { code, stdout } = await eca([
                '--callback-url',
                'https://community.example.com/cb',
                '--certificate',
                path.join(root, 'integration.crt'),
                '--project-dir',
                root,
                '--json'
            ]);
            expect(code).toBe(0);
            const document = JSON.parse(stdout) as {
                status: number;
                result: { sourceDir: string; files: string[] };
                warnings: string[];
            };
            expect(document.status).toBe(0);
            expect(document.warnings).toEqual([
                expect.stringContaining('web-server flow')
            ]);
            expect(document.result.sourceDir).toBe('.secrets/eca');
            expect(stdout).not.toContain('BEGIN CERTIFICATE');
        });

        it('exits 1 with a named error when no flow is chosen', async () => {
            const { code, stdout, stderr } = await eca(['--project-dir', root]);
            expect(code).toBe(1);
            expect(stderr).toMatch(
                /^Error \(BadArgument\): choose a flow: --certificate \(JWT bearer\)/
            );
            expect(stdout).toBe('');
        });

        it('prints the one JSON error document every command prints', async () => {
            const { code, stdout, stderr } = await eca([
                '--project-dir',
                root,
                '--callback-url',
                'ftp://example.com/cb',
                '--json'
            ]);
            expect(code).toBe(1);
            expect(JSON.parse(stdout)).toMatchObject({
                status: 1,
                name: 'BadArgument',
                exitCode: 1,
                commandName: 'EcaGlobalOauth',
                message: expect.stringContaining(
                    '--callback-url: must use https'
                )
            });
            expect(stderr).toBe('');
        });

        it('exits 1 on an unknown flag, with the help as the action', async () => {
            const { code, stdout } = await eca([
                '--consumer-secret',
                'x',
                '--json'
            ]);
            expect(code).toBe(1);
            expect(JSON.parse(stdout)).toMatchObject({
                name: 'BadArgument',
                message: expect.stringContaining(
                    'Nonexistent flag: --consumer-secret'
                ),
                actions: [
                    expect.stringContaining(
                        'sf casekit eca global-oauth --help'
                    )
                ]
            });
        });

        it('prints the files and the deploy command as text', async () => {
            const { code, stdout } = await eca([
                '--callback-url',
                'https://community.example.com/cb',
                '--certificate',
                path.join(root, 'integration.crt'),
                '--project-dir',
                root
            ]);
            expect(code).toBe(0);
            expect(stdout).toContain(
                'next: sf project deploy start --source-dir .secrets/eca --target-org <alias>'
            );
            expect(stdout).toContain(
                'JWT bearer certificate: CN=Case Portal Test Integration'
            );
        });
    });
});
