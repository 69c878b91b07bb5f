import { startHarness, type Harness } from './helpers';

describe('Bulk API 2.0 ingest', () => {
    let harness: Harness;

    beforeAll(async () => {
        harness = await startHarness();
        harness.conn.bulk2.pollInterval = 20;
        harness.conn.bulk2.pollTimeout = 10_000;
    });
    afterAll(() => harness.emulator.close());

    it('loads records through jsforce and reports successes and failures', async () => {
        const input = [
            ...Array.from({ length: 30 }, (_, index) => ({
                LastName: `Bulk ${index}`,
                Email: `bulk${index}@example.com`
            })),
            { LastName: '', Email: 'missing@example.com' },
            { LastName: 'Bad email', Email: 'not-an-email' }
        ];
        const results = await harness.conn.bulk2.loadAndWaitForResults({
            object: 'Contact',
            operation: 'insert',
            input
        });
        expect(results.successfulResults).toHaveLength(30);
        expect(results.successfulResults[0]).toMatchObject({
            sf__Created: 'true',
            LastName: 'Bulk 0'
        });
        expect(String(results.successfulResults[0]?.sf__Id)).toMatch(/^003/);
        expect(results.failedResults.map((row) => row.sf__Error)).toEqual([
            'REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --',
            'INVALID_EMAIL_ADDRESS:Email: invalid email address: not-an-email:Email --'
        ]);
        const count = await harness.conn.query(
            "SELECT COUNT() FROM Contact WHERE LastName LIKE 'Bulk %'"
        );
        expect(count.totalSize).toBe(30);
    });

    it('goes through the documented job states over HTTP', async () => {
        const job = await harness.conn.requestPost<{
            id: string;
            state: string;
            contentUrl: string;
        }>('/jobs/ingest', {
            object: 'Account',
            operation: 'insert',
            contentType: 'CSV',
            lineEnding: 'LF'
        });
        expect(job.state).toBe('Open');
        expect(job.id).toMatch(/^750/);
        expect(job.contentUrl).toBe(
            `services/data/v66.0/jobs/ingest/${job.id}/batches`
        );
        await harness.conn.request({
            method: 'PUT',
            url: `/jobs/ingest/${job.id}/batches`,
            body: 'Name,Phone\n"Comma, Inc",555\nPlain,\n',
            headers: { 'Content-Type': 'text/csv' }
        });
        const closed = await harness.conn.request<{ state: string }>({
            method: 'PATCH',
            url: `/jobs/ingest/${job.id}`,
            body: JSON.stringify({ state: 'UploadComplete' }),
            headers: { 'Content-Type': 'application/json' }
        });
        expect(closed.state).toBe('UploadComplete');
        let info: {
            state: string;
            numberRecordsProcessed: number;
            numberRecordsFailed: number;
        };
        do {
            await new Promise((resolve) => setTimeout(resolve, 10));
            info = await harness.conn.request(`/jobs/ingest/${job.id}`);
        } while (info.state !== 'JobComplete' && info.state !== 'Failed');
        expect(info).toMatchObject({
            state: 'JobComplete',
            numberRecordsProcessed: 2,
            numberRecordsFailed: 0
        });
        const csv = await fetch(
            `${harness.emulator.url}/services/data/v66.0/jobs/ingest/${job.id}/successfulResults`,
            {
                headers: {
                    Authorization: `Bearer ${harness.emulator.accessToken}`
                }
            }
        );
        expect(csv.headers.get('content-type')).toBe('text/csv');
        const lines = (await csv.text()).trim().split('\n');
        expect(lines[0]).toBe('"sf__Id","sf__Created","Name","Phone"');
        expect(lines[1]).toMatch(/^"001\w{15}","true","Comma, Inc","555"$/);
    });

    it('fails a job whose CSV names an unknown field', async () => {
        const job = await harness.conn.bulk2.createJob({
            object: 'Account',
            operation: 'insert'
        });
        await job.open();
        await job.uploadData('Name,Nope__c\nA,B\n');
        await job.close();
        await expect(job.poll(20, 5000)).rejects.toThrow(
            'Ingest job failed to complete due to: InvalidBatch : Field name not found : Nope__c'
        );
    });
});
