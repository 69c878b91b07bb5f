import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
    HIGH_RISK_PERMISSIONS,
    toxicCombinations
} from '../../src/access/catalogue';
import { loadContract, type Contract } from '../../src/access/contract';
import {
    runVerify,
    VerifyError,
    type VerifyReport
} from '../../src/access/run-verify';
import type { RuleResult } from '../../src/access/types';
import { provision } from '../../src/provision/provision';
import {
    REPO_ROOT,
    startProvisionedHarness,
    startScriptHarness,
    type ScriptHarness
} from './harness';
import { runCommand } from '../support/run-command';
import { createUsers } from '../support/users';

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
const SYSTEM = { system: true } as const;

describe('verify (against the emulator over HTTP)', () => {
    let h: ScriptHarness;
    let username: string;
    let userId: string;
    beforeEach(async () => {
        const provisioned = await startProvisionedHarness();
        h = provisioned;
        ({ username, userId } = provisioned);
    });
    afterEach(async () => {
        await h.close();
    });

    /** A permission set with the given fields, assigned to the integration user. */
    function assignSet(name: string, fields: Record<string, unknown>): string {
        const org = h.emulator.org;
        const setId = org.dml.create(
            'PermissionSet',
            { Name: name, Label: name, ...fields },
            SYSTEM
        );
        org.dml.create(
            'PermissionSetAssignment',
            { AssigneeId: userId, PermissionSetId: setId },
            SYSTEM
        );
        return setId;
    }

    it('passes the kit user against the kit contract, in 2 calls, naming the group and its set', async () => {
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
        expect(
            rule(
                report,
                'setupEntities.connectedApps.require.Case_Portal_Integration'
            )?.status
        ).toBe('pass');
        // The OAuth-only contract does not ask for PasswordNeverExpires, and the kit's set lacks it.
        expect(
            rule(report, 'credentials.password-never-expires')
        ).toMatchObject({ status: 'pass', actual: 'not granted' });
        expect(report.apiCalls).toBe(2);
    });

    it('fails on Edit on an object the contract does not name, and on Modify All on User', async () => {
        const org = h.emulator.org;
        const setId = assignSet('Too_Much', {});
        for (const [object, flags] of [
            ['Task', { PermissionsRead: true, PermissionsEdit: true }],
            [
                'User',
                {
                    PermissionsRead: true,
                    PermissionsEdit: true,
                    PermissionsDelete: true,
                    PermissionsViewAllRecords: true,
                    PermissionsModifyAllRecords: true
                }
            ]
        ] as const) {
            org.dml.create(
                'ObjectPermissions',
                { ParentId: setId, SobjectType: object, ...flags },
                SYSTEM
            );
        }
        const report = await runVerify(
            h.client(),
            [username],
            [contract('case-portal')],
            {}
        );
        expect(rule(report, 'unlisted.objects.Task.edit')).toMatchObject({
            status: 'fail',
            expected:
                'Edit on Task not granted (the contract does not list it)',
            grantedBy: ['permission set "Too_Much"']
        });
        expect(rule(report, 'unlisted.objects.User.modifyAll')).toMatchObject({
            status: 'fail',
            actual: expect.stringContaining('HIGH-RISK: Modify All on User'),
            grantedBy: ['permission set "Too_Much"']
        });
        expect(report.apiCalls).toBe(2);
    });

    it('checks tabs: a tab the contract does not list fails, a required tab passes', async () => {
        const org = h.emulator.org;
        const setId = assignSet('Tabs', {});
        for (const [name, visibility] of [
            ['Case_Portal', 'DefaultOn'],
            ['standard-Account', 'DefaultOff']
        ] as const) {
            org.dml.create(
                'PermissionSetTabSetting',
                { ParentId: setId, Name: name, Visibility: visibility },
                SYSTEM
            );
        }
        const kit = contract('case-portal');
        const withTab: Contract = {
            ...kit,
            setupEntities: {
                ...kit.setupEntities,
                tabs: { require: ['Case_Portal'], recommend: [], allow: [] }
            }
        };
        const report = await runVerify(h.client(), [username], [withTab], {});
        expect(
            rule(report, 'setupEntities.tabs.require.Case_Portal')
        ).toMatchObject({
            status: 'pass',
            grantedBy: ['permission set "Tabs"']
        });
        // Default Off is still access (Salesforce Help, "Tab Settings": Available).
        expect(rule(report, 'unlisted.tabs.standard-Account')).toMatchObject({
            status: 'fail',
            grantedBy: ['permission set "Tabs"']
        });
        expect(rule(report, 'unlisted.tabs.Case_Portal')).toBeUndefined();
        // The emulator lists PermissionSetTabSetting: tabs are checked, not skipped.
        expect(rule(report, 'unlisted.tabs')).toBeUndefined();
        expect(failures(report)).toEqual([
            expect.stringMatching(/^unlisted\.tabs\.standard-Account: /)
        ]);
        expect(report.apiCalls).toBe(2);
        // Without the tab in the contract, the required one is a finding too.
        const plain = await runVerify(h.client(), [username], [kit], {});
        expect(rule(plain, 'unlisted.tabs.Case_Portal')?.status).toBe('fail');
    });

    it('names the profile, and the group with its set, for a tab they grant', async () => {
        const org = h.emulator.org;
        const profileId = org
            .rows('User')
            .find((u) => u.Id === userId)?.ProfileId;
        const owned = org
            .rows('PermissionSet')
            .find(
                (set) =>
                    set.IsOwnedByProfile === true && set.ProfileId === profileId
            );
        const component = org
            .rows('PermissionSet')
            .find(
                (set) => set.Name === 'Case_Portal_Integration_User_Permissions'
            );
        for (const [parent, name] of [
            [owned, 'standard-Lead'],
            [component, 'standard-Report']
        ] as const) {
            org.dml.create(
                'PermissionSetTabSetting',
                { ParentId: parent?.Id, Name: name, Visibility: 'DefaultOn' },
                SYSTEM
            );
        }
        const report = await runVerify(
            h.client(),
            [username],
            [contract('case-portal')],
            {}
        );
        expect(rule(report, 'unlisted.tabs.standard-Lead')).toMatchObject({
            status: 'fail',
            grantedBy: ['profile "Minimum Access - API Only Integrations"']
        });
        // Through the group's aggregate set, attributed to the component that holds it.
        expect(rule(report, 'unlisted.tabs.standard-Report')).toMatchObject({
            status: 'fail',
            grantedBy: [
                'permission set group "Case_Portal_Integration" (via Case_Portal_Integration_User_Permissions)'
            ]
        });
        expect(report.apiCalls).toBe(2);
    });

    it('fails on a Visualforce page granted through SetupEntityAccess that no contract lists', async () => {
        const org = h.emulator.org;
        const setId = assignSet('Pages', {});
        const pageId = org.dml.create(
            'ApexPage',
            {
                Name: 'Admin_Console',
                MasterLabel: 'Admin Console',
                ApiVersion: 66
            },
            SYSTEM
        );
        org.dml.create(
            'SetupEntityAccess',
            { ParentId: setId, SetupEntityId: pageId },
            SYSTEM
        );
        const report = await runVerify(
            h.client(),
            [username],
            [contract('case-portal')],
            {}
        );
        expect(rule(report, 'unlisted.apexPages.Admin_Console')).toMatchObject({
            status: 'fail',
            grantedBy: ['permission set "Pages"']
        });
        expect(failures(report)).toEqual([
            expect.stringMatching(/^unlisted\.apexPages\.Admin_Console: /)
        ]);
        const allowed: Contract = {
            ...contract('case-portal'),
            setupEntities: {
                ...contract('case-portal').setupEntities,
                apexPages: {
                    require: [],
                    recommend: [],
                    allow: ['Admin_Console']
                }
            }
        };
        const again = await runVerify(h.client(), [username], [allowed], {});
        expect(failures(again)).toEqual([]);
    });

    it('warns instead of failing where the contract says so', async () => {
        assignSet('Reports', { PermissionsRunReports: true });
        const lenient: Contract = {
            ...contract('case-portal'),
            unlisted: {
                level: 'fail',
                fieldRead: true,
                levels: { userPermissions: 'warn' }
            }
        };
        const report = await runVerify(h.client(), [username], [lenient], {});
        expect(
            rule(report, 'unlisted.userPermissions.RunReports')?.status
        ).toBe('warn');
        expect(failures(report)).toEqual([]);
    });

    it('spends the same number of calls for 1 and for 20 permission sets', async () => {
        const first = await runVerify(
            h.client(),
            [username],
            [contract('case-portal')],
            {}
        );
        for (let i = 0; i < 20; i++) {
            assignSet(`Extra_${i}`, {});
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

    it('reports a muted permission as muted, with the muting set, and fields follow a muted object', async () => {
        const org = h.emulator.org;
        const group = org
            .rows('PermissionSetGroup')
            .find((g) => g.DeveloperName === 'Case_Portal_Integration');
        const muteId = org.dml.create(
            'MutingPermissionSet',
            {
                DeveloperName: 'Mute_Api_Only',
                MasterLabel: 'Mute Api Only',
                PermissionsApiUserOnly: true
            },
            SYSTEM
        );
        org.dml.create(
            'ObjectPermissions',
            { ParentId: muteId, SobjectType: 'Contact', PermissionsRead: true },
            SYSTEM
        );
        org.dml.create(
            'PermissionSetGroupComponent',
            { PermissionSetGroupId: group?.Id, PermissionSetId: muteId },
            SYSTEM
        );
        const report = await runVerify(
            h.client(),
            [username],
            [contract('case-portal')],
            {}
        );
        // The profile still grants ApiUserOnly, so the contract's "not from the profile" rule fails.
        expect(
            rule(report, 'userPermissions.require.ApiUserOnly')
        ).toMatchObject({
            status: 'fail',
            actual: 'granted only by the profile'
        });
        expect(rule(report, 'objects.Contact.require.read')).toMatchObject({
            status: 'fail',
            actual: 'muted in permission set group "Case_Portal_Integration" by muting set Mute_Api_Only (granted by Case_Portal_Integration_User_Permissions)',
            fix: expect.stringContaining('muting permission set Mute_Api_Only')
        });
        expect(rule(report, 'fields.Contact.Email.require.read')).toMatchObject(
            {
                status: 'fail',
                actual: expect.stringContaining(
                    'Read on Contact is muted in permission set group "Case_Portal_Integration"'
                )
            }
        );
    });

    it('reports an expired assignment as expired, with the assign command that renews it', async () => {
        const org = h.emulator.org;
        const assignment = org
            .rows('PermissionSetAssignment')
            .find((a) => a.PermissionSetGroupId && a.AssigneeId === userId);
        org.dml.update(
            'PermissionSetAssignment',
            String(assignment?.Id),
            { ExpirationDate: '2020-01-01T00:00:00.000Z' },
            SYSTEM
        );
        const report = await runVerify(
            h.client(),
            [username],
            [contract('case-portal')],
            {}
        );
        expect(
            rule(report, 'permissionSetGroups.require.Case_Portal_Integration')
        ).toMatchObject({
            status: 'fail',
            actual: expect.stringMatching(/^assignment expired on 2020-01-01/),
            fix: `npm run assign -- --permission-set-group Case_Portal_Integration --users ${username} (renews the expired assignment)`
        });
        expect(rule(report, 'objects.Case.require.read')?.status).toBe('fail');
    });

    it('never suggests renewing an expired assignment whose set grants high-risk access without saying so (issue 20, item 6)', async () => {
        const org = h.emulator.org;
        const setId = org.dml.create(
            'PermissionSet',
            {
                Name: 'Old_Admin_Access',
                Label: 'Old Admin Access',
                PermissionsModifyAllData: true
            },
            SYSTEM
        );
        org.dml.create(
            'PermissionSetAssignment',
            {
                AssigneeId: userId,
                PermissionSetId: setId,
                ExpirationDate: '2020-01-01T00:00:00.000Z'
            },
            SYSTEM
        );
        const report = await runVerify(
            h.client(),
            [username],
            [contract('case-portal')],
            {}
        );
        const expired = rule(report, 'assignments.expired.Old_Admin_Access');
        expect(expired).toMatchObject({
            status: 'warn',
            actual: expect.stringContaining(
                'renewing it would bring back HIGH-RISK ModifyAllData'
            ),
            fix: expect.stringMatching(
                /^Do not renew it as it is: Old_Admin_Access grants HIGH-RISK ModifyAllData \(/
            )
        });
    });

    it.each([
        'cs-platform-connector',
        'community-case-portal',
        'generic-integration-user'
    ])(
        'passes the %s preset for a user holding exactly what it lists',
        async (name) => {
            const org = h.emulator.org;
            const preset = contract(name);
            // Take the kit's group away: the user keeps only its profile and the vendor's set.
            for (const row of org
                .rows('PermissionSetAssignment')
                .filter(
                    (a) => a.AssigneeId === userId && a.PermissionSetGroupId
                )) {
                org.dml.delete(
                    'PermissionSetAssignment',
                    String(row.Id),
                    SYSTEM
                );
            }
            const p = preset.userPermissions;
            const setId = assignSet(
                'Vendor_Integration_User_Permissions',
                Object.fromEntries(
                    [...p.require, ...p.recommend, ...p.allow].map((perm) => [
                        `Permissions${perm}`,
                        true
                    ])
                )
            );
            const flags: Record<string, string> = {
                read: 'PermissionsRead',
                create: 'PermissionsCreate',
                edit: 'PermissionsEdit',
                delete: 'PermissionsDelete',
                viewAll: 'PermissionsViewAllRecords',
                modifyAll: 'PermissionsModifyAllRecords'
            };
            for (const [object, rule] of Object.entries(preset.objects)) {
                const wanted = [
                    ...(rule.require ?? []),
                    ...(rule.recommend ?? []),
                    ...(rule.allow ?? [])
                ];
                org.dml.create(
                    'ObjectPermissions',
                    {
                        ParentId: setId,
                        SobjectType: object,
                        ...Object.fromEntries(
                            wanted.map((a) => [flags[a] ?? a, true])
                        )
                    },
                    SYSTEM
                );
            }
            for (const [field, rule] of Object.entries(preset.fields)) {
                const edit = [
                    rule.require,
                    rule.recommend,
                    rule.allow
                ].includes('edit');
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
            if (p.require.includes('PasswordNeverExpires')) {
                // A password-based integration has a current password.
                await h
                    .client()
                    .request(
                        'POST',
                        `/services/data/v66.0/sobjects/User/${userId}/password`,
                        { NewPassword: 'Vendor-Passw0rd-2026' }
                    );
            }
            const report = await runVerify(
                h.client(),
                [username],
                [preset],
                {}
            );
            expect(failures(report)).toEqual([]);
            expect(
                report.users[0]?.results.filter((r) => r.status === 'pass')
                    .length
            ).toBeGreaterThan(3);
        }
    );

    it('stops with the nearest names on a contract typo (object, field, permission)', async () => {
        const base = contract('cs-platform-connector');
        const bad: Contract = {
            ...base,
            userPermissions: {
                require: ['ApiEnabld'],
                recommend: [],
                allow: []
            },
            objects: {
                ...base.objects,
                Taks: { require: ['read'], ifPresent: false }
            },
            fields: {
                ...base.fields,
                'Contact.Emial': { require: 'read', ifPresent: false }
            }
        };
        const run = runVerify(h.client(), [username], [bad], {});
        await expect(run).rejects.toThrow(VerifyError);
        await expect(
            runVerify(h.client(), [username], [bad], {})
        ).rejects.toThrow(
            /unknown user permission "ApiEnabld" \(nearest: ApiEnabled[\s\S]*objects.Taks: no object "Taks" in this org \(nearest: Task[\s\S]*fields.Contact.Emial: Contact has no field "Emial" \(nearest: Email/
        );
    });

    it('stops when a require rule uses a parameter that was not given', async () => {
        await expect(
            runVerify(
                h.client(),
                [username],
                [contract('contact-centre-api-user')],
                {}
            )
        ).rejects.toThrow(
            /contract contact-centre-api-user: objects.\$\{callEventObject\} requires --param callEventObject=<value>[\s\S]*permissionSets.require\[0\] requires --param packagePermissionSet=<value>/
        );
    });

    it('warns on login IP ranges of the profile for the contact-centre preset, in one more call', async () => {
        const user = h.emulator.org.rows('User').find((u) => u.Id === userId);
        h.emulator.org.profileMetadata.set(String(user?.ProfileId), {
            loginIpRanges: [
                { startAddress: '10.0.0.0', endAddress: '10.0.0.255' }
            ],
            loginHours: null
        } as never);
        // The emulator's Task has no CallDisposition field (not emulated; a real Task has it), so
        // the org check would rightly stop on it here: this run leaves that one field out.
        const preset = contract('contact-centre-api-user');
        const fields = { ...preset.fields };
        delete fields['Task.CallDisposition'];
        const report = await runVerify(
            h.client(),
            [username],
            [{ ...preset, fields }],
            {
                callEventObject: 'cc__Call_Event__c',
                packagePermissionSet: 'cc_Package_User',
                packageNamespace: 'cc'
            }
        );
        expect(rule(report, 'login.noIpRanges')).toMatchObject({
            status: 'warn',
            actual: '1 IP range(s)'
        });
        expect(rule(report, 'login.noLoginHours')?.status).toBe('pass');
        expect(
            rule(report, 'objects.cc__Call_Event__c.require.read')
        ).toMatchObject({
            status: 'skip',
            actual: 'cc__Call_Event__c is not in this org (ifPresent)'
        });
        expect(
            rule(report, 'permissionSets.require.cc_Package_User')?.status
        ).toBe('skip');
        expect(report.apiCalls).toBeLessThanOrEqual(4);
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

    it('refuses a --param no contract declares', async () => {
        await expect(
            runVerify(h.client(), [username], [contract('case-portal')], {
                vendor: 'x'
            })
        ).rejects.toThrow(/Unknown --param "vendor"/);
    });
});

/** How a test grants a user permission to the integration user; returns how to take it back. */
type Route = 'permission set' | 'permission set group' | 'profile';
const ROUTES: readonly Route[] = [
    'permission set',
    'permission set group',
    'profile'
];
const PROFILE = 'Minimum Access - API Only Integrations';

describe('npm run verify: every high-risk catalogue permission fails, through a set, a group and the profile', () => {
    jest.setTimeout(60000);
    // One emulator and one provisioned user for the whole table: each case grants, verifies and
    // takes its grant back, and the user is checked clean before and after.
    let h: ScriptHarness;
    let username: string;
    let userId: string;
    const verify = () =>
        runCommand(
            'verify',
            [
                '--contract',
                'config/access/case-portal.json',
                '--user',
                username
            ],
            {
                SF_INSTANCE_URL: h.emulator.url,
                SF_ACCESS_TOKEN: h.emulator.accessToken
            }
        );
    beforeAll(async () => {
        const provisioned = await startProvisionedHarness();
        h = provisioned;
        ({ username, userId } = provisioned);
    });
    afterAll(async () => {
        await h.close();
    });

    /** Grants Permissions<permission> by the route: the source and fix verify must name, and the undo. */
    function grant(
        route: Route,
        permission: string
    ): { source: string; fix: string; undo: () => void } {
        const org = h.emulator.org;
        const field = `Permissions${permission}`;
        if (route === 'profile') {
            const profileId = org
                .rows('User')
                .find((u) => u.Id === userId)?.ProfileId;
            const owned = String(
                org
                    .rows('PermissionSet')
                    .find(
                        (set) =>
                            set.IsOwnedByProfile === true &&
                            set.ProfileId === profileId
                    )?.Id
            );
            const raw = { system: true, skipRules: true } as const;
            org.dml.update('PermissionSet', owned, { [field]: true }, raw);
            return {
                source: `profile "${PROFILE}"`,
                fix: `Remove ${permission} from profile "${PROFILE}"`,
                undo: () =>
                    org.dml.update(
                        'PermissionSet',
                        owned,
                        { [field]: false },
                        raw
                    )
            };
        }
        const name = `Risky_${permission}`;
        const setId = org.dml.create(
            'PermissionSet',
            { Name: name, Label: name, [field]: true },
            SYSTEM
        );
        if (route === 'permission set') {
            const assignmentId = org.dml.create(
                'PermissionSetAssignment',
                { AssigneeId: userId, PermissionSetId: setId },
                SYSTEM
            );
            return {
                source: `permission set "${name}"`,
                fix: `Remove ${permission} from permission set "${name}"`,
                undo: () => {
                    org.dml.delete(
                        'PermissionSetAssignment',
                        assignmentId,
                        SYSTEM
                    );
                    org.dml.delete('PermissionSet', setId, SYSTEM);
                }
            };
        }
        const groupName = `Risky_Group_${permission}`;
        const groupId = org.dml.create(
            'PermissionSetGroup',
            { DeveloperName: groupName, MasterLabel: groupName },
            SYSTEM
        );
        const componentId = org.dml.create(
            'PermissionSetGroupComponent',
            { PermissionSetGroupId: groupId, PermissionSetId: setId },
            SYSTEM
        );
        const assignmentId = org.dml.create(
            'PermissionSetAssignment',
            { AssigneeId: userId, PermissionSetGroupId: groupId },
            SYSTEM
        );
        return {
            source: `permission set group "${groupName}" (via ${name})`,
            fix: `Remove ${permission} from component set ${name} of group "${groupName}"`,
            undo: () => {
                org.dml.delete('PermissionSetAssignment', assignmentId, SYSTEM);
                org.dml.delete(
                    'PermissionSetGroupComponent',
                    componentId,
                    SYSTEM
                );
                org.dml.delete('PermissionSetGroup', groupId, SYSTEM);
                org.dml.delete('PermissionSet', setId, SYSTEM);
            }
        };
    }

    it('has a PermissionSet, Profile and MutingPermissionSet field for every catalogue permission', () => {
        const schema = h.emulator.org.schema;
        for (const holder of [
            'PermissionSet',
            'Profile',
            'MutingPermissionSet'
        ]) {
            const object = schema.require(holder);
            expect(
                HIGH_RISK_PERMISSIONS.map((e) => e.key).filter(
                    (key) => !schema.field(object, `Permissions${key}`)
                )
            ).toEqual([]);
        }
    });

    it('passes the clean user first (the cases below start from it)', async () => {
        const clean = await verify();
        expect(clean.stderr).toBe('');
        expect(clean.code).toBe(0);
    });

    const cases = HIGH_RISK_PERMISSIONS.flatMap((entry) =>
        ROUTES.map((route) => [entry.key, route, entry.reason] as const)
    );
    it.each(cases)(
        '%s granted through the %s: exit 1, naming the permission, the source and the reason',
        async (permission, route, reason) => {
            const { source, fix, undo } = grant(route, permission);
            try {
                const result = await verify();
                expect(result.code).toBe(1);
                const rule = `unlisted.userPermissions.${permission}`;
                expect(result.stdout).toContain(`FAIL  ${rule}  (case-portal)`);
                expect(result.stdout).toContain(`HIGH-RISK: ${reason}`);
                expect(result.stdout).toContain(`granted by: ${source}`);
                expect(result.stdout).toContain(`fix:        ${fix}`);
                // That grant is the only failure, with the toxic combinations it completes with
                // the kit's own ApiEnabled (each a finding of its own).
                const toxic = toxicCombinations(['ApiEnabled', permission]);
                for (const combination of toxic) {
                    expect(result.stdout).toContain(
                        `FAIL  toxic.${combination.key}`
                    );
                }
                expect(result.stdout).toMatch(
                    new RegExp(`, ${1 + toxic.length} failed, `)
                );
            } finally {
                undo();
            }
        }
    );

    it('passes the user again once every grant is taken back', async () => {
        expect((await verify()).code).toBe(0);
    });
});

describe('npm run verify: contract errors exit non-zero with a clear message', () => {
    jest.setTimeout(60000);
    it('exits 1 on a contract typo and on a missing required --param', async () => {
        const h = await startScriptHarness();
        try {
            await provision(h.client(), h.definition, {
                dryRun: false,
                uniqueUsername: false
            });
            const dir = mkdtempSync(path.join(os.tmpdir(), 'cpk-verify-'));
            const typo = path.join(dir, 'typo.json');
            writeFileSync(
                typo,
                JSON.stringify({
                    name: 'typo',
                    description: 'x',
                    objects: { Taks: { require: ['read'] } }
                })
            );
            // In-process (the end-to-end tsx run of verify is in cli.test.ts).
            const run = (args: string[]) =>
                runCommand('verify', args, {
                    SF_INSTANCE_URL: h.emulator.url,
                    SF_ACCESS_TOKEN: h.emulator.accessToken
                });
            const bad = await run(['--contract', typo]);
            expect(bad.code).toBe(1);
            expect(bad.stderr).toContain(
                'contract typo: objects.Taks: no object "Taks" in this org (nearest: Task'
            );
            const missing = await run([
                '--contract',
                'config/access/contact-centre-api-user.json'
            ]);
            expect(missing.code).toBe(1);
            expect(missing.stderr).toContain(
                'requires --param callEventObject=<value>'
            );
        } finally {
            await h.close();
        }
    });
});

describe('verify: many users', () => {
    it('checks 150 users in chunks of 100, a constant number of calls per chunk', async () => {
        const h = await startScriptHarness({
            seed: { licenseSeats: { Salesforce: 200 } }
        });
        try {
            const org = h.emulator.org;
            const usernames = createUsers(org, 150, 'many');
            const report = await runVerify(
                h.client(),
                usernames,
                [contract('cs-platform-connector')],
                {}
            );
            expect(report.users).toHaveLength(150);
            expect(report.users.every((u) => u.found)).toBe(true);
            // Two chunks, two composite calls each: the snapshot, then the tab settings of the
            // sets found (the org lists PermissionSetTabSetting; no groups or entities to name).
            expect(report.apiCalls).toBe(4);
        } finally {
            await h.close();
        }
    });
});
