import { failure, idOf, startHarness, type Harness } from './helpers';

interface Row {
    Id: string;
    [key: string]: unknown;
}

describe('SOQL: query and queryAll', () => {
    let harness: Harness;
    let accountIds: string[];

    beforeAll(async () => {
        harness = await startHarness({
            clock: () => new Date('2026-04-15T12:00:00Z')
        });
        const results = await harness.conn.sobject('Account').create(
            ['Acme', 'Globex', 'Initech', "O'Brien Ltd", 'acme labs'].map(
                (Name, index) => ({
                    Name,
                    Industry: index % 2 === 0 ? 'Technology' : 'Banking',
                    Phone: index === 2 ? null : `555-010${index}`
                })
            )
        );
        accountIds = results.map((result) => result.id ?? '');
        await harness.conn.sobject('Contact').create([
            { LastName: 'Ng', FirstName: 'Ann', AccountId: accountIds[0] },
            { LastName: 'Ode', AccountId: accountIds[0] },
            { LastName: 'Pak', AccountId: accountIds[1] }
        ]);
    });
    afterAll(() => harness.emulator.close());

    it('returns the selected fields with attributes and canonical field names', async () => {
        const result = await harness.conn.query<Row>(
            "SELECT id, NAME, industry FROM account WHERE Name = 'Acme'"
        );
        expect(result.totalSize).toBe(1);
        expect(result.done).toBe(true);
        expect(result.records[0]).toEqual({
            attributes: {
                type: 'Account',
                url: `/services/data/v66.0/sobjects/Account/${accountIds[0]}`
            },
            Id: accountIds[0],
            Name: 'Acme',
            Industry: 'Technology'
        });
    });

    it('follows parent relationships, with null for an empty lookup', async () => {
        const result = await harness.conn.query<Row>(
            'SELECT LastName, Account.Name, Account.Owner.Username FROM Contact ORDER BY LastName'
        );
        expect(
            result.records.map((row) => (row.Account as { Name: string }).Name)
        ).toEqual(['Acme', 'Acme', 'Globex']);
        expect(
            (result.records[0]?.Account as { Owner: { Username: string } })
                .Owner.Username
        ).toBe('admin@case-portal.emulator');
        await harness.conn.sobject('Contact').create({ LastName: 'Solo' });
        const solo = await harness.conn.query<Row>(
            "SELECT Account.Name FROM Contact WHERE LastName = 'Solo'"
        );
        expect(solo.records[0]?.Account).toBeNull();
    });

    it('returns child relationships as nested query results, null when empty', async () => {
        const result = await harness.conn.query<Row>(
            "SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName DESC) FROM Account WHERE Name IN ('Acme', 'Initech') ORDER BY Name"
        );
        const [acme, initech] = result.records;
        expect(acme?.Contacts).toMatchObject({
            totalSize: 2,
            done: true,
            records: [{ LastName: 'Ode' }, { LastName: 'Ng' }]
        });
        expect(initech?.Contacts).toBeNull();
    });

    it('keeps each parent to its own children, with the subquery ORDER BY and LIMIT applied per parent', async () => {
        // The child rows are grouped once per response (soql/execute.ts); this holds the grouping
        // to the per-parent meaning.
        const result = await harness.conn.query<Row>(
            "SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName LIMIT 1) FROM Account WHERE Name IN ('Acme', 'Globex') ORDER BY Name"
        );
        const [acme, globex] = result.records;
        expect(acme?.Contacts).toMatchObject({
            totalSize: 1,
            records: [{ LastName: 'Ng' }]
        });
        expect(globex?.Contacts).toMatchObject({
            totalSize: 1,
            records: [{ LastName: 'Pak' }]
        });
    });

    it('filters with semi-joins and anti-joins', async () => {
        const withContacts = await harness.conn.query<Row>(
            'SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact) ORDER BY Name'
        );
        expect(withContacts.records.map((row) => row.Name)).toEqual([
            'Acme',
            'Globex'
        ]);
        const without = await harness.conn.query<Row>(
            'SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact WHERE AccountId != null)'
        );
        expect(without.totalSize).toBe(3);
    });

    it('applies =, !=, IN, NOT IN, LIKE, AND, OR, NOT with parentheses', async () => {
        const names = async (where: string): Promise<unknown[]> =>
            (
                await harness.conn.query<Row>(
                    `SELECT Name FROM Account WHERE ${where} ORDER BY Name`
                )
            ).records.map((row) => row.Name);
        expect(await names("Name = 'ACME'")).toEqual(['Acme']);
        expect(await names("Name LIKE 'acme%'")).toEqual(['Acme', 'acme labs']);
        expect(await names("Name LIKE 'O\\'B%'")).toEqual(["O'Brien Ltd"]);
        expect(
            await names("Industry IN ('Banking') AND Name != 'Globex'")
        ).toEqual(["O'Brien Ltd"]);
        expect(await names("Industry NOT IN ('Technology')")).toEqual([
            'Globex',
            "O'Brien Ltd"
        ]);
        expect(
            await names(
                "Name = 'Acme' OR (Industry = 'Banking' AND NOT Name LIKE 'G%')"
            )
        ).toEqual(['Acme', "O'Brien Ltd"]);
        expect(await names('Phone = null')).toEqual(['Initech']);
        expect(
            await names("NOT (Industry = 'Technology' OR Name = 'Globex')")
        ).toEqual(["O'Brien Ltd"]);
    });

    it('sorts with ORDER BY (NULLS FIRST / LAST) and pages with LIMIT and OFFSET', async () => {
        const byPhone = await harness.conn.query<Row>(
            'SELECT Name FROM Account ORDER BY Phone DESC NULLS FIRST LIMIT 2'
        );
        expect(byPhone.records.map((row) => row.Name)).toEqual([
            'Initech',
            'acme labs'
        ]);
        const page = await harness.conn.query<Row>(
            'SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1'
        );
        expect(page.records.map((row) => row.Name)).toEqual([
            'acme labs',
            'Globex'
        ]);
    });

    it('counts with COUNT() and aggregates with GROUP BY', async () => {
        const count = await harness.conn.query(
            "SELECT COUNT() FROM Account WHERE Industry = 'Technology'"
        );
        expect(count).toEqual({ totalSize: 3, done: true, records: [] });
        const grouped = await harness.conn.query<Row>(
            'SELECT Industry, COUNT(Id) total FROM Account GROUP BY Industry ORDER BY Industry'
        );
        expect(grouped.records).toEqual([
            {
                attributes: { type: 'AggregateResult' },
                Industry: 'Banking',
                total: 2
            },
            {
                attributes: { type: 'AggregateResult' },
                Industry: 'Technology',
                total: 3
            }
        ]);
    });

    it('understands date literals such as TODAY and LAST_N_DAYS:n against the org clock', async () => {
        const today = await harness.conn.query(
            'SELECT COUNT() FROM Account WHERE CreatedDate = TODAY'
        );
        expect(today.totalSize).toBe(5);
        const future = await harness.conn.query(
            'SELECT COUNT() FROM Account WHERE CreatedDate > TODAY'
        );
        expect(future.totalSize).toBe(0);
        const recent = await harness.conn.query(
            'SELECT COUNT() FROM Account WHERE CreatedDate = LAST_N_DAYS:7'
        );
        expect(recent.totalSize).toBe(5);
        const literal = await harness.conn.query(
            'SELECT COUNT() FROM Account WHERE CreatedDate < 2026-04-15T00:00:00Z'
        );
        expect(literal.totalSize).toBe(0);
    });

    it('accepts 15- and 18-character ids and answers 18-character ones', async () => {
        const id18 = accountIds[0] ?? '';
        const by15 = await harness.conn.query<Row>(
            `SELECT Id FROM Account WHERE Id = '${id18.slice(0, 15)}'`
        );
        expect(by15.records[0]?.Id).toBe(id18);
        const error = await failure(
            harness.conn.query("SELECT Id FROM Account WHERE Id = 'abc'")
        );
        expect(error.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
        expect(error.message).toContain('invalid ID field: abc');
    });

    it('pages with nextRecordsUrl, 2,000 rows a batch unless Sforce-Query-Options sets batchSize', async () => {
        const records = Array.from({ length: 2300 }, (_, index) => ({
            attributes: { type: 'Contact' },
            LastName: `Bulk${String(index).padStart(4, '0')}`
        }));
        for (let start = 0; start < records.length; start += 200) {
            await harness.conn.requestPost('/composite/sobjects', {
                records: records.slice(start, start + 200)
            });
        }
        const first = await harness.conn.request<{
            totalSize: number;
            done: boolean;
            nextRecordsUrl: string;
            records: Row[];
        }>("/query?q=SELECT+Id+FROM+Contact+WHERE+LastName+LIKE+'Bulk%25'");
        expect(first.totalSize).toBe(2300);
        expect(first.done).toBe(false);
        expect(first.records).toHaveLength(2000);
        expect(first.nextRecordsUrl).toMatch(
            /^\/services\/data\/v66\.0\/query\/0r8\w{15}-2000$/
        );
        const second = await harness.conn.request<{
            done: boolean;
            records: Row[];
        }>(first.nextRecordsUrl);
        expect(second.done).toBe(true);
        expect(second.records).toHaveLength(300);

        const small = await harness.conn.request<{
            records: Row[];
            nextRecordsUrl: string;
        }>({
            method: 'GET',
            url: "/query?q=SELECT+Id+FROM+Contact+WHERE+LastName+LIKE+'Bulk%25'",
            headers: { 'Sforce-Query-Options': 'batchSize=500' }
        });
        expect(small.records).toHaveLength(500);
        expect(small.nextRecordsUrl).toMatch(/-500$/);

        const all = await harness.conn
            .query("SELECT Id FROM Contact WHERE LastName LIKE 'Bulk%'")
            .run({ autoFetch: true, maxFetch: 5000 });
        expect(all.records).toHaveLength(2300);
    });

    it('shows deleted rows to queryAll only, with IsDeleted', async () => {
        const id = await idOf(
            harness.conn,
            "SELECT Id FROM Account WHERE Name = 'Initech'"
        );
        await harness.conn.sobject('Account').destroy(id);
        const live = await harness.conn.query(
            "SELECT Id FROM Account WHERE Name = 'Initech'"
        );
        expect(live.totalSize).toBe(0);
        const all = await harness.conn.query<Row>(
            "SELECT Id, IsDeleted FROM Account WHERE Name = 'Initech'",
            { scanAll: true }
        );
        expect(all.records).toMatchObject([{ Id: id, IsDeleted: true }]);
    });

    it('describes the selected columns for ?columns=true (what `sf data query` asks)', async () => {
        const columns = await harness.conn.request<{
            entityName: string;
            columnMetadata: Array<Record<string, unknown>>;
        }>(
            '/query?q=' +
                encodeURIComponent(
                    'SELECT Name, Account.Name, (SELECT Subject FROM Cases) FROM Contact'
                ) +
                '&columns=true'
        );
        expect(columns.entityName).toBe('Contact');
        expect(columns.columnMetadata).toMatchObject([
            { columnName: 'Name', aggregate: false, joinColumns: [] },
            {
                columnName: 'Account',
                joinColumns: [
                    { columnName: 'Name', displayName: 'Account.Name' }
                ]
            },
            { columnName: 'Cases', aggregate: true }
        ]);
    });

    describe('errors', () => {
        it('MALFORMED_QUERY for bad syntax, pointing at the token', async () => {
            const error = await failure(
                harness.conn.query('SELECT Id, FROM Account')
            );
            expect(error.errorCode).toBe('MALFORMED_QUERY');
            expect(error.message).toBe(
                "\nSELECT Id, FROM Account\n           ^\nERROR at Row:1:Column:12\nunexpected token: 'FROM'"
            );
        });

        it("INVALID_FIELD: No such column 'X' on entity 'Y'", async () => {
            const error = await failure(
                harness.conn.query('SELECT Id, Nmae FROM Account')
            );
            expect(error.errorCode).toBe('INVALID_FIELD');
            expect(error.message).toBe(
                "\nSELECT Id, Nmae FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Nmae' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."
            );
            const relationship = await failure(
                harness.conn.query('SELECT Acount.Name FROM Contact')
            );
            expect(relationship.errorCode).toBe('INVALID_FIELD');
            expect(relationship.message).toContain(
                "Didn't understand relationship 'Acount' in field path."
            );
        });

        it("INVALID_TYPE: sObject type 'X' is not supported", async () => {
            const error = await failure(
                harness.conn.query('SELECT Id FROM Acount')
            );
            expect(error.errorCode).toBe('INVALID_TYPE');
            expect(error.message).toContain(
                "sObject type 'Acount' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name."
            );
            const child = await failure(
                harness.conn.query(
                    'SELECT Id, (SELECT Id FROM Contactz) FROM Account'
                )
            );
            expect(child.errorCode).toBe('INVALID_TYPE');
            expect(child.message).toContain(
                "Didn't understand relationship 'Contactz' in FROM part of query call."
            );
        });

        it('rejects a value of the wrong type for the field', async () => {
            const error = await failure(
                harness.conn.query(
                    "SELECT Id FROM User WHERE IsActive = 'true'"
                )
            );
            expect(error.errorCode).toBe('INVALID_FIELD');
            expect(error.message).toContain(
                "value of filter criterion for field 'IsActive' must be of type boolean and should not be enclosed in quotes"
            );
        });
    });
});
