import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDefinition } from '../../src/provision/definition';
import { provision } from '../../src/provision/provision';
import { REPO_ROOT, startScriptHarness, type ScriptHarness } from './harness';

describe('provision (against the emulator over HTTP)', () => {
    let h: ScriptHarness;
    beforeEach(async () => {
        h = await startScriptHarness();
    });
    afterEach(async () => {
        await h.close();
    });

    it('creates the user with licence, group and set in at most 3 calls, then does nothing in 1', async () => {
        const client = h.client();
        const first = await provision(client, h.definition, {
            dryRun: false,
            uniqueUsername: false
        });
        expect(first.plan.steps.map((s) => s.action)).toEqual([
            'create-user',
            'assign-permission-set-license',
            'assign-permission-set-group'
        ]);
        expect(first.applied).toBe(true);
        expect(first.apiCalls).toBeLessThanOrEqual(3);
        const again = await provision(h.client(), h.definition, {
            dryRun: false,
            uniqueUsername: false
        });
        expect(again.plan.steps).toEqual([]);
        expect(again.apiCalls).toBe(1);
    });
});

describe('provision: plans, re-runs and bad input', () => {
    let h: ScriptHarness;
    beforeEach(async () => {
        h = await startScriptHarness();
    });
    afterEach(async () => {
        await h.close();
    });

    const userCount = (): number => h.emulator.org.rows('User').length;

    it('--dry-run prints the plan and writes nothing', async () => {
        const before = userCount();
        const result = await provision(h.client(), h.definition, {
            dryRun: true,
            uniqueUsername: false
        });
        expect(result.applied).toBe(false);
        expect(result.plan.steps.length).toBe(3);
        expect(result.apiCalls).toBe(1);
        expect(userCount()).toBe(before);
    });

    it('--unique-username appends the org id, and a second run finds the same user', async () => {
        const first = await provision(h.client(), h.definition, {
            dryRun: false,
            uniqueUsername: true
        });
        const orgId = String(h.emulator.org.rows('Organization')[0]?.Id)
            .slice(0, 15)
            .toLowerCase();
        expect(first.plan.username).toBe(`${h.definition.Username}.${orgId}`);
        const again = await provision(h.client(), h.definition, {
            dryRun: false,
            uniqueUsername: true
        });
        expect(again.plan.steps).toEqual([]);
        expect(
            h.emulator.org
                .rows('User')
                .filter((u) =>
                    String(u.Username).startsWith(h.definition.Username)
                )
        ).toHaveLength(1);
    });

    it('updates only the fields that differ, and reactivates an inactive user', async () => {
        await provision(h.client(), h.definition, {
            dryRun: false,
            uniqueUsername: false
        });
        const user = h.emulator.org
            .rows('User')
            .find((u) => u.Username === h.definition.Username);
        h.emulator.org.dml.update(
            'User',
            String(user?.Id),
            { IsActive: false },
            { system: true }
        );
        const result = await provision(h.client(), h.definition, {
            dryRun: false,
            uniqueUsername: false,
            email: 'new-admin@example.com'
        });
        expect(result.plan.steps).toEqual([
            {
                action: 'update-user',
                target: h.definition.Username,
                detail: 'IsActive, Email'
            }
        ]);
        expect(h.emulator.org.get('User', String(user?.Id))).toMatchObject({
            IsActive: true,
            Email: 'new-admin@example.com'
        });
    });

    it('renews an expired group assignment instead of adding a duplicate', async () => {
        await provision(h.client(), h.definition, {
            dryRun: false,
            uniqueUsername: false
        });
        const assignment = h.emulator.org
            .rows('PermissionSetAssignment')
            .find((a) => a.PermissionSetGroupId);
        h.emulator.org.dml.update(
            'PermissionSetAssignment',
            String(assignment?.Id),
            { ExpirationDate: '2020-01-01T00:00:00.000Z' },
            { system: true }
        );
        const result = await provision(h.client(), h.definition, {
            dryRun: false,
            uniqueUsername: false
        });
        expect(result.plan.steps.map((s) => s.action)).toEqual([
            'renew-assignment'
        ]);
        const groups = h.emulator.org
            .rows('PermissionSetAssignment')
            .filter((a) => a.PermissionSetGroupId);
        expect(groups).toHaveLength(1);
        expect(groups[0]?.ExpirationDate ?? null).toBeNull();
    });

    it('names the nearest profiles for an unknown profile, before writing anything', async () => {
        const before = userCount();
        await expect(
            provision(
                h.client(),
                {
                    ...h.definition,
                    profileName: 'Minimum Access - API Only Integration'
                },
                { dryRun: false, uniqueUsername: false }
            )
        ).rejects.toThrow(
            /Unknown profile "Minimum Access - API Only Integration" in this org. Did you mean: Minimum Access - API Only Integrations/
        );
        expect(userCount()).toBe(before);
    });

    it('refuses a profile on another licence than the definition asks for', async () => {
        await expect(
            provision(
                h.client(),
                { ...h.definition, profileName: 'Minimum Access - Salesforce' },
                { dryRun: false, uniqueUsername: false }
            )
        ).rejects.toThrow(
            /is on the Salesforce licence, but the definition asks for Salesforce Integration/
        );
    });

    it('names a licence typo as such, and hints only profiles on the wanted licence (issue 20, item 13)', async () => {
        await expect(
            provision(
                h.client(),
                { ...h.definition, license: 'Salesforce Integraton' },
                { dryRun: true, uniqueUsername: false }
            )
        ).rejects.toThrow(
            /^Unknown user licence "Salesforce Integraton" in this org. Did you mean: Salesforce Integration/
        );
        const platform = provision(
            h.client(),
            { ...h.definition, license: 'Salesforce Platform' },
            { dryRun: true, uniqueUsername: false }
        );
        await expect(platform).rejects.toThrow(
            /Pick a profile on the Salesforce Platform licence; this org has "Standard Platform User"/
        );
        // Never a profile that is on another licence (following the hint must not fail again).
        await expect(platform).rejects.not.toThrow(
            /Minimum Access - Salesforce/
        );
    });

    it('a dry run refuses the --email the real run refuses, before any call (issue 20, item 13)', async () => {
        h.emulator.resetCalls();
        await expect(
            provision(h.client(), h.definition, {
                dryRun: true,
                uniqueUsername: false,
                email: 'not-an-email'
            })
        ).rejects.toThrow(/^--email: "not-an-email" is not an email address/);
        expect(h.emulator.calls().total).toBe(0);
    });

    it('names an unknown permission set group with the nearest names', async () => {
        await expect(
            provision(
                h.client(),
                {
                    ...h.definition,
                    permissionSetGroups: ['Case_Portal_Integraton']
                },
                { dryRun: false, uniqueUsername: false }
            )
        ).rejects.toThrow(
            /Unknown permission set group "Case_Portal_Integraton" in this org. Did you mean: Case_Portal_Integration/
        );
    });

    it('never takes over a person with the same username: stops, says who it is, changes nothing; --adopt proceeds', async () => {
        const admin = h.emulator.org
            .rows('Profile')
            .find((p) => p.Name === 'System Administrator');
        const id = h.emulator.org.dml.create(
            'User',
            {
                Username: h.definition.Username,
                FirstName: 'Ada',
                LastName: 'Admin',
                Alias: 'aadmin',
                Email: 'ada@example.com',
                TimeZoneSidKey: 'Europe/London',
                LocaleSidKey: 'en_GB',
                EmailEncodingKey: 'UTF-8',
                LanguageLocaleKey: 'en_US',
                ProfileId: admin?.Id
            },
            { system: true }
        );
        const snapshot = (): unknown =>
            JSON.stringify([
                h.emulator.org.rows('User').find((u) => u.Id === id),
                h.emulator.org
                    .rows('PermissionSetAssignment')
                    .filter((a) => a.AssigneeId === id).length,
                h.emulator.org
                    .rows('PermissionSetLicenseAssign')
                    .filter((a) => a.AssigneeId === id).length
            ]);
        const before = snapshot();
        for (const dryRun of [true, false]) {
            await expect(
                provision(h.client(), h.definition, {
                    dryRun,
                    uniqueUsername: false
                })
            ).rejects.toMatchObject({
                errorCode: 'NOT_INTEGRATION_USER',
                message: expect.stringMatching(
                    /already exists and is not the integration user: Ada Admin <ada@example.com>, profile "System Administrator" on the Salesforce licence, active, last login never\. Provision would change: update-user .*ProfileId.*--adopt/
                )
            });
        }
        expect(snapshot()).toBe(before);
        const adopted = await provision(h.client(), h.definition, {
            dryRun: false,
            uniqueUsername: false,
            adopt: true
        });
        expect(adopted.applied).toBe(true);
        expect(adopted.userId).toBe(id);
        const profile = h.emulator.org
            .rows('Profile')
            .find((p) => p.Name === h.definition.profileName);
        expect(
            h.emulator.org.rows('User').find((u) => u.Id === id)?.ProfileId
        ).toBe(profile?.Id);
    });

    it('stops on an exhausted licence before writing', async () => {
        await h.close();
        h = await startScriptHarness({
            seed: { licenseSeats: { 'Salesforce Integration': 0 } }
        });
        const before = userCount();
        await expect(
            provision(h.client(), h.definition, {
                dryRun: false,
                uniqueUsername: false
            })
        ).rejects.toMatchObject({
            errorCode: 'LICENSE_LIMIT_EXCEEDED',
            message: expect.stringMatching(
                /No free Salesforce Integration licence: 0 of 0 in use/
            )
        });
        expect(userCount()).toBe(before);
    });

    it('explains a username taken in another org and leaves nothing half done', async () => {
        h.emulator.org.usernamesInOtherOrgs.add(
            h.definition.Username.toLowerCase()
        );
        const assignments = h.emulator.org.rows(
            'PermissionSetAssignment'
        ).length;
        await expect(
            provision(h.client(), h.definition, {
                dryRun: false,
                uniqueUsername: false
            })
        ).rejects.toMatchObject({
            errorCode: 'DUPLICATE_USERNAME',
            message: expect.stringMatching(
                /already taken.*--unique-username. Nothing was written/
            )
        });
        expect(h.emulator.org.rows('PermissionSetAssignment')).toHaveLength(
            assignments
        );
        expect(
            h.emulator.org
                .rows('PermissionSetLicenseAssign')
                .filter((a) => a.AssigneeId === undefined)
        ).toHaveLength(0);
    });

    it('retries a 503 and a lock on the write without creating anything twice', async () => {
        // The first composite call reads; the write then meets a 503 and a lock before it lands.
        h.emulator.faults.set({
            rules: [
                {
                    method: 'POST',
                    path: '/services/data/*/composite',
                    fault: '503',
                    after: 1,
                    times: 1
                },
                {
                    method: 'POST',
                    path: '/services/data/*/composite',
                    fault: 'UNABLE_TO_LOCK_ROW',
                    after: 2,
                    times: 1
                }
            ]
        });
        const result = await provision(h.client(), h.definition, {
            dryRun: false,
            uniqueUsername: false
        });
        expect(result.applied).toBe(true);
        expect(
            h.emulator.org
                .rows('User')
                .filter((u) => u.Username === h.definition.Username)
        ).toHaveLength(1);
        expect(
            h.emulator.org
                .rows('PermissionSetAssignment')
                .filter(
                    (a) =>
                        a.AssigneeId === result.userId && a.PermissionSetGroupId
                )
        ).toHaveLength(1);
    });
});

describe('provision: the request limit and the definition file', () => {
    it('waits out a REQUEST_LIMIT_EXCEEDED answer and carries on', async () => {
        const h = await startScriptHarness();
        try {
            h.emulator.faults.set({
                rules: [
                    {
                        method: 'POST',
                        path: '/services/data/*/composite',
                        fault: 'REQUEST_LIMIT_EXCEEDED',
                        times: 1
                    }
                ]
            });
            const client = h.client();
            const result = await provision(client, h.definition, {
                dryRun: false,
                uniqueUsername: false
            });
            expect(result.applied).toBe(true);
            expect(client.retried).toEqual([
                expect.stringContaining('REQUEST_LIMIT_EXCEEDED')
            ]);
            expect(
                h.emulator.org
                    .rows('User')
                    .filter((u) => u.Username === h.definition.Username)
            ).toHaveLength(1);
        } finally {
            await h.close();
        }
    });

    it('names the file and the field of a malformed definition', () => {
        expect(() =>
            parseDefinition(
                {
                    ...JSON.parse(
                        readFileSync(
                            path.join(REPO_ROOT, 'config/api-user.json'),
                            'utf8'
                        )
                    ),
                    Email: 'not-an-email',
                    Alias: 'far-too-long'
                },
                'config/api-user.json'
            )
        ).toThrow(
            /config\/api-user.json: Email: Invalid email address\nconfig\/api-user.json: Alias: Too big/
        );
        expect(() =>
            parseDefinition(
                { Username: 'x@example.com', Profile: 'Standard User' },
                'user.json'
            )
        ).toThrow(/user.json: .*Unrecognized key: "Profile"/);
    });
});
