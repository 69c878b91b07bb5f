import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { usageResults } from '../../src/access/usage-findings';
import type { EffectiveAccess, GrantSource } from '../../src/access/types';
import type { OrgClient } from '../../src/org/client';
import { runCommand } from '../support/run-command';
import { importFiles } from '../../src/usage/import';
import { csv, type Row } from './csv';

const USER = '005000000000AAA';
const SET: GrantSource = { kind: 'permissionSet', name: 'Wide' };

/** The two reads usage-findings makes: assignment dates, and a Setup Audit Trail it may not read. */
function fakeClient(
    audit: { CreatedDate: string; Display: string }[] | Error
): OrgClient {
    return {
        query: async (soql: string) => {
            if (soql.includes('FROM PermissionSetAssignment')) {
                return [
                    {
                        SystemModstamp: '2026-09-01T00:00:00.000+0000',
                        PermissionSetGroupId: null,
                        PermissionSet: {
                            Name: 'Wide',
                            IsOwnedByProfile: false
                        },
                        PermissionSetGroup: null
                    }
                ];
            }
            if (audit instanceof Error) throw audit;
            return audit;
        }
    } as unknown as OrgClient;
}

function access(objects: string[]): EffectiveAccess {
    return {
        user: {
            id: `${USER}QAK`,
            username: 'u@example.com',
            isActive: true,
            isFrozen: false,
            lastLoginDate: null,
            profileName: 'P',
            profileId: '00e',
            licenseName: null
        },
        assignments: [{ source: SET, expirationDate: null, expired: false }],
        userPermissions: new Map([
            ['ApiEnabled', [SET]],
            ['ViewSetup', [SET]]
        ]),
        objects: new Map(objects.map((key) => [key, [SET]])),
        fields: new Map(),
        entities: new Map(),
        muted: new Map(),
        setGrants: new Map(),
        oauthGrants: []
    };
}

async function storeWith(rows: Row[]): Promise<string> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'usage-findings-'));
    const file = path.join(dir, 'a.csv');
    writeFileSync(file, csv(rows));
    await importFiles([file], path.join(dir, 'store'));
    return path.join(dir, 'store');
}

const days = (n: number, row: Omit<Row, 'at' | 'user'>): Row[] =>
    Array.from({ length: n }, (_, i) => ({
        ...row,
        user: USER,
        at: `2026-11-${String(i + 1).padStart(2, '0')}T05:00:00.000Z`
    }));

const byRule = (results: { rule: string; status: string }[]) =>
    Object.fromEntries(results.map((r) => [r.rule, r.status]));

describe('usage findings (verify --usage)', () => {
    it('counts View All as used by a read and Modify All by an edit; a Bulk ingest object is not judged; unused is named', async () => {
        const store = await storeWith([
            ...days(14, { resource: '/v66.0/query', entity: 'Account' }),
            ...days(2, {
                method: 'PATCH',
                resource: '/v66.0/sobjects/Case/500000000000001',
                entity: 'Case'
            }),
            ...days(1, {
                family: 'Bulk',
                method: 'POST',
                resource: '/v66.0/jobs/ingest',
                entity: 'Lead'
            })
        ]);
        const results = await usageResults(
            fakeClient(
                new Error(
                    'INVALID_TYPE: sObject type SetupAuditTrail is not supported'
                )
            ),
            access([
                'Account.read',
                'Account.viewAll',
                'Account.edit',
                'Case.read',
                'Case.edit',
                'Case.modifyAll',
                'Lead.read',
                'Lead.create',
                'Lead.delete'
            ]),
            { store, level: 'warn', minDays: 14 }
        );
        expect(byRule(results)).toMatchObject({
            'usage.window': 'pass',
            'usage.used.objects.Account.read': 'pass',
            'usage.used.objects.Account.viewAll': 'pass',
            'usage.unused.objects.Account.edit': 'warn',
            'usage.used.objects.Case.modifyAll': 'pass',
            'usage.unused.objects.Lead.read': 'warn',
            'usage.unknown.objects.Lead.create': 'skip',
            'usage.unknown.objects.Lead.delete': 'skip',
            'usage.used.userPermissions.ApiEnabled': 'pass',
            'usage.notJudged': 'skip'
        });
        expect(
            results.find((r) => r.rule === 'usage.window')?.actual
        ).toContain('Setup Audit Trail not readable (INVALID_TYPE');
    });

    it('does not judge a grant whose source the Setup Audit Trail shows changed during the window', async () => {
        const store = await storeWith(
            days(14, { resource: '/v66.0/query', entity: 'Account' })
        );
        const results = await usageResults(
            fakeClient([
                {
                    CreatedDate: '2026-11-05T10:00:00.000+0000',
                    Display: 'Changed permission set Wide: object Contact Read'
                }
            ]),
            access(['Account.read', 'Contact.read']),
            { store, level: 'fail', minDays: 14 }
        );
        expect(byRule(results)).toMatchObject({
            'usage.used.objects.Account.read': 'pass',
            'usage.new.objects.Contact.read': 'skip'
        });
    });

    it('calls ApiEnabled unused when the user made no request in the window, at the level asked', async () => {
        const store = await storeWith(
            days(14, { resource: '/v66.0/query', entity: 'Account' }).map(
                (r) => ({ ...r, user: '005000000000ZZZ' })
            )
        );
        const results = await usageResults(fakeClient([]), access([]), {
            store,
            level: 'fail',
            minDays: 14
        });
        expect(
            results.find(
                (r) => r.rule === 'usage.unused.userPermissions.ApiEnabled'
            )
        ).toMatchObject({
            status: 'fail',
            grantedBy: ['permission set "Wide"'],
            fix: 'remove ApiEnabled from permission set "Wide", or unassign the set'
        });
    });

    it('verify refuses the usage flags without --usage, and a bad --usage-level or --min-days, before any org call', async () => {
        const contract = path.resolve(
            __dirname,
            '../../../config/access/case-portal.json'
        );
        const env = { SF_INSTANCE_URL: '', SF_ACCESS_TOKEN: '' };
        // --usage-level and --min-days are checked by the flag parser (options warn|fail, an
        // integer of at least 1); the rest by the command, still before it connects.
        for (const [args, name, message] of [
            [
                ['--store', 'x'],
                'BadArgument',
                /^--store works only with --usage$/
            ],
            [
                ['--usage', '--usage-level', 'loud'],
                'BadArgument',
                /Expected --usage-level=loud to be one of: warn, fail/
            ],
            [
                ['--usage', '--since', '2026-1-2'],
                'BadArgument',
                /^--since takes a date YYYY-MM-DD, got "2026-1-2"$/
            ],
            // oclif's flag-value errors ("Parsing --min-days ...") are BadArgument too.
            [
                ['--usage', '--min-days', '0'],
                'BadArgument',
                /Expected an integer greater than or equal to 1 but received: 0/
            ],
            [
                ['--usage', '--min-days', '1.5'],
                'BadArgument',
                /Expected an integer but received: 1\.5/
            ]
        ] as const) {
            const run = await runCommand(
                'verify',
                ['--contract', contract, ...args, '--json'],
                env
            );
            expect(run.code).toBe(1);
            const doc = run.json<{ name: string; message: string }>();
            expect(doc.message).toMatch(message);
            expect(doc.name).toBe(name);
        }
    });
});
