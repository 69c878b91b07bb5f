// Composite limits, API accounting and the versions resources: read-only requests only.
// FIDELITY.md names each test.

import { apiUsage, openTarget, rawCall, type Target } from './target';

interface CompositeAnswer {
    compositeResponse: Array<{
        body: unknown;
        httpStatusCode: number;
        referenceId: string | null;
    }>;
}

const query =
    (data: string) =>
    (n: number): Record<string, string> => ({
        method: 'GET',
        url: `${data}/query?q=${encodeURIComponent(`SELECT Id FROM Profile LIMIT ${n}`)}`,
        referenceId: `q${n}`
    });

describe('conformance: limits and accounting', () => {
    let target: Target;

    beforeAll(async () => {
        target = await openTarget();
    });
    afterAll(() => target.close());

    it('composite: 5 query subrequests are accepted', async () => {
        const answer = await target.conn.requestPost<CompositeAnswer>(
            '/composite',
            { compositeRequest: [1, 2, 3, 4, 5].map(query(target.data)) }
        );
        expect(
            answer.compositeResponse.map((item) => item.httpStatusCode)
        ).toEqual([200, 200, 200, 200, 200]);
    });

    it('composite: a 6th query subrequest is refused with LIMIT_EXCEEDED', async () => {
        const answer = await target.conn.requestPost<CompositeAnswer>(
            '/composite',
            { compositeRequest: [1, 2, 3, 4, 5, 6].map(query(target.data)) }
        );
        expect(answer.compositeResponse).toEqual([
            expect.objectContaining({
                httpStatusCode: 400,
                referenceId: null,
                body: [expect.objectContaining({ errorCode: 'LIMIT_EXCEEDED' })]
            })
        ]);
    });

    it('composite: 26 subrequests are refused with LIMIT_EXCEEDED', async () => {
        const limits = Array.from({ length: 26 }, (_, i) => ({
            method: 'GET',
            url: `${target.data}/limits`,
            referenceId: `limits${i}`
        }));
        const answer = await target.conn.requestPost<CompositeAnswer>(
            '/composite',
            { compositeRequest: limits }
        );
        expect(answer.compositeResponse).toEqual([
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

    it('Sforce-Limit-Info: a REST call counts one API request', async () => {
        const first = await rawCall(target, `${target.data}/limits`);
        const second = await rawCall(target, `${target.data}/limits`);
        expect(apiUsage(second.headers)).toBeGreaterThan(
            apiUsage(first.headers)
        );
    });

    it('Sforce-Limit-Info: a composite request counts one API request', async () => {
        const before = await rawCall(target, `${target.data}/limits`);
        const composite = await rawCall(target, `${target.data}/composite`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
                compositeRequest: [1, 2, 3].map(query(target.data))
            })
        });
        expect(composite.status).toBe(200);
        expect(apiUsage(composite.headers)).toBe(apiUsage(before.headers) + 1);
    });

    it('Sforce-Limit-Info: GET /services/data/vXX.X is not counted', async () => {
        const before = await rawCall(target, `${target.data}/limits`);
        const resources = await rawCall(target, `${target.data}/`);
        expect(resources.status).toBe(200);
        expect(apiUsage(resources.headers)).toBe(apiUsage(before.headers));
    });

    it('GET /services/data lists versions without a token', async () => {
        const versions = await rawCall(target, '/services/data', {
            token: null
        });
        expect(versions.status).toBe(200);
        const list = JSON.parse(versions.text) as Array<{ version: string }>;
        expect(list.map((entry) => entry.version)).toContain(target.version);
    });
});
