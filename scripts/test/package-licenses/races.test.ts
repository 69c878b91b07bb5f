// assign --package-license when the org changes under it or an answer is lost: a seat taken
// meanwhile (the package fills between the read and the write), and a write whose answer is
// dropped after it landed. Counts stay true; nothing is written twice.

import { Connection } from '@jsforce/jsforce-node';
import { assignPackageLicenses } from '../../src/assign/package-licenses';
import { OrgClient } from '../../src/org/client';
import {
    startDroppingProxy,
    type DroppingProxy
} from '../support/dropping-proxy';
import { createUsers } from '../support/users';
import {
    API_VERSION,
    startScriptHarness,
    type ScriptHarness
} from '../scripts/harness';

const ASSIGN = { remove: false, dryRun: false };

describe('assign --package-license: races and lost answers', () => {
    let h: ScriptHarness;
    let proxy: DroppingProxy;
    let usernames: string[];
    /** Called once, as the first sObject Collections write passes the proxy. */
    let beforeWrite: (() => void) | undefined;
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
    const acmeId = (): string =>
        String(
            h.emulator.org
                .rows('PackageLicense')
                .find((row) => row.NamespacePrefix === 'acme')?.Id
        );

    beforeEach(async () => {
        h = await startScriptHarness({
            packages: [{ namespace: 'acme', seats: 3 }]
        });
        usernames = createUsers(h.emulator.org, 3, 'race');
        beforeWrite = undefined;
        proxy = await startDroppingProxy(h.emulator.url, (method, path) => {
            if (method === 'POST' && path.endsWith('/composite/sobjects')) {
                beforeWrite?.();
                beforeWrite = undefined;
            }
        });
    });
    afterEach(async () => {
        await proxy.close();
        await h.close();
    });

    it('a package that fills between the read and the write: the refused seat is listed with its code, the rest counted', async () => {
        const [other] = createUsers(h.emulator.org, 1, 'other');
        beforeWrite = () => {
            const otherId = h.emulator.org
                .rows('User')
                .find((u) => u.Username === other)?.Id;
            h.emulator.org.dml.create('UserPackageLicense', {
                UserId: otherId,
                PackageLicenseId: acmeId()
            });
        };
        const report = await assignPackageLicenses(
            client(),
            ['acme'],
            { usernames },
            ASSIGN
        );
        expect(report.created).toBe(2);
        expect(report.failed).toEqual([
            {
                username: usernames[2],
                target: 'acme',
                errorCode: 'LICENSE_LIMIT_EXCEEDED',
                message: 'License Limit Exceeded - acme'
            }
        ]);
    });

    it('a write whose answer is lost: re-read, counted once as created and reconciled', async () => {
        proxy.drop({
            method: 'POST',
            path: /\/composite\/sobjects$/,
            times: 1
        });
        const report = await assignPackageLicenses(
            client(),
            ['acme'],
            { usernames },
            ASSIGN
        );
        expect(proxy.dropped).toHaveLength(1);
        expect(report).toMatchObject({
            created: 3,
            reconciled: 3,
            failed: []
        });
        expect(h.emulator.org.rows('UserPackageLicense')).toHaveLength(3);
    });
});
