import net from 'node:net';
import { Connection } from '@jsforce/jsforce-node';
import { networkFailure } from '../../src/org/api-error';
import { assign } from '../../src/assign/assign';
import { ConnectionError, OrgClient } from '../../src/org/client';
import { provision } from '../../src/provision/provision';
import {
    startDroppingProxy,
    type DroppingProxy
} from '../support/dropping-proxy';
import { createUsers } from '../support/users';
import { API_VERSION, startScriptHarness, type ScriptHarness } from './harness';

/**
 * Writes whose answer is lost after they landed (DESIGN.md section 5, issue #12): a proxy in front
 * of the emulator forwards the request, lets the emulator apply it, then drops the connection.
 */
describe('a write whose answer is lost is reconciled, never repeated or misreported', () => {
    let h: ScriptHarness;
    let proxy: DroppingProxy;
    const client = (): OrgClient =>
        new OrgClient(
            new Connection({
                instanceUrl: proxy.url,
                accessToken: h.emulator.accessToken,
                version: API_VERSION
            }),
            API_VERSION,
            { attempts: 4, baseDelayMs: 5 }
        );

    beforeEach(async () => {
        h = await startScriptHarness();
        proxy = await startDroppingProxy(h.emulator.url);
    });
    afterEach(async () => {
        await proxy.close();
        await h.close();
    });

    it('provision: the first composite answer dropped after the write: the user exists once and the report says so', async () => {
        // The read is a composite too, but of GETs only; the write is the first composite POST
        // with a POST subrequest. Drop the answer of the second composite call: the write.
        proxy.drop({
            method: 'POST',
            path: /\/composite$/,
            after: 1,
            times: 1
        });
        const result = await provision(client(), h.definition, {
            dryRun: false,
            uniqueUsername: false
        });
        expect(proxy.dropped).toHaveLength(1);
        expect(result.applied).toBe(true);
        const users = h.emulator.org
            .rows('User')
            .filter((u) => u.Username === h.definition.Username);
        expect(users).toHaveLength(1);
        expect(result.userId).toBe(users[0]?.Id);
        expect(result.reconciled).toEqual([
            expect.stringMatching(
                /answer to the write was lost .*re-reading the org showed all 3 step\(s\) applied/
            )
        ]);
        const assignments = h.emulator.org
            .rows('PermissionSetAssignment')
            .filter((a) => a.AssigneeId === users[0]?.Id);
        const licences = h.emulator.org
            .rows('PermissionSetLicenseAssign')
            .filter((a) => a.AssigneeId === users[0]?.Id);
        // The profile's own set plus the group; one licence: nothing doubled.
        expect(
            assignments.filter((a) => a.PermissionSetGroupId !== null)
        ).toHaveLength(1);
        expect(licences).toHaveLength(1);
        const again = await provision(client(), h.definition, {
            dryRun: false,
            uniqueUsername: false
        });
        expect(again.plan.steps).toEqual([]);
    });

    it('assign: a dropped sObject Collections answer counts the records that landed as created, once', async () => {
        const usernames = createUsers(h.emulator.org, 3, 'lost');
        proxy.drop({
            method: 'POST',
            path: /\/composite\/sobjects$/,
            times: 1
        });
        const report = await assign(
            client(),
            {
                permissionSets: ['Case_Portal_User'],
                permissionSetGroups: [],
                permissionSetLicenses: []
            },
            { usernames },
            { dryRun: false, bulkThreshold: 2000 }
        );
        expect(proxy.dropped).toHaveLength(1);
        expect(report).toMatchObject({
            created: 3,
            reconciled: 3,
            alreadyAssigned: 0,
            failed: []
        });
        const set = h.emulator.org
            .rows('PermissionSet')
            .find((s) => s.Name === 'Case_Portal_User');
        expect(
            h.emulator.org
                .rows('PermissionSetAssignment')
                .filter((a) => a.PermissionSetId === set?.Id)
        ).toHaveLength(3);
    });
});

/** A port nothing listens on: bound, then released. */
async function freePort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) =>
        server.listen(0, '127.0.0.1', resolve)
    );
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
}

describe('an org that cannot be reached', () => {
    it('names the URL and the cause, and says nothing was sent', async () => {
        const url = `http://127.0.0.1:${await freePort()}`;
        const unreachable = new OrgClient(
            new Connection({
                instanceUrl: url,
                accessToken: 'token',
                version: API_VERSION
            }),
            API_VERSION,
            { attempts: 2, baseDelayMs: 1 }
        );
        // A composite (POST), which jsforce does not retry itself: a GET would first spend ~15 s in
        // jsforce's own retries (lib/request.js retries ECONNREFUSED for GET, PUT, DELETE).
        const failure = unreachable.queries([
            { referenceId: 'users', soql: 'SELECT Id FROM User' }
        ]);
        await expect(failure).rejects.toBeInstanceOf(ConnectionError);
        await expect(failure).rejects.toThrow(
            `Cannot reach the org at ${url}: ECONNREFUSED`
        );
        await expect(failure).rejects.toThrow(/Nothing was sent/);
    });

    it('tells an unknown host (never sent) from a dropped connection (maybe sent)', () => {
        // The shape Node's fetch gives jsforce, as measured here: TypeError "fetch failed" with
        // the socket or DNS error as its cause (a real DNS lookup takes 15 s in this sandbox).
        const failed = (code: string): Error =>
            new TypeError('fetch failed', {
                cause: Object.assign(new Error(`getaddrinfo ${code} host`), {
                    code
                })
            });
        expect(networkFailure(failed('ENOTFOUND'))).toMatchObject({
            code: 'ENOTFOUND',
            sent: false
        });
        expect(networkFailure(failed('UND_ERR_SOCKET'))).toMatchObject({
            code: 'UND_ERR_SOCKET',
            sent: true
        });
        expect(networkFailure(new Error('INVALID_FIELD: No such column'))).toBe(
            undefined
        );
    });
});
