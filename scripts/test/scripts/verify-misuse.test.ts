// verify under misuse (issue 20): OAuth grants to apps no contract names (item 7), the kit's own
// legacy connected app (item 10), names the org does not have (item 11).

import path from 'node:path';
import { loadContract, parseContract } from '../../src/access/contract';
import { runVerify, type VerifyReport } from '../../src/access/run-verify';
import type { RuleResult } from '../../src/access/types';
import { issueOauthToken } from '../../emulator/org/oauth-tokens';
import {
    REPO_ROOT,
    startProvisionedHarness,
    type ProvisionedHarness
} from './harness';

const kitContract = () =>
    loadContract(path.join(REPO_ROOT, 'config/access/case-portal.json'));
const failures = (report: VerifyReport): RuleResult[] =>
    report.users.flatMap((u) => u.results.filter((r) => r.status === 'fail'));

describe('verify under misuse (against the emulator)', () => {
    let h: ProvisionedHarness;
    afterEach(async () => {
        await h.close();
    });

    it('reports an OAuth grant to an app the contract does not name, with the revoke fix (item 7)', async () => {
        h = await startProvisionedHarness();
        issueOauthToken(h.emulator.org, {
            userId: h.userId,
            appName: 'Case Portal Integration'
        });
        issueOauthToken(h.emulator.org, {
            userId: h.userId,
            appName: 'Vendor Sync'
        });
        const report = await runVerify(
            h.client(),
            [h.username],
            [kitContract()],
            {}
        );
        expect(failures(report)).toEqual([
            expect.objectContaining({
                rule: 'credentials.oauth-grants.unlisted.Vendor Sync',
                actual: '1 grant(s) to "Vendor Sync"',
                fix: expect.stringContaining(
                    `npm run credentials -- revoke --user ${h.username} --app "Vendor Sync"`
                )
            })
        ]);
    });

    it("passes the kit's own contract with the legacy connected app deployed per the README (item 10)", async () => {
        h = await startProvisionedHarness({
            metadataDirs: ['force-app', 'connected-app-legacy']
        });
        issueOauthToken(h.emulator.org, {
            userId: h.userId,
            appName: 'Case Portal Integration (Legacy)'
        });
        const report = await runVerify(
            h.client(),
            [h.username],
            [kitContract()],
            {}
        );
        expect(failures(report)).toEqual([]);
    });

    it('says "no such X in this org" for an app, Apex class or group the org lacks (item 11)', async () => {
        h = await startProvisionedHarness();
        const base = kitContract();
        const contract = parseContract(
            {
                name: 'missing-names',
                description: 'names that are not in the org',
                setupEntities: {
                    connectedApps: { require: ['Vendor_App'] },
                    apexClasses: { require: ['NoSuchClass'] }
                },
                permissionSetGroups: { require: ['No_Such_Group'] }
            },
            'missing-names.json'
        );
        const report = await runVerify(
            h.client(),
            [h.username],
            [base, contract],
            {}
        );
        const byRule = (id: string) =>
            report.users[0]?.results.find((r) => r.rule === id);
        expect(
            byRule('setupEntities.connectedApps.require.Vendor_App')
        ).toMatchObject({
            status: 'fail',
            actual: 'no such connected / external client app "Vendor_App" in this org',
            fix: expect.stringContaining('correct the name in the contract')
        });
        expect(
            byRule('setupEntities.apexClasses.require.NoSuchClass')
        ).toMatchObject({
            actual: 'no such Apex class "NoSuchClass" in this org'
        });
        expect(
            byRule('permissionSetGroups.require.No_Such_Group')
        ).toMatchObject({
            actual: 'no such permission set group "No_Such_Group" in this org'
        });
        // A name the org has but the user lacks still says how to grant it.
        expect(
            byRule(
                'setupEntities.connectedApps.require.Case_Portal_Integration'
            )?.status
        ).toBe('pass');
    });
});
