// Issue #24 item 3 / issue #20 item 14: the standard fields of the objects the kit and its
// presets touch come from a sourced schema (jsforce's standard-schema.d.ts), so contracts naming
// real standard fields (the contact-centre preset's Task call fields) pass against the emulator.

import path from 'node:path';
import { loadContract } from '../../src/access/contract';
import { runVerify } from '../../src/access/run-verify';
import {
    SOURCED_OBJECTS,
    sourcedObject
} from '../../emulator/schema/sourced-fields';
import { REPO_ROOT, startProvisionedHarness } from '../scripts/harness';
import { startHarness, type Harness } from './helpers';

interface DescribeField {
    name: string;
    type: string;
    length: number;
    nillable: boolean;
    filterable: boolean;
    createable: boolean;
    updateable: boolean;
}

describe('standard fields from a sourced schema (issue #24)', () => {
    let harness: Harness;
    beforeAll(async () => {
        harness = await startHarness();
    });
    afterAll(async () => {
        await harness.emulator.close();
    });

    it.each([...SOURCED_OBJECTS])(
        'describes every scalar field jsforce lists for %s',
        async (name) => {
            const source = sourcedObject(name);
            expect(source?.fields.length).toBeGreaterThan(5);
            const described = await harness.conn.sobject(name).describe();
            const names = new Set(described.fields.map((f) => f.name));
            const missing = (source?.fields ?? [])
                .filter(
                    (f) => !['Address', 'any', 'BlobString'].includes(f.tsType)
                )
                .map((f) => f.name)
                .filter((n) => !names.has(n));
            expect(missing).toEqual([]);
        }
    );

    it('describes the Task call-centre fields with their documented types', async () => {
        const described = await harness.conn.sobject('Task').describe();
        const byName = new Map(
            (described.fields as unknown as DescribeField[]).map((f) => [
                f.name,
                f
            ])
        );
        expect(byName.get('CallDisposition')).toMatchObject({
            type: 'string',
            length: 255,
            nillable: true,
            filterable: true,
            createable: true,
            updateable: true
        });
        expect(byName.get('CallType')?.type).toBe('picklist');
        expect(byName.get('CallDurationInSeconds')?.type).toBe('int');
        expect(byName.get('CallObject')).toMatchObject({
            type: 'string',
            length: 255
        });
    });

    it('writes and filters on Task.CallDisposition', async () => {
        const created = (await harness.conn.sobject('Task').create({
            Subject: 'Call',
            CallDisposition: 'we will call back'
        })) as { id: string };
        const result = await harness.conn.query<{ CallDisposition: string }>(
            "SELECT CallDisposition FROM Task WHERE CallDisposition = 'we will call back'"
        );
        expect(result.records.map((r) => r.CallDisposition)).toEqual([
            'we will call back'
        ]);
        await harness.conn.sobject('Task').destroy(created.id);
    });
});

describe('the contact-centre preset against the emulator (issue #20 item 14)', () => {
    jest.setTimeout(30000);

    it('verifies without "Task has no field \\"CallDisposition\\"" and checks the call fields', async () => {
        const h = await startProvisionedHarness();
        try {
            const preset = loadContract(
                path.join(
                    REPO_ROOT,
                    'config/access/contact-centre-api-user.json'
                )
            );
            const report = await runVerify(h.client(), [h.username], [preset], {
                callEventObject: 'cc__Call_Event__c',
                packagePermissionSet: 'cc_Package_User',
                packageNamespace: 'cc'
            });
            const rule = report.users[0]?.results.find(
                (r) => r.rule === 'fields.Task.CallDisposition.require.edit'
            );
            // The kit's integration user is not granted Task call fields: a true failure, not a
            // stop on a field the emulator lacked.
            expect(rule).toMatchObject({ status: 'fail' });
        } finally {
            await h.close();
        }
    });
});
