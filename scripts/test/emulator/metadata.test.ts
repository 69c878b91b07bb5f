import { existsSync } from 'node:fs';
import path from 'node:path';
import { startEmulator } from '../../emulator';
import { connect, startHarness, type Harness } from './helpers';

const FIXTURES = 'scripts/test/emulator/fixtures';

describe('loading the repo metadata', () => {
    let harness: Harness;

    beforeAll(async () => {
        harness = await startHarness({ metadataDirs: [`${FIXTURES}/basic`] });
    });
    afterAll(() => harness.emulator.close());

    it('deploys permission sets with their object, field and setup entity rows', async () => {
        expect(harness.emulator.metadata).toMatchObject({
            permissionSets: ['Fixture_Reader', 'Fixture_Salesforce_Licensed'],
            permissionSetGroups: ['Fixture_Group'],
            mutingPermissionSets: ['Fixture_Mute'],
            customPermissions: ['Fixture_Permission'],
            apexClasses: ['FixtureController'],
            oauthApps: ['Fixture_App']
        });
        const set = await harness.conn.query<Record<string, unknown>>(
            "SELECT Label, IsCustom, Type, PermissionsApiEnabled, PermissionsEditTask, (SELECT SobjectType FROM ObjectPerms ORDER BY SobjectType), (SELECT Field, PermissionsEdit FROM FieldPerms ORDER BY Field), (SELECT SetupEntityType FROM SetupEntityAccessItems ORDER BY SetupEntityType) FROM PermissionSet WHERE Name = 'Fixture_Reader'"
        );
        const row = set.records[0] as Record<
            string,
            { records: Array<Record<string, unknown>> } | unknown
        >;
        expect(row).toMatchObject({
            Label: 'Fixture Reader',
            IsCustom: true,
            Type: 'Regular',
            PermissionsApiEnabled: true,
            PermissionsEditTask: true
        });
        // Contact had allowRead false: no row, as in a real org.
        expect(
            (
                row.ObjectPerms as { records: Array<{ SobjectType: string }> }
            ).records.map((r) => r.SobjectType)
        ).toEqual(['Account', 'Case']);
        expect(
            (row.FieldPerms as { records: unknown[] }).records
        ).toMatchObject([
            { Field: 'Case.Description', PermissionsEdit: false },
            { Field: 'Case.Subject', PermissionsEdit: true }
        ]);
        expect(
            (
                row.SetupEntityAccessItems as {
                    records: Array<{ SetupEntityType: string }>;
                }
            ).records.map((r) => r.SetupEntityType)
        ).toEqual(['ApexClass', 'ConnectedApplication', 'CustomPermission']);
    });

    it('links the licence named in <license> and the group components', async () => {
        const licensed = await harness.conn.query<Record<string, unknown>>(
            "SELECT License.Name FROM PermissionSet WHERE Name = 'Fixture_Salesforce_Licensed'"
        );
        expect(licensed.records[0]).toMatchObject({
            License: { Name: 'Salesforce' }
        });
        const components = await harness.conn.query(
            "SELECT PermissionSetId FROM PermissionSetGroupComponent WHERE PermissionSetGroup.DeveloperName = 'Fixture_Group'"
        );
        expect(components.totalSize).toBe(2);
        const custom = await harness.conn.query<{ DeveloperName: string }>(
            'SELECT DeveloperName FROM CustomPermission'
        );
        expect(custom.records.map((r) => r.DeveloperName)).toEqual([
            'Fixture_Permission'
        ]);
    });

    it('refuses metadata a deploy would refuse, naming the file', async () => {
        await expect(
            startEmulator({
                port: 0,
                metadataDirs: [`${FIXTURES}/broken-required-field`]
            })
        ).rejects.toThrow(
            /Fixture_Broken\.permissionset-meta\.xml: You cannot deploy to a required field: Account\.Name/
        );
        await expect(
            startEmulator({
                port: 0,
                metadataDirs: [`${FIXTURES}/broken-dependency`]
            })
        ).rejects.toThrow(
            /Permission Edit Case depends on permission\(s\): Read Case/
        );
    });

    const legacy = path.resolve(__dirname, '../../../connected-app-legacy');
    (existsSync(legacy) ? it : it.skip)(
        'loads a classic connected app and its pre-authorization',
        async () => {
            const emulator = await startEmulator({
                port: 0,
                metadataDirs: ['force-app', 'connected-app-legacy']
            });
            try {
                expect(emulator.metadata.oauthApps).toContain(
                    'Case_Portal_Integration_Legacy'
                );
                const conn = connect(emulator);
                const apps = await conn.query<{
                    Name: string;
                    OptionsAllowAdminApprovedUsersOnly: boolean;
                }>(
                    "SELECT Name, OptionsAllowAdminApprovedUsersOnly FROM ConnectedApplication WHERE Id IN (SELECT SetupEntityId FROM SetupEntityAccess WHERE Parent.Name = 'Case_Portal_Integration_User_Permissions') ORDER BY Name"
                );
                expect(apps.records).toMatchObject([
                    {
                        Name: 'Case_Portal_Integration',
                        OptionsAllowAdminApprovedUsersOnly: true
                    },
                    {
                        Name: 'Case_Portal_Integration_Legacy',
                        OptionsAllowAdminApprovedUsersOnly: true
                    }
                ]);
            } finally {
                await emulator.close();
            }
        }
    );

    const forceApp = path.resolve(__dirname, '../../../force-app');
    (existsSync(forceApp) ? it : it.skip)(
        'loads the real force-app and serves it',
        async () => {
            const emulator = await startEmulator({ port: 0 });
            try {
                const conn = connect(emulator);
                const sets = await conn.query<{ Name: string }>(
                    "SELECT Name FROM PermissionSet WHERE IsCustom = true AND Type = 'Regular' ORDER BY Name"
                );
                expect(sets.records.map((r) => r.Name)).toEqual(
                    emulator.metadata.permissionSets.slice().sort()
                );
                for (const group of emulator.metadata.permissionSetGroups) {
                    const status = await conn.query<{ Status: string }>(
                        `SELECT Status FROM PermissionSetGroup WHERE DeveloperName = '${group}'`
                    );
                    expect(status.records[0]?.Status).toBe('Updated');
                }
            } finally {
                await emulator.close();
            }
        }
    );
});
