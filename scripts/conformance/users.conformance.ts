// User validation errors and a Bulk job refusal. Every write is rollback-safe: each user
// goes with a second record that must fail (a profile id that does not exist) in one
// allOrNone sObject Collections call, so nothing is written whatever the org answers. Users
// cannot be deleted (Object Reference, "User": no delete() call): a user that is created
// anyway (a defect the test then reports) is left inactive, and its username, always
// `conformance.<random>@example.com`, is printed for cleanup. FIDELITY.md names each test.

import { randomBytes } from 'node:crypto';
import { openTarget, rejection, type Target } from './target';

interface RecordOutcome {
    id?: string;
    success: boolean;
    errors: Array<{ statusCode: string; message: string; fields: string[] }>;
}

const MISSING_PROFILE = '00e000000000000AAA';

describe('conformance: user validation (rollback-safe)', () => {
    let target: Target;
    let profileId: string;

    beforeAll(async () => {
        target = await openTarget();
        const profile = await target.conn.query<{ Id: string }>(
            "SELECT Id FROM Profile WHERE Name = 'Standard User' LIMIT 1"
        );
        profileId = profile.records[0]?.Id ?? '';
    });
    afterAll(() => target.close());

    const user = (
        profile: string,
        overrides: Record<string, unknown>
    ): Record<string, unknown> => {
        const tag = randomBytes(6).toString('hex');
        return {
            attributes: { type: 'User' },
            Username: `conformance.${tag}@example.com`,
            LastName: 'Conformance',
            Alias: tag.slice(0, 8),
            Email: 'conformance@example.com',
            EmailEncodingKey: 'UTF-8',
            LanguageLocaleKey: 'en_US',
            LocaleSidKey: 'en_US',
            TimeZoneSidKey: 'GMT',
            IsActive: false,
            ProfileId: profile,
            ...overrides
        };
    };

    /** The tested user's outcome; the guard record makes sure nothing is committed. */
    async function createRolledBack(
        overrides: Record<string, unknown>
    ): Promise<RecordOutcome | undefined> {
        const outcome = await target.conn.requestPost<RecordOutcome[]>(
            '/composite/sobjects',
            {
                allOrNone: true,
                records: [user(profileId, overrides), user(MISSING_PROFILE, {})]
            }
        );
        const created = outcome.flatMap((row) => (row.id ? [row.id] : []));
        for (const id of created) {
            await target.conn
                .sobject('User')
                .update({ Id: id, IsActive: false });
            const row = await target.conn.query<{ Username: string }>(
                `SELECT Username FROM User WHERE Id = '${id}'`
            );
            process.stderr.write(
                `conformance: user ${row.records[0]?.Username ?? id} was created (left inactive): clean it up\n`
            );
        }
        expect(created).toEqual([]);
        return outcome[0];
    }

    it('user: a Username not in email form is refused', async () => {
        const outcome = await createRolledBack({ Username: 'not-an-email' });
        expect(outcome?.errors[0]).toMatchObject({
            statusCode: 'FIELD_INTEGRITY_EXCEPTION',
            fields: ['Username']
        });
    });

    it.each([
        ['TimeZoneSidKey', 'Mars/Base'],
        ['LocaleSidKey', 'xx_YY'],
        ['LanguageLocaleKey', 'xx'],
        ['EmailEncodingKey', 'EBCDIC-42']
    ])(
        'user: %s %s is refused as a bad restricted picklist value',
        async (field, value) => {
            const outcome = await createRolledBack({ [field]: value });
            expect(outcome?.errors[0]).toMatchObject({
                statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                fields: [field]
            });
            expect(outcome?.errors[0]?.message).toContain(
                `bad value for restricted picklist field: ${value}`
            );
        }
    );

    it('bulk: an upsert job keyed on a field that is not an external id is refused', async () => {
        let created: string | undefined;
        const error = await rejection(
            target.conn
                .requestPost<{ id: string }>('/jobs/ingest', {
                    object: 'Account',
                    operation: 'upsert',
                    externalIdFieldName: 'Name',
                    contentType: 'CSV'
                })
                .then((job) => {
                    created = job.id;
                    return job;
                })
        ).finally(async () => {
            if (created) {
                await target.conn.request({
                    method: 'PATCH',
                    url: `/jobs/ingest/${created}`,
                    body: JSON.stringify({ state: 'Aborted' }),
                    headers: { 'Content-Type': 'application/json' }
                });
                await target.conn.request({
                    method: 'DELETE',
                    url: `/jobs/ingest/${created}`
                });
            }
        });
        expect(error.errorCode).toBe('INVALIDJOB');
    });
});
