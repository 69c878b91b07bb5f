import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadContract } from '../../src/access/contract';
import type { RuleResult } from '../../src/access/types';
import { importFiles } from '../../src/usage/import';
import {
    REPO_ROOT,
    startScriptHarness,
    type ScriptHarness
} from '../scripts/harness';
import { runCommand } from '../support/run-command';
import { createUsers } from '../support/users';
import { csv, type Row } from './csv';

const SYSTEM = { system: true } as const;
const APP = 'Case_Portal_Integration';

/**
 * import → suggest → verify --usage against the emulator over HTTP: the suggestion passes for a
 * user whose grants equal it; each extra grant is named as unused, with its source and fix.
 */
describe('least privilege from evidence: import → suggest → verify --usage', () => {
    let h: ScriptHarness;
    let clock: Date;
    let dir: string;
    let username: string;
    let userId: string;
    let env: Record<string, string>;

    beforeEach(async () => {
        clock = new Date('2026-10-01T08:00:00Z');
        h = await startScriptHarness({ clock: () => clock });
        dir = mkdtempSync(path.join(os.tmpdir(), 'usage-rt-'));
        env = {
            SF_INSTANCE_URL: h.emulator.url,
            SF_ACCESS_TOKEN: h.emulator.accessToken
        };
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
        // The sync's own set: what the logs below will show, and two field grants.
        grantSet('Sync_Perms', {
            Case: ['PermissionsRead', 'PermissionsCreate', 'PermissionsEdit'],
            Account: ['PermissionsRead'],
            Contact: ['PermissionsRead']
        });
        const setId = setIdOf('Sync_Perms');
        for (const [field, edit] of [
            ['Case.Subject', true],
            ['Contact.Email', false]
        ] as const) {
            org.dml.create(
                'FieldPermissions',
                {
                    ParentId: setId,
                    SobjectType: field.split('.')[0],
                    Field: field,
                    PermissionsRead: true,
                    PermissionsEdit: edit
                },
                SYSTEM
            );
        }
    });
    afterEach(async () => {
        await h.close();
    });

    function setIdOf(name: string): string {
        return String(
            h.emulator.org.rows('PermissionSet').find((p) => p.Name === name)
                ?.Id
        );
    }

    /** A permission set with object flags, assigned to the user now (the org clock). */
    function grantSet(name: string, objects: Record<string, string[]>): void {
        const org = h.emulator.org;
        const setId = org.dml.create(
            'PermissionSet',
            { Name: name, Label: name },
            SYSTEM
        );
        for (const [object, flags] of Object.entries(objects)) {
            org.dml.create(
                'ObjectPermissions',
                {
                    ParentId: setId,
                    SobjectType: object,
                    ...Object.fromEntries(flags.map((f) => [f, true]))
                },
                SYSTEM
            );
        }
        org.dml.create(
            'PermissionSetAssignment',
            { AssigneeId: userId, PermissionSetId: setId },
            SYSTEM
        );
    }

    /** `days` days of the sync's traffic from 2026-11-01, plus another user's and composite rows. */
    async function importDays(days: number): Promise<string> {
        const rows: Row[] = [];
        for (let d = 0; d < days; d++) {
            const day = `2026-11-${String(d + 1).padStart(2, '0')}`;
            const t = (hour: number) =>
                `${day}T${String(hour).padStart(2, '0')}:15:00.000Z`;
            const user = userId;
            rows.push(
                {
                    user,
                    at: t(1),
                    resource: '/services/data/v66.0/query',
                    entity: 'User',
                    app: APP
                },
                {
                    user,
                    at: t(1),
                    resource: '/services/data/v66.0/query',
                    entity: 'Account',
                    app: APP
                },
                {
                    user,
                    at: t(2),
                    resource: '/services/data/v66.0/query',
                    entity: 'Contact',
                    app: APP
                },
                {
                    user,
                    at: t(3),
                    method: 'POST',
                    resource: '/services/data/v66.0/sobjects/Case',
                    entity: 'Case',
                    app: APP
                },
                {
                    user,
                    at: t(4),
                    method: 'PATCH',
                    resource:
                        '/services/data/v66.0/sobjects/Case/500000000000001AAA',
                    entity: 'Case',
                    app: APP
                },
                {
                    user,
                    at: t(5),
                    method: 'POST',
                    resource: '/services/data/v66.0/composite',
                    app: APP
                },
                // Another user's rows never count.
                {
                    user: '005000000000ZZZ',
                    at: t(6),
                    method: 'DELETE',
                    resource:
                        '/services/data/v66.0/sobjects/Lead/00Q000000000001',
                    entity: 'Lead'
                }
            );
        }
        const file = path.join(dir, 'ApiTotalUsage.csv');
        writeFileSync(file, csv(rows));
        const store = path.join(dir, 'store');
        await importFiles([file], store);
        return store;
    }

    async function suggestTo(store: string): Promise<string> {
        const out = path.join(dir, 'suggested.json');
        const run = await runCommand(
            'contract suggest',
            ['--user', username, '--store', store, '--out', out, '--json'],
            env
        );
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        return out;
    }

    async function verify(
        contract: string,
        store: string,
        extra: string[] = []
    ): Promise<{ code: number; results: RuleResult[] }> {
        const run = await runCommand(
            'verify',
            [
                '--user',
                username,
                '--contract',
                contract,
                '--usage',
                '--store',
                store,
                '--json',
                ...extra
            ],
            env
        );
        const doc = run.json<{
            result: { users: { results: RuleResult[] }[] };
        }>();
        return { code: run.code, results: doc.result.users[0]?.results ?? [] };
    }

    it('suggests exactly the object access the logs show, with evidence and blind spots, valid as a contract', async () => {
        // The User object is read by the sync (its user lookup): the org must know it, and it does.
        grantSet('User_Read', { User: ['PermissionsRead'] });
        clock = new Date('2026-11-25T00:00:00Z');
        const store = await importDays(15);
        const out = await suggestTo(store);
        const contract = loadContract(out);
        // Written as Prettier formats it with the project's config: format:check passes in config/access.
        const check = spawnSync(
            process.execPath,
            [
                require.resolve('prettier/bin/prettier.cjs'),
                '--config',
                path.join(REPO_ROOT, '.prettierrc'),
                '--check',
                out
            ],
            { encoding: 'utf8' }
        );
        expect(check.stderr).toBe('');
        expect(check.status).toBe(0);
        expect(contract.userPermissions.require).toEqual([
            'ApiEnabled',
            'ApiUserOnly'
        ]);
        expect(contract.objects).toEqual({
            Account: { require: ['read'], ifPresent: false },
            Case: { require: ['read', 'create', 'edit'], ifPresent: false },
            Contact: { require: ['read'], ifPresent: false },
            User: { require: ['read'], ifPresent: false }
        });
        expect(contract.fields).toEqual({
            'Case.Subject': { allow: 'edit', ifPresent: false },
            'Contact.Email': { allow: 'read', ifPresent: false }
        });
        expect(contract.objects.Lead).toBeUndefined();
        const evidence = JSON.parse(
            readFileSync(out.replace(/\.json$/, '.evidence.json'), 'utf8')
        ) as {
            evidence: Record<string, { count: number; last: string }>;
            blindSpots: { reason: string; count: number }[];
        };
        expect(evidence.evidence['objects.Case.create']).toMatchObject({
            count: 15,
            last: '2026-11-15T03:15:00.000Z'
        });
        expect(evidence.evidence['objects.Case.read']?.count).toBe(30);
        expect(evidence.blindSpots).toEqual(
            expect.arrayContaining([
                expect.objectContaining({ reason: 'composite', count: 15 }),
                expect.objectContaining({ reason: 'fieldLevel', count: 75 })
            ])
        );
        // Round trip: the user's grants equal the suggestion, so verify --usage passes.
        const { code, results } = await verify(out, store);
        expect(
            results.filter(
                (r) =>
                    (r.status === 'fail' || r.status === 'warn') &&
                    // A user made in the emulator never logged in: credential readiness only.
                    !r.rule.startsWith('credentials.')
            )
        ).toEqual([]);
        expect(code).toBe(0);
        expect(
            results.find((r) => r.rule === 'usage.used.objects.Case.edit')
        ).toMatchObject({
            status: 'pass',
            actual: '15 request(s), last 2026-11-15T04:15:00.000Z',
            grantedBy: ['permission set "Sync_Perms"']
        });
    });

    it('names each extra grant as unused, with its source, the fix and the days observed; warn by default, fail on request', async () => {
        grantSet('User_Read', { User: ['PermissionsRead'] });
        clock = new Date('2026-11-25T00:00:00Z');
        const store = await importDays(15);
        const out = await suggestTo(store);
        clock = new Date('2026-10-02T00:00:00Z');
        grantSet('Extra_Access', {
            Case: ['PermissionsRead', 'PermissionsEdit', 'PermissionsDelete'],
            Task: ['PermissionsRead']
        });
        clock = new Date('2026-11-25T00:00:00Z');
        const warned = await verify(out, store);
        // Default-deny fails the extra grants; the usage findings say they went unused.
        expect(warned.code).toBe(1);
        const unused = warned.results.filter((r) =>
            r.rule.startsWith('usage.unused.')
        );
        expect(unused.map((r) => r.rule).sort()).toEqual([
            'usage.unused.objects.Case.delete',
            'usage.unused.objects.Task.read'
        ]);
        expect(
            unused.find((r) => r.rule === 'usage.unused.objects.Case.delete')
        ).toMatchObject({
            status: 'warn',
            actual: 'not used in 15 day(s) of ApiTotalUsage logs observed (2026-11-01 to 2026-11-15)',
            grantedBy: ['permission set "Extra_Access"'],
            fix: 'remove Delete on Case from permission set "Extra_Access", or unassign the set'
        });
        // Case edit is held twice (Sync_Perms and Extra_Access) and used: not a finding.
        expect(
            warned.results.find(
                (r) => r.rule === 'usage.used.objects.Case.edit'
            )?.grantedBy
        ).toEqual([
            'permission set "Sync_Perms"',
            'permission set "Extra_Access"'
        ]);
        const failed = await verify(out, store, ['--usage-level', 'fail']);
        expect(
            failed.results.find(
                (r) => r.rule === 'usage.unused.objects.Task.read'
            )?.status
        ).toBe('fail');
    });

    it('does not call a grant unused when it is younger than the window', async () => {
        grantSet('User_Read', { User: ['PermissionsRead'] });
        clock = new Date('2026-11-25T00:00:00Z');
        const store = await importDays(15);
        const out = await suggestTo(store);
        clock = new Date('2026-11-10T00:00:00Z');
        grantSet('New_Access', { Task: ['PermissionsRead'] });
        clock = new Date('2026-11-25T00:00:00Z');
        const { results } = await verify(out, store);
        expect(
            results.find(
                (r) =>
                    r.rule.startsWith('usage.') &&
                    r.rule.endsWith('objects.Task.read')
            )
        ).toMatchObject({
            rule: 'usage.new.objects.Task.read',
            status: 'skip',
            actual: expect.stringContaining(
                'granted 2026-11-10, after the window began (2026-11-01)'
            )
        });
        expect(results.some((r) => r.rule.startsWith('usage.unused.'))).toBe(
            false
        );
    });

    it('with fewer than 14 days observed says so and reports no unused grants, unless --min-days is lowered', async () => {
        grantSet('User_Read', { User: ['PermissionsRead'] });
        grantSet('Extra_Access', { Task: ['PermissionsRead'] });
        clock = new Date('2026-11-25T00:00:00Z');
        const store = await importDays(5);
        const out = await suggestTo(store);
        const short = await verify(out, store);
        expect(
            short.results.find((r) => r.rule === 'usage.window')
        ).toMatchObject({
            status: 'warn',
            actual: expect.stringContaining(
                '5 day(s) of ApiTotalUsage logs observed (2026-11-01 to 2026-11-05): too short'
            )
        });
        expect(
            short.results.some((r) => r.rule.startsWith('usage.unused.'))
        ).toBe(false);
        const lowered = await verify(out, store, ['--min-days', '5']);
        expect(
            lowered.results.find(
                (r) => r.rule === 'usage.unused.objects.Task.read'
            )?.status
        ).toBe('warn');
    });

    it('contract suggest: --help, and a clear error for a user with no rows', async () => {
        clock = new Date('2026-11-25T00:00:00Z');
        const store = await importDays(1);
        const other = createUsers(h.emulator.org, 1, 'idle')[0] as string;
        const run = await runCommand(
            'contract suggest',
            ['--user', other, '--store', store, '--json'],
            env
        );
        expect(run.code).toBe(1);
        expect(run.json<{ name: string; message: string }>()).toMatchObject({
            name: 'NotFound',
            message: expect.stringMatching(
                /no ApiTotalUsage rows for idle0@example.com/
            ) as unknown
        });
        for (const [args, name, message] of [
            [['--store', store], 'BadArgument', /Missing required flag user/],
            [
                ['--user', other, '--store', store, '--since', '11/01/2026'],
                'BadArgument',
                /--since takes a date YYYY-MM-DD, got "11\/01\/2026"/
            ],
            [
                ['--user', 'nobody@example.com', '--store', store],
                'NotFound',
                /No user with username nobody@example.com in this org/
            ],
            [
                ['--user', other, '--store', path.join(dir, 'empty')],
                'NotFound',
                /no usage store here/
            ]
        ] as const) {
            const failed = await runCommand(
                'contract suggest',
                [...args, '--json'],
                env
            );
            expect(failed.code).toBe(1);
            expect(
                failed.json<{ name: string; message: string }>()
            ).toMatchObject({
                name,
                message: expect.stringMatching(message) as unknown
            });
        }
        // An --out that cannot be written: ReportFile, the suggestion still in `result`.
        const full = await importDays(2);
        const blocked = path.join(dir, 'a-file');
        writeFileSync(blocked, '');
        const unwritable = await runCommand(
            'contract suggest',
            [
                '--user',
                username,
                '--store',
                full,
                '--out',
                path.join(blocked, 'contract.json'),
                '--json'
            ],
            env
        );
        expect(unwritable.code).toBe(1);
        expect(
            unwritable.json<{
                name: string;
                message: string;
                result: { contract: { name: string } };
            }>()
        ).toMatchObject({
            name: 'ReportFile',
            message: expect.stringMatching(
                /--out .*contract\.json: cannot write the file \(a part of the path is a file, not a folder\)/
            ) as unknown,
            result: { contract: { name: expect.any(String) as unknown } }
        });
        // Last: a run after --help in the same process exits 2 with no output (the in-process
        // runner's state after oclif's help), which the sf CLI and the npm scripts never do.
        const help = await runCommand('contract suggest', ['--help']);
        expect(help.stdout).toContain('sf casekit contract suggest');
        expect(help.stdout).toContain('npm run contract -- suggest --user');
    });
});
