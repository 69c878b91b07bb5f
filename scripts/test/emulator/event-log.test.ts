// The ApiTotalUsage event log (api/usage-log.ts): one row per API request, as the integration
// user's OAuth session makes it, served as daily EventLogFile records through SOQL and the
// LogFile download, all through jsforce.

import type { Connection } from '@jsforce/jsforce-node';
import { parse } from 'csv-parse/sync';
import {
    API_VERSION,
    connect,
    failure,
    profileId,
    startHarness,
    userFields,
    type Harness
} from './helpers';
import { queriedObject } from '../../emulator/api/usage-request';
import { postToken } from './oauth-helpers';

const APP = 'Case_Portal_Integration';
const INTEGRATION = 'integration@usage-log.example';

interface EventLogFileRow {
    Id: string;
    EventType: string;
    Interval: string;
    LogDate: string;
    LogFile: string;
    LogFileLength: number;
    LogFileFieldNames: string;
    LogFileFieldTypes: string;
    LogFileContentType: string;
    Sequence: number;
}

type LogRow = Record<string, string>;

describe('ApiTotalUsage event log', () => {
    let harness: Harness;
    let now = new Date('2026-04-01T09:30:00.000Z');
    let integration: Connection;
    let integrationId: string;
    let appId: string;

    const closeDay = async (
        date?: string
    ): Promise<{ id: string | null; logDate: string; rows: number }> =>
        harness.conn.request({
            method: 'POST',
            url: `${harness.emulator.url}/_emulator/event-log/close`,
            body: JSON.stringify(date ? { date } : {}),
            headers: { 'Content-Type': 'application/json' }
        });

    const download = async (id: string): Promise<string> => {
        const response = await fetch(
            `${harness.emulator.url}/services/data/v${API_VERSION}/sobjects/EventLogFile/${id}/LogFile`,
            {
                headers: {
                    Authorization: `Bearer ${harness.emulator.accessToken}`
                }
            }
        );
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(
            'application/octetstream'
        );
        return response.text();
    };

    const rowsOf = (csv: string): LogRow[] =>
        parse(csv, { columns: true }) as LogRow[];

    beforeAll(async () => {
        harness = await startHarness({
            clock: () => now,
            oauthApps: [
                {
                    app: APP,
                    consumerKey: 'USAGE-KEY',
                    consumerSecret: 'usage-secret',
                    clientCredentialsEnabled: true,
                    clientCredentialsUser: INTEGRATION
                }
            ]
        });
        const profile = await profileId(
            harness.conn,
            'Minimum Access - API Only Integrations'
        );
        integrationId = (
            (await harness.conn
                .sobject('User')
                .create(userFields(INTEGRATION, profile))) as { id: string }
        ).id;
        appId = (
            await harness.conn.query<{ Id: string }>(
                `SELECT Id FROM ConnectedApplication WHERE Name = '${APP}'`
            )
        ).records[0]?.Id as string;
        const token = await postToken(harness.emulator.url, {
            grant_type: 'client_credentials',
            client_id: 'USAGE-KEY',
            client_secret: 'usage-secret'
        });
        integration = connect(harness.emulator, token.body.access_token);
    }, 60_000);
    afterAll(() => harness.emulator.close());

    it('logs one row per request as the OAuth user and app, composite as its parent only', async () => {
        await integration.query('SELECT Id, Name FROM Account');
        const created = (await integration
            .sobject('Case')
            .create({ Subject: 'Printer on fire', Origin: 'Web' })) as {
            id: string;
        };
        await integration
            .sobject('Case')
            .update({ Id: created.id, Subject: 'Printer still on fire' });
        await integration.requestPost('/composite', {
            compositeRequest: [
                {
                    method: 'GET',
                    url: `/services/data/v${API_VERSION}/sobjects/Case/${created.id}`,
                    referenceId: 'one'
                },
                {
                    method: 'GET',
                    url: `/services/data/v${API_VERSION}/query?q=SELECT+Id+FROM+Contact`,
                    referenceId: 'two'
                }
            ]
        });
        await integration.sobject('Case').retrieve(created.id);
        const closed = await closeDay('2026-04-01');
        expect(closed).toMatchObject({ logDate: '2026-04-01' });
        expect(typeof closed.id).toBe('string');

        const files = await harness.conn.query<EventLogFileRow>(
            "SELECT Id, EventType, Interval, LogDate, LogFile, LogFileLength, LogFileFieldNames, LogFileFieldTypes, LogFileContentType, Sequence FROM EventLogFile WHERE EventType = 'ApiTotalUsage' AND Interval = 'Daily'"
        );
        expect(files.totalSize).toBe(1);
        const file = files.records[0] as EventLogFileRow;
        expect(file).toMatchObject({
            EventType: 'ApiTotalUsage',
            Interval: 'Daily',
            LogDate: '2026-04-01T00:00:00.000+0000',
            LogFileContentType: 'CSV',
            Sequence: 1,
            LogFile: `/services/data/v${API_VERSION}/sobjects/EventLogFile/${file.Id}/LogFile`
        });
        const csv = await download(file.Id);
        expect(file.LogFileLength).toBe(Buffer.byteLength(csv));
        const names = file.LogFileFieldNames.split(',');
        expect(names).toEqual(
            expect.arrayContaining([
                'EVENT_TYPE',
                'TIMESTAMP',
                'TIMESTAMP_DERIVED',
                'REQUEST_ID',
                'ORGANIZATION_ID',
                'USER_ID',
                'USER_ID_DERIVED',
                'API_FAMILY',
                'API_VERSION',
                'API_RESOURCE',
                'HTTP_METHOD',
                'ENTITY_NAME',
                'CONNECTED_APP_ID',
                'CONNECTED_APP_NAME',
                'COUNTS_AGAINST_API_LIMIT'
            ])
        );
        expect(file.LogFileFieldTypes.split(',')).toHaveLength(names.length);
        expect(csv.split('\n')[0]).toBe(names.map((n) => `"${n}"`).join(','));

        const mine = rowsOf(csv).filter(
            (row) => row.USER_ID === integrationId.slice(0, 15)
        );
        expect(
            mine.map((row) => [
                row.HTTP_METHOD,
                row.API_FAMILY,
                row.ENTITY_NAME,
                row.API_RESOURCE?.replace(/[a-zA-Z0-9]{18}$/, '<id>')
            ])
        ).toEqual([
            ['GET', 'REST', 'Account', `/v${API_VERSION}/query`],
            ['POST', 'REST', 'Case', `/v${API_VERSION}/sobjects/Case`],
            ['PATCH', 'REST', 'Case', `/v${API_VERSION}/sobjects/Case/<id>`],
            ['POST', 'REST', '', `/v${API_VERSION}/composite`],
            ['GET', 'REST', 'Case', `/v${API_VERSION}/sobjects/Case/<id>`]
        ]);
        for (const row of mine) {
            expect(row).toMatchObject({
                EVENT_TYPE: 'ApiTotalUsage',
                USER_ID_DERIVED: integrationId,
                CONNECTED_APP_ID: appId.slice(0, 15),
                CONNECTED_APP_NAME: APP,
                API_VERSION: API_VERSION,
                COUNTS_AGAINST_API_LIMIT: '1'
            });
            expect(row.USER_ID).toHaveLength(15);
            expect(row.TIMESTAMP).toBe('20260401093000.000');
            expect(row.TIMESTAMP_DERIVED).toBe('2026-04-01T09:30:00.000Z');
        }
        expect(new Set(mine.map((row) => row.REQUEST_ID)).size).toBe(
            mine.length
        );
    });

    it('logs the admin session without an app, and Bulk ingest jobs as API_FAMILY Bulk', async () => {
        now = new Date('2026-04-02T08:00:00.000Z');
        const job = await harness.conn.request<{ id: string }>({
            method: 'POST',
            url: `/services/data/v${API_VERSION}/jobs/ingest`,
            body: JSON.stringify({ object: 'Contact', operation: 'insert' }),
            headers: { 'Content-Type': 'application/json' }
        });
        await harness.conn.request(
            `/services/data/v${API_VERSION}/jobs/ingest/${job.id}`
        );
        const closed = await closeDay();
        expect(closed.logDate).toBe('2026-04-02');
        const rows = rowsOf(await download(closed.id ?? ''));
        expect(rows.map((row) => [row.API_FAMILY, row.ENTITY_NAME])).toEqual([
            ['Bulk', 'Contact'],
            ['Bulk', '']
        ]);
        expect(rows[0]).toMatchObject({
            CONNECTED_APP_ID: '',
            CONNECTED_APP_NAME: ''
        });
    });

    it('writes a day once: closing it again answers the same file; a day without requests has none', async () => {
        const first = await closeDay('2026-04-01');
        const again = await closeDay('2026-04-01');
        expect(again).toEqual(first);
        const files = await harness.conn.query(
            'SELECT Id FROM EventLogFile WHERE LogDate = 2026-04-01T00:00:00Z'
        );
        expect(files.totalSize).toBe(1);
        expect(await closeDay('2026-03-15')).toEqual({
            id: null,
            logDate: '2026-03-15',
            rows: 0
        });
        const bad = await failure(closeDay('yesterday'));
        expect(bad.errorCode).toBe('INVALID_FIELD');
    });

    it('serves EventLogFile read-only, and 404 NOT_FOUND for the LogFile of an unknown id', async () => {
        const refused = await failure(
            harness.conn.sobject('EventLogFile').create({
                EventType: 'ApiTotalUsage'
            })
        );
        expect(refused.errorCode).toBe('INVALID_TYPE_FOR_OPERATION');
        const response = await fetch(
            `${harness.emulator.url}/services/data/v${API_VERSION}/sobjects/EventLogFile/0AT000000000001AAA/LogFile`,
            {
                headers: {
                    Authorization: `Bearer ${harness.emulator.accessToken}`
                }
            }
        );
        expect(response.status).toBe(404);
    });

    it('names a query by its top-level FROM object, not a subquery or a string literal', () => {
        const org = harness.emulator.org;
        expect(
            queriedObject(
                org,
                "SELECT Id, (SELECT Id FROM Contacts) FROM account WHERE Name = 'x FROM Case'"
            )
        ).toBe('Account');
        expect(
            queriedObject(
                org,
                'SELECT Id FROM Case WHERE AccountId IN (SELECT Id FROM Account)'
            )
        ).toBe('Case');
        expect(queriedObject(org, 'SELECT COUNT()\nFROM Contact')).toBe(
            'Contact'
        );
        expect(queriedObject(org, 'not soql')).toBe('');
    });

    it('does not count or log the emulator-only close, nor the token endpoint', async () => {
        now = new Date('2026-04-03T08:00:00.000Z');
        const before = harness.emulator.apiUsage.get();
        await closeDay('2026-04-02');
        await postToken(harness.emulator.url, {
            grant_type: 'client_credentials',
            client_id: 'USAGE-KEY',
            client_secret: 'usage-secret'
        });
        expect(harness.emulator.apiUsage.get()).toBe(before);
        expect(harness.emulator.eventLog.pending()).toEqual([]);
    });
});
