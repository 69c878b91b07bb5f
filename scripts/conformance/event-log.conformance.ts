// EventLogFile (the ApiTotalUsage logs' carrier) and the OAuth token endpoint: read-only
// requests only (a describe, and token requests that are refused). FIDELITY.md names each test.

import { openTarget, type Target } from './target';

interface DescribeField {
    name: string;
    type: string;
}

interface Describe {
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
    queryable: boolean;
    fields: DescribeField[];
}

describe('conformance: event log files and the token endpoint', () => {
    let target: Target;

    beforeAll(async () => {
        target = await openTarget();
    });
    afterAll(() => target.close());

    const token = async (
        form: Record<string, string>
    ): Promise<{ status: number; body: unknown }> => {
        const response = await fetch(
            `${target.instanceUrl}/services/oauth2/token`,
            {
                method: 'POST',
                headers: {
                    'Content-Type': 'application/x-www-form-urlencoded'
                },
                body: new URLSearchParams(form).toString()
            }
        );
        return { status: response.status, body: await response.json() };
    };

    it('EventLogFile: describe gives the documented fields and types, query only', async () => {
        const describe = (await target.conn
            .sobject('EventLogFile')
            .describe()) as unknown as Describe;
        expect(describe).toMatchObject({
            createable: false,
            updateable: false,
            deletable: false,
            queryable: true
        });
        const types = Object.fromEntries(
            describe.fields.map((field) => [field.name, field.type])
        );
        expect(types).toMatchObject({
            EventType: 'picklist',
            Interval: 'picklist',
            LogDate: 'datetime',
            LogFile: 'base64',
            LogFileContentType: 'string',
            LogFileFieldNames: 'string',
            LogFileFieldTypes: 'string',
            LogFileLength: 'double',
            Sequence: 'int',
            ApiVersion: 'double'
        });
    });

    it('token endpoint: an unknown grant type is 400 unsupported_grant_type', async () => {
        expect(await token({ grant_type: 'not_a_grant' })).toEqual({
            status: 400,
            body: {
                error: 'unsupported_grant_type',
                error_description: 'grant type not supported'
            }
        });
    });

    it('token endpoint: client credentials with an unknown client id is 400 invalid_client_id', async () => {
        expect(
            await token({
                grant_type: 'client_credentials',
                client_id: 'conformance-no-such-consumer-key',
                client_secret: 'nothing'
            })
        ).toEqual({
            status: 400,
            body: {
                error: 'invalid_client_id',
                error_description: 'client identifier invalid'
            }
        });
    });
});
