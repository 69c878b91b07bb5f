import { failure, startHarness, type Harness } from './helpers';

interface CompositeResponse {
    compositeResponse: Array<{
        body: unknown;
        httpHeaders: Record<string, string>;
        httpStatusCode: number;
        referenceId: string | null;
    }>;
}

interface Outcome {
    id?: string;
    success: boolean;
    errors: Array<{ statusCode: string; message: string; fields: string[] }>;
}

describe('Composite API and sObject Collections', () => {
    let harness: Harness;

    beforeAll(async () => {
        harness = await startHarness();
    });
    afterAll(() => harness.emulator.close());

    const countAccounts = async (name: string): Promise<number> =>
        (
            await harness.conn.query(
                `SELECT COUNT() FROM Account WHERE Name = '${name}'`
            )
        ).totalSize;

    it('runs subrequests in order with @{ref.id} references', async () => {
        const result = await harness.conn.requestPost<CompositeResponse>(
            '/composite',
            {
                allOrNone: true,
                compositeRequest: [
                    {
                        method: 'POST',
                        url: '/services/data/v66.0/sobjects/Account',
                        referenceId: 'newAccount',
                        body: { Name: 'Composite Co' }
                    },
                    {
                        method: 'POST',
                        url: '/services/data/v66.0/sobjects/Contact',
                        referenceId: 'newContact',
                        body: { LastName: 'Kim', AccountId: '@{newAccount.id}' }
                    },
                    {
                        method: 'GET',
                        url: "/services/data/v66.0/query?q=SELECT+Id,Account.Name+FROM+Contact+WHERE+Id='@{newContact.id}'",
                        referenceId: 'check'
                    }
                ]
            }
        );
        const [account, contact, check] = result.compositeResponse;
        expect(account).toMatchObject({
            httpStatusCode: 201,
            referenceId: 'newAccount',
            body: { success: true }
        });
        expect(account?.httpHeaders.Location).toMatch(
            /^\/services\/data\/v66\.0\/sobjects\/Account\/001/
        );
        expect(contact?.httpStatusCode).toBe(201);
        expect(check?.body).toMatchObject({
            totalSize: 1,
            records: [{ Account: { Name: 'Composite Co' } }]
        });
    });

    it('rolls everything back with allOrNone when one subrequest fails', async () => {
        const result = await harness.conn.requestPost<CompositeResponse>(
            '/composite',
            {
                allOrNone: true,
                compositeRequest: [
                    {
                        method: 'POST',
                        url: '/services/data/v66.0/sobjects/Account',
                        referenceId: 'ok',
                        body: { Name: 'Rolled Back' }
                    },
                    {
                        method: 'POST',
                        url: '/services/data/v66.0/sobjects/Contact',
                        referenceId: 'bad',
                        body: { FirstName: 'No last name' }
                    }
                ]
            }
        );
        expect(
            result.compositeResponse.map((item) => item.httpStatusCode)
        ).toEqual([400, 400]);
        expect(result.compositeResponse[0]?.body).toEqual([
            {
                errorCode: 'PROCESSING_HALTED',
                message:
                    'The transaction was rolled back since another operation in the same transaction failed.'
            }
        ]);
        expect(result.compositeResponse[1]?.body).toEqual([
            {
                message: 'Required fields are missing: [LastName]',
                errorCode: 'REQUIRED_FIELD_MISSING',
                fields: ['LastName']
            }
        ]);
        expect(await countAccounts('Rolled Back')).toBe(0);
    });

    it('keeps what succeeded without allOrNone; references to a failed subrequest halt', async () => {
        const result = await harness.conn.requestPost<CompositeResponse>(
            '/composite',
            {
                compositeRequest: [
                    {
                        method: 'POST',
                        url: '/services/data/v66.0/sobjects/Account',
                        referenceId: 'kept',
                        body: { Name: 'Kept Co' }
                    },
                    {
                        method: 'POST',
                        url: '/services/data/v66.0/sobjects/Account',
                        referenceId: 'broken',
                        body: {}
                    },
                    {
                        method: 'PATCH',
                        url: '/services/data/v66.0/sobjects/Account/@{broken.id}',
                        referenceId: 'after',
                        body: { Phone: '1' }
                    }
                ]
            }
        );
        expect(
            result.compositeResponse.map((item) => item.httpStatusCode)
        ).toEqual([201, 400, 400]);
        expect(result.compositeResponse[2]?.body).toMatchObject([
            { errorCode: 'PROCESSING_HALTED' }
        ]);
        expect(await countAccounts('Kept Co')).toBe(1);
    });

    it('refuses more than 25 subrequests', async () => {
        const compositeRequest = Array.from({ length: 26 }, (_, index) => ({
            method: 'GET',
            url: '/services/data/v66.0/limits',
            referenceId: `r${index}`
        }));
        const result = await harness.conn.requestPost<CompositeResponse>(
            '/composite',
            { compositeRequest }
        );
        expect(result.compositeResponse).toEqual([
            {
                body: [
                    {
                        errorCode: 'LIMIT_EXCEEDED',
                        message:
                            'The request can’t contain more than 25 operations.'
                    }
                ],
                httpHeaders: {},
                httpStatusCode: 400,
                referenceId: null
            }
        ]);
    });

    it('counts a composite request as one API call', async () => {
        const before = harness.emulator.calls().apiUsage;
        await harness.conn.requestPost('/composite', {
            compositeRequest: [
                {
                    method: 'GET',
                    url: '/services/data/v66.0/limits',
                    referenceId: 'a'
                },
                {
                    method: 'GET',
                    url: '/services/data/v66.0/limits',
                    referenceId: 'b'
                }
            ]
        });
        expect(harness.emulator.calls().apiUsage).toBe(before + 1);
    });

    it('creates up to 200 records with per-record results (partial success)', async () => {
        const results = await harness.conn.requestPost<Outcome[]>(
            '/composite/sobjects',
            {
                allOrNone: false,
                records: [
                    { attributes: { type: 'Account' }, Name: 'Collection One' },
                    { attributes: { type: 'Contact' }, FirstName: 'Missing' },
                    { attributes: { type: 'Nope' }, Name: 'x' }
                ]
            }
        );
        expect(results[0]).toMatchObject({ success: true, errors: [] });
        expect(results[0]?.id).toMatch(/^001/);
        expect(results[1]).toEqual({
            success: false,
            errors: [
                {
                    statusCode: 'REQUIRED_FIELD_MISSING',
                    message: 'Required fields are missing: [LastName]',
                    fields: ['LastName']
                }
            ]
        });
        expect(results[2]?.errors[0]).toMatchObject({
            statusCode: 'INVALID_TYPE',
            message: "sObject type 'Nope' is not supported."
        });
    });

    it('rolls the whole collection back with allOrNone', async () => {
        const results = await harness.conn.requestPost<Outcome[]>(
            '/composite/sobjects',
            {
                allOrNone: true,
                records: [
                    { attributes: { type: 'Account' }, Name: 'All Or None' },
                    { attributes: { type: 'Account' } }
                ]
            }
        );
        expect(results[0]).toEqual({
            success: false,
            errors: [
                {
                    statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
                    message:
                        'Record rolled back because not all records were valid and the request was using AllOrNone header',
                    fields: []
                }
            ]
        });
        expect(results[1]?.errors[0]?.statusCode).toBe(
            'REQUIRED_FIELD_MISSING'
        );
        expect(await countAccounts('All Or None')).toBe(0);
    });

    it('updates and deletes by collection; MALFORMED_ID for a bad id', async () => {
        const created = await harness.conn
            .sobject('Account')
            .create([{ Name: 'U1' }, { Name: 'U2' }]);
        const ids = created.map((result) => result.id ?? '');
        const updated = await harness.conn
            .sobject('Account')
            .update(ids.map((Id) => ({ Id, Phone: '42' })));
        expect(updated.every((result) => result.success)).toBe(true);
        const phones = await harness.conn.query<{ Phone: string }>(
            `SELECT Phone FROM Account WHERE Id IN ('${ids.join("','")}')`
        );
        expect(phones.records.map((row) => row.Phone)).toEqual(['42', '42']);
        const deleted = await harness.conn.requestDelete<Outcome[]>(
            `/composite/sobjects?ids=${ids.join(',')},bogus&allOrNone=false`
        );
        expect(deleted.slice(0, 2).map((result) => result.success)).toEqual([
            true,
            true
        ]);
        expect(deleted[2]).toEqual({
            id: 'bogus',
            success: false,
            errors: [
                {
                    statusCode: 'MALFORMED_ID',
                    message: 'malformed id bogus',
                    fields: []
                }
            ]
        });
        const again = await harness.conn.requestDelete<Outcome[]>(
            `/composite/sobjects?ids=${ids[0] ?? ''}`
        );
        expect(again[0]?.errors[0]?.statusCode).toBe('ENTITY_IS_DELETED');
    });

    it('retrieves several records by id', async () => {
        const created = await harness.conn
            .sobject('Account')
            .create([{ Name: 'R1' }, { Name: 'R2' }]);
        const ids = created.map((result) => result.id ?? '');
        const records = await harness.conn
            .sobject('Account')
            .retrieve(ids, { fields: ['Name'] });
        expect(records.map((record) => record.Name)).toEqual(['R1', 'R2']);
    });

    it('refuses more than 200 records: EXCEEDED_ID_LIMIT', async () => {
        const records = Array.from({ length: 201 }, (_, index) => ({
            attributes: { type: 'Account' },
            Name: `Too many ${index}`
        }));
        const error = await failure(
            harness.conn.requestPost('/composite/sobjects', { records })
        );
        expect(error.errorCode).toBe('EXCEEDED_ID_LIMIT');
        expect(error.message).toBe(
            'record limit reached. cannot submit more than 200 records into this call'
        );
    });
});
