// Test credentials for the emulator's OAuth token endpoint: an RSA key with a self-signed
// certificate (openssl, as the kit's rotate-certificate does), JWT bearer assertions signed
// RS256 with node:crypto, and form posts to /services/oauth2/token.

import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestKeyPair {
    privateKey: string;
    certificate: string;
}

export function selfSignedCertificate(): TestKeyPair {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const dir = mkdtempSync(path.join(tmpdir(), 'emulator-jwt-'));
    try {
        const keyFile = path.join(dir, 'server.key');
        const certFile = path.join(dir, 'server.crt');
        writeFileSync(keyFile, pem, { mode: 0o600 });
        execFileSync(
            'openssl',
            [
                'req',
                '-new',
                '-x509',
                '-key',
                keyFile,
                '-out',
                certFile,
                '-days',
                '2',
                '-subj',
                '/CN=emulator-test'
            ],
            { stdio: ['ignore', 'ignore', 'pipe'] }
        );
        return { privateKey: pem, certificate: readFileSync(certFile, 'utf8') };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

const part = (value: unknown): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(
    claims: Record<string, unknown>,
    privateKey: string,
    alg = 'RS256'
): string {
    const input = `${part({ alg, typ: 'JWT' })}.${part(claims)}`;
    const signature = sign('RSA-SHA256', Buffer.from(input), privateKey);
    return `${input}.${signature.toString('base64url')}`;
}

export interface TokenAnswer {
    status: number;
    body: Record<string, string>;
}

export async function postToken(
    instanceUrl: string,
    form: Record<string, string>,
    headers: Record<string, string> = {}
): Promise<TokenAnswer> {
    const response = await fetch(`${instanceUrl}/services/oauth2/token`, {
        method: 'POST',
        headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            ...headers
        },
        body: new URLSearchParams(form).toString()
    });
    return {
        status: response.status,
        body: (await response.json()) as Record<string, string>
    };
}
