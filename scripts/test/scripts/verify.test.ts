import path from 'node:path';
import { loadContract, type Contract } from '../../src/access/contract';
import { runVerify, type VerifyReport } from '../../src/access/run-verify';
import type { RuleResult } from '../../src/access/verify';
import { provision } from '../../src/provision/provision';
import { REPO_ROOT, startScriptHarness, type ScriptHarness } from './harness';

const contract = (name: string): Contract =>
    loadContract(path.join(REPO_ROOT, 'config/access', `${name}.json`));
const rule = (report: VerifyReport, id: string): RuleResult | undefined =>
    report.users[0]?.results.find((r) => r.rule === id);
const failures = (report: VerifyReport): string[] =>
    report.users.flatMap((u) =>
        u.results
            .filter((r) => r.status === 'fail')
            .map((r) => `${r.rule}: ${r.actual}`)
    );

describe('verify (against the emulator over HTTP)', () => {
    let h: ScriptHarness;
    let username: string;
    beforeEach(async () => {
        h = await startScriptHarness();
        username = h.definition.Username;
        await provision(h.client(), h.definition, {
            dryRun: false,
            uniqueUsername: false
        });
    });
    afterEach(async () => {
        await h.close();
    });

    it('passes the provisioned user against the kit contract, naming the group and its set as the source', async () => {
        const report = await runVerify(
            h.client(),
            [username],
            [contract('case-portal')],
            {}
        );
        expect(failures(report)).toEqual([]);
        expect(rule(report, 'objects.Case.require.edit')?.grantedBy).toEqual([
            'permission set group "Case_Portal_Integration" (via Case_Portal_Integration_User_Permissions)'
        ]);
        expect(report.apiCalls).toBeLessThanOrEqual(4);
    });

    it('spends the same number of calls for 1 and for 20 permission sets', async () => {
        const first = await runVerify(
            h.client(),
            [username],
            [contract('case-portal')],
            {}
        );
        const org = h.emulator.org;
        const user = org.rows('User').find((u) => u.Username === username);
        for (let i = 0; i < 20; i++) {
            const setId = org.dml.create(
                'PermissionSet',
                { Name: `Extra_${i}`, Label: `Extra ${i}` },
                { system: true }
            );
            org.dml.create(
                'PermissionSetAssignment',
                { AssigneeId: user?.Id, PermissionSetId: setId },
                { system: true }
            );
        }
        const twenty = await runVerify(
            h.client(),
            [username],
            [contract('case-portal')],
            {}
        );
        expect(twenty.apiCalls).toBe(first.apiCalls);
        expect(twenty.apiCalls).toBeLessThanOrEqual(4);
    });

    it('reports a permission muted in the group, with the group as the place to fix it', async () => {
        const org = h.emulator.org;
        const group = org
            .rows('PermissionSetGroup')
            .find((g) => g.DeveloperName === 'Case_Portal_Integration');
        const muteId = org.dml.create(
            'MutingPermissionSet',
            {
                DeveloperName: 'Mute_Password',
                MasterLabel: 'Mute Password',
                PermissionsPasswordNeverExpires: true
            },
            { system: true }
        );
        org.dml.create(
            'PermissionSetGroupComponent',
            { PermissionSetGroupId: group?.Id, PermissionSetId: muteId },
            { system: true }
        );
        const report = await runVerify(
            h.client(),
            [username],
            [contract('case-portal')],
            {}
        );
        expect(
            rule(report, 'userPermissions.require.PasswordNeverExpires')
        ).toMatchObject({
            status: 'fail',
            actual: expect.stringContaining(
                'muted in permission set group "Case_Portal_Integration"'
            )
        });
        expect(rule(report, 'userPermissions.require.ApiEnabled')?.status).toBe(
            'pass'
        );
    });

    it('ignores an expired assignment', async () => {
        const org = h.emulator.org;
        const assignment = org
            .rows('PermissionSetAssignment')
            .find((a) => a.PermissionSetGroupId);
        org.dml.update(
            'PermissionSetAssignment',
            String(assignment?.Id),
            { ExpirationDate: '2020-01-01T00:00:00.000Z' },
            { system: true }
        );
        const report = await runVerify(
            h.client(),
            [username],
            [contract('case-portal')],
            {}
        );
        expect(
            rule(report, 'permissionSetGroups.require.Case_Portal_Integration')
        ).toMatchObject({ status: 'fail', actual: 'not assigned' });
        expect(rule(report, 'objects.Case.require.read')?.status).toBe('fail');
    });

    it('names the profile as the source of a forbidden permission', async () => {
        const admin = h.emulator.org
            .rows('User')
            .find((u) => String(u.Username).startsWith('admin'));
        const report = await runVerify(
            h.client(),
            [String(admin?.Username)],
            [contract('generic-integration-user')],
            {}
        );
        expect(
            rule(report, 'userPermissions.forbid.ModifyAllData')
        ).toMatchObject({
            status: 'fail',
            grantedBy: ['profile "System Administrator"']
        });
    });

    it('warns on login IP ranges of the profile for the contact-centre preset, in one more call', async () => {
        const user = h.emulator.org
            .rows('User')
            .find((u) => u.Username === username);
        h.emulator.org.profileMetadata.set(String(user?.ProfileId), {
            loginIpRanges: [
                { startAddress: '10.0.0.0', endAddress: '10.0.0.255' }
            ],
            loginHours: null
        } as never);
        const report = await runVerify(
            h.client(),
            [username],
            [contract('contact-centre-api-user')],
            {}
        );
        expect(rule(report, 'login.noIpRanges')).toMatchObject({
            status: 'warn',
            actual: '1 IP range(s)'
        });
        expect(rule(report, 'login.noLoginHours')?.status).toBe('pass');
        expect(
            rule(report, 'objects.${callEventObject}.require.read')?.status
        ).toBe('skip');
    });

    it('reports a user that does not exist as a failure', async () => {
        const report = await runVerify(
            h.client(),
            ['nobody@example.com'],
            [contract('case-portal')],
            {}
        );
        expect(report.users[0]).toMatchObject({
            found: false,
            results: [
                expect.objectContaining({ rule: 'user.exists', status: 'fail' })
            ]
        });
    });

    it('names the nearest real permissions for a misspelled one', async () => {
        const bad = {
            ...contract('cs-platform-connector'),
            userPermissions: {
                require: ['ApiEnabld'],
                recommend: [],
                forbid: [],
                allow: []
            }
        };
        await expect(
            runVerify(h.client(), [username], [bad], {})
        ).rejects.toThrow(
            /Unknown user permission "ApiEnabld" \(nearest: ApiEnabled/
        );
    });

    it('refuses a --param no contract declares', async () => {
        await expect(
            runVerify(h.client(), [username], [contract('case-portal')], {
                vendor: 'x'
            })
        ).rejects.toThrow(/Unknown --param "vendor"/);
    });
});

describe('verify: many users', () => {
    it('checks 150 users in chunks of 100, a constant number of calls per chunk', async () => {
        const h = await startScriptHarness({
            seed: { licenseSeats: { Salesforce: 200 } }
        });
        try {
            const org = h.emulator.org;
            const profile = org
                .rows('Profile')
                .find((p) => p.Name === 'Standard User');
            const usernames = Array.from({ length: 150 }, (_, i) => {
                const username = `many${i}@example.com`;
                org.dml.create(
                    'User',
                    {
                        Username: username,
                        LastName: `Many ${i}`,
                        Alias: `m${i}`,
                        Email: username,
                        CommunityNickname: `many${i}`,
                        TimeZoneSidKey: 'America/Los_Angeles',
                        LocaleSidKey: 'en_US',
                        EmailEncodingKey: 'UTF-8',
                        LanguageLocaleKey: 'en_US',
                        ProfileId: profile?.Id
                    },
                    { system: true }
                );
                return username;
            });
            const report = await runVerify(
                h.client(),
                usernames,
                [contract('cs-platform-connector')],
                {}
            );
            expect(report.users).toHaveLength(150);
            expect(report.users.every((u) => u.found)).toBe(true);
            // Two chunks, one composite call each (no groups assigned).
            expect(report.apiCalls).toBe(2);
        } finally {
            await h.close();
        }
    });
});
