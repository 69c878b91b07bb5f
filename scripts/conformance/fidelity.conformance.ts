// Issue #24's ledger rows that a real org can confirm: versions, SOQL refusals, compressed
// request bodies, POST /sobjects/X/Id and standard fields. Read-only but for one Account,
// created and deleted in the same test. FIDELITY.md names each test.

import { gzipSync } from 'node:zlib';
import { openTarget, rawCall, rejection, type Target } from './target';

describe('conformance: fidelity round two', () => {
    let target: Target;

    beforeAll(async () => {
        target = await openTarget();
    });
    afterAll(() => target.close());

    it('versions: 31.0 is listed and a retired version answers 410', async () => {
        const versions = await rawCall(target, '/services/data', {
            token: null
        });
        const list = JSON.parse(versions.text) as Array<{ version: string }>;
        expect(list.map((entry) => entry.version)).toContain('31.0');
        const retired = await rawCall(target, '/services/data/v30.0/limits');
        expect(retired.status).toBe(410);
    });

    it.each([
        [
            "SELECT Id FROM Account WHERE Description = 'x'",
            "field 'Description' can not be filtered in a query call"
        ],
        [
            'SELECT Id FROM Account ORDER BY Description',
            "field 'Description' can not be sorted in a query call"
        ],
        [
            'SELECT CreatedDate, COUNT(Id) FROM Account GROUP BY CreatedDate',
            "field 'CreatedDate' can not be grouped in a query call"
        ],
        [
            'SELECT Name, COUNT(Id) FROM Account',
            'Field must be grouped or aggregated: Name'
        ],
        [
            "SELECT Id FROM Account WHERE Name = 'a' OR Id IN (SELECT AccountId FROM Contact)",
            "Semi join sub-selects are not allowed with the 'OR' operator"
        ]
    ])('soql: %s is refused', async (soql, message) => {
        const error = await rejection(target.conn.query(soql));
        expect(error.message).toContain(message);
    });

    it('soql: COUNT() with ORDER BY is refused with MALFORMED_QUERY', async () => {
        const error = await rejection(
            target.conn.query('SELECT COUNT() FROM Account ORDER BY Name')
        );
        expect(error.errorCode).toBe('MALFORMED_QUERY');
    });

    it('compression: a gzip-compressed request body is accepted', async () => {
        const body = gzipSync(
            Buffer.from(
                JSON.stringify({
                    compositeRequest: [
                        {
                            method: 'GET',
                            url: `${target.data}/query?q=${encodeURIComponent('SELECT Id FROM Profile LIMIT 1')}`,
                            referenceId: 'profile'
                        }
                    ]
                })
            )
        );
        const response = await fetch(
            `${target.instanceUrl}${target.data}/composite`,
            {
                method: 'POST',
                headers: {
                    Authorization: `Bearer ${target.accessToken}`,
                    'Content-Type': 'application/json',
                    'Content-Encoding': 'gzip'
                },
                body
            }
        );
        expect(response.status).toBe(200);
    });

    it('sobjects: POST /sobjects/Account/Id creates a record', async () => {
        const answer = await rawCall(
            target,
            `${target.data}/sobjects/Account/Id`,
            {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ Name: 'Conformance POST by Id' })
            }
        );
        const id = (JSON.parse(answer.text) as { id?: string }).id;
        if (id) {
            await target.conn.sobject('Account').destroy(id);
        }
        expect(answer.status).toBe(201);
        expect(id).toMatch(/^001/);
    });

    it('describe: Task lists the call-centre fields (CallDisposition, CallType, CallDurationInSeconds, CallObject)', async () => {
        const describe = await target.conn.sobject('Task').describe();
        const names = describe.fields.map((field) => field.name);
        expect(names).toEqual(
            expect.arrayContaining([
                'CallDisposition',
                'CallType',
                'CallDurationInSeconds',
                'CallObject'
            ])
        );
    });
});
