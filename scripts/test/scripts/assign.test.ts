import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { assign, type AssignTargets } from '../../src/assign/assign';
import { createUsers as createOrgUsers } from '../support/users';
import { REPO_ROOT, startScriptHarness, type ScriptHarness } from './harness';

const run = promisify(execFile);

const portalSet: AssignTargets = {
    permissionSets: ['Case_Portal_User'],
    permissionSetGroups: [],
    permissionSetLicenses: []
};
const options = { dryRun: false, bulkThreshold: 2000 };

describe('assign (against the emulator over HTTP)', () => {
    let h: ScriptHarness;
    let usernames: string[];

    /** Users created in-process, on the Standard User profile. */
    const createUsers = (count: number, prefix = 'portal'): string[] =>
        createOrgUsers(h.emulator.org, count, prefix);
    const holders = (setName: string): number => {
        const set = h.emulator.org
            .rows('PermissionSet')
            .find((s) => s.Name === setName);
        return h.emulator.org
            .rows('PermissionSetAssignment')
            .filter((a) => a.PermissionSetId === set?.Id).length;
    };

    beforeEach(async () => {
        h = await startScriptHarness({
            seed: { licenseSeats: { Salesforce: 3000 } }
        });
        usernames = createUsers(5);
    });
    afterEach(async () => {
        await h.close();
    });

    it('assigns a set to many users in one read and one write, and writes nothing the second time', async () => {
        const first = await assign(
            h.client(),
            portalSet,
            { usernames },
            options
        );
        expect(first).toMatchObject({
            users: 5,
            planned: 5,
            created: 5,
            failed: [],
            mode: 'collections'
        });
        expect(first.apiCalls).toBe(2);
        expect(holders('Case_Portal_User')).toBe(5);
        const again = await assign(
            h.client(),
            portalSet,
            { usernames },
            options
        );
        expect(again).toMatchObject({
            planned: 0,
            created: 0,
            alreadyAssigned: 5,
            mode: 'none',
            apiCalls: 1
        });
        expect(holders('Case_Portal_User')).toBe(5);
    });

    it('renews an expired assignment in place, and counts it as renewed, not "already assigned"', async () => {
        await assign(h.client(), portalSet, { usernames }, options);
        const set = h.emulator.org
            .rows('PermissionSet')
            .find((s) => s.Name === 'Case_Portal_User');
        const rows = h.emulator.org
            .rows('PermissionSetAssignment')
            .filter((a) => a.PermissionSetId === set?.Id);
        const expired = rows[0];
        h.emulator.org.dml.update(
            'PermissionSetAssignment',
            String(expired?.Id),
            { ExpirationDate: '2026-01-01T00:00:00.000Z' },
            { system: true }
        );
        const report = await assign(
            h.client(),
            portalSet,
            { usernames },
            { ...options, now: new Date('2026-06-01T00:00:00Z') }
        );
        expect(report).toMatchObject({
            alreadyAssigned: 4,
            planned: 1,
            created: 0,
            renewed: 1,
            failed: []
        });
        expect(holders('Case_Portal_User')).toBe(5);
        const renewed = h.emulator.org
            .rows('PermissionSetAssignment')
            .find((a) => a.Id === expired?.Id);
        expect(renewed?.ExpirationDate ?? null).toBeNull();
    });

    it('--dry-run plans and writes nothing', async () => {
        const report = await assign(
            h.client(),
            portalSet,
            { usernames },
            { ...options, dryRun: true }
        );
        expect(report.planned).toBe(5);
        expect(holders('Case_Portal_User')).toBe(0);
    });

    it('selects users with a SOQL condition', async () => {
        const report = await assign(
            h.client(),
            portalSet,
            { where: "Username LIKE 'portal%'" },
            options
        );
        expect(report.users).toBe(5);
        expect(holders('Case_Portal_User')).toBe(5);
    });

    it('reports a bad --where with Salesforce own error', async () => {
        await expect(
            assign(h.client(), portalSet, { where: 'Usernme = 1' }, options)
        ).rejects.toThrow(/--where: INVALID_FIELD/);
    });

    it('reports unknown users and failed records with their error codes, keeping the rest', async () => {
        const progress: string[] = [];
        const org = h.emulator.org;
        const integration = org
            .rows('UserLicense')
            .find((l) => l.Name === 'Salesforce Integration');
        org.dml.create(
            'PermissionSet',
            {
                Name: 'Licensed_Set',
                Label: 'Licensed Set',
                LicenseId: integration?.Id
            },
            { system: true }
        );
        const report = await assign(
            h.client(),
            {
                permissionSets: ['Licensed_Set'],
                permissionSetGroups: [],
                permissionSetLicenses: []
            },
            { usernames: [...usernames.slice(0, 2), 'ghost@example.com'] },
            { ...options, onProgress: (line) => progress.push(line) }
        );
        // Progress counts what was written (none), not what was sent (2).
        expect(progress).toEqual(['PermissionSetAssignment: 0/2 written']);
        expect(report.failed).toEqual(
            expect.arrayContaining([
                expect.objectContaining({
                    username: 'ghost@example.com',
                    errorCode: 'NOT_FOUND'
                }),
                expect.objectContaining({
                    username: usernames[0],
                    target: 'Licensed_Set',
                    errorCode: 'FIELD_INTEGRITY_EXCEPTION'
                })
            ])
        );
        expect(report.created).toBe(0);
    });

    it('names the nearest permission sets for an unknown one', async () => {
        await expect(
            assign(
                h.client(),
                { ...portalSet, permissionSets: ['Case_Portal_Usr'] },
                { usernames },
                options
            )
        ).rejects.toThrow(
            /Unknown permission set "Case_Portal_Usr" in this org. Did you mean: Case_Portal_User/
        );
    });

    it('switches to Bulk API 2.0 past the threshold', async () => {
        const more = createUsers(30, 'bulk');
        const report = await assign(
            h.client(),
            portalSet,
            { usernames: more },
            { ...options, bulkThreshold: 10 }
        );
        expect(report).toMatchObject({ mode: 'bulk', created: 30, failed: [] });
        expect(holders('Case_Portal_User')).toBe(30);
    });

    it('assigns a permission set licence and a group', async () => {
        // The API integration licence goes only to Salesforce Integration users (FIDELITY.md).
        const [integration] = createOrgUsers(
            h.emulator.org,
            1,
            'api',
            'Minimum Access - API Only Integrations'
        );
        const report = await assign(
            h.client(),
            {
                permissionSets: [],
                permissionSetGroups: ['Case_Portal_Integration'],
                permissionSetLicenses: ['SalesforceAPIIntegrationPsl']
            },
            { usernames: [String(integration)] },
            options
        );
        // Licences are written first (a set may need the licence): one read, then one write each.
        expect(report).toMatchObject({
            planned: 2,
            created: 2,
            failed: [],
            apiCalls: 3
        });
        const user = h.emulator.org
            .rows('User')
            .find((u) => u.Username === integration);
        expect(
            h.emulator.org
                .rows('PermissionSetLicenseAssign')
                .filter((a) => a.AssigneeId === user?.Id)
        ).toHaveLength(1);
        expect(
            h.emulator.org
                .rows('PermissionSetAssignment')
                .filter(
                    (a) => a.AssigneeId === user?.Id && a.PermissionSetGroupId
                )
        ).toHaveLength(1);
    });

    it('retries a lock and a 503 on the write without duplicating anything', async () => {
        h.emulator.faults.set({
            rules: [
                {
                    method: 'POST',
                    path: '/services/data/*/composite/sobjects',
                    fault: 'UNABLE_TO_LOCK_ROW',
                    times: 1
                },
                {
                    method: 'POST',
                    path: '/services/data/*/composite/sobjects',
                    fault: '503',
                    after: 1,
                    times: 1
                }
            ]
        });
        const report = await assign(
            h.client(),
            portalSet,
            { usernames },
            options
        );
        expect(report).toMatchObject({ created: 5, failed: [] });
        expect(holders('Case_Portal_User')).toBe(5);
    });

    it('exits 68 on partial success from the command line, with one JSON document', async () => {
        const env = {
            ...process.env,
            SF_INSTANCE_URL: h.emulator.url,
            SF_ACCESS_TOKEN: h.emulator.accessToken
        };
        const result = await run(
            process.execPath,
            [
                require.resolve('tsx/cli'),
                'scripts/plugin/bin/run.ts',
                'assign',
                '--permission-set',
                'Case_Portal_User',
                '--users',
                `${usernames[0]},ghost@example.com`,
                '--json'
            ],
            { cwd: REPO_ROOT, env }
        ).then(
            () => ({ code: 0, stdout: '' }),
            (error: { code: number; stdout: string }) => error
        );
        expect(result.code).toBe(68);
        const document = JSON.parse(result.stdout) as {
            status: number;
            result: { created: number; failed: { errorCode: string }[] };
        };
        expect(document.status).toBe(68);
        expect(document.result.created).toBe(1);
        expect(document.result.failed).toEqual([
            expect.objectContaining({ errorCode: 'NOT_FOUND' })
        ]);
        expect(result.stdout).not.toContain(h.emulator.accessToken);
        // A child process that loads the sf CLI's command framework (oclif, @salesforce/core).
    }, 90000);
});
