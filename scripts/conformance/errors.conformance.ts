// Error shapes for bad SOQL, bad ids, unknown resources and bad tokens: every request here
// is refused, so nothing is written. FIDELITY.md names each test.

import { openTarget, rawCall, rejection, type Target } from './target';

describe('conformance: error shapes', () => {
    let target: Target;

    beforeAll(async () => {
        target = await openTarget();
    });
    afterAll(() => target.close());

    it('SOQL syntax error: MALFORMED_QUERY', async () => {
        const error = await rejection(
            target.conn.query('SELECT Id FROM Account WHERE')
        );
        expect(error.errorCode).toBe('MALFORMED_QUERY');
    });

    it('unknown field: INVALID_FIELD naming the column and the entity', async () => {
        const error = await rejection(
            target.conn.query('SELECT No_Such_Field__x FROM Account')
        );
        expect(error.errorCode).toBe('INVALID_FIELD');
        expect(error.message).toContain(
            "No such column 'No_Such_Field__x' on entity 'Account'"
        );
    });

    it('unknown object: INVALID_TYPE', async () => {
        const error = await rejection(
            target.conn.query('SELECT Id FROM No_Such_Object__x')
        );
        expect(error.errorCode).toBe('INVALID_TYPE');
        expect(error.message).toContain(
            "sObject type 'No_Such_Object__x' is not supported"
        );
    });

    it('field alias outside an aggregate query: MALFORMED_QUERY', async () => {
        const error = await rejection(
            target.conn.query('SELECT Name n FROM Account')
        );
        expect(error.errorCode).toBe('MALFORMED_QUERY');
        expect(error.message).toContain(
            'only aggregate expressions use field aliasing'
        );
    });

    it('OFFSET in a WHERE-clause subquery: MALFORMED_QUERY', async () => {
        const error = await rejection(
            target.conn.query(
                'SELECT Id FROM User WHERE ProfileId IN (SELECT Id FROM Profile LIMIT 2 OFFSET 1)'
            )
        );
        expect(error.errorCode).toBe('MALFORMED_QUERY');
    });

    it('OFFSET above 2,000: NUMBER_OUTSIDE_VALID_RANGE', async () => {
        const error = await rejection(
            target.conn.query('SELECT Id FROM Account LIMIT 1 OFFSET 2001')
        );
        expect(error.errorCode).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    });

    it('a record id that does not exist: 404 NOT_FOUND', async () => {
        const answer = await rawCall(
            target,
            `${target.data}/sobjects/Account/001000000000000AAA`
        );
        expect(answer.status).toBe(404);
        expect(JSON.parse(answer.text)).toEqual([
            expect.objectContaining({ errorCode: 'NOT_FOUND' })
        ]);
    });

    it('a path id that is not an id (/sobjects/Account/%): 404, never 500', async () => {
        const answer = await rawCall(
            target,
            `${target.data}/sobjects/Account/%`
        );
        expect(answer.status).toBe(404);
    });

    it('a lookup value that is no id: MALFORMED_ID, nothing written', async () => {
        // sObject Collections answer 200 with per-record errors.
        const outcome = await target.conn.requestPost<
            Array<{
                id?: string;
                success: boolean;
                errors: Array<{ statusCode: string }>;
            }>
        >('/composite/sobjects', {
            allOrNone: true,
            records: [
                {
                    attributes: { type: 'Contact' },
                    LastName: 'Conformance',
                    AccountId: 'not-an-id'
                }
            ]
        });
        const created = outcome.flatMap((row) => (row.id ? [row.id] : []));
        if (created.length > 0) {
            await target.conn.sobject('Contact').destroy(created);
        }
        expect(outcome[0]?.success).toBe(false);
        expect(outcome[0]?.errors[0]?.statusCode).toBe('MALFORMED_ID');
    });

    it('an unknown field in a create: INVALID_FIELD, nothing written', async () => {
        const answer = await rawCall(
            target,
            `${target.data}/sobjects/Account`,
            {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({
                    Name: 'Conformance',
                    No_Such_Field__x: 'x'
                })
            }
        );
        const body = JSON.parse(answer.text) as
            { id?: string } | Array<{ errorCode: string; message: string }>;
        if (!Array.isArray(body) && body.id) {
            await target.conn.sobject('Account').destroy(body.id);
        }
        expect(answer.status).toBe(400);
        expect(body).toEqual([
            expect.objectContaining({
                errorCode: 'INVALID_FIELD',
                message: expect.stringContaining(
                    "No such column 'No_Such_Field__x' on sobject of type Account"
                )
            })
        ]);
    });

    it('an unknown resource: 404 NOT_FOUND "The requested resource does not exist"', async () => {
        const answer = await rawCall(target, `${target.data}/no-such-resource`);
        expect(answer.status).toBe(404);
        expect(JSON.parse(answer.text)).toEqual([
            {
                errorCode: 'NOT_FOUND',
                message: 'The requested resource does not exist'
            }
        ]);
    });

    it('an unknown sObject type: 404 NOT_FOUND', async () => {
        const answer = await rawCall(
            target,
            `${target.data}/sobjects/No_Such_Object__x`
        );
        expect(answer.status).toBe(404);
    });

    it('a wrong token: 401 INVALID_SESSION_ID', async () => {
        const answer = await rawCall(target, `${target.data}/limits`, {
            token: 'not-a-valid-token'
        });
        expect(answer.status).toBe(401);
        expect(JSON.parse(answer.text)).toEqual([
            {
                errorCode: 'INVALID_SESSION_ID',
                message: 'Session expired or invalid'
            }
        ]);
    });
});
