import { spawn } from 'node:child_process';
import path from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import {
    API_VERSION,
    connect,
    failure,
    startHarness,
    type Harness
} from './helpers';

describe('emulator start-up, versions, authentication, identity', () => {
    let harness: Harness;

    beforeAll(async () => {
        harness = await startHarness();
    });
    afterAll(() => harness.emulator.close());

    it('lists every API version from 31.0 to the project sourceApiVersion, as Salesforce does', async () => {
        const response = await fetch(`${harness.emulator.url}/services/data`);
        const versions = (await response.json()) as Array<{
            label: string;
            url: string;
            version: string;
        }>;
        expect(versions[0]).toEqual({
            label: "Summer '14",
            url: '/services/data/v31.0',
            version: '31.0'
        });
        expect(versions.at(-1)).toEqual({
            label: "Spring '26",
            url: '/services/data/v66.0',
            version: '66.0'
        });
        expect(versions).toHaveLength(36);
    });

    it('answers on every supported version and 404 NOT_FOUND on others', async () => {
        const conn = new Connection({
            instanceUrl: harness.emulator.url,
            accessToken: harness.emulator.accessToken,
            version: '31.0'
        });
        const result = await conn.query('SELECT Id FROM Organization');
        expect(result.totalSize).toBe(1);
        const error = await failure(
            harness.conn.request('/services/data/v99.0/limits')
        );
        expect(error.errorCode).toBe('NOT_FOUND');
        expect(error.message).toBe('The requested resource does not exist');
    });

    it('refuses any other token with 401 INVALID_SESSION_ID and Salesforce body', async () => {
        const response = await fetch(
            `${harness.emulator.url}/services/data/v${API_VERSION}/limits`,
            {
                headers: { Authorization: 'Bearer not-the-token' }
            }
        );
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual([
            {
                message: 'Session expired or invalid',
                errorCode: 'INVALID_SESSION_ID'
            }
        ]);
        const error = await failure(
            connect(harness.emulator, 'wrong').query('SELECT Id FROM User')
        );
        expect(error.errorCode).toBe('INVALID_SESSION_ID');
    });

    it('also takes the token in the real "<org id>!<token>" form (the sf CLI requires it)', async () => {
        const orgId = harness.emulator.org.organizationId;
        const real = connect(
            harness.emulator,
            `${orgId}!${harness.emulator.accessToken}`
        );
        expect(
            (await real.query('SELECT Id FROM Organization')).totalSize
        ).toBe(1);
        const otherOrg = connect(
            harness.emulator,
            `00D000000000001!${harness.emulator.accessToken}`
        );
        expect(
            (await failure(otherOrg.query('SELECT Id FROM Organization')))
                .errorCode
        ).toBe('INVALID_SESSION_ID');
    });

    it('tolerates a double slash after the instance URL', async () => {
        const response = await fetch(
            `${harness.emulator.url}//services/data/v${API_VERSION}/limits`,
            {
                headers: {
                    Authorization: `Bearer ${harness.emulator.accessToken}`
                }
            }
        );
        expect(response.status).toBe(200);
    });

    it('reports API usage in Sforce-Limit-Info and /limits', async () => {
        const before = harness.emulator.calls().apiUsage;
        const response = await fetch(
            `${harness.emulator.url}/services/data/v${API_VERSION}/limits`,
            {
                headers: {
                    Authorization: `Bearer ${harness.emulator.accessToken}`
                }
            }
        );
        expect(response.headers.get('sforce-limit-info')).toBe(
            `api-usage=${before + 1}/15000`
        );
        const limits = (await response.json()) as Record<
            string,
            { Max: number; Remaining: number }
        >;
        expect(limits.DailyApiRequests).toEqual({
            Max: 15000,
            Remaining: 15000 - before - 1
        });
        await harness.conn.query('SELECT Id FROM User');
        expect(harness.conn.limitInfo.apiUsage).toEqual({
            used: before + 2,
            limit: 15000
        });
    });

    it('answers userinfo and the identity URL for the token user', async () => {
        const info = await harness.conn.request<{
            user_id: string;
            organization_id: string;
            preferred_username: string;
        }>('/services/oauth2/userinfo');
        expect(info.user_id).toBe(harness.emulator.org.adminUserId);
        expect(info.organization_id).toBe(harness.emulator.org.organizationId);
        expect(info.preferred_username).toBe('admin@case-portal.emulator');
        const identity = await harness.conn.identity();
        expect(identity.user_id).toBe(harness.emulator.org.adminUserId);
        expect(identity.username).toBe('admin@case-portal.emulator');
    });

    it('starts from `npm run emulator -- --port 0`, prints its URL, serves a query and stops on SIGTERM', async () => {
        const root = path.resolve(__dirname, '../../..');
        const child = spawn(
            'npm',
            ['run', '-s', 'emulator', '--', '--port', '0'],
            {
                cwd: root,
                env: { ...process.env, SF_ACCESS_TOKEN: 'cli-token' },
                stdio: ['ignore', 'pipe', 'pipe'],
                detached: true
            }
        );
        const line = await new Promise<string>((resolve, reject) => {
            let out = '';
            child.stdout.on('data', (chunk: Buffer) => {
                out += chunk.toString();
                const match =
                    /Salesforce API emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(
                        out
                    );
                if (match?.[1]) {
                    resolve(match[0]);
                }
            });
            child.once('exit', (code) =>
                reject(new Error(`emulator exited with ${String(code)}`))
            );
        });
        const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0] ?? '';
        const conn = new Connection({
            instanceUrl: url,
            accessToken: 'cli-token',
            version: API_VERSION
        });
        const result = await conn.query('SELECT Id FROM User');
        expect(result.totalSize).toBeGreaterThan(0);
        const exited = new Promise<number | null>((resolve) =>
            child.once('exit', resolve)
        );
        process.kill(-(child.pid ?? 0), 'SIGTERM');
        expect(await exited).not.toBe(1);
    }, 30_000);
});
