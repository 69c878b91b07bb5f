// Issue #11's emulator gaps in record validation: User values, licences and Bulk upsert,
// driven through jsforce. Each test is named in FIDELITY.md.

import {
    failure,
    idOf,
    startHarness,
    userFields,
    type Harness,
    profileId
} from './helpers';

describe('emulator fidelity: records and licences (issue #11)', () => {
    let harness: Harness;
    let standardUser: string;
    let integrationProfile: string;
    let platformProfile: string;

    beforeAll(async () => {
        harness = await startHarness();
        standardUser = await profileId(harness.conn, 'Standard User');
        integrationProfile = await profileId(
            harness.conn,
            'Minimum Access - API Only Integrations'
        );
        platformProfile = await profileId(
            harness.conn,
            'Standard Platform User'
        );
    });
    afterAll(() => harness.emulator.close());

    const createUser = (
        username: string,
        profileId: string,
        extra: Record<string, unknown> = {}
    ): Promise<unknown> =>
        harness.conn
            .sobject('User')
            .create({ ...userFields(username, profileId), ...extra });

    it('refuses a Username that is not in email form with FIELD_INTEGRITY_EXCEPTION', async () => {
        const error = await failure(createUser('not-an-email', standardUser));
        expect(error.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
        expect(error.message).toBe(
            'Username must be in the form of an email address (for example, john@acme.com)'
        );
        const created = (await createUser(
            'email.form@example.com',
            standardUser
        )) as { id: string };
        const renamed = await failure(
            harness.conn
                .sobject('User')
                .update({ Id: created.id, Username: 'no at sign' })
        );
        expect(renamed.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    });

    it.each([
        ['TimeZoneSidKey', 'Mars/Base', 'Time Zone'],
        ['LocaleSidKey', 'xx_YY', 'Locale'],
        ['LanguageLocaleKey', 'xx', 'Language'],
        ['EmailEncodingKey', 'EBCDIC-42', 'Email Encoding']
    ])(
        'refuses %s %s with INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        async (field, value, label) => {
            const error = await failure(
                createUser(`bad.${field}@example.com`, standardUser, {
                    [field]: value
                })
            );
            expect(error.errorCode).toBe(
                'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
            );
            expect(error.message).toBe(
                `${label}: bad value for restricted picklist field: ${value}`
            );
        }
    );

    it('accepts real locale values outside the describe sample', async () => {
        const created = (await createUser('locales@example.com', standardUser, {
            TimeZoneSidKey: 'Asia/Kolkata',
            LocaleSidKey: 'pt_BR',
            LanguageLocaleKey: 'zh_CN',
            EmailEncodingKey: 'ISO-2022-JP'
        })) as { success: boolean };
        expect(created.success).toBe(true);
    });

    it('refuses the API Integration permission set licence for a user of another user licence', async () => {
        const psl = await idOf(
            harness.conn,
            "SELECT Id FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'"
        );
        const human = (await createUser('human@example.com', standardUser)) as {
            id: string;
        };
        const error = await failure(
            harness.conn.sobject('PermissionSetLicenseAssign').create({
                AssigneeId: human.id,
                PermissionSetLicenseId: psl
            })
        );
        expect(error.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
        const integration = (await createUser(
            'integration@example.com',
            integrationProfile
        )) as { id: string };
        const granted = (await harness.conn
            .sobject('PermissionSetLicenseAssign')
            .create({
                AssigneeId: integration.id,
                PermissionSetLicenseId: psl
            })) as { success: boolean };
        expect(granted.success).toBe(true);
    });

    it('refuses a profile change to another licence while a licence-bound set is assigned', async () => {
        const platformLicense = await idOf(
            harness.conn,
            "SELECT Id FROM UserLicense WHERE Name = 'Salesforce Platform'"
        );
        const set = (await harness.conn.sobject('PermissionSet').create({
            Name: 'Platform_Bound',
            Label: 'Platform Bound',
            LicenseId: platformLicense
        })) as { id: string };
        const user = (await createUser(
            'platform@example.com',
            platformProfile
        )) as {
            id: string;
        };
        await harness.conn
            .sobject('PermissionSetAssignment')
            .create({ AssigneeId: user.id, PermissionSetId: set.id });
        const error = await failure(
            harness.conn
                .sobject('User')
                .update({ Id: user.id, ProfileId: standardUser })
        );
        expect(error.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
        const profile = await harness.conn.query<{ ProfileId: string }>(
            `SELECT ProfileId FROM User WHERE Id = '${user.id}'`
        );
        expect(profile.records[0]?.ProfileId).toBe(platformProfile);
        const sameLicense = await profileId(
            harness.conn,
            'Standard Platform User'
        );
        const unchanged = (await harness.conn
            .sobject('User')
            .update({ Id: user.id, ProfileId: sameLicense, Title: 'x' })) as {
            success: boolean;
        };
        expect(unchanged.success).toBe(true);
    });

    it('refuses a Bulk 2.0 upsert job keyed on a field that is not an external id', async () => {
        const error = await failure(
            harness.conn.requestPost('/jobs/ingest', {
                object: 'Account',
                operation: 'upsert',
                externalIdFieldName: 'Name',
                contentType: 'CSV'
            })
        );
        expect(error.errorCode).toBe('INVALIDJOB');
        expect(error.message).toContain(
            'Name does not match an External ID, Salesforce Id, or indexed field for Account'
        );
        const byId = await harness.conn.requestPost<{ state: string }>(
            '/jobs/ingest',
            {
                object: 'Account',
                operation: 'upsert',
                externalIdFieldName: 'Id',
                contentType: 'CSV'
            }
        );
        expect(byId.state).toBe('Open');
    });

    it('answers the EntityDefinition query verify makes', async () => {
        const result = await harness.conn.query<{
            QualifiedApiName: string;
            DeveloperName: string;
            Label: string;
            KeyPrefix: string;
        }>(
            "SELECT QualifiedApiName, DeveloperName, Label, KeyPrefix FROM EntityDefinition WHERE QualifiedApiName IN ('Account', 'Case', 'No_Such_Object__c') ORDER BY QualifiedApiName"
        );
        expect(result.records.map((row) => row.QualifiedApiName)).toEqual([
            'Account',
            'Case'
        ]);
        expect(result.records[0]).toMatchObject({
            DeveloperName: 'Account',
            Label: 'Account',
            KeyPrefix: '001'
        });
        const notEmulated = await failure(
            harness.conn.query(
                'SELECT IsCustomizable FROM EntityDefinition LIMIT 1'
            )
        );
        expect(notEmulated.errorCode).toBe('INVALID_FIELD');
    });
});
