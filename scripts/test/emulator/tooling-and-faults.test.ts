import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { failure, idOf, startHarness, type Harness } from './helpers';

describe('Tooling API Profile metadata', () => {
    let harness: Harness;

    beforeAll(async () => {
        harness = await startHarness({ metadataDirs: [] });
    });
    afterAll(() => harness.emulator.close());

    it('returns Profile.Metadata with loginIpRanges and loginHours', async () => {
        const profileId = await idOf(
            harness.conn,
            "SELECT Id FROM Profile WHERE Name = 'Minimum Access - API Only Integrations'"
        );
        const clean = await harness.conn.tooling.query<{
            Metadata: {
                loginIpRanges: unknown[];
                loginHours: unknown;
                userPermissions: unknown[];
            };
        }>(`SELECT Id, Name, Metadata FROM Profile WHERE Id = '${profileId}'`);
        expect(clean.records[0]?.Metadata).toMatchObject({
            loginIpRanges: [],
            loginHours: null,
            userLicense: 'Salesforce Integration',
            userPermissions: [
                { enabled: true, name: 'ApiEnabled' },
                { enabled: true, name: 'ApiUserOnly' }
            ]
        });
        harness.emulator.org.profileMetadata.set(profileId, {
            loginIpRanges: [
                { startAddress: '10.0.0.0', endAddress: '10.0.0.255' }
            ],
            loginHours: { mondayStart: 480, mondayEnd: 1020 }
        });
        const restricted = await harness.conn.tooling.query<{
            Metadata: { loginIpRanges: unknown[]; loginHours: unknown };
        }>(`SELECT Metadata FROM Profile WHERE Id = '${profileId}'`);
        expect(restricted.records[0]?.Metadata.loginIpRanges).toEqual([
            {
                description: null,
                endAddress: '10.0.0.255',
                startAddress: '10.0.0.0'
            }
        ]);
        expect(restricted.records[0]?.Metadata.loginHours).toEqual({
            mondayStart: 480,
            mondayEnd: 1020
        });
    });

    it('refuses Metadata for more than one row, as the Tooling API does', async () => {
        const error = await failure(
            harness.conn.tooling.query('SELECT Metadata FROM Profile')
        );
        expect(error.errorCode).toBe('MALFORMED_QUERY');
        expect(error.message).toMatch(
            /no more than one row for retrieval\. Result size: 6$/
        );
        const plain = await failure(
            harness.conn.query('SELECT Metadata FROM Profile')
        );
        expect(plain.errorCode).toBe('INVALID_FIELD');
    });
});

function limitsCall(harness: Harness): Promise<Response> {
    return fetch(`${harness.emulator.url}/services/data/v66.0/limits`, {
        headers: { Authorization: `Bearer ${harness.emulator.accessToken}` }
    });
}

describe('API limits and fault injection', () => {
    it('answers 403 REQUEST_LIMIT_EXCEEDED past DailyApiRequests', async () => {
        const harness = await startHarness({ apiLimit: 3, metadataDirs: [] });
        try {
            await harness.conn.query('SELECT Id FROM User');
            await harness.conn.query('SELECT Id FROM User');
            await harness.conn.query('SELECT Id FROM User');
            const error = await failure(
                harness.conn.query('SELECT Id FROM User')
            );
            expect(error.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
            expect(error.message).toBe('TotalRequests Limit exceeded.');
            expect(harness.emulator.calls()).toMatchObject({
                apiUsage: 3,
                apiLimit: 3,
                total: 4
            });
            harness.emulator.apiUsage.set(0);
            expect(
                (await harness.conn.query('SELECT Id FROM User')).totalSize
            ).toBe(1);
        } finally {
            await harness.emulator.close();
        }
    });

    it('injects 503, UNABLE_TO_LOCK_ROW, REQUEST_LIMIT_EXCEEDED and latency on chosen routes, every Nth call', async () => {
        const harness = await startHarness({ metadataDirs: [] });
        try {
            harness.emulator.faults.set({
                rules: [
                    {
                        method: 'GET',
                        path: '/services/data/*/limits',
                        fault: '503',
                        every: 2
                    },
                    {
                        method: 'POST',
                        path: '/services/data/*/composite/sobjects',
                        fault: 'UNABLE_TO_LOCK_ROW',
                        times: 1
                    },
                    {
                        method: 'PATCH',
                        path: '/services/data/*/sobjects/*/*',
                        fault: 'UNABLE_TO_LOCK_ROW'
                    },
                    {
                        path: '/services/data/*/query',
                        fault: 'REQUEST_LIMIT_EXCEEDED',
                        after: 1,
                        times: 1
                    },
                    {
                        path: '/services/data/*/sobjects/Account/describe',
                        fault: 'latency',
                        latencyMs: 150
                    }
                ]
            });
            // Raw HTTP here: jsforce itself retries 503 (5 times, 0.5 s backoff doubling).
            const statuses = [];
            for (let i = 0; i < 3; i++) {
                statuses.push((await limitsCall(harness)).status);
            }
            expect(statuses).toEqual([200, 503, 200]);

            const locked = await harness.conn.requestPost<
                Array<{
                    success: boolean;
                    errors: Array<{ statusCode: string }>;
                }>
            >('/composite/sobjects', {
                records: [{ attributes: { type: 'Account' }, Name: 'Locked' }]
            });
            expect(locked[0]?.errors[0]?.statusCode).toBe('UNABLE_TO_LOCK_ROW');
            const retried = await harness.conn.requestPost<
                Array<{ success: boolean }>
            >('/composite/sobjects', {
                records: [{ attributes: { type: 'Account' }, Name: 'Locked' }]
            });
            expect(retried[0]?.success).toBe(true);

            const accountId = await idOf(
                harness.conn,
                "SELECT Id FROM Account WHERE Name = 'Locked'"
            );
            const lockError = await failure(
                harness.conn
                    .sobject('Account')
                    .update({ Id: accountId, Phone: '1' })
            );
            expect(lockError.errorCode).toBe('UNABLE_TO_LOCK_ROW');
            expect(lockError.message).toBe(
                'unable to obtain exclusive access to this record'
            );

            const limited = await failure(
                harness.conn.query('SELECT Id FROM User')
            );
            expect(limited.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');

            const started = Date.now();
            await harness.conn.sobject('Account').describe();
            expect(Date.now() - started).toBeGreaterThanOrEqual(140);

            const calls = harness.emulator.calls();
            expect(calls.byRoute['GET /services/data/vXX.X/limits']).toBe(3);
            expect(
                calls.byRoute['POST /services/data/vXX.X/composite/sobjects']
            ).toBe(2);
            expect(calls.byRoute['GET /services/data/vXX.X/query']).toBe(2);
            harness.emulator.resetCalls();
            expect(harness.emulator.calls().total).toBe(0);
        } finally {
            await harness.emulator.close();
        }
    });

    it('reads a fault plan from a JSON file and rejects a malformed one', async () => {
        const file = path.join(tmpdir(), `faults-${process.pid}.json`);
        writeFileSync(
            file,
            JSON.stringify({
                rules: [{ path: '/services/data/*/limits', fault: '503' }]
            })
        );
        const harness = await startHarness({ faults: file, metadataDirs: [] });
        try {
            const response = await limitsCall(harness);
            expect(response.status).toBe(503);
            expect(await response.json()).toEqual([
                {
                    errorCode: 'SERVER_UNAVAILABLE',
                    message: 'Server temporarily unavailable'
                }
            ]);
        } finally {
            await harness.emulator.close();
        }
        writeFileSync(file, JSON.stringify({ rules: [{ fault: 'EXPLODE' }] }));
        await expect(
            startHarness({ faults: file, metadataDirs: [] })
        ).rejects.toThrow(/rules\.0\.fault/);
    });
});
