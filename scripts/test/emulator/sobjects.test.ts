import { failure, idOf, startHarness, type Harness } from './helpers';

describe('sObject resources', () => {
    let harness: Harness;

    beforeAll(async () => {
        harness = await startHarness();
    });
    afterAll(() => harness.emulator.close());

    it('creates, reads, updates and deletes a record', async () => {
        const created = await harness.conn
            .sobject('Case')
            .create({ Subject: 'Printer on fire', Origin: 'Web' });
        expect(created).toMatchObject({ success: true, errors: [] });
        const id = created.id ?? '';
        expect(id).toMatch(/^500\w{15}$/);
        const read = await harness.conn.sobject('Case').retrieve(id);
        expect(read).toMatchObject({
            Subject: 'Printer on fire',
            Status: 'New',
            Priority: 'Medium',
            IsClosed: false
        });
        expect(read.CaseNumber).toMatch(/^\d{8}$/);
        await harness.conn.sobject('Case').update({ Id: id, Status: 'Closed' });
        const closed = await harness.conn.request<{
            IsClosed: boolean;
            ClosedDate: string;
        }>(`/sobjects/Case/${id.slice(0, 15)}?fields=IsClosed,ClosedDate`);
        expect(closed.IsClosed).toBe(true);
        expect(closed.ClosedDate).toMatch(
            /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/
        );
        await harness.conn.sobject('Case').destroy(id);
        const gone = await failure(harness.conn.sobject('Case').retrieve(id));
        expect(gone.errorCode).toBe('NOT_FOUND');
        expect(gone.message).toBe('The requested resource does not exist');
    });

    it('describes the objects it knows, and answers 404 NOT_FOUND for others', async () => {
        const describe = await harness.conn
            .sobject('PermissionSetAssignment')
            .describe();
        expect(describe.keyPrefix).toBe('0Pa');
        expect(describe.fields.map((field) => field.name)).toEqual(
            expect.arrayContaining([
                'AssigneeId',
                'PermissionSetId',
                'PermissionSetGroupId',
                'ExpirationDate'
            ])
        );
        const user = await harness.conn.sobject('User').describe();
        expect(
            user.childRelationships.map((child) => child.relationshipName)
        ).toContain('PermissionSetAssignments');
        const global = await harness.conn.describeGlobal();
        expect(global.sobjects.map((object) => object.name)).toContain(
            'ObjectPermissions'
        );
        const error = await failure(harness.conn.sobject('Nope__c').describe());
        expect(error.errorCode).toBe('NOT_FOUND');
    });

    it('REQUIRED_FIELD_MISSING names the missing fields', async () => {
        const error = await failure(
            harness.conn.sobject('Contact').create({ FirstName: 'No' })
        );
        expect(error.errorCode).toBe('REQUIRED_FIELD_MISSING');
        expect(error.message).toBe('Required fields are missing: [LastName]');
        expect(error.data).toMatchObject({ fields: ['LastName'] });
    });

    it('MALFORMED_ID for a lookup that is not an id; INVALID_CROSS_REFERENCE_KEY for one that does not exist', async () => {
        const malformed = await failure(
            harness.conn
                .sobject('Contact')
                .create({ LastName: 'X', AccountId: 'not-an-id' })
        );
        expect(malformed.errorCode).toBe('MALFORMED_ID');
        expect(malformed.message).toBe(
            'Account ID: id value of incorrect type: not-an-id'
        );
        const missing = await failure(
            harness.conn
                .sobject('Contact')
                .create({ LastName: 'X', AccountId: '001000000000000AAA' })
        );
        expect(missing.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
        expect(missing.message).toBe('invalid cross reference id');
    });

    it('INVALID_FIELD for unknown and read-only fields', async () => {
        const unknown = await failure(
            harness.conn
                .sobject('Account')
                .create({ Name: 'A', Colour__c: 'red' })
        );
        expect(unknown.errorCode).toBe('INVALID_FIELD');
        expect(unknown.message).toBe(
            "No such column 'Colour__c' on sobject of type Account"
        );
        const readOnly = await failure(
            harness.conn.sobject('Case').create({ CaseNumber: '1' })
        );
        expect(readOnly.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    });

    it('404 NOT_FOUND for a path id that is not an id', async () => {
        const error = await failure(
            harness.conn.request('/sobjects/Account/banana')
        );
        expect(error.errorCode).toBe('NOT_FOUND');
        expect(error.message).toBe(
            'Provided external ID field does not exist or is not accessible: banana'
        );
    });

    it('knows the standard org: case statuses, licences, profiles', async () => {
        const statuses = await harness.conn.query<{
            ApiName: string;
            IsClosed: boolean;
        }>('SELECT ApiName, IsClosed FROM CaseStatus ORDER BY SortOrder');
        expect(
            statuses.records.map((row) => [row.ApiName, row.IsClosed])
        ).toEqual([
            ['New', false],
            ['Working', false],
            ['Escalated', false],
            ['Closed', true]
        ]);
        const orgId = await idOf(harness.conn, 'SELECT Id FROM Organization');
        expect(orgId).toMatch(/^00D/);
    });
});
