// Issue #24: API versions, sObject resources next to the record routes, and request features
// (compression, XML, conditional requests), driven over raw HTTP and jsforce. Each test is named
// in FIDELITY.md.

import { deflateSync, gzipSync } from 'node:zlib';
import { Connection } from '@jsforce/jsforce-node';
import { failure, startHarness, type Harness } from './helpers';

describe('REST versions, resources and request features (issue #24)', () => {
    let harness: Harness;
    beforeAll(async () => {
        harness = await startHarness();
    });
    afterAll(async () => {
        await harness.emulator.close();
    });

    async function call(
        path: string,
        init: {
            method?: string;
            headers?: Record<string, string>;
            body?: string | Buffer;
        } = {}
    ): Promise<{ status: number; json: unknown }> {
        const response = await fetch(`${harness.emulator.url}${path}`, {
            method: init.method ?? 'GET',
            headers: {
                Authorization: `Bearer ${harness.emulator.accessToken}`,
                ...init.headers
            },
            body: init.body
        });
        const text = await response.text();
        return {
            status: response.status,
            json: text ? JSON.parse(text) : null
        };
    }

    it('serves every supported version from 31.0 and answers 410 for retired ones', async () => {
        const v31 = new Connection({
            instanceUrl: harness.emulator.url,
            accessToken: harness.emulator.accessToken,
            version: '31.0'
        });
        await expect(
            v31.query('SELECT Id FROM Organization')
        ).resolves.toMatchObject({ totalSize: 1 });
        for (const retired of ['30.0', '21.0', '7.0']) {
            const answer = await call(`/services/data/v${retired}/limits`);
            expect(answer.status).toBe(410);
            expect(answer.json).toEqual([
                expect.objectContaining({ errorCode: 'GONE' })
            ]);
        }
        expect((await call('/services/data/v99.0/limits')).status).toBe(404);
    });

    it.each(['deleted', 'updated'])(
        'answers 501 not emulated for /sobjects/Account/%s, never 404',
        async (kind) => {
            const answer = await call(
                `/services/data/v66.0/sobjects/Account/${kind}/?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z`
            );
            expect(answer.status).toBe(501);
            expect(answer.json).toEqual([
                expect.objectContaining({
                    errorCode: 'FUNCTIONALITY_NOT_ENABLED',
                    message: expect.stringContaining(
                        `Get ${kind === 'deleted' ? 'Deleted' : 'Updated'}`
                    )
                })
            ]);
        }
    );

    it('creates a record with POST /sobjects/Account/Id from API 37.0', async () => {
        const answer = await call('/services/data/v66.0/sobjects/Account/Id', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ Name: 'Posted by Id' })
        });
        expect(answer.status).toBe(201);
        const { id } = answer.json as { id: string };
        expect(id).toMatch(/^001/);
        const before = await call('/services/data/v36.0/sobjects/Account/Id', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ Name: 'Too old' })
        });
        expect(before.status).toBe(405);
        await harness.conn.sobject('Account').destroy(id);
    });

    it.each([
        ['gzip', gzipSync],
        ['deflate', deflateSync]
    ])('accepts a %s-compressed request body', async (encoding, compress) => {
        const answer = await call('/services/data/v66.0/sobjects/Account', {
            method: 'POST',
            headers: {
                'Content-Type': 'application/json',
                'Content-Encoding': encoding
            },
            body: compress(Buffer.from(JSON.stringify({ Name: encoding })))
        });
        expect(answer.status).toBe(201);
        const { id } = answer.json as { id: string };
        const record = await harness.conn.sobject('Account').retrieve(id);
        expect(record).toMatchObject({ Name: encoding });
        await harness.conn.sobject('Account').destroy(id);
    });

    it.each([
        ['If-Modified-Since', 'Mon, 01 Jan 2024 00:00:00 GMT'],
        ['If-Unmodified-Since', 'Mon, 01 Jan 2024 00:00:00 GMT'],
        ['If-Match', '"abc"'],
        ['If-None-Match', '"abc"']
    ])(
        'answers 501 naming conditional requests for %s',
        async (header, value) => {
            const answer = await call(
                '/services/data/v66.0/sobjects/Account/describe',
                { headers: { [header]: value } }
            );
            expect(answer.status).toBe(501);
            expect(JSON.stringify(answer.json)).toContain(
                `Conditional requests (${header})`
            );
        }
    );

    it('answers 501 naming XML for Accept: application/xml, and JSON otherwise', async () => {
        const xml = await call('/services/data/v66.0/limits', {
            headers: { Accept: 'application/xml' }
        });
        expect(xml.status).toBe(501);
        expect(JSON.stringify(xml.json)).toContain('XML responses');
        const json = await call('/services/data/v66.0/limits', {
            headers: { Accept: 'application/json, application/xml' }
        });
        expect(json.status).toBe(200);
    });

    it('still answers jsforce (which sends no conditional or XML headers)', async () => {
        await expect(
            harness.conn.sobject('Account').describe()
        ).resolves.toMatchObject({ name: 'Account' });
        const error = await failure(
            harness.conn.request('/services/data/v30.0/limits')
        );
        expect(error.errorCode).toBe('GONE');
    });
});
