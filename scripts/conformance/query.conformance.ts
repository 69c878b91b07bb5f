// Query features the scripts rely on: paging, aggregates with aliases, EntityDefinition.
// Read-only but for the paging test, which deletes the 201 Accounts it creates.
// FIDELITY.md names each test.

import { randomBytes } from 'node:crypto';
import { openTarget, rawCall, rejection, type Target } from './target';

describe('conformance: queries', () => {
    let target: Target;

    beforeAll(async () => {
        target = await openTarget();
    });
    afterAll(() => target.close());

    it('paging: a query past the batch size answers nextRecordsUrl with a 0r8 locator', async () => {
        // 201 Accounts tagged with a random name, read 200 at a time, then deleted.
        const tag = `Conformance ${randomBytes(6).toString('hex')}`;
        const ids: string[] = [];
        try {
            for (const size of [200, 1]) {
                const outcome = await target.conn.requestPost<
                    Array<{ id?: string; success: boolean }>
                >('/composite/sobjects', {
                    allOrNone: true,
                    records: Array.from({ length: size }, () => ({
                        attributes: { type: 'Account' },
                        Name: tag
                    }))
                });
                ids.push(...outcome.flatMap((row) => (row.id ? [row.id] : [])));
            }
            expect(ids).toHaveLength(201);
            const first = await target.conn.request<{
                done: boolean;
                totalSize: number;
                nextRecordsUrl?: string;
                records: unknown[];
            }>({
                method: 'GET',
                url: `/query?q=${encodeURIComponent(`SELECT Id FROM Account WHERE Name = '${tag}'`)}`,
                headers: { 'Sforce-Query-Options': 'batchSize=200' }
            });
            // REST API Developer Guide, "Query Options Header": the batch size is a request,
            // not a guarantee; only paging itself is asserted, and every row read once.
            expect(first).toMatchObject({ done: false, totalSize: 201 });
            expect(first.records.length).toBeGreaterThan(0);
            expect(first.records.length).toBeLessThanOrEqual(200);
            expect(
                first.nextRecordsUrl?.startsWith(`${target.data}/query/0r8`)
            ).toBe(true);
            let read = first.records.length;
            let url = first.nextRecordsUrl;
            while (url) {
                const next: {
                    done: boolean;
                    records: unknown[];
                    nextRecordsUrl?: string;
                } = await target.conn.request(url);
                read += next.records.length;
                url = next.done ? undefined : next.nextRecordsUrl;
            }
            expect(read).toBe(201);
        } finally {
            for (let i = 0; i < ids.length; i += 200) {
                await target.conn.request({
                    method: 'DELETE',
                    url: `/composite/sobjects?ids=${ids.slice(i, i + 200).join(',')}&allOrNone=false`
                });
            }
        }
    });

    it('paging: an unknown query locator is refused with INVALID_QUERY_LOCATOR', async () => {
        const answer = await rawCall(
            target,
            `${target.data}/query/0r8000000000000AAA-200`
        );
        expect(answer.status).toBe(400);
        expect(JSON.parse(answer.text)).toEqual([
            expect.objectContaining({ errorCode: 'INVALID_QUERY_LOCATOR' })
        ]);
    });

    it('GROUP BY: results are keyed by the field and aggregate aliases', async () => {
        const grouped = await target.conn.query<Record<string, unknown>>(
            'SELECT Profile.Name pn, COUNT(Id) c FROM User GROUP BY Profile.Name'
        );
        expect(grouped.records.length).toBeGreaterThan(0);
        expect(Object.keys(grouped.records[0] ?? {}).sort()).toEqual([
            'attributes',
            'c',
            'pn'
        ]);
    });

    it('EntityDefinition: the query verify makes lists the objects that exist', async () => {
        const result = await target.conn.query<{ QualifiedApiName: string }>(
            "SELECT QualifiedApiName FROM EntityDefinition WHERE QualifiedApiName IN ('Account', 'Case', 'No_Such_Object__x')"
        );
        expect(
            result.records.map((row) => row.QualifiedApiName).sort()
        ).toEqual(['Account', 'Case']);
        const account = await target.conn.query<Record<string, unknown>>(
            "SELECT QualifiedApiName, DeveloperName, Label, KeyPrefix FROM EntityDefinition WHERE QualifiedApiName = 'Account'"
        );
        expect(account.records[0]).toMatchObject({
            QualifiedApiName: 'Account',
            DeveloperName: 'Account',
            Label: 'Account',
            KeyPrefix: '001'
        });
    });

    it('COUNT() with other fields is refused', async () => {
        const error = await rejection(
            target.conn.query('SELECT COUNT(), Id FROM Account')
        );
        expect(error.errorCode).toBe('MALFORMED_QUERY');
    });
});
