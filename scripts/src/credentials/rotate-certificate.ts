// rotate-certificate: a new RSA key pair (node:crypto) and a self-signed X.509 certificate
// (openssl, as Salesforce's JWT bearer setup does: Salesforce DX Developer Guide, "Create a
// Private Key and Self-Signed Digital Certificate") for the JWT bearer flow; the private key
// written 0600 and never into the repo; the External Client App's global OAuth settings
// regenerated with the certificate (eca/global-oauth.ts); the `sf project deploy start` command
// printed, or run with --deploy.

import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
    readCertificate,
    validateCallbackUrl,
    validateUsername,
    writeEcaGlobalOauth,
    type EcaGlobalOauthResult
} from '../eca/global-oauth';
import { kitApps } from './apps';
import {
    planned,
    unchanged,
    type ActionContext,
    type CredentialsAction,
    type Outcome
} from './context';
import { CredentialsError } from './errors';
import {
    modeOf,
    placementWarning,
    removeIfPresent,
    secretPath,
    writeSecretFile
} from './secrets';
import { SecretTransaction } from './transaction';

const DAY_MS = 24 * 60 * 60 * 1000;
const RENEW_WITHIN_DAYS = 30;

interface Paths {
    key: string;
    certificate: string;
    ecaDir: string;
    globalFile: string;
    policyFile: string;
}

function paths(context: ActionContext, app: string): Paths {
    const ecaDir = path.join(context.projectRoot, '.secrets', 'eca');
    const source = path.join(ecaDir, 'force-app', 'main', 'default');
    return {
        key: context.resolve(
            context.string('key-out') ??
                secretPath(context.projectRoot, 'jwt', `${app}.key`)
        ),
        certificate: context.resolve(
            context.string('cert-out') ??
                secretPath(context.projectRoot, 'jwt', `${app}.crt`)
        ),
        ecaDir,
        globalFile: path.join(
            source,
            'extlClntAppGlobalOauthSets',
            `${app}_glbloauth.ecaGlblOauth-meta.xml`
        ),
        policyFile: path.join(
            source,
            'extlClntAppOauthPolicies',
            `${app}_oauthPlcy.ecaOauthPlcy-meta.xml`
        )
    };
}

function element(xml: string, name: string): string | undefined {
    return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

function unescapeXml(value: string): string {
    return value
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
}

/** The settings an earlier eca:global-oauth run wrote, so a rotation keeps them. */
function previousSettings(p: Paths): {
    callbackUrl?: string;
    pkceRequired?: boolean;
    clientCredentialsUser?: string;
    certificateFingerprint?: string;
} {
    if (!existsSync(p.globalFile)) {
        return {};
    }
    const xml = readFileSync(p.globalFile, 'utf8');
    const certificate = element(xml, 'certificate');
    const callbackUrl = element(xml, 'callbackUrl');
    const user =
        element(xml, 'isClientCredentialsFlowEnabled') === 'true' &&
        existsSync(p.policyFile)
            ? element(
                  readFileSync(p.policyFile, 'utf8'),
                  'clientCredentialsFlowUser'
              )
            : undefined;
    return {
        callbackUrl:
            callbackUrl === undefined ? undefined : unescapeXml(callbackUrl),
        pkceRequired: element(xml, 'isPkceRequired') !== 'false',
        clientCredentialsUser:
            user === undefined ? undefined : unescapeXml(user),
        certificateFingerprint:
            certificate === undefined
                ? undefined
                : new X509Certificate(certificate).fingerprint256
    };
}

function openssl(args: string[]): void {
    try {
        execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
        const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
        throw new CredentialsError(
            'OPENSSL_FAILED',
            `openssl ${args[0] ?? ''} failed${stderr ? `: ${stderr.split('\n')[0]}` : ''}. Install OpenSSL (it creates the self-signed certificate), or pass --certificate <file> with one you made.`
        );
    }
}

/** Key (0600) then certificate, both to `.new` files; returns nothing secret. */
function generate(p: Paths, subject: string, days: number): void {
    const { privateKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' }
    });
    writeSecretFile(`${p.key}.new`, privateKey);
    openssl([
        'req',
        '-new',
        '-x509',
        '-key',
        `${p.key}.new`,
        '-subj',
        subject,
        '-days',
        String(days),
        '-sha256',
        '-out',
        `${p.certificate}.new`
    ]);
}

function deployCommand(
    result: EcaGlobalOauthResult,
    org: string | undefined
): string[] {
    return [
        'sf',
        'project',
        'deploy',
        'start',
        '--source-dir',
        result.sourceDir,
        '--target-org',
        org ?? '<alias>'
    ];
}

/** Runs the sf deploy; a failure is an error naming the command (the caller rolls back). */
function deploy(command: string[], cwd: string): void {
    try {
        execFileSync(command[0] ?? 'sf', command.slice(1).concat('--json'), {
            cwd,
            stdio: ['ignore', 'pipe', 'pipe']
        });
    } catch (error) {
        const stdout = (error as { stdout?: Buffer }).stdout?.toString() ?? '';
        let message = (error as Error).message;
        try {
            message =
                (JSON.parse(stdout) as { message?: string }).message ?? message;
        } catch {
            // sf printed no JSON: keep the process error.
        }
        throw new CredentialsError(
            'DEPLOY_FAILED',
            `${command.join(' ')} failed: ${message}. Nothing changed: the previous key, certificate and settings are back in place; fix and run it again.`
        );
    }
}

async function run(context: ActionContext): Promise<Outcome> {
    const app =
        context.string('app') ??
        kitApps(context.projectRoot).find(
            (a) => a.kind === 'ExternalClientApplication'
        )?.name ??
        'Case_Portal_Integration';
    const p = paths(context, app);
    const given = context.string('certificate');
    const days = Number(context.string('days') ?? '365');
    if (!Number.isInteger(days) || days < 1 || days > 3650) {
        throw new CredentialsError(
            'BAD_ARGUMENT',
            `--days: expected 1 to 3650, got ${context.string('days') ?? ''}`
        );
    }
    if (context.flag('deploy') && context.string('target-org') === undefined) {
        throw new CredentialsError(
            'BAD_ARGUMENT',
            '--deploy needs -o/--target-org <alias>: sf deploys to an org of its auth store'
        );
    }
    const previous = previousSettings(p);
    const callbackUrl = context.string('callback-url') ?? previous.callbackUrl;
    // A certificate given by the admin: checked (a private key is refused) before anything else.
    const certificateFile =
        given === undefined ? p.certificate : context.resolve(given);
    const givenSummary =
        given === undefined
            ? undefined
            : readCertificate(certificateFile).summary;
    const warnings = [placementWarning(context.projectRoot, p.key)].filter(
        (w): w is string => w !== undefined
    );
    const current = existsSync(certificateFile)
        ? new X509Certificate(readFileSync(certificateFile))
        : undefined;
    const clientCredentialsUser =
        context.string('client-credentials-user') ??
        previous.clientCredentialsUser;
    // Every input checked before anything is generated or written (issue 20, item 1).
    if (callbackUrl !== undefined) {
        validateCallbackUrl(callbackUrl);
    }
    if (clientCredentialsUser !== undefined) {
        validateUsername(clientCredentialsUser);
    }
    // Nothing to do while the settings already hold this certificate (valid for a while yet),
    // the same callback and the same client credentials user.
    const currentValid =
        current !== undefined &&
        new Date(current.validTo).getTime() - Date.now() >
            RENEW_WITHIN_DAYS * DAY_MS &&
        current.fingerprint256 === previous.certificateFingerprint &&
        callbackUrl === previous.callbackUrl &&
        clientCredentialsUser === previous.clientCredentialsUser &&
        (given !== undefined || existsSync(p.key));
    const base = {
        app,
        privateKeyFile: given === undefined ? context.shown(p.key) : null,
        certificateFile: context.shown(certificateFile),
        ecaSourceDir: context.shown(p.ecaDir)
    };
    if (currentValid && !context.flag('force')) {
        return unchanged(
            [
                `${app}: nothing to do: ${context.shown(certificateFile)} (valid to ${new Date(current.validTo).toISOString()}) is already in the global OAuth settings.`,
                'Pass --force to rotate anyway.'
            ],
            {
                ...base,
                validTo: new Date(current.validTo).toISOString(),
                fingerprint256: current.fingerprint256
            },
            warnings
        );
    }
    const subject =
        context.string('subject') ?? `/CN=${app.replace(/_/g, ' ')}`;
    if (context.dryRun) {
        return planned(
            app,
            [
                given === undefined
                    ? `new RSA 2048 key pair: private key to ${context.shown(p.key)} (mode 0600), self-signed certificate ${subject} for ${days} days to ${context.shown(p.certificate)}`
                    : `use the certificate ${context.shown(certificateFile)} (${givenSummary?.subject ?? ''})`,
                `regenerate the global OAuth settings in ${context.shown(p.ecaDir)} (callback ${callbackUrl})`,
                `${context.flag('deploy') ? 'run' : 'print'}: sf project deploy start --source-dir ${context.shown(p.ecaDir)} --target-org ${context.string('target-org') ?? '<alias>'}`
            ],
            base,
            warnings
        );
    }
    // Transactional: the new pair is written beside the old one (`.new`), the settings are
    // written with the old files kept aside, and the switch happens only after every step (the
    // deploy too, with --deploy) succeeded; any failure puts every file back as it was.
    const transaction = new SecretTransaction([
        p.key,
        p.certificate,
        `${p.key}.previous`,
        `${p.certificate}.previous`,
        p.globalFile,
        p.policyFile,
        path.join(p.ecaDir, '.forceignore'),
        path.join(p.ecaDir, 'sfdx-project.json')
    ]);
    let result: EcaGlobalOauthResult;
    let command: string[];
    const lines: string[] = [];
    let deployed = false;
    try {
        if (given === undefined) {
            generate(p, subject, days);
        }
        result = writeEcaGlobalOauth({
            callbackUrl,
            certificateFile:
                given === undefined ? `${p.certificate}.new` : certificateFile,
            clientCredentialsUser,
            pkceRequired: previous.pkceRequired ?? true,
            app,
            outputDir: p.ecaDir,
            projectDir: context.projectRoot
        });
        command = deployCommand(result, context.string('target-org'));
        if (context.flag('deploy')) {
            deploy(command, context.projectRoot);
            deployed = true;
        }
        if (given === undefined) {
            transaction.promote(p.key);
            transaction.promote(p.certificate);
        }
    } catch (error) {
        transaction.rollback();
        removeIfPresent(`${p.key}.new`);
        removeIfPresent(`${p.certificate}.new`);
        throw error;
    }
    lines.push(
        given === undefined
            ? `${app}: new key pair. Private key: ${context.shown(p.key)} (mode ${modeOf(p.key).toString(8)}; the previous one, if any, is ${context.shown(p.key)}.previous). Certificate: ${context.shown(p.certificate)}.`
            : `${app}: certificate ${context.shown(certificateFile)}.`,
        `JWT bearer certificate: ${result.certificate?.subject ?? ''}, valid to ${result.certificate?.validTo ?? ''}, SHA-256 ${result.certificate?.fingerprint256 ?? ''}`,
        ...result.files.map((file) => `wrote ${file}`),
        deployed
            ? `deployed: ${command.join(' ')}`
            : `next: ${command.join(' ')}`
    );
    lines.push(
        'Give the new private key to the integration (its JWT bearer client) when the deploy lands; the old certificate stops working then.'
    );
    return {
        status: 'done',
        lines,
        result: {
            ...base,
            certificate: result.certificate,
            files: result.files,
            deployCommand: command.join(' '),
            deployed
        },
        warnings
    };
}

export const rotateCertificate: CredentialsAction = {
    name: 'rotate-certificate',
    summary:
        'new JWT bearer key pair and certificate, global OAuth settings regenerated, deploy printed or run',
    usage: `Usage: npm run credentials -- rotate-certificate [--callback-url <url>] [--days 365] [--subject /CN=...]
          [--key-out <file>] [--cert-out <file>] [--certificate <file>] [--client-credentials-user <user>]
          [--app <name>] [--force] [--deploy -o <alias>]

Generates an RSA 2048 key (node:crypto; written mode 0600 to .secrets/jwt/<app>.key) and a
self-signed certificate (openssl) for the JWT bearer flow, regenerates the External Client App's
global OAuth settings in .secrets/eca with it (callback URL and client credentials user kept from
the earlier settings unless given), and prints the sf deploy command (--deploy runs it).
--certificate uses a certificate you already have instead (never a private key). Does nothing while
the current certificate is in the settings and valid for more than ${RENEW_WITHIN_DAYS} days, unless --force.`,
    options: {
        'callback-url': { type: 'string' },
        days: { type: 'string' },
        subject: { type: 'string' },
        'key-out': { type: 'string' },
        'cert-out': { type: 'string' },
        certificate: { type: 'string' },
        'client-credentials-user': { type: 'string' },
        app: { type: 'string' },
        force: { type: 'boolean', default: false },
        deploy: { type: 'boolean', default: false }
    },
    run
};
