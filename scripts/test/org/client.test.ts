import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
    Connection as JsforceConnection,
    type Connection
} from '@jsforce/jsforce-node';
import { ConnectionError, OrgClient } from '../../src/org/client';

/**
 * "Subquery results are like regular query results in that you might need to use queryMore() to
 * retrieve all the records if there are many children" (SOQL and SOSL Reference, "Understanding
 * Query Results"): a child result can carry its own nextRecordsUrl. The emulator does not page child
 * results (FIDELITY.md, "Query batches"), so this holds OrgClient.children() to that shape with a
 * connection that answers the next page itself.
 */
describe('OrgClient.children', () => {
    const requests: string[] = [];
    const connection = {
        request: (request: { url: string }) => {
            requests.push(request.url);
            return Promise.resolve({
                totalSize: 3,
                done: true,
                records: [{ Id: 'c3' }]
            });
        }
    } as unknown as Connection;
    const client = new OrgClient(connection, '66.0', {
        attempts: 1,
        baseDelayMs: 1
    });

    it('follows a child result to its last page', async () => {
        const rows = await client.children({
            totalSize: 3,
            done: false,
            nextRecordsUrl: '/services/data/v66.0/query/0r8xx-2000',
            records: [{ Id: 'c1' }, { Id: 'c2' }]
        });
        expect(rows).toEqual([{ Id: 'c1' }, { Id: 'c2' }, { Id: 'c3' }]);
        expect(requests).toEqual(['/services/data/v66.0/query/0r8xx-2000']);
    });

    it('reads a parent with no children (null) as none', async () => {
        await expect(client.children(null)).resolves.toEqual([]);
    });
});

/**
 * An instance URL that is not the org (issue 20, item 13): a port Node's fetch refuses, or a plain
 * web server's HTML page, is one ConnectionError naming the URL, never "fetch failed" or the page.
 */
describe('OrgClient: an instance URL that is not the org', () => {
    const client = (instanceUrl: string) =>
        new OrgClient(
            new JsforceConnection({
                instanceUrl,
                accessToken: 'x',
                version: '66.0'
            }),
            '66.0',
            { attempts: 2, baseDelayMs: 1 }
        );

    it('names a port fetch refuses', async () => {
        const failure = client('http://127.0.0.1:1').query(
            'SELECT Id FROM User'
        );
        await expect(failure).rejects.toBeInstanceOf(ConnectionError);
        await expect(failure).rejects.toThrow(
            /^Cannot reach the org at http:\/\/127\.0\.0\.1:1: BAD_PORT \(Node refuses to connect to this port/
        );
    });

    it.each([200, 404])(
        'names a web server answering an HTML page (HTTP %i), without quoting the page',
        async (status) => {
            const server = createServer((_request, response) => {
                response.writeHead(status, { 'content-type': 'text/html' });
                response.end(
                    '<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>'
                );
            });
            await new Promise<void>((resolve) =>
                server.listen(0, '127.0.0.1', resolve)
            );
            const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
            try {
                const failure = client(url).query('SELECT Id FROM User');
                await expect(failure).rejects.toBeInstanceOf(ConnectionError);
                await expect(failure).rejects.toThrow(
                    new RegExp(
                        `^Cannot reach the org at ${url}: it answered with an HTML page`
                    )
                );
                await expect(failure).rejects.not.toThrow(/nginx/);
            } finally {
                server.close();
            }
        }
    );
});
