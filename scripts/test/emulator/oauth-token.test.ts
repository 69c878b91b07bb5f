// The OAuth token endpoint: client credentials and JWT bearer flows (routes/oauth-token.ts),
// through form posts as Salesforce documents them and jsforce with the tokens they issue.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import { readOauthApps } from '../../emulator/oauth-apps-file';
import {
    API_VERSION,
    idOf,
    profileId,
    startHarness,
    userFields,
    type Harness
} from './helpers';
import {
    postToken,
    selfSignedCertificate,
    signJwt,
    type TestKeyPair
} from './oauth-helpers';

const APP = 'Case_Portal_Integration';
const INTEGRATION = 'integration@oauth.example';
const OUTSIDER = 'outsider@oauth.example';
const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function connectWith(instanceUrl: string, accessToken: string): Connection {
    return new Connection({ instanceUrl, accessToken, version: API_VERSION });
}

describe('OAuth token endpoint', () => {
    let keys: TestKeyPair;
    let other: TestKeyPair;
    let enabled: Harness;
    let policyOnly: Harness;
    let integrationId: string;

    const claims = (
        overrides: Record<string, unknown> = {}
    ): Record<string, unknown> => ({
        iss: 'CPI-CONSUMER-KEY',
        sub: INTEGRATION,
        aud: 'https://login.salesforce.com',
        exp: Math.floor(Date.now() / 1000) + 180,
        ...overrides
    });

    beforeAll(async () => {
        keys = selfSignedCertificate();
        other = selfSignedCertificate();
        enabled = await startHarness({
            oauthApps: [
                {
                    app: APP,
                    consumerKey: 'CPI-CONSUMER-KEY',
                    consumerSecret: 'cpi-consumer-secret',
                    certificate: keys.certificate,
                    clientCredentialsEnabled: true,
                    clientCredentialsUser: INTEGRATION
                }
            ]
        });
        // The repo's own policy: isClientCredentialsFlowEnabled false, no Run As user.
        policyOnly = await startHarness({
            oauthApps: [
                {
                    app: APP,
                    consumerKey: 'CPI-CONSUMER-KEY',
                    consumerSecret: 'cpi-consumer-secret'
                }
            ]
        });
        const conn = enabled.conn;
        const profile = await profileId(
            conn,
            'Minimum Access - API Only Integrations'
        );
        const created = await conn
            .sobject('User')
            .create(userFields(INTEGRATION, profile));
        integrationId = (created as { id: string }).id;
        const standard = await profileId(conn, 'Standard User');
        await conn.sobject('User').create(userFields(OUTSIDER, standard));
        // Pre-authorized for the admin-approved app through the group holding its permission set.
        await conn.sobject('PermissionSetAssignment').create({
            AssigneeId: integrationId,
            PermissionSetGroupId: await idOf(
                conn,
                `SELECT Id FROM PermissionSetGroup WHERE DeveloperName = '${APP}'`
            )
        });
    }, 60_000);
    afterAll(async () => {
        await enabled.emulator.close();
        await policyOnly.emulator.close();
    });

    it('client credentials: issues a token that runs as the app Run As user', async () => {
        const answer = await postToken(enabled.emulator.url, {
            grant_type: 'client_credentials',
            client_id: 'CPI-CONSUMER-KEY',
            client_secret: 'cpi-consumer-secret'
        });
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({
            token_type: 'Bearer',
            instance_url: enabled.emulator.url
        });
        expect(answer.body.access_token).toMatch(/^00D[A-Za-z0-9]{12}!/);
        expect(answer.body.id).toContain(integrationId);
        const conn = connectWith(
            answer.body.instance_url ?? '',
            answer.body.access_token ?? ''
        );
        const identity = await conn.identity();
        expect(identity.username).toBe(INTEGRATION);
        expect(identity.user_id).toBe(integrationId);
        const login = await enabled.conn.query<{ LastLoginDate: string }>(
            `SELECT LastLoginDate FROM User WHERE Id = '${integrationId}'`
        );
        expect(login.records[0]?.LastLoginDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    it('client credentials: HTTP Basic client authentication works too', async () => {
        const basic = Buffer.from(
            'CPI-CONSUMER-KEY:cpi-consumer-secret'
        ).toString('base64');
        const answer = await postToken(
            enabled.emulator.url,
            { grant_type: 'client_credentials' },
            { Authorization: `Basic ${basic}` }
        );
        expect(answer.status).toBe(200);
    });

    it('client credentials: refused with invalid_grant when the app policy does not enable the flow', async () => {
        const answer = await postToken(policyOnly.emulator.url, {
            grant_type: 'client_credentials',
            client_id: 'CPI-CONSUMER-KEY',
            client_secret: 'cpi-consumer-secret'
        });
        expect(answer).toEqual({
            status: 400,
            body: {
                error: 'invalid_grant',
                error_description: 'no client credentials user enabled'
            }
        });
    });

    it('client credentials: a wrong secret is invalid_client, an unknown client id invalid_client_id', async () => {
        const wrongSecret = await postToken(enabled.emulator.url, {
            grant_type: 'client_credentials',
            client_id: 'CPI-CONSUMER-KEY',
            client_secret: 'not-the-secret'
        });
        expect(wrongSecret).toEqual({
            status: 400,
            body: {
                error: 'invalid_client',
                error_description: 'invalid client credentials'
            }
        });
        const unknown = await postToken(enabled.emulator.url, {
            grant_type: 'client_credentials',
            client_id: 'NO-SUCH-KEY',
            client_secret: 'cpi-consumer-secret'
        });
        expect(unknown).toEqual({
            status: 400,
            body: {
                error: 'invalid_client_id',
                error_description: 'client identifier invalid'
            }
        });
    });

    it('JWT bearer: issues a token for the sub user, verified with the app certificate', async () => {
        const answer = await postToken(enabled.emulator.url, {
            grant_type: JWT_GRANT,
            assertion: signJwt(claims(), keys.privateKey)
        });
        expect(answer.status).toBe(200);
        const conn = connectWith(
            enabled.emulator.url,
            answer.body.access_token ?? ''
        );
        expect((await conn.identity()).username).toBe(INTEGRATION);
        const cases = await conn.query('SELECT Id FROM Case');
        expect(cases.done).toBe(true);
    });

    it('JWT bearer: another key, an expired assertion or a wrong audience is refused as documented', async () => {
        const forged = await postToken(enabled.emulator.url, {
            grant_type: JWT_GRANT,
            assertion: signJwt(claims(), other.privateKey)
        });
        expect(forged).toEqual({
            status: 400,
            body: {
                error: 'invalid_grant',
                error_description: 'invalid assertion'
            }
        });
        const expired = await postToken(enabled.emulator.url, {
            grant_type: JWT_GRANT,
            assertion: signJwt(
                claims({ exp: Math.floor(Date.now() / 1000) - 10 }),
                keys.privateKey
            )
        });
        expect(expired.body.error).toBe('invalid_grant');
        const audience = await postToken(enabled.emulator.url, {
            grant_type: JWT_GRANT,
            assertion: signJwt(
                claims({ aud: 'https://example.com' }),
                keys.privateKey
            )
        });
        expect(audience).toEqual({
            status: 400,
            body: {
                error: 'invalid_grant',
                error_description: 'audience is invalid'
            }
        });
        const hs256 = await postToken(enabled.emulator.url, {
            grant_type: JWT_GRANT,
            assertion: signJwt(claims(), keys.privateKey, 'HS256')
        });
        expect(hs256.body.error_description).toBe('invalid assertion');
    });

    it('JWT bearer: a user not pre-authorized for the admin-approved app has not approved this consumer', async () => {
        const answer = await postToken(enabled.emulator.url, {
            grant_type: JWT_GRANT,
            assertion: signJwt(claims({ sub: OUTSIDER }), keys.privateKey)
        });
        expect(answer).toEqual({
            status: 400,
            body: {
                error: 'invalid_grant',
                error_description: "user hasn't approved this consumer"
            }
        });
    });

    it('answers another grant type with unsupported_grant_type, and needs no bearer token', async () => {
        const answer = await postToken(enabled.emulator.url, {
            grant_type: 'password',
            username: INTEGRATION,
            password: 'x'
        });
        expect(answer).toEqual({
            status: 400,
            body: {
                error: 'unsupported_grant_type',
                error_description: 'grant type not supported'
            }
        });
    });
});

describe('npm run emulator -- --oauth-apps <file.json>', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'oauth-apps-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const write = (name: string, content: string): string => {
        const file = path.join(dir, name);
        writeFileSync(file, content);
        return file;
    };

    it('reads the apps, with the certificate file relative to the JSON file', () => {
        write(
            'jwt.crt',
            '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'
        );
        const file = write(
            'apps.json',
            JSON.stringify([
                {
                    app: APP,
                    consumerKey: 'CK',
                    consumerSecret: 'CS',
                    certificateFile: 'jwt.crt',
                    clientCredentialsEnabled: true,
                    clientCredentialsUser: INTEGRATION
                }
            ])
        );
        expect(readOauthApps(file)).toEqual([
            {
                app: APP,
                consumerKey: 'CK',
                consumerSecret: 'CS',
                certificate:
                    '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
                clientCredentialsEnabled: true,
                clientCredentialsUser: INTEGRATION
            }
        ]);
    });

    it('refuses a file that is no array, or an app without its consumer key, naming the file and entry', () => {
        const notArray = write('object.json', '{"app": "x"}');
        expect(() => readOauthApps(notArray)).toThrow(
            `--oauth-apps ${notArray}: must hold a JSON array of apps`
        );
        const noKey = write('nokey.json', JSON.stringify([{ app: APP }]));
        expect(() => readOauthApps(noKey)).toThrow(
            `--oauth-apps ${noKey}: [0] needs "app" and "consumerKey"`
        );
        const badFlag = write(
            'flag.json',
            JSON.stringify([
                { app: APP, consumerKey: 'CK', clientCredentialsEnabled: 'yes' }
            ])
        );
        expect(() => readOauthApps(badFlag)).toThrow(
            '[0].clientCredentialsEnabled must be true or false'
        );
    });
});

describe('revoking an access token the token endpoint issued', () => {
    let harness: Harness;

    beforeAll(async () => {
        harness = await startHarness();
    });
    afterAll(() => harness.emulator.close());

    it('ends its session: 200 from the revoke endpoint, then 401 INVALID_SESSION_ID', async () => {
        const token = harness.emulator.sessionFor(
            harness.emulator.org.get('User', harness.emulator.org.adminUserId)
                ?.Username as string
        );
        const conn = connectWith(harness.emulator.url, token);
        expect((await conn.query('SELECT Id FROM Account')).done).toBe(true);
        const revoked = await fetch(
            `${harness.emulator.url}/services/oauth2/revoke`,
            {
                method: 'POST',
                headers: {
                    Authorization: `Bearer ${harness.emulator.accessToken}`,
                    'Content-Type': 'application/x-www-form-urlencoded'
                },
                body: new URLSearchParams({ token }).toString()
            }
        );
        expect(revoked.status).toBe(200);
        const after = await fetch(
            `${harness.emulator.url}/services/data/v${API_VERSION}/limits`,
            { headers: { Authorization: `Bearer ${token}` } }
        );
        expect(after.status).toBe(401);
    });
});
