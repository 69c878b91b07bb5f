import { startEmulator } from '../../emulator';
import { failure, idOf, startHarness, type Harness } from './helpers';

const FIXTURES = 'scripts/test/emulator/fixtures';

type Row = { Name: string; Visibility: string };
const byName = (rows: Row[]): Record<string, string> =>
    Object.fromEntries(rows.map((row) => [row.Name, row.Visibility]));

describe('tab settings and Visualforce pages', () => {
    let harness: Harness;

    beforeAll(async () => {
        harness = await startHarness({ metadataDirs: [`${FIXTURES}/tabs`] });
    });
    afterAll(() => harness.emulator.close());

    const tabsOf = async (
        soqlParent: string
    ): Promise<Record<string, string>> =>
        byName(
            (
                await harness.conn.query<Row>(
                    `SELECT Name, Visibility FROM PermissionSetTabSetting WHERE ParentId IN (${soqlParent}) ORDER BY Name`
                )
            ).records
        );

    it('describes PermissionSetTabSetting and ApexPage with their documented fields', async () => {
        const global = await harness.conn.describeGlobal();
        const names = global.sobjects.map((o) => o.name);
        expect(names).toEqual(
            expect.arrayContaining(['PermissionSetTabSetting', 'ApexPage'])
        );
        const tabs = await harness.conn.describe('PermissionSetTabSetting');
        const visibility = tabs.fields.find((f) => f.name === 'Visibility');
        expect(visibility?.restrictedPicklist).toBe(true);
        expect(visibility?.picklistValues?.map((p) => p.value)).toEqual([
            'DefaultOff',
            'DefaultOn'
        ]);
        expect(tabs.fields.map((f) => f.name)).toEqual(
            expect.arrayContaining(['Name', 'ParentId', 'Visibility'])
        );
        const page = await harness.conn.describe('ApexPage');
        expect(page.keyPrefix).toBe('066');
        expect(page.fields.map((f) => f.name)).toEqual(
            expect.arrayContaining([
                'Name',
                'MasterLabel',
                'NamespacePrefix',
                'ApiVersion',
                'ControllerType',
                'IsAvailableInTouch'
            ])
        );
    });

    it('loads <tabSettings>: Visible is DefaultOn, Available is DefaultOff, None has no row', async () => {
        expect(harness.emulator.metadata).toMatchObject({
            apexPages: ['Fixture_Page'],
            permissionSets: ['Fixture_More_Tabs', 'Fixture_Tabs']
        });
        expect(
            await tabsOf(
                "SELECT Id FROM PermissionSet WHERE Name = 'Fixture_Tabs'"
            )
        ).toEqual({
            'standard-Account': 'DefaultOff',
            'standard-Case': 'DefaultOn'
        });
    });

    it('loads a profile’s <tabVisibilities> onto the set it owns; Hidden has no row; an unknown profile is a warning', async () => {
        expect(
            await tabsOf(
                "SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = true AND Profile.Name = 'Standard User'"
            )
        ).toEqual({
            'standard-Account': 'DefaultOff',
            'standard-Case': 'DefaultOn'
        });
        expect(harness.emulator.org.warnings).toEqual(
            expect.arrayContaining([
                expect.stringContaining(
                    'profile Fixture_Unknown_Profile: no such profile in the emulator'
                )
            ])
        );
    });

    it('gives a group’s aggregate set its components’ tabs, the most permissive per tab', async () => {
        expect(
            await tabsOf(
                "SELECT Id FROM PermissionSet WHERE Type = 'Group' AND PermissionSetGroup.DeveloperName = 'Fixture_Tab_Group'"
            )
        ).toEqual({
            'standard-Account': 'DefaultOn',
            'standard-Case': 'DefaultOn'
        });
    });

    it('loads pages/*.page-meta.xml into ApexPage and <pageAccesses> into SetupEntityAccess', async () => {
        const pages = await harness.conn.query<Record<string, unknown>>(
            'SELECT Id, Name, MasterLabel, ApiVersion, IsConfirmationTokenRequired FROM ApexPage'
        );
        expect(pages.records).toMatchObject([
            {
                Name: 'Fixture_Page',
                MasterLabel: 'Fixture Page',
                ApiVersion: 66,
                IsConfirmationTokenRequired: true
            }
        ]);
        expect(String(pages.records[0]?.Id)).toMatch(/^066/);
        const access = await harness.conn.query<{ SetupEntityType: string }>(
            "SELECT SetupEntityType FROM SetupEntityAccess WHERE Parent.Name = 'Fixture_Tabs' AND SetupEntityId IN (SELECT Id FROM ApexPage WHERE Name = 'Fixture_Page')"
        );
        expect(access.records.map((r) => r.SetupEntityType)).toEqual([
            'ApexPage'
        ]);
        // Pages come from metadata only: API writes answer "not emulated", never a false refusal.
        const create = await failure(
            harness.conn
                .sobject('ApexPage')
                .create({ Name: 'Api_Page', MasterLabel: 'Api Page' })
        );
        expect(create).toMatchObject({
            errorCode: 'FUNCTIONALITY_NOT_ENABLED',
            message: expect.stringContaining(
                'create of ApexPage records through the API is not emulated'
            )
        });
        const remove = await failure(
            harness.conn
                .sobject('ApexPage')
                .destroy(String(pages.records[0]?.Id))
        );
        expect(remove.errorCode).toBe('FUNCTIONALITY_NOT_ENABLED');
    });

    it('refuses a Visibility outside DefaultOn and DefaultOff, and a second row for the same tab', async () => {
        const parentId = await idOf(
            harness.conn,
            "SELECT Id FROM PermissionSet WHERE Name = 'Fixture_More_Tabs'"
        );
        const hidden = await failure(
            harness.conn.sobject('PermissionSetTabSetting').create({
                ParentId: parentId,
                Name: 'standard-Lead',
                Visibility: 'Hidden'
            })
        );
        expect(hidden.errorCode).toBe(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
        );
        const duplicate = await failure(
            harness.conn.sobject('PermissionSetTabSetting').create({
                ParentId: parentId,
                Name: 'standard-Account',
                Visibility: 'DefaultOff'
            })
        );
        expect(duplicate.errorCode).toBe('DUPLICATE_VALUE');
    });

    it('hides a tab by deleting its row, as the Tooling API guide says', async () => {
        const parentId = await idOf(
            harness.conn,
            "SELECT Id FROM PermissionSet WHERE Name = 'Fixture_More_Tabs'"
        );
        const created = await harness.conn
            .sobject('PermissionSetTabSetting')
            .create({
                ParentId: parentId,
                Name: 'standard-Lead',
                Visibility: 'DefaultOn'
            });
        expect(created.success).toBe(true);
        await harness.conn
            .sobject('PermissionSetTabSetting')
            .destroy(String(created.id));
        expect(
            await tabsOf(
                `SELECT Id FROM PermissionSet WHERE Id = '${parentId}'`
            )
        ).toEqual({ 'standard-Account': 'DefaultOn' });
    });

    it('refuses a permission set whose tab visibility is not Visible, Available or None', async () => {
        await expect(
            startEmulator({
                port: 0,
                metadataDirs: [`${FIXTURES}/tabs-broken`]
            })
        ).rejects.toThrow(
            /Fixture_Bad_Tab\.permissionset-meta\.xml: tabSettings standard-Case: visibility DefaultOn is not one of Visible, Available, None/
        );
    });
});
