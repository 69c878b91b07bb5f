import {
    failure,
    idOf,
    startHarness,
    userFields,
    type Harness,
    profileId
} from './helpers';
import { knownUserPermissions } from '../../shared/user-permissions';

interface Row {
    Id: string;
    [key: string]: unknown;
}

describe('users, licences, permission sets and groups', () => {
    let harness: Harness;
    let integrationProfile: string;
    let standardProfile: string;

    beforeAll(async () => {
        harness = await startHarness({
            metadataDirs: ['scripts/test/emulator/fixtures/basic']
        });
        integrationProfile = await profileId(
            harness.conn,
            'Minimum Access - API Only Integrations'
        );
        standardProfile = await profileId(harness.conn, 'Standard User');
    });
    afterAll(() => harness.emulator.close());

    it('seeds profiles with their profile-owned permission sets and sensible flags', async () => {
        const sets = await harness.conn.query<Row>(
            'SELECT Profile.Name, PermissionsModifyAllData, PermissionsApiEnabled, PermissionsApiUserOnly FROM PermissionSet WHERE IsOwnedByProfile = true ORDER BY Profile.Name'
        );
        const byProfile = new Map(
            sets.records.map((row) => [
                (row.Profile as { Name: string }).Name,
                row
            ])
        );
        expect(byProfile.get('System Administrator')).toMatchObject({
            PermissionsModifyAllData: true,
            PermissionsApiEnabled: true
        });
        expect(
            byProfile.get('Minimum Access - API Only Integrations')
        ).toMatchObject({
            PermissionsModifyAllData: false,
            PermissionsApiEnabled: true,
            PermissionsApiUserOnly: true
        });
        expect(byProfile.size).toBe(6);
    });

    it('has a Permissions<Name> field for every user permission of the typings and the sourced extras', async () => {
        const known = [...knownUserPermissions()].sort();
        // Far more than the 35 hand-typed names this list replaced; ManageEncryptionKeys is a
        // sourced extra (scripts/shared/user-permissions.ts), not in the typings.
        expect(known.length).toBeGreaterThan(500);
        expect(known).toContain('ManageEncryptionKeys');
        for (const [object, writable] of [
            ['PermissionSet', true],
            ['MutingPermissionSet', true],
            ['Profile', false]
        ] as const) {
            const describe = await harness.conn.request<{
                fields: Array<{
                    name: string;
                    type: string;
                    createable: boolean;
                    updateable: boolean;
                }>;
            }>(`/sobjects/${object}/describe`);
            const permissions = describe.fields.filter(
                (field) =>
                    /^Permissions[A-Z]/.test(field.name) &&
                    field.type === 'boolean'
            );
            const names = new Set(
                permissions.map((field) =>
                    field.name.slice('Permissions'.length)
                )
            );
            expect(known.filter((name) => !names.has(name))).toEqual([]);
            expect(
                permissions
                    .filter((field) =>
                        known.includes(field.name.slice('Permissions'.length))
                    )
                    .every(
                        (field) =>
                            field.createable === writable &&
                            field.updateable === writable
                    )
            ).toBe(true);
        }
        const granted = await harness.conn.query<Row>(
            "SELECT PermissionsManageEncryptionKeys, PermissionsViewEncryptedData FROM PermissionSet WHERE Profile.Name = 'Minimum Access - API Only Integrations'"
        );
        expect(granted.records[0]).toMatchObject({
            PermissionsManageEncryptionKeys: false,
            PermissionsViewEncryptedData: false
        });
    });

    it('has ObjectPermissions only where Read is granted and no FieldPermissions for required fields', async () => {
        const noRead = await harness.conn.query(
            'SELECT COUNT() FROM ObjectPermissions WHERE PermissionsRead = false'
        );
        expect(noRead.totalSize).toBe(0);
        const required = await harness.conn.query(
            "SELECT COUNT() FROM FieldPermissions WHERE Field IN ('Account.Name', 'Contact.LastName', 'Case.Id', 'Account.OwnerId')"
        );
        expect(required.totalSize).toBe(0);
        const emptied = await harness.conn.sobject('ObjectPermissions').create({
            ParentId: await idOf(
                harness.conn,
                "SELECT Id FROM PermissionSet WHERE Name = 'Fixture_Reader'"
            ),
            SobjectType: 'Contact',
            PermissionsRead: false
        });
        expect(emptied.success).toBe(true);
        const kept = await harness.conn.query(
            `SELECT COUNT() FROM ObjectPermissions WHERE Id = '${emptied.id ?? ''}'`
        );
        expect(kept.totalSize).toBe(0);
    });

    it('counts used licences and refuses a user beyond the seats: LICENSE_LIMIT_EXCEEDED', async () => {
        const before = await harness.conn.query<Row>(
            "SELECT TotalLicenses, UsedLicenses FROM UserLicense WHERE Name = 'Salesforce Integration'"
        );
        expect(before.records[0]).toMatchObject({
            TotalLicenses: 5,
            UsedLicenses: 0
        });
        for (let i = 0; i < 5; i++) {
            await harness.conn
                .sobject('User')
                .create(
                    userFields(`api${i}@seats.example`, integrationProfile)
                );
        }
        const error = await failure(
            harness.conn
                .sobject('User')
                .create(userFields('api5@seats.example', integrationProfile))
        );
        expect(error.errorCode).toBe('LICENSE_LIMIT_EXCEEDED');
        expect(error.message).toBe(
            'License Limit Exceeded - Salesforce Integration'
        );
        const after = await harness.conn.query<Row>(
            "SELECT UsedLicenses FROM UserLicense WHERE Name = 'Salesforce Integration'"
        );
        expect(after.records[0]?.UsedLicenses).toBe(5);
        const frees = await idOf(
            harness.conn,
            "SELECT Id FROM User WHERE Username = 'api0@seats.example'"
        );
        await harness.conn
            .sobject('User')
            .update({ Id: frees, IsActive: false });
        await harness.conn
            .sobject('User')
            .create(userFields('api5@seats.example', integrationProfile));
    });

    it('DUPLICATE_USERNAME for a username taken here or in another org', async () => {
        await harness.conn
            .sobject('User')
            .create(userFields('dupe@users.example', standardProfile));
        const error = await failure(
            harness.conn
                .sobject('User')
                .create(userFields('DUPE@users.example', standardProfile))
        );
        expect(error.errorCode).toBe('DUPLICATE_USERNAME');
        expect(error.message).toMatch(
            /^Duplicate Username\.<br>The username already exists in this or another Salesforce organization\./
        );
        harness.emulator.org.usernamesInOtherOrgs.add(
            'taken@elsewhere.example'
        );
        const elsewhere = await failure(
            harness.conn
                .sobject('User')
                .create(userFields('taken@elsewhere.example', standardProfile))
        );
        expect(elsewhere.errorCode).toBe('DUPLICATE_USERNAME');
    });

    it('gives every user its profile assignment and a UserLogin (IsFrozen)', async () => {
        const id = await idOf(
            harness.conn,
            "SELECT Id FROM User WHERE Username = 'dupe@users.example'"
        );
        const result = await harness.conn.query<Row>(
            `SELECT PermissionSet.IsOwnedByProfile, PermissionSet.Profile.Name FROM PermissionSetAssignment WHERE AssigneeId = '${id}'`
        );
        expect(result.records).toHaveLength(1);
        const login = await harness.conn.query<Row>(
            `SELECT Id, IsFrozen FROM UserLogin WHERE UserId = '${id}'`
        );
        expect(login.records[0]?.IsFrozen).toBe(false);
        await harness.conn
            .sobject('UserLogin')
            .update({ Id: login.records[0]?.Id ?? '', IsFrozen: true });
        const frozen = await harness.conn.query<Row>(
            `SELECT IsFrozen FROM UserLogin WHERE UserId = '${id}'`
        );
        expect(frozen.records[0]?.IsFrozen).toBe(true);
    });

    it('assigns a permission set once: a second identical assignment is DUPLICATE_VALUE', async () => {
        const userId = await idOf(
            harness.conn,
            "SELECT Id FROM User WHERE Username = 'dupe@users.example'"
        );
        const setId = await idOf(
            harness.conn,
            "SELECT Id FROM PermissionSet WHERE Name = 'Fixture_Reader'"
        );
        await harness.conn
            .sobject('PermissionSetAssignment')
            .create({ AssigneeId: userId, PermissionSetId: setId });
        const error = await failure(
            harness.conn
                .sobject('PermissionSetAssignment')
                .create({ AssigneeId: userId, PermissionSetId: setId })
        );
        expect(error.errorCode).toBe('DUPLICATE_VALUE');
        expect(error.message).toBe(
            'duplicate value found: <unknown> duplicates value on record with id: <unknown>'
        );
    });

    it('FIELD_INTEGRITY_EXCEPTION when the permission set licence does not match the user licence', async () => {
        const userId = await idOf(
            harness.conn,
            "SELECT Id FROM User WHERE Username = 'api1@seats.example'"
        );
        const setId = await idOf(
            harness.conn,
            "SELECT Id FROM PermissionSet WHERE Name = 'Fixture_Salesforce_Licensed'"
        );
        const error = await failure(
            harness.conn
                .sobject('PermissionSetAssignment')
                .create({ AssigneeId: userId, PermissionSetId: setId })
        );
        expect(error.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    });

    it('INVALID_CROSS_REFERENCE_KEY for an assignment to a permission set that does not exist', async () => {
        const userId = await idOf(
            harness.conn,
            "SELECT Id FROM User WHERE Username = 'api1@seats.example'"
        );
        const error = await failure(
            harness.conn.sobject('PermissionSetAssignment').create({
                AssigneeId: userId,
                PermissionSetId: '0PS000000000000'
            })
        );
        expect(error.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    });

    it('assigns a group through its aggregate permission set, without what the muting set mutes', async () => {
        const userId = await idOf(
            harness.conn,
            "SELECT Id FROM User WHERE Username = 'api2@seats.example'"
        );
        const groupId = await idOf(
            harness.conn,
            "SELECT Id FROM PermissionSetGroup WHERE DeveloperName = 'Fixture_Group'"
        );
        const group = await harness.conn.query<Row>(
            `SELECT Status FROM PermissionSetGroup WHERE Id = '${groupId}'`
        );
        expect(group.records[0]?.Status).toBe('Updated');
        const created = await harness.conn
            .sobject('PermissionSetAssignment')
            .create({
                AssigneeId: userId,
                PermissionSetGroupId: groupId,
                ExpirationDate: '2099-01-01T00:00:00.000Z'
            });
        const assignment = await harness.conn.query<Row>(
            `SELECT PermissionSetId, PermissionSet.Type, PermissionSet.PermissionsApiEnabled, PermissionSet.PermissionsEditTask, ExpirationDate FROM PermissionSetAssignment WHERE Id = '${created.id ?? ''}'`
        );
        expect(assignment.records[0]).toMatchObject({
            PermissionSet: {
                Type: 'Group',
                PermissionsApiEnabled: true,
                PermissionsEditTask: false
            },
            ExpirationDate: '2099-01-01T00:00:00.000+0000'
        });
        const aggregateId = String(assignment.records[0]?.PermissionSetId);
        const objects = await harness.conn.query<Row>(
            `SELECT SobjectType, PermissionsRead, PermissionsEdit FROM ObjectPermissions WHERE ParentId = '${aggregateId}' ORDER BY SobjectType`
        );
        expect(
            objects.records.map((row) => [
                row.SobjectType,
                row.PermissionsRead,
                row.PermissionsEdit
            ])
        ).toEqual([
            ['Account', true, false],
            ['Case', true, true]
        ]);
        const fields = await harness.conn.query<Row>(
            `SELECT Field FROM FieldPermissions WHERE ParentId = '${aggregateId}' ORDER BY Field`
        );
        expect(fields.records.map((row) => row.Field)).toEqual([
            'Case.Subject'
        ]);
        const future = await harness.conn.query(
            `SELECT COUNT() FROM PermissionSetAssignment WHERE AssigneeId = '${userId}' AND ExpirationDate > TODAY`
        );
        expect(future.totalSize).toBe(1);
    });

    it('manages passwords: status, policy (INVALID_NEW_PASSWORD), reset', async () => {
        const userId = await idOf(
            harness.conn,
            "SELECT Id FROM User WHERE Username = 'api3@seats.example'"
        );
        const url = `/sobjects/User/${userId}/password`;
        expect(await harness.conn.request(url)).toEqual({ isExpired: true });
        const short = await failure(
            harness.conn.requestPost(url, { NewPassword: 'abc123' })
        );
        expect(short.errorCode).toBe('INVALID_NEW_PASSWORD');
        expect(short.message).toBe(
            'Your password must be at least 8 characters long.'
        );
        const lettersOnly = await failure(
            harness.conn.requestPost(url, { NewPassword: 'onlyletters' })
        );
        expect(lettersOnly.errorCode).toBe('INVALID_NEW_PASSWORD');
        expect(lettersOnly.message).toBe(
            'Your password must have a mix of letters and numbers.'
        );
        const response = await fetch(
            `${harness.emulator.url}/services/data/v66.0${url}`,
            {
                method: 'POST',
                headers: {
                    Authorization: `Bearer ${harness.emulator.accessToken}`,
                    'Content-Type': 'application/json'
                },
                body: JSON.stringify({ NewPassword: 'Integr8tion2026' })
            }
        );
        expect(response.status).toBe(204);
        expect(await harness.conn.request(url)).toEqual({ isExpired: false });
        const reset = await harness.conn.requestDelete<{ NewPassword: string }>(
            url
        );
        expect(reset.NewPassword).toMatch(/^(?=.*[A-Za-z])(?=.*\d).{8,}$/);
        expect(await harness.conn.request(url)).toEqual({ isExpired: true });
    });

    it('assigns a permission set licence once, within its seats', async () => {
        const licenseId = await idOf(
            harness.conn,
            "SELECT Id FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'"
        );
        const userId = await idOf(
            harness.conn,
            "SELECT Id FROM User WHERE Username = 'api4@seats.example'"
        );
        await harness.conn
            .sobject('PermissionSetLicenseAssign')
            .create({ AssigneeId: userId, PermissionSetLicenseId: licenseId });
        const again = await failure(
            harness.conn.sobject('PermissionSetLicenseAssign').create({
                AssigneeId: userId,
                PermissionSetLicenseId: licenseId
            })
        );
        expect(again.errorCode).toBe('DUPLICATE_VALUE');
        const used = await harness.conn.query<Row>(
            `SELECT UsedLicenses, TotalLicenses FROM PermissionSetLicense WHERE Id = '${licenseId}'`
        );
        expect(used.records[0]).toMatchObject({
            UsedLicenses: 1,
            TotalLicenses: 5
        });
    });
});
