import {
    existsSync,
    mkdtempSync,
    readdirSync,
    readFileSync,
    writeFileSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { classify } from '../../src/usage/classify';
import { importFiles } from '../../src/usage/import';
import { aggregateCsv } from '../../src/usage/aggregate';
import { addSources, readView, type UsageView } from '../../src/usage/store';
import { runCommand } from '../support/run-command';
import { HEADER, csv, type Row } from './csv';

const ALICE = '005000000000AAA'; // 15 characters
const ALICE18 = '005000000000AAAQAK';
const BOB = '005000000000BBB';
const APP = 'Case Portal Integration';

let dir: string;
beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'usage-import-'));
});

function write(name: string, text: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
}

const store = () => path.join(dir, 'store');

/** `object verb` → count for one user. */
function counts(view: UsageView): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of view.usage) {
        out[`${e.object} ${e.verb}`] =
            (out[`${e.object} ${e.verb}`] ?? 0) + e.count;
    }
    return out;
}
function blind(view: UsageView): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of view.blind) out[e.reason] = (out[e.reason] ?? 0) + e.count;
    return out;
}

const DAY = '2026-11-02';
const at = (hour: number, minute = 0) =>
    `${DAY}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;

const VERBS: Row[] = [
    {
        user: ALICE,
        at: at(1),
        resource: '/services/data/v66.0/query',
        entity: 'Account',
        app: APP
    },
    {
        user: ALICE,
        at: at(1, 5),
        resource: '/v66.0/queryAll',
        entity: 'Contact',
        app: APP
    },
    {
        user: ALICE,
        at: at(2),
        method: 'POST',
        resource: '/v66.0/sobjects/Case',
        entity: 'Case',
        app: APP
    },
    {
        user: ALICE,
        at: at(3),
        method: 'PATCH',
        resource: '/v66.0/sobjects/Case/500000000000001AAA',
        entity: 'Case',
        app: APP
    },
    {
        user: ALICE,
        at: at(4),
        method: 'DELETE',
        resource: '/v66.0/sobjects/Task/00T000000000001',
        entity: 'Task',
        app: APP
    },
    {
        user: ALICE,
        at: at(5),
        method: 'PATCH',
        resource: '/v66.0/sobjects/Contact/External_Id__c/C-1',
        entity: 'Contact',
        app: APP
    },
    {
        user: ALICE,
        at: at(6),
        method: 'GET',
        resource: '/v66.0/sobjects/Case/500000000000001AAA',
        entity: 'Case',
        app: APP
    }
];

describe('usage import: ApiTotalUsage CSV into the store', () => {
    it('maps verbs: query/queryAll/GET → read, POST → create, PATCH → edit, DELETE → delete, upsert by external id', async () => {
        await importFiles([write('a.csv', csv(VERBS))], store());
        const view = readView(store(), { userId: ALICE });
        expect(counts(view)).toEqual({
            'Account read': 1,
            'Contact read': 1,
            'Case create': 1,
            'Case edit': 1,
            'Task delete': 1,
            'Contact upsert': 1,
            'Case read': 1
        });
        const caseEdit = view.usage.find(
            (e) => e.object === 'Case' && e.verb === 'edit'
        );
        expect(caseEdit).toMatchObject({
            first: at(3),
            last: at(3),
            appName: APP,
            family: 'REST'
        });
    });

    it('reads columns by name: any order, unknown columns ignored, the same counts', async () => {
        const shuffled = [...HEADER].reverse();
        shuffled.splice(3, 0, 'SOMETHING_NEW');
        await importFiles([write('a.csv', csv(VERBS))], path.join(dir, 's1'));
        await importFiles(
            [write('b.csv', csv(VERBS, shuffled))],
            path.join(dir, 's2')
        );
        expect(
            counts(readView(path.join(dir, 's2'), { userId: ALICE }))
        ).toEqual(counts(readView(path.join(dir, 's1'), { userId: ALICE })));
    });

    it('parses RFC 4180 quoting: commas, doubled quotes and line breaks inside fields', async () => {
        const rows: Row[] = [
            {
                user: ALICE,
                at: at(1),
                resource: '/v66.0/query',
                entity: 'Account',
                app: 'Sync, "v2"\nEU',
                client: 'a,b'
            },
            {
                user: ALICE,
                at: at(2),
                resource: '/v66.0/query',
                entity: 'Account',
                app: 'Sync, "v2"\nEU'
            }
        ];
        const text = csv(rows);
        expect(text).toContain('"Sync, ""v2""\nEU"');
        await importFiles([write('q.csv', text)], store());
        const view = readView(store(), {
            userId: ALICE,
            app: 'Sync, "v2"\nEU'
        });
        expect(view.usage).toEqual([
            expect.objectContaining({
                object: 'Account',
                verb: 'read',
                count: 2
            })
        ]);
    });

    it('matches the user by USER_ID (15) and USER_ID_DERIVED (18), whichever the file has; other users never count', async () => {
        const only15 = HEADER.filter((h) => h !== 'USER_ID_DERIVED');
        const only18 = HEADER.filter((h) => h !== 'USER_ID');
        const rows: Row[] = [
            {
                user: ALICE18,
                at: at(1),
                resource: '/v66.0/query',
                entity: 'Account'
            },
            {
                user: BOB,
                at: at(1),
                method: 'PATCH',
                resource: '/v66.0/sobjects/Opportunity/006000000000001',
                entity: 'Opportunity'
            }
        ];
        await importFiles(
            [write('15.csv', csv(rows, only15))],
            path.join(dir, 'a')
        );
        await importFiles(
            [write('18.csv', csv(rows, only18))],
            path.join(dir, 'b')
        );
        for (const s of ['a', 'b']) {
            for (const id of [ALICE, ALICE18]) {
                expect(
                    counts(readView(path.join(dir, s), { userId: id }))
                ).toEqual({ 'Account read': 1 });
            }
        }
    });

    it('filters by connected app name or id', async () => {
        const rows: Row[] = [
            {
                user: ALICE,
                at: at(1),
                resource: '/v66.0/query',
                entity: 'Account',
                app: APP,
                appId: '0H4000000000001'
            },
            {
                user: ALICE,
                at: at(2),
                resource: '/v66.0/query',
                entity: 'Lead',
                app: 'Other App',
                appId: '0H4000000000002'
            },
            {
                user: ALICE,
                at: at(3),
                resource: '/v66.0/query',
                entity: 'Contact'
            }
        ];
        await importFiles([write('a.csv', csv(rows))], store());
        expect(
            counts(
                readView(store(), {
                    userId: ALICE,
                    app: 'case portal integration'
                })
            )
        ).toEqual({ 'Account read': 1 });
        expect(
            counts(readView(store(), { userId: ALICE, app: '0H4000000000002' }))
        ).toEqual({ 'Lead read': 1 });
    });

    it('counts what the logs cannot tie to an object: composite, Bulk and SOAP without an object, Apex REST, empty ENTITY_NAME', async () => {
        const rows: Row[] = [
            {
                user: ALICE,
                at: at(1),
                method: 'POST',
                resource: '/v66.0/composite'
            },
            {
                user: ALICE,
                at: at(1),
                method: 'POST',
                resource: '/v66.0/composite/batch'
            },
            {
                user: ALICE,
                at: at(2),
                family: 'Bulk',
                method: 'PUT',
                resource: '/v66.0/jobs/ingest/750000000000001/batches'
            },
            {
                user: ALICE,
                at: at(2),
                family: 'Bulk',
                method: 'POST',
                resource: '/v66.0/jobs/ingest',
                entity: 'Case'
            },
            {
                user: ALICE,
                at: at(3),
                family: 'SOAP',
                method: 'POST',
                resource: 'getUserInfo'
            },
            {
                user: ALICE,
                at: at(3),
                family: 'SOAP',
                method: 'POST',
                resource: 'upsert',
                entity: 'Contact'
            },
            {
                user: ALICE,
                at: at(4),
                family: 'ApexREST',
                method: 'POST',
                resource: '/services/apexrest/cases'
            },
            {
                user: ALICE,
                at: at(5),
                method: 'GET',
                resource: '/v66.0/limits'
            },
            { user: ALICE, at: at(5), method: 'GET', resource: '/v66.0/query' }
        ];
        await importFiles([write('b.csv', csv(rows))], store());
        const view = readView(store(), { userId: ALICE });
        expect(blind(view)).toEqual({
            composite: 2,
            bulkNoObject: 1,
            soapNoObject: 1,
            apexRest: 1,
            restNoObject: 2
        });
        expect(counts(view)).toEqual({
            'Case bulkIngest': 1,
            'Contact upsert': 1
        });
    });

    it('reads TIMESTAMP (20130715233322.670) when TIMESTAMP_DERIVED is absent', async () => {
        const header = HEADER.filter((h) => h !== 'TIMESTAMP_DERIVED');
        await importFiles(
            [write('t.csv', csv(VERBS.slice(0, 1), header))],
            store()
        );
        const view = readView(store(), { userId: ALICE });
        expect(view.days).toEqual([DAY]);
        expect(view.usage[0]?.first).toBe(at(1));
    });

    it('refuses a file that is not an ApiTotalUsage log, naming it, and leaves the store unchanged', async () => {
        const good = write('good.csv', csv(VERBS));
        const login = write(
            'login.csv',
            'EVENT_TYPE,TIMESTAMP,USER_ID,LOGIN_STATUS\r\nLogin,20261102010000.000,005000000000AAA,LOGIN_NO_ERROR\r\n'
        );
        await expect(importFiles([good, login], store())).rejects.toThrow(
            /login\.csv: not an ApiTotalUsage event log file: its header has no API_FAMILY/
        );
        expect(existsSync(store())).toBe(false);
        await importFiles([good], store());
        const manifest = readFileSync(
            path.join(store(), 'manifest.json'),
            'utf8'
        );
        const other = write(
            'other.csv',
            csv(VERBS).replace(/\r\nApiTotalUsage,/, '\r\nRestApi,')
        );
        await expect(importFiles([other], store())).rejects.toThrow(
            /other\.csv: record 2 \(the header is record 1\): EVENT_TYPE is "RestApi", not ApiTotalUsage/
        );
        expect(readFileSync(path.join(store(), 'manifest.json'), 'utf8')).toBe(
            manifest
        );
    });

    it('is idempotent: the same file again (even renamed) changes nothing', async () => {
        const text = csv(VERBS);
        const file = write('a.csv', text);
        const first = await importFiles([file], store());
        expect(first.files[0]?.added).toBe(true);
        const before = readView(store(), { userId: ALICE });
        const snapshot = readdirSync(path.join(store(), 'days', DAY));
        const again = await importFiles(
            [file, write('copy.csv', text)],
            store()
        );
        expect(again.files.map((f) => f.added)).toEqual([false, false]);
        expect(readView(store(), { userId: ALICE })).toEqual(before);
        expect(readdirSync(path.join(store(), 'days', DAY))).toEqual(snapshot);
    });

    it('does not count a day twice from its 24-hour file and its hourly files', async () => {
        const rows: Row[] = Array.from({ length: 12 }, (_, i) => ({
            user: ALICE,
            at: at(i * 2, i),
            resource: '/v66.0/query',
            entity: 'Account',
            app: APP
        }));
        const daily = write('daily.csv', csv(rows));
        const hourly = rows.map((r, i) => write(`hour-${i}.csv`, csv([r])));
        await importFiles(hourly.slice(0, 6), store());
        expect(counts(readView(store(), { userId: ALICE }))).toEqual({
            'Account read': 6
        });
        await importFiles([daily, ...hourly], store());
        const view = readView(store(), { userId: ALICE });
        expect(counts(view)).toEqual({ 'Account read': 12 });
        expect(view.rows).toBe(12);
        expect(view.overlapping).toBe(12);
    });

    it('npm run usage -- import: a table, or one JSON document; a bad file exits 1 with a clear error', async () => {
        const file = write('a.csv', csv(VERBS));
        const second = write('b.csv', csv(VERBS.slice(0, 2)));
        const json = await runCommand('usage import', [
            file,
            second,
            '--store',
            store(),
            '--json'
        ]);
        expect(json.code).toBe(0);
        expect(
            json.json<{
                result: { files: { rows: number; added: boolean }[] };
            }>().result.files
        ).toEqual([
            expect.objectContaining({ rows: 7, added: true }),
            expect.objectContaining({ rows: 2, added: true })
        ]);
        const again = await runCommand('usage import', [
            file,
            '--store',
            store()
        ]);
        expect(again.code).toBe(0);
        expect(again.stdout).toContain('already stored: unchanged');
        expect(again.stdout).toContain(`Store: ${store()}`);
        const bad = await runCommand('usage import', [
            write('x.csv', 'a,b\r\n1,2\r\n'),
            '--store',
            store(),
            '--json'
        ]);
        expect(bad.code).toBe(1);
        expect(bad.json<{ name: string; message: string }>()).toMatchObject({
            name: 'BadArgument',
            message: expect.stringMatching(
                /x\.csv: not an ApiTotalUsage event log file/
            ) as unknown
        });
        const none = await runCommand('usage import', ['--json']);
        expect(none.code).toBe(1);
        expect(none.json<{ name: string }>().name).toBe('BadArgument');
        const help = await runCommand('usage import', ['--help']);
        expect(help.stdout).toContain('sf casekit usage import');
        expect(help.stdout).toContain('npm run usage -- import');
    });

    it('defaults the store to .usage/<ORGANIZATION_ID>', async () => {
        const cwd = process.cwd();
        process.chdir(dir);
        try {
            const result = await importFiles(
                [write('a.csv', csv(VERBS))],
                undefined
            );
            expect(result.store).toBe(path.join('.usage', '00D000000000123'));
        } finally {
            process.chdir(cwd);
        }
    });
});

describe('classify', () => {
    it('splits an ENTITY_NAME set into its objects', () => {
        expect(classify('SOAP', 'POST', 'query', 'Account,Contact')).toEqual({
            kind: 'object',
            objects: ['Account', 'Contact'],
            verb: 'read'
        });
    });
    it('treats sObject Collections with an object by method, and an sObject Tree as create', () => {
        expect(
            classify('REST', 'PATCH', '/v66.0/composite/sobjects', 'Case')
        ).toMatchObject({ verb: 'edit' });
        expect(
            classify('REST', 'POST', '/v66.0/composite/tree/Account', '')
        ).toMatchObject({ objects: ['Account'], verb: 'create' });
    });
});

describe('the store: EventLogFile groups of a day', () => {
    it('counts every hourly file of an hour (sequences hold different requests) and a 24-hour file instead, never both', async () => {
        const row = (hour: number, minute: number): Row => ({
            user: ALICE,
            at: at(hour, minute),
            resource: '/v66.0/query',
            entity: 'Account',
            app: APP
        });
        const read = (rows: Row[]) =>
            aggregateCsv(Readable.from([csv(rows)]), 'log');
        const s = store();
        // Two hourly files for 03:00 (sequence 1 and 2: late rows arrive in a second file).
        addSources(s, [
            {
                id: 'elf-h1',
                info: { kind: 'eventLogFile', name: 'h1', group: 'elf-Hourly' },
                data: await read([row(3, 1), row(3, 2)])
            },
            {
                id: 'elf-h2',
                info: { kind: 'eventLogFile', name: 'h2', group: 'elf-Hourly' },
                data: await read([row(3, 40)])
            }
        ]);
        expect(counts(readView(s, { userId: ALICE }))).toEqual({
            'Account read': 3
        });
        // The day's 24-hour file holds the same requests: it replaces the hourly group, not adds to it.
        addSources(s, [
            {
                id: 'elf-d',
                info: { kind: 'eventLogFile', name: 'd', group: 'elf-Daily' },
                data: await read([row(3, 1), row(3, 2), row(3, 40)])
            }
        ]);
        const view = readView(s, { userId: ALICE });
        expect(counts(view)).toEqual({ 'Account read': 3 });
        expect(view.rows).toBe(3);
    });
});
