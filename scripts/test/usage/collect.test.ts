import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import { collect, type CollectResult } from '../../src/usage/collect';
import { readView } from '../../src/usage/store';
import {
    API_VERSION,
    startScriptHarness,
    type ScriptHarness
} from '../scripts/harness';
import { runCommand } from '../support/run-command';
import { createUsers } from '../support/users';

const SYSTEM = { system: true } as const;
const APP = 'Case_Portal_Integration';

/** collect against the emulator's ApiTotalUsage EventLogFile records, over HTTP. */
describe('usage collect (EventLogFile, ApiTotalUsage)', () => {
    let h: ScriptHarness;
    let clock: Date;
    let store: string;
    let username: string;
    let userId: string;

    beforeEach(async () => {
        clock = new Date('2026-11-02T10:00:00Z');
        h = await startScriptHarness({ clock: () => clock });
        store = path.join(
            mkdtempSync(path.join(os.tmpdir(), 'usage-collect-')),
            'store'
        );
        const org = h.emulator.org;
        [username] = createUsers(
            org,
            1,
            'sync',
            'Minimum Access - API Only Integrations'
        ) as [string];
        userId = String(
            org.rows('User').find((u) => u.Username === username)?.Id
        );
        const setId = org.dml.create(
            'PermissionSet',
            { Name: 'Sync_Read', Label: 'Sync_Read' },
            SYSTEM
        );
        org.dml.create(
            'ObjectPermissions',
            { ParentId: setId, SobjectType: 'Account', PermissionsRead: true },
            SYSTEM
        );
        org.dml.create(
            'PermissionSetAssignment',
            { AssigneeId: userId, PermissionSetId: setId },
            SYSTEM
        );
    });
    afterEach(async () => {
        await h.close();
    });

    /** The integration's traffic as the user through the app, then the day closed. */
    async function trafficDay(day: string): Promise<void> {
        clock = new Date(`${day}T09:00:00Z`);
        const conn = new Connection({
            instanceUrl: h.emulator.url,
            accessToken: h.emulator.sessionFor(username, APP),
            version: API_VERSION
        });
        await conn.query('SELECT Id, Name FROM Account');
        await conn.query('SELECT Id FROM Account LIMIT 1');
        h.emulator.eventLog.record({
            timestamp: new Date(`${day}T09:30:00Z`),
            requestId: `soap-${day}`,
            userId,
            appId: null,
            appName: null,
            family: 'SOAP',
            resource: 'getUserInfo',
            version: API_VERSION,
            method: 'POST',
            entity: '',
            statusCode: 200,
            countsAgainstLimit: true,
            clientIp: '127.0.0.1',
            clientName: ''
        });
        clock = new Date(`${day}T23:00:00Z`);
        h.emulator.eventLog.closeDay(day);
    }

    it('streams every ApiTotalUsage log file not yet stored; collecting again changes nothing', async () => {
        await trafficDay('2026-11-02');
        const first = await collect(h.client(), { store });
        expect(first.files).toEqual([
            expect.objectContaining({
                logDate: expect.stringMatching(/^2026-11-02/),
                interval: 'Daily',
                status: 'added'
            })
        ]);
        const view = readView(store, { userId });
        expect(view.days).toEqual(['2026-11-02']);
        expect(view.usage).toEqual([
            expect.objectContaining({
                object: 'Account',
                verb: 'read',
                count: 2,
                family: 'REST'
            })
        ]);
        expect(view.usage[0]?.appName || view.usage[0]?.appId).toBeTruthy();
        expect(view.blind).toEqual([
            expect.objectContaining({ reason: 'soapNoObject', count: 1 })
        ]);

        const files = readdirSync(path.join(store, 'days', '2026-11-02'));
        const manifest = readFileSync(
            path.join(store, 'manifest.json'),
            'utf8'
        );
        const again = await collect(h.client(), { store });
        expect(again.files.map((f) => f.status)).toEqual(['stored']);
        // Only the EventLogFile query (and the org id): nothing downloaded again.
        expect(again.apiCalls).toBe(2);
        expect(readFileSync(path.join(store, 'manifest.json'), 'utf8')).toBe(
            manifest
        );
        expect(readdirSync(path.join(store, 'days', '2026-11-02'))).toEqual(
            files
        );
        expect(readView(store, { userId })).toEqual(view);

        await trafficDay('2026-11-03');
        const third = await collect(h.client(), { store });
        expect(third.files.map((f) => f.status)).toEqual(['stored', 'added']);
        expect(readView(store, { userId }).days).toEqual([
            '2026-11-02',
            '2026-11-03'
        ]);
    });

    it('npm run usage -- collect: the env pair, a table or one JSON document, the default store .usage/<orgId>', async () => {
        await trafficDay('2026-11-02');
        const env = {
            SF_INSTANCE_URL: h.emulator.url,
            SF_ACCESS_TOKEN: h.emulator.accessToken
        };
        const run = await runCommand(
            'usage collect',
            ['--store', store, '--json'],
            env
        );
        expect(run.code).toBe(0);
        const result = run.json<{ result: CollectResult }>().result;
        expect(result.organizationId).toMatch(/^00D\w{12}$/);
        expect(result.files[0]?.status).toBe('added');
        const human = await runCommand(
            'usage collect',
            ['--store', store],
            env
        );
        expect(human.code).toBe(0);
        expect(human.stdout).toContain('0 added, 1 already stored, 0 failed');
        const cwd = process.cwd();
        process.chdir(path.dirname(store));
        try {
            const defaulted = await collect(h.client());
            expect(defaulted.store).toBe(
                path.join('.usage', result.organizationId)
            );
        } finally {
            process.chdir(cwd);
        }
    });

    it('npm run usage -- collect: exit 68 when some files failed and others were added, 1 (Query) when none was added', async () => {
        await trafficDay('2026-11-02');
        await trafficDay('2026-11-03');
        const env = {
            SF_INSTANCE_URL: h.emulator.url,
            SF_ACCESS_TOKEN: h.emulator.accessToken
        };
        const files = h.emulator.org
            .rows('EventLogFile')
            .map((row) => String(row.Id))
            .sort();
        expect(files).toHaveLength(2);
        // A file whose columns are not ApiTotalUsage's fails; the others are still collected.
        const spoil = (id: string) =>
            h.emulator.org.store.update('EventLogFile', id, {
                LogFileFieldNames: 'EVENT_TYPE,TIMESTAMP,LOGIN_STATUS'
            });
        spoil(files[1] as string);
        const partial = await runCommand(
            'usage collect',
            ['--store', store, '--json'],
            env
        );
        expect(partial.code).toBe(68);
        const doc = partial.json<{ status: number; result: CollectResult }>();
        expect(doc.status).toBe(68);
        expect(doc.result.files.map((f) => f.status).sort()).toEqual([
            'added',
            'failed'
        ]);
        expect(
            doc.result.files.find((f) => f.status === 'failed')?.error
        ).toMatch(/not an ApiTotalUsage event log file/);

        spoil(files[0] as string);
        const none = await runCommand(
            'usage collect',
            ['--store', `${store}-2`],
            env
        );
        expect(none.code).toBe(1);
        expect(none.stdout).toContain('0 added, 0 already stored, 2 failed');
        expect(none.stderr).toContain(
            '2 ApiTotalUsage log file(s) could not be collected'
        );
        const json = await runCommand(
            'usage collect',
            ['--store', `${store}-2`, '--json'],
            env
        );
        expect(json.code).toBe(1);
        expect(
            json.json<{ name: string; result: CollectResult }>()
        ).toMatchObject({
            name: 'Query',
            result: { files: [{ status: 'failed' }, { status: 'failed' }] }
        });
        // Last in the file: a run after --help in the same process fails (command not found, exit
        // 2; the in-process runner's state after oclif's help), which the sf CLI never does.
        const help = await runCommand('usage collect', ['--help']);
        expect(help.stdout).toContain('sf casekit usage collect');
        expect(help.stdout).toContain('npm run usage -- collect');
    });
});
