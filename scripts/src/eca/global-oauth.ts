// The External Client App's org-specific global OAuth settings (ExtlClntAppGlobalOauthSettings),
// written as a small deployable SFDX project under the gitignored .secrets/ folder. The command
// (commands/eca-global-oauth.ts) parses arguments; this module validates and writes.

import { X509Certificate } from 'node:crypto';
import {
    existsSync,
    mkdirSync,
    readFileSync,
    statSync,
    writeFileSync
} from 'node:fs';
import path from 'node:path';
import { loadProject, relativeTo } from '../lib/project';
import {
    INTEGRATION_PERMISSION_SET,
    oauthPolicyFileName,
    oauthPolicyXml
} from './oauth-policy';

/** A bad input: the message names the flag or file and what is wrong with it. */
export class InputError extends Error {
    override name = 'InputError';
}

export interface EcaGlobalOauthOptions {
    /** Opts in to the OAuth web-server flow (the redirect URI); none by default. */
    callbackUrl?: string;
    certificateFile?: string;
    clientCredentialsUser?: string;
    pkceRequired: boolean;
    app: string;
    /** Relative to the current directory; default: `<project>/.secrets/eca`. */
    outputDir?: string;
    projectDir: string;
}

export interface CertificateSummary {
    file: string;
    subject: string;
    validTo: string;
    fingerprint256: string;
}

export interface EcaGlobalOauthResult {
    /** The deployable folder (relative to the project when inside it). */
    sourceDir: string;
    /** Every file written, relative to the project when inside it. */
    files: string[];
    certificate?: CertificateSummary;
    clientCredentialsUser?: string;
    /** The OAuth flows the settings enable. */
    flows: OauthFlow[];
    deployCommand: string;
    /** What the admin should know (the web-server flow and an API-only user, say). */
    warnings: string[];
}

export type OauthFlow = 'jwt-bearer' | 'client-credentials' | 'web-server';

/**
 * Why the web-server flow is opt-in: it needs a user who logs in interactively in a browser, and
 * the kit's integration user is API-only (ApiUserOnly: "API Only User", which cannot log in to the
 * UI; the JWT bearer and client credentials flows need no interactive login: Salesforce Help,
 * "OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration" and "OAuth 2.0 Client Credentials
 * Flow for Server-to-Server Integration").
 */
export const WEB_SERVER_FLOW_WARNING =
    '--callback-url turns on the OAuth web-server flow, which needs an interactive browser login: the ' +
    'API-only integration user (ApiUserOnly) cannot complete it. Use it only for a connector that ' +
    'authorizes as a person; server-to-server integrations use --certificate (JWT bearer) or ' +
    '--client-credentials-user.';

const APP_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/;
const USERNAME = /^[^\s@<>&"']+@[^\s@<>&"']+\.[^\s@<>&"']+$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const MAX_CERTIFICATE_BYTES = 64 * 1024;
const PEM_CERTIFICATE =
    /-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----/g;
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

function escapeXml(value: string): string {
    return value
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}

function element(name: string, value: string | boolean): string {
    return `    <${name}>${escapeXml(String(value))}</${name}>`;
}

/** Checks the OAuth redirect URI: absolute, https (http only for localhost), no user info or fragment. */
export function validateCallbackUrl(raw: string): string {
    let url: URL;
    try {
        url = new URL(raw);
    } catch {
        throw new InputError(
            `--callback-url: "${raw}" is not an absolute URL (expected e.g. https://community.example.com/oauth/callback)`
        );
    }
    if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
        throw new InputError(
            `--callback-url: must use https; http is allowed only for localhost, got host "${url.hostname}"`
        );
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new InputError(
            `--callback-url: must use https (or http for localhost), got "${url.protocol}"`
        );
    }
    if (url.username !== '' || url.password !== '') {
        throw new InputError(
            '--callback-url: must not contain a user name or password'
        );
    }
    if (url.hash !== '') {
        throw new InputError(
            '--callback-url: must not contain a fragment (#...): OAuth 2.0 redirect URIs cannot have one'
        );
    }
    return raw;
}

/**
 * Reads an X.509 certificate (PEM or DER; the path is relative to the current directory) for the
 * JWT bearer flow and returns it as PEM.
 * Refuses private keys, several certificates, non-RSA keys (JWT bearer uses RS256) and expired
 * certificates. Errors name the file and never quote its content.
 */
export function readCertificate(
    file: string,
    now: Date = new Date()
): { pem: string; summary: CertificateSummary } {
    const absolute = path.resolve(file);
    if (!existsSync(absolute) || !statSync(absolute).isFile()) {
        throw new InputError(`${file}: --certificate: no such file`);
    }
    const size = statSync(absolute).size;
    if (size === 0 || size > MAX_CERTIFICATE_BYTES) {
        throw new InputError(
            `${file}: --certificate: expected one X.509 certificate, but the file is ${size} bytes`
        );
    }
    const bytes = readFileSync(absolute);
    const text = bytes.toString('latin1');
    if (PRIVATE_KEY.test(text)) {
        throw new InputError(
            `${file}: --certificate: this file holds a private key. Pass the certificate only; the private key stays with the integration and is never uploaded or committed`
        );
    }
    const blocks = text.match(PEM_CERTIFICATE) ?? [];
    if (blocks.length > 1) {
        throw new InputError(
            `${file}: --certificate: holds ${blocks.length} certificates; pass only the one whose key signs the JWT assertions`
        );
    }
    let certificate: X509Certificate;
    try {
        certificate = new X509Certificate(blocks[0] ?? bytes);
    } catch {
        throw new InputError(
            `${file}: --certificate: not a readable X.509 certificate (expected PEM "-----BEGIN CERTIFICATE-----" or DER)`
        );
    }
    if (certificate.publicKey.asymmetricKeyType !== 'rsa') {
        throw new InputError(
            `${file}: --certificate: the key is ${certificate.publicKey.asymmetricKeyType ?? 'of an unknown type'}; the JWT bearer flow signs with RS256 and needs an RSA certificate`
        );
    }
    const validTo = new Date(certificate.validTo);
    if (validTo.getTime() <= now.getTime()) {
        throw new InputError(
            `${file}: --certificate: expired on ${validTo.toISOString()}`
        );
    }
    return {
        pem: certificate.toString().trim(),
        summary: {
            file,
            subject: certificate.subject.replace(/\n/g, ', '),
            validTo: validTo.toISOString(),
            fingerprint256: certificate.fingerprint256
        }
    };
}

export function validateUsername(raw: string): string {
    if (!USERNAME.test(raw)) {
        throw new InputError(
            `--client-credentials-user: "${raw}" is not a Salesforce username (they look like an email address, e.g. case-portal@example.com.prod)`
        );
    }
    return raw;
}

export function globalOauthXml(options: {
    app: string;
    label: string;
    callbackUrl?: string;
    certificatePem?: string;
    clientCredentials: boolean;
    pkceRequired: boolean;
}): string {
    const lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<ExtlClntAppGlobalOauthSettings xmlns="http://soap.sforce.com/2006/04/metadata">'
    ];
    if (options.callbackUrl !== undefined) {
        lines.push(element('callbackUrl', options.callbackUrl));
    }
    if (options.certificatePem !== undefined) {
        lines.push(element('certificate', options.certificatePem));
    }
    lines.push(
        element('externalClientApplication', options.app),
        element('isClientCredentialsFlowEnabled', options.clientCredentials),
        element('isConsumerSecretOptional', false),
        element('isDeviceFlowEnabled', false),
        element('isIntrospectAllTokens', false),
        element('isNamedUserJwtEnabled', false),
        element('isPkceRequired', options.pkceRequired),
        element('isRefreshTokenRotationEnabled', false),
        element('isSecretRequiredForRefreshToken', true),
        element('isSecretRequiredForTokenExchange', false),
        element('isTokenExchangeEnabled', false),
        element('label', options.label),
        element('shouldRotateConsumerKey', false),
        element('shouldRotateConsumerSecret', false),
        '</ExtlClntAppGlobalOauthSettings>',
        ''
    );
    return lines.join('\n');
}

function isInside(child: string, parent: string): boolean {
    const rel = path.relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Validates the options and writes the deployable folder. */
export function writeEcaGlobalOauth(
    options: EcaGlobalOauthOptions,
    now: Date = new Date()
): EcaGlobalOauthResult {
    if (!APP_NAME.test(options.app) || options.app.endsWith('_')) {
        throw new InputError(
            `--app: "${options.app}" is not an API name (letters, digits and single underscores, starting with a letter)`
        );
    }
    const callbackUrl =
        options.callbackUrl === undefined
            ? undefined
            : validateCallbackUrl(options.callbackUrl);
    if (
        callbackUrl === undefined &&
        options.certificateFile === undefined &&
        options.clientCredentialsUser === undefined
    ) {
        throw new InputError(
            'choose the OAuth flow the integration uses: --certificate <file> (JWT bearer) and/or --client-credentials-user <username> (client credentials); --callback-url <url> opts in to the web-server flow, for a connector that authorizes as a person'
        );
    }
    const project = loadProject(options.projectDir);
    const shown = (file: string): string =>
        isInside(file, project.root) ? relativeTo(project.root, file) : file;
    const defaultDir = path.join(
        project.packageDirs[0] ?? '',
        'main',
        'default'
    );
    const ecaFile = path.join(
        defaultDir,
        'externalClientApps',
        `${options.app}.eca-meta.xml`
    );
    if (!existsSync(ecaFile)) {
        throw new InputError(
            `${shown(ecaFile)}: --app: no external client app "${options.app}" in the project`
        );
    }
    const outputDir =
        options.outputDir === undefined
            ? path.join(project.root, '.secrets', 'eca')
            : path.resolve(options.outputDir);
    const packageDir = project.packageDirs.find(
        (dir) => isInside(outputDir, dir) || isInside(dir, outputDir)
    );
    if (packageDir !== undefined) {
        throw new InputError(
            `--output-dir: ${shown(outputDir)} overlaps the package directory ${shown(packageDir)}; org-specific OAuth settings must stay out of the committed source (use .secrets/eca)`
        );
    }
    const certificate =
        options.certificateFile === undefined
            ? undefined
            : readCertificate(options.certificateFile, now);
    const username =
        options.clientCredentialsUser === undefined
            ? undefined
            : validateUsername(options.clientCredentialsUser);
    // One home for the policy: generated here, never also committed (the last deploy would win).
    const committedPolicies = project.packageDirs
        .map((dir) =>
            path.join(
                dir,
                'main',
                'default',
                'extlClntAppOauthPolicies',
                oauthPolicyFileName(options.app)
            )
        )
        .filter((file) => existsSync(file));
    if (committedPolicies.length > 0) {
        throw new InputError(
            `${committedPolicies.map(shown).join(', ')}: the OAuth policy of "${options.app}" is generated here (it holds the org-specific client credentials user); remove the committed copy, or a later deploy of the package directory overwrites the generated one`
        );
    }
    const permissionSetFile = path.join(
        defaultDir,
        'permissionsets',
        `${INTEGRATION_PERMISSION_SET}.permissionset-meta.xml`
    );
    if (!existsSync(permissionSetFile)) {
        throw new InputError(
            `${shown(permissionSetFile)}: the OAuth policy pre-authorizes holders of ${INTEGRATION_PERMISSION_SET}, which the project does not define`
        );
    }
    const appLabel =
        /<label>([^<]+)<\/label>/.exec(readFileSync(ecaFile, 'utf8'))?.[1] ??
        options.app;
    const sourceRoot = path.join(outputDir, 'force-app', 'main', 'default');
    const writes: [string, string][] = [
        // SDR ignores every path under a dot folder (such as .secrets/) relative to the nearest
        // .forceignore; this one makes the folder its own root, so that
        // `sf project deploy start --source-dir .secrets/eca` finds the metadata.
        [
            path.join(outputDir, '.forceignore'),
            '# Generated by eca-global-oauth: deploy only the metadata below force-app/.\nsfdx-project.json\n'
        ],
        [
            path.join(outputDir, 'sfdx-project.json'),
            `${JSON.stringify(
                {
                    packageDirectories: [{ path: 'force-app', default: true }],
                    name: `${options.app}-global-oauth`,
                    sourceApiVersion: project.sourceApiVersion
                },
                null,
                4
            )}\n`
        ],
        [
            path.join(
                sourceRoot,
                'extlClntAppGlobalOauthSets',
                `${options.app}_glbloauth.ecaGlblOauth-meta.xml`
            ),
            globalOauthXml({
                app: options.app,
                label: `${appLabel} Global OAuth Settings`,
                callbackUrl,
                certificatePem: certificate?.pem,
                clientCredentials: username !== undefined,
                pkceRequired: options.pkceRequired
            })
        ]
    ];
    writes.push([
        path.join(
            sourceRoot,
            'extlClntAppOauthPolicies',
            oauthPolicyFileName(options.app)
        ),
        oauthPolicyXml({
            app: options.app,
            appLabel,
            permissionSets: [INTEGRATION_PERMISSION_SET],
            clientCredentialsUser: username
        })
    ]);
    const flows: OauthFlow[] = [];
    if (certificate !== undefined) {
        flows.push('jwt-bearer');
    }
    if (username !== undefined) {
        flows.push('client-credentials');
    }
    if (callbackUrl !== undefined) {
        flows.push('web-server');
    }
    for (const [file, content] of writes) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, content, { encoding: 'utf8', mode: 0o600 });
    }
    const sourceDir = shown(outputDir);
    return {
        sourceDir,
        files: writes.map(([file]) => shown(file)),
        certificate: certificate?.summary,
        clientCredentialsUser: username,
        flows,
        deployCommand: `sf project deploy start --source-dir ${sourceDir} --target-org <alias>`,
        warnings: callbackUrl === undefined ? [] : [WEB_SERVER_FLOW_WARNING]
    };
}
