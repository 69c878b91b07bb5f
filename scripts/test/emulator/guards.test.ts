// Issue #24: refusals Salesforce gives that the emulator used to accept. Each test is named in
// FIDELITY.md.

import {
    failure,
    idOf,
    profileId,
    startHarness,
    userFields,
    type Harness
} from './helpers';

describe('refusals: aggregate sets, portal users, self-deactivation (issue #24)', () => {
    let harness: Harness;
    beforeAll(async () => {
        harness = await startHarness({
            metadataDirs: ['scripts/test/emulator/fixtures/basic']
        });
    });
    afterAll(async () => {
        await harness.emulator.close();
    });

    async function newUser(username: string, profile: string): Promise<string> {
        const created = await harness.conn
            .sobject('User')
            .create(
                userFields(username, await profileId(harness.conn, profile))
            );
        return String(created.id);
    }

    it("refuses a permission set group's aggregate set assigned directly, and accepts the group", async () => {
        const userId = await newUser(
            'aggregate@guards.example',
            'Minimum Access - API Only Integrations'
        );
        const groupId = await idOf(
            harness.conn,
            "SELECT Id FROM PermissionSetGroup WHERE DeveloperName = 'Fixture_Group'"
        );
        const aggregateId = await idOf(
            harness.conn,
            `SELECT Id FROM PermissionSet WHERE PermissionSetGroupId = '${groupId}'`
        );
        const error = await failure(
            harness.conn.sobject('PermissionSetAssignment').create({
                AssigneeId: userId,
                PermissionSetId: aggregateId
            })
        );
        expect(error.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
        expect(error.message).toContain('aggregate permission set directly');
        await expect(
            harness.conn.sobject('PermissionSetAssignment').create({
                AssigneeId: userId,
                PermissionSetGroupId: groupId
            })
        ).resolves.toMatchObject({ success: true });
    });

    it('refuses a community user without a Contact, created or moved onto the profile', async () => {
        const community = await profileId(
            harness.conn,
            'Customer Community User'
        );
        const created = await failure(
            harness.conn
                .sobject('User')
                .create(userFields('portal@guards.example', community))
        );
        expect(created.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
        expect(created.message).toBe(
            'Cannot create a portal user without contact.'
        );
        const internal = await newUser(
            'internal@guards.example',
            'Standard User'
        );
        const moved = await failure(
            harness.conn
                .sobject('User')
                .update({ Id: internal, ProfileId: community })
        );
        expect(moved.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
        const contact = await harness.conn
            .sobject('Contact')
            .create({ LastName: 'Portal' });
        await expect(
            harness.conn.sobject('User').create({
                ...userFields('portal2@guards.example', community),
                ContactId: contact.id
            })
        ).resolves.toMatchObject({ success: true });
    });

    it('refuses the admin deactivating itself, and lets it deactivate another user', async () => {
        const adminId = harness.emulator.org.adminUserId;
        const error = await failure(
            harness.conn
                .sobject('User')
                .update({ Id: adminId, IsActive: false })
        );
        expect(error.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
        const admin = await harness.conn.sobject('User').retrieve(adminId);
        expect(admin).toMatchObject({ IsActive: true });
        const other = await newUser('other@guards.example', 'Standard User');
        await expect(
            harness.conn.sobject('User').update({ Id: other, IsActive: false })
        ).resolves.toMatchObject({ success: true });
    });
});
