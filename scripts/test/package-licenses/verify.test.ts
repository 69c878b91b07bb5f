// verify and managed package licences: a contract that requires a seat the user lacks, an
// expired package, a site licence, and a seat no contract lists (default-deny), within verify's
// call budget.

import path from 'node:path';
import {
    loadContract,
    parseContract,
    type Contract
} from '../../src/access/contract';
import { runVerify, type VerifyReport } from '../../src/access/run-verify';
import type { RuleResult } from '../../src/access/types';
import type { PackageSeed } from '../../emulator';
import {
    REPO_ROOT,
    startProvisionedHarness,
    type ProvisionedHarness
} from '../scripts/harness';

const kit = (): Contract =>
    loadContract(path.join(REPO_ROOT, 'config/access/case-portal.json'));
/** The kit contract with a package licence rule. */
const kitWith = (packageLicenses: Record<string, string[]>): Contract => {
    const { user, ...rest } = kit();
    return parseContract(
        { ...rest, user: { ...user, packageLicenses } },
        'case-portal+packages.json'
    );
};
const rule = (report: VerifyReport, id: string): RuleResult | undefined =>
    report.users[0]?.results.find((r) => r.rule === id);
const failing = (report: VerifyReport): string[] =>
    (report.users[0]?.results ?? [])
        .filter((r) => r.status === 'fail')
        .map((r) => r.rule);

describe('verify: managed package licences', () => {
    let h: ProvisionedHarness;
    const start = async (packages: PackageSeed[]): Promise<void> => {
        h = await startProvisionedHarness({ packages });
    };
    const giveSeat = (namespace: string): void => {
        const org = h.emulator.org;
        const pkg = org
            .rows('PackageLicense')
            .find((row) => row.NamespacePrefix === namespace);
        org.dml.create(
            'UserPackageLicense',
            { UserId: h.userId, PackageLicenseId: pkg?.Id },
            { system: true, skipRules: true }
        );
    };
    afterEach(async () => {
        await h.close();
    });

    it('fails a required package licence the user lacks, with the fix, in the same number of calls', async () => {
        await start([{ namespace: 'acme', seats: 5 }]);
        const plain = await runVerify(h.client(), [h.username], [kit()], {});
        const report = await runVerify(
            h.client(),
            [h.username],
            [kitWith({ require: ['acme'] })],
            {}
        );
        expect(failing(report)).toEqual(['user.packageLicenses.require.acme']);
        expect(rule(report, 'user.packageLicenses.require.acme')).toMatchObject(
            {
                status: 'fail',
                actual: 'no seat (0 of 5 seat(s) in use)',
                fix: `npm run assign -- --package-license acme --users ${h.username} (or list it under packageLicenses in config/api-user.json and re-run provision)`
            }
        );
        expect(report.apiCalls).toBe(plain.apiCalls);
        expect(report.apiCalls).toBeLessThanOrEqual(4);
        giveSeat('acme');
        const fixed = await runVerify(
            h.client(),
            [h.username],
            [kitWith({ require: ['acme'] })],
            {}
        );
        expect(rule(fixed, 'user.packageLicenses.require.acme')).toMatchObject({
            status: 'pass',
            actual: 'seat held (1 of 5 seat(s) in use)',
            grantedBy: ['package licence "acme" (UserPackageLicense)']
        });
        expect(failing(fixed)).toEqual([]);
    });

    it('fails a seat of an expired package, saying to renew it', async () => {
        await start([{ namespace: 'old', seats: 5, expired: true }]);
        giveSeat('old');
        const report = await runVerify(
            h.client(),
            [h.username],
            [kitWith({ require: ['old'] })],
            {}
        );
        expect(rule(report, 'user.packageLicenses.require.old')).toMatchObject({
            status: 'fail',
            actual: expect.stringContaining(
                'seat held, but the package has expired (Status Expired, ExpirationDate'
            ) as unknown,
            fix: 'Renew the "old" package licence with the package\'s vendor (Setup > Installed Packages shows its expiry)'
        });
    });

    it('warns on a recommended one, names a package that is not installed, and passes a site licence without a seat', async () => {
        await start([{ namespace: 'everyone', seats: -1 }]);
        const report = await runVerify(
            h.client(),
            [h.username],
            [kitWith({ recommend: ['everyone', 'absent'] })],
            {}
        );
        expect(
            rule(report, 'user.packageLicenses.recommend.everyone')
        ).toMatchObject({ status: 'pass' });
        expect(
            rule(report, 'user.packageLicenses.recommend.absent')
        ).toMatchObject({
            status: 'warn',
            actual: 'no installed package with namespace prefix "absent" in this org'
        });
    });

    it('reports a seat no contract lists under default-deny, and passes it once allowed', async () => {
        await start([{ namespace: 'extra', seats: 5 }]);
        giveSeat('extra');
        const report = await runVerify(h.client(), [h.username], [kit()], {});
        expect(rule(report, 'unlisted.packageLicenses.extra')).toMatchObject({
            status: 'fail',
            actual: 'seat held',
            fix: `npm run assign -- --package-license extra --remove --users ${h.username}, or list "extra" under user.packageLicenses.allow`
        });
        const allowed = await runVerify(
            h.client(),
            [h.username],
            [kitWith({ allow: ['extra'] })],
            {}
        );
        expect(rule(allowed, 'unlisted.packageLicenses.extra')).toBeUndefined();
        expect(failing(allowed)).toEqual([]);
    });
});

describe('the contact-centre preset', () => {
    it('requires its package licence through a parameter', () => {
        const preset = loadContract(
            path.join(REPO_ROOT, 'config/access/contact-centre-api-user.json')
        );
        expect(preset.user.packageLicenses.require).toEqual([
            '${packageNamespace}'
        ]);
        expect(preset.parameters?.packageNamespace).toBeDefined();
    });
});
