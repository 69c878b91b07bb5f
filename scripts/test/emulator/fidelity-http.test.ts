// Issue #11's emulator gaps at the HTTP and query level, driven through jsforce and raw
// HTTP as the scripts and the sf CLI meet them. Each test is named in FIDELITY.md.

import { request as httpRequest } from 'node:http';
import { failure, startHarness, type Harness } from './helpers';

interface CompositeResponse {
    compositeResponse: Array<{
        body: Array<{ errorCode: string; message: string }> | unknown;
        httpStatusCode: number;
        referenceId: string | null;
    }>;
}

function querySubrequest(n: number): Record<string, string> {
    return {
        method: 'GET',
        url: `/services/data/v66.0/query?q=SELECT+Id+FROM+Profile+LIMIT+${n}`,
        referenceId: `q${n}`
    };
}

/** Raw HTTP: status, headers and body text. */
async function raw(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string }
): Promise<{ status: number; headers: Headers; text: string }> {
    const response = await fetch(url, init);
    return {
        status: response.status,
        headers: response.headers,
        text: await response.text()
    };
}

describe('emulator fidelity: HTTP, composite and SOQL (issue #11)', () => {
    let harness: Harness;
    const bearer = (): Record<string, string> => ({
        Authorization: `Bearer ${harness.emulator.accessToken}`
    });

    beforeAll(async () => {
        harness = await startHarness();
    });
    afterAll(() => harness.emulator.close());

    it('composite refuses more than 5 query subrequests with LIMIT_EXCEEDED', async () => {
        const six = [1, 2, 3, 4, 5, 6].map(querySubrequest);
        const refused = await harness.conn.requestPost<CompositeResponse>(
            '/composite',
            { compositeRequest: six }
        );
        expect(refused.compositeResponse).toHaveLength(1);
        expect(refused.compositeResponse[0]).toMatchObject({
            httpStatusCode: 400,
            referenceId: null,
            body: [{ errorCode: 'LIMIT_EXCEEDED' }]
        });
        const five = await harness.conn.requestPost<CompositeResponse>(
            '/composite',
            { compositeRequest: six.slice(0, 5) }
        );
        expect(
            five.compositeResponse.map((item) => item.httpStatusCode)
        ).toEqual([200, 200, 200, 200, 200]);
    });

    it('composite counts sObject Collections and queryAll subrequests toward the 5', async () => {
        const mixed = [
            querySubrequest(1),
            querySubrequest(2),
            {
                method: 'GET',
                url: '/services/data/v66.0/queryAll?q=SELECT+Id+FROM+Account',
                referenceId: 'all'
            },
            {
                method: 'POST',
                url: '/services/data/v66.0/composite/sobjects',
                referenceId: 'c1',
                body: { records: [] }
            },
            {
                method: 'GET',
                url: '/services/data/v66.0/composite/sobjects/Profile?ids=00e000000000000AAA&fields=Id',
                referenceId: 'c2'
            },
            {
                method: 'GET',
                url: '/services/data/v66.0/limits',
                referenceId: 'notCounted'
            }
        ];
        const accepted = await harness.conn.requestPost<CompositeResponse>(
            '/composite',
            { compositeRequest: mixed }
        );
        expect(accepted.compositeResponse).toHaveLength(6);
        const refused = await harness.conn.requestPost<CompositeResponse>(
            '/composite',
            { compositeRequest: [...mixed, querySubrequest(3)] }
        );
        expect(refused.compositeResponse[0]).toMatchObject({
            body: [{ errorCode: 'LIMIT_EXCEEDED' }]
        });
    });

    it('composite still refuses more than 25 subrequests', async () => {
        const many = Array.from({ length: 26 }, (_, i) => ({
            method: 'GET',
            url: '/services/data/v66.0/limits',
            referenceId: `l${i}`
        }));
        const refused = await harness.conn.requestPost<CompositeResponse>(
            '/composite',
            { compositeRequest: many }
        );
        expect(refused.compositeResponse[0]).toMatchObject({
            body: [
                {
                    errorCode: 'LIMIT_EXCEEDED',
                    message:
                        'The request can’t contain more than 25 operations.'
                }
            ]
        });
    });

    it('does not count GET /services/data/vXX.X in Sforce-Limit-Info', async () => {
        const base = `${harness.emulator.url}/services/data/v66.0`;
        const first = await raw(`${base}/limits`, { headers: bearer() });
        const used = (header: string | null): number =>
            Number(/api-usage=(\d+)\//.exec(header ?? '')?.[1]);
        const before = used(first.headers.get('sforce-limit-info'));
        const resources = await raw(`${base}/`, { headers: bearer() });
        expect(resources.status).toBe(200);
        expect(used(resources.headers.get('sforce-limit-info'))).toBe(before);
        const after = await raw(`${base}/limits`, { headers: bearer() });
        expect(used(after.headers.get('sforce-limit-info'))).toBe(before + 1);
    });

    it('answers /sobjects/Account/% with 404 NOT_FOUND, not 500', async () => {
        const answer = await raw(
            `${harness.emulator.url}/services/data/v66.0/sobjects/Account/%`,
            { headers: bearer() }
        );
        expect(answer.status).toBe(404);
        expect(JSON.parse(answer.text)).toEqual([
            expect.objectContaining({ errorCode: 'NOT_FOUND' })
        ]);
        const viaJsforce = await failure(
            harness.conn.request('/sobjects/Account/%25zz')
        );
        expect(viaJsforce.errorCode).toBe('NOT_FOUND');
    });

    it('checks the token before reading the body', async () => {
        const url = new URL(
            `${harness.emulator.url}/services/data/v66.0/composite/sobjects`
        );
        // Send headers and a first chunk of a 50 MB body, then wait: the 401 must come
        // back while the rest of the body has not been sent.
        const status = await new Promise<number>((resolve, reject) => {
            const request = httpRequest(
                {
                    host: url.hostname,
                    port: url.port,
                    path: url.pathname,
                    method: 'POST',
                    headers: {
                        Authorization: 'Bearer wrong-token',
                        'Content-Type': 'application/json',
                        'Content-Length': String(50 * 1024 * 1024)
                    }
                },
                (response) => {
                    response.resume();
                    resolve(response.statusCode ?? 0);
                    request.destroy();
                }
            );
            request.on('error', (error: NodeJS.ErrnoException) => {
                if (error.code !== 'ECONNRESET') {
                    reject(error);
                }
            });
            request.write('{"records":[');
        });
        expect(status).toBe(401);
    });

    it('answers SOAP endpoints with a not-emulated SOAP fault naming the API, not 401', async () => {
        const answer = await raw(
            `${harness.emulator.url}/services/Soap/m/66.0`,
            {
                method: 'POST',
                headers: { 'Content-Type': 'text/xml', SOAPAction: '""' },
                body: '<soapenv:Envelope/>'
            }
        );
        expect(answer.status).toBe(501);
        expect(answer.text).toContain(
            '<faultcode>sf:FUNCTIONALITY_NOT_ENABLED</faultcode>'
        );
        expect(answer.text).toContain(
            'The Metadata API (SOAP) is not emulated'
        );
        const viaJsforce = await failure(
            harness.conn.metadata.list([{ type: 'ApexClass' }], '66.0')
        );
        expect(viaJsforce.message).toContain('not emulated');
    });

    it('answers unmodelled REST resources with a not-emulated error naming the API', async () => {
        const composite = await failure(
            harness.conn.requestPost('/composite/tree/Account', {
                records: []
            })
        );
        expect(composite.errorCode).toBe('FUNCTIONALITY_NOT_ENABLED');
        expect(composite.message).toContain(
            'The sObject Tree resource is not emulated'
        );
        const search = await failure(
            harness.conn.request('/search?q=FIND+%7Bx%7D')
        );
        expect(search.message).toContain('Search (SOSL) is not emulated');
        const bulkV1 = await raw(
            `${harness.emulator.url}/services/async/66.0/job`,
            {
                method: 'POST'
            }
        );
        expect(bulkV1.status).toBe(501);
        expect(bulkV1.text).toContain('Bulk API 1.0 is not emulated');
        const unknown = await failure(
            harness.conn.request('/no-such-resource')
        );
        expect(unknown.errorCode).toBe('NOT_FOUND');
    });

    it('pages through many open cursors without INVALID_QUERY_LOCATOR', async () => {
        const records = Array.from({ length: 250 }, (_, i) => ({
            attributes: { type: 'Account' },
            Name: `Cursor ${i}`
        }));
        await harness.conn.requestPost('/composite/sobjects', {
            allOrNone: true,
            records: records.slice(0, 200)
        });
        await harness.conn.requestPost('/composite/sobjects', {
            allOrNone: true,
            records: records.slice(200)
        });
        const headers = { 'Sforce-Query-Options': 'batchSize=200' };
        const opened: string[] = [];
        for (let i = 0; i < 60; i++) {
            const page = await harness.conn.request<{
                nextRecordsUrl?: string;
            }>({
                method: 'GET',
                url: `/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name LIKE 'Cursor %'")}`,
                headers
            });
            expect(page.nextRecordsUrl).toMatch(/\/query\/0r8\w{15}-200$/);
            opened.push(page.nextRecordsUrl ?? '');
        }
        const first = await harness.conn.request<{ records: unknown[] }>(
            opened[0] ?? ''
        );
        expect(first.records).toHaveLength(50);
    });

    it('refuses OFFSET in a WHERE-clause subquery with MALFORMED_QUERY', async () => {
        const error = await failure(
            harness.conn.query(
                'SELECT Id FROM User WHERE ProfileId IN (SELECT Id FROM Profile LIMIT 2 OFFSET 1)'
            )
        );
        expect(error.errorCode).toBe('MALFORMED_QUERY');
        const child = await failure(
            harness.conn.query(
                'SELECT Id, (SELECT Id FROM Users LIMIT 1 OFFSET 1) FROM Profile LIMIT 2'
            )
        );
        expect(child.errorCode).toBe('MALFORMED_QUERY');
        const allowed = await harness.conn.query(
            'SELECT Id, (SELECT Id FROM Users LIMIT 1 OFFSET 1) FROM Profile LIMIT 1'
        );
        expect(allowed.records).toHaveLength(1);
    });

    it('keys GROUP BY results by their aliases and refuses aliases outside aggregates', async () => {
        const grouped = await harness.conn.query<Record<string, unknown>>(
            'SELECT Profile.Name pn, COUNT(Id) c FROM User GROUP BY Profile.Name'
        );
        expect(grouped.records.length).toBeGreaterThan(0);
        for (const record of grouped.records) {
            expect(Object.keys(record).sort()).toEqual(
                ['attributes', 'c', 'pn'].sort()
            );
        }
        const plain = await harness.conn.query<Record<string, unknown>>(
            'SELECT ProfileId, COUNT(Id) FROM User GROUP BY ProfileId'
        );
        expect(plain.records[0]).toHaveProperty('ProfileId');
        expect(plain.records[0]).toHaveProperty('expr0');
        const error = await failure(
            harness.conn.query('SELECT Name n FROM Account')
        );
        expect(error.errorCode).toBe('MALFORMED_QUERY');
        expect(error.message).toContain(
            'only aggregate expressions use field aliasing'
        );
    });

    it('answers a Salesforce object it does not model with not emulated, an unknown one with INVALID_TYPE', async () => {
        const query = await failure(
            harness.conn.query('SELECT Id FROM Opportunity')
        );
        expect(query.errorCode).toBe('FUNCTIONALITY_NOT_ENABLED');
        expect(query.message).toContain(
            'The sObject Opportunity is not emulated'
        );
        const describe = await failure(
            harness.conn.request('/sobjects/Opportunity/describe')
        );
        expect(describe.errorCode).toBe('FUNCTIONALITY_NOT_ENABLED');
        const unknown = await failure(
            harness.conn.query('SELECT Id FROM No_Such_Object__x')
        );
        expect(unknown.errorCode).toBe('INVALID_TYPE');
        const missing = await failure(
            harness.conn.request('/sobjects/No_Such_Object__x')
        );
        expect(missing.errorCode).toBe('NOT_FOUND');
    });
});
