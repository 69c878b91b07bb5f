// Issue #24: SOQL that Salesforce refuses is refused, with the documented error code, and
// aggregate results are never paged. Each test is named in FIDELITY.md.

import { Connection } from '@jsforce/jsforce-node';
import { failure, startHarness, type Harness } from './helpers';

const SYSTEM = { system: true } as const;

describe('SOQL rules from describe and the SOQL reference (issue #24)', () => {
    let harness: Harness;
    beforeAll(async () => {
        harness = await startHarness();
    });
    afterAll(async () => {
        await harness.emulator.close();
    });

    async function refused(
        soql: string,
        conn: Connection = harness.conn
    ): Promise<{ errorCode?: string; message: string }> {
        return failure(conn.query(soql));
    }

    it.each([
        [
            'WHERE on a field describe marks not filterable',
            "SELECT Id FROM Account WHERE Description = 'x'",
            'INVALID_FIELD',
            "field 'Description' can not be filtered in a query call"
        ],
        [
            'ORDER BY on a field describe marks not sortable',
            'SELECT Id FROM Account ORDER BY Description',
            'INVALID_FIELD',
            "field 'Description' can not be sorted in a query call"
        ],
        [
            'GROUP BY on a field describe marks not groupable',
            'SELECT CreatedDate, COUNT(Id) FROM Account GROUP BY CreatedDate',
            'MALFORMED_QUERY',
            "field 'CreatedDate' can not be grouped in a query call"
        ],
        [
            'an aggregate of a field describe marks not aggregatable',
            'SELECT MAX(Description) FROM Account',
            'INVALID_FIELD',
            'does not support aggregate operator MAX'
        ]
    ])('refuses %s', async (_name, soql, errorCode, message) => {
        const error = await refused(soql);
        expect(error.errorCode).toBe(errorCode);
        expect(error.message).toContain(message);
    });

    it('agrees with describe: the refused fields are the ones it marks false', async () => {
        const describe = await harness.conn.sobject('Account').describe();
        const description = describe.fields.find(
            (f) => f.name === 'Description'
        );
        const created = describe.fields.find((f) => f.name === 'CreatedDate');
        expect(description).toMatchObject({
            filterable: false,
            sortable: false,
            aggregatable: false
        });
        expect(created?.groupable).toBe(false);
        expect(created?.filterable).toBe(true);
    });

    it.each([
        [
            'a non-aggregated field beside an aggregate without GROUP BY',
            'SELECT Name, COUNT(Id) FROM Account',
            'Field must be grouped or aggregated: Name'
        ],
        [
            'COUNT() with GROUP BY',
            'SELECT COUNT() FROM Account GROUP BY Name',
            'COUNT() cannot be used with GROUP BY'
        ],
        [
            'COUNT() with ORDER BY',
            'SELECT COUNT() FROM Account ORDER BY Name',
            'COUNT() cannot be used with ORDER BY'
        ],
        [
            'an aggregate function with LIMIT and no GROUP BY',
            'SELECT MAX(CreatedDate) FROM Account LIMIT 1',
            'must use GROUP BY'
        ],
        [
            'FOR UPDATE with ORDER BY',
            'SELECT Id FROM Account ORDER BY Name FOR UPDATE',
            'locking'
        ],
        [
            'AND and OR mixed without parentheses',
            "SELECT Id FROM Account WHERE Name = 'a' AND Phone = 'b' OR Website = 'c'",
            "unexpected token: 'OR'"
        ],
        [
            'a string literal over 4,000 characters',
            `SELECT Id FROM Account WHERE Name = '${'x'.repeat(4001)}'`,
            "can't exceed 4,000 characters"
        ],
        [
            'more than two semi-joins',
            'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact) AND Id IN (SELECT AccountId FROM Case) AND OwnerId IN (SELECT Id FROM User)',
            'No more than 2 semi join'
        ],
        [
            'a semi-join beside OR',
            "SELECT Id FROM Account WHERE Name = 'a' OR Id IN (SELECT AccountId FROM Contact)",
            "Semi join sub-selects are not allowed with the 'OR' operator"
        ],
        [
            'a semi-join in a nested OR expression',
            "SELECT Id FROM Account WHERE Name = 'a' AND (Phone = 'b' OR Id IN (SELECT AccountId FROM Contact))",
            'only allowed at the top level WHERE expressions'
        ],
        [
            'a semi-join under NOT',
            'SELECT Id FROM Account WHERE NOT (Id IN (SELECT AccountId FROM Contact))',
            'The NOT operator cannot be used'
        ],
        [
            'a semi-join on a field that is not an id or reference',
            'SELECT Id FROM Account WHERE Name IN (SELECT LastName FROM Contact)',
            'must be an Id or reference field'
        ],
        [
            'a semi-join nested in another',
            'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE Id IN (SELECT ContactId FROM Case))',
            'Nesting of semi join sub-selects'
        ],
        [
            'a relationship path deeper than five levels',
            'SELECT Owner.Manager.Manager.Manager.Manager.Manager.Name FROM Account',
            'no more than 5 levels'
        ]
    ])('refuses %s with MALFORMED_QUERY', async (_name, soql, message) => {
        const error = await refused(soql);
        expect(error.errorCode).toBe('MALFORMED_QUERY');
        expect(error.message).toContain(message);
    });

    it('accepts what the same rules allow', async () => {
        for (const soql of [
            "SELECT Id FROM Account WHERE (Name = 'a' AND Phone = 'b') OR Website = 'c'",
            "SELECT Id FROM Account WHERE Name = 'a' AND Phone = 'b' AND Website = 'c'",
            `SELECT Id FROM Account WHERE Name = '${'x'.repeat(4000)}'`,
            'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact) AND Id NOT IN (SELECT AccountId FROM Case)',
            "SELECT Id FROM Account WHERE (Name = 'a' OR Phone = 'b') AND Id IN (SELECT AccountId FROM Contact)",
            'SELECT Owner.Manager.Manager.Manager.Manager.Name FROM Account',
            'SELECT Name, COUNT(Id) FROM Account GROUP BY Name LIMIT 5',
            'SELECT COUNT() FROM Account LIMIT 5',
            'SELECT Id FROM Account LIMIT 1 FOR UPDATE'
        ]) {
            await expect(harness.conn.query(soql)).resolves.toBeDefined();
        }
    });

    it('allows child subqueries one level deep before API 58.0 and deeper from 58.0', async () => {
        const soql =
            'SELECT Id, (SELECT Id, (SELECT Id FROM Cases) FROM Contacts) FROM Account';
        const v57 = new Connection({
            instanceUrl: harness.emulator.url,
            accessToken: harness.emulator.accessToken,
            version: '57.0'
        });
        const error = await refused(soql, v57);
        expect(error.errorCode).toBe('MALFORMED_QUERY');
        expect(error.message).toContain('nested at most 1 level');
        await expect(harness.conn.query(soql)).resolves.toBeDefined();
        await expect(
            v57.query('SELECT Id, (SELECT Id FROM Contacts) FROM Account')
        ).resolves.toBeDefined();
    });

    it('never pages aggregate results: no nextRecordsUrl whatever the batch size', async () => {
        const org = harness.emulator.org;
        for (let i = 0; i < 250; i++) {
            org.dml.create('Account', { Name: `Group ${i}` }, SYSTEM);
        }
        const page = await harness.conn.request<{
            done: boolean;
            totalSize: number;
            records: unknown[];
            nextRecordsUrl?: string;
        }>({
            method: 'GET',
            url: `/services/data/v66.0/query?q=${encodeURIComponent(
                "SELECT Name, COUNT(Id) FROM Account WHERE Name LIKE 'Group %' GROUP BY Name"
            )}`,
            headers: { 'Sforce-Query-Options': 'batchSize=200' }
        });
        expect(page.done).toBe(true);
        expect(page.nextRecordsUrl).toBeUndefined();
        expect(page.records).toHaveLength(250);
        expect(page.totalSize).toBe(250);
    });
});
