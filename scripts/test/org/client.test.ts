import type { Connection } from '@jsforce/jsforce-node';
import { OrgClient } from '../../src/org/client';

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
