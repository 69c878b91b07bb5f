// assign --package-license: seats of managed packages for many users, against the emulator over
// HTTP (PackageLicense from startEmulator({ packages }), as `npm run emulator -- --package`).

import { assignPackageLicenses } from '../../src/assign/package-licenses';
import { runCommand } from '../support/run-command';
import { createUsers } from '../support/users';
import { startScriptHarness, type ScriptHarness } from '../scripts/harness';

const ASSIGN = { remove: false, dryRun: false };
const REMOVE = { remove: true, dryRun: false };

describe('assign --package-license', () => {
    let h: ScriptHarness;
    let usernames: string[];
    const seatsOf = (namespace: string): number => {
        const pkg = h.emulator.org
            .rows('PackageLicense')
            .find((row) => row.NamespacePrefix === namespace);
        return h.emulator.org
            .rows('UserPackageLicense')
            .filter((row) => row.PackageLicenseId === pkg?.Id).length;
    };
    const env = () => ({
        SF_INSTANCE_URL: h.emulator.url,
        SF_ACCESS_TOKEN: h.emulator.accessToken
    });

    beforeEach(async () => {
        h = await startScriptHarness({
            seed: { licenseSeats: { Salesforce: 300 } },
            packages: [
                { namespace: 'acme', seats: 5 },
                { namespace: 'small', seats: 2 },
                { namespace: 'sitewide', seats: -1 },
                { namespace: 'gone', seats: 50, expired: true }
            ]
        });
        usernames = createUsers(h.emulator.org, 4, 'seat');
    });
    afterEach(async () => {
        await h.close();
    });

    it('assigns seats in one read and one write, and writes nothing the second time', async () => {
        const first = await assignPackageLicenses(
            h.client(),
            ['acme'],
            { usernames },
            ASSIGN
        );
        expect(first).toMatchObject({
            users: 4,
            planned: 4,
            created: 4,
            alreadyAssigned: 0,
            failed: [],
            packages: [{ namespace: 'acme', allowed: 5, used: 0 }]
        });
        expect(first.apiCalls).toBe(2);
        expect(seatsOf('acme')).toBe(4);
        const again = await assignPackageLicenses(
            h.client(),
            ['ACME'],
            { usernames },
            ASSIGN
        );
        expect(again).toMatchObject({
            planned: 0,
            created: 0,
            alreadyAssigned: 4,
            mode: 'none'
        });
        expect(again.apiCalls).toBe(1);
        expect(seatsOf('acme')).toBe(4);
    });

    it('counts a username given twice (in any case) once', async () => {
        const report = await assignPackageLicenses(
            h.client(),
            ['acme'],
            {
                usernames: [
                    usernames[0] ?? '',
                    (usernames[0] ?? '').toUpperCase(),
                    usernames[1] ?? ''
                ]
            },
            ASSIGN
        );
        expect(report).toMatchObject({
            users: 2,
            created: 2,
            missingUsers: [],
            failed: []
        });
    });

    it('stops before any write when a package has too few free seats, naming it and its seats', async () => {
        const error = assignPackageLicenses(
            h.client(),
            ['acme', 'small'],
            { usernames },
            ASSIGN
        );
        await expect(error).rejects.toThrow(
            'Package "small" has 0 of 2 seat(s) in use (2 free); 4 user(s) need one.'
        );
        await expect(error).rejects.toThrow('Nothing was assigned');
        // acme had room, but nothing is written when any package is short.
        expect(seatsOf('acme')).toBe(0);
        expect(seatsOf('small')).toBe(0);
    });

    it('a site licence (AllowedLicenses -1) never runs out of seats', async () => {
        const report = await assignPackageLicenses(
            h.client(),
            ['sitewide'],
            { usernames },
            ASSIGN
        );
        expect(report).toMatchObject({ created: 4, failed: [] });
    });

    it('refuses an expired package before any write, with the fix', async () => {
        await expect(
            assignPackageLicenses(h.client(), ['gone'], { usernames }, ASSIGN)
        ).rejects.toThrow(
            /Package "gone" has expired \(Status Expired, ExpirationDate .+\): renew its licence with the package's vendor/
        );
        expect(seatsOf('gone')).toBe(0);
    });

    it('names the installed packages near an unknown namespace', async () => {
        await expect(
            assignPackageLicenses(h.client(), ['acmee'], { usernames }, ASSIGN)
        ).rejects.toThrow(
            'No installed managed package with namespace prefix "acmee" in this org (no PackageLicense). Did you mean: acme?'
        );
    });

    it('unassigns with --remove, frees the seats, and removes nothing the second time', async () => {
        await assignPackageLicenses(
            h.client(),
            ['acme'],
            { usernames },
            ASSIGN
        );
        const removed = await assignPackageLicenses(
            h.client(),
            ['acme'],
            { usernames: usernames.slice(0, 3) },
            REMOVE
        );
        expect(removed).toMatchObject({
            action: 'remove',
            users: 3,
            planned: 3,
            removed: 3,
            notAssigned: 0,
            failed: []
        });
        expect(removed.apiCalls).toBe(2);
        expect(seatsOf('acme')).toBe(1);
        const again = await assignPackageLicenses(
            h.client(),
            ['acme'],
            { usernames: usernames.slice(0, 3) },
            REMOVE
        );
        expect(again).toMatchObject({ planned: 0, removed: 0, notAssigned: 3 });
        expect(again.apiCalls).toBe(1);
    });

    it('selects users with --where (the seats they hold read through a semi-join)', async () => {
        await assignPackageLicenses(
            h.client(),
            ['acme'],
            { usernames: [usernames[0] ?? ''] },
            ASSIGN
        );
        const report = await assignPackageLicenses(
            h.client(),
            ['acme'],
            { where: "Username LIKE 'seat%'" },
            ASSIGN
        );
        expect(report).toMatchObject({
            users: 4,
            alreadyAssigned: 1,
            created: 3
        });
    });

    it('the command: exit 68 when some usernames are missing, the true counts in --json, exit 0 on a re-run of the rest', async () => {
        const partial = await runCommand(
            'assign',
            [
                '--package-license',
                'acme',
                '--users',
                `${usernames.join(',')},nobody@example.com`,
                '--json'
            ],
            env()
        );
        expect(partial.code).toBe(68);
        expect(partial.json()).toMatchObject({
            status: 68,
            result: {
                users: 4,
                created: 4,
                missingUsers: ['nobody@example.com'],
                failed: [
                    { username: 'nobody@example.com', errorCode: 'NOT_FOUND' }
                ]
            }
        });
        const rerun = await runCommand(
            'assign',
            ['--package-license', 'acme', '--users', usernames.join(',')],
            env()
        );
        expect(rerun.code).toBe(0);
        expect(rerun.stdout).toContain(
            'Package licences (acme: 4/5 seats in use): 4 user(s); 4 already assigned; 0 to assign'
        );
        const removed = await runCommand(
            'assign',
            [
                '--package-license',
                'acme',
                '--remove',
                '--users',
                usernames.join(',')
            ],
            env()
        );
        expect(removed.code).toBe(0);
        expect(removed.stdout).toContain('4 removed');
        expect(seatsOf('acme')).toBe(0);
    });

    it('the command: --remove needs --package-license, and package seats run on their own', async () => {
        const lone = await runCommand(
            'assign',
            [
                '--permission-set',
                'Case_Portal_User',
                '--remove',
                '--users',
                'a@b.c'
            ],
            env()
        );
        expect(lone.code).toBe(1);
        expect(lone.stderr).toContain(
            '--remove unassigns package seats: use it with --package-license.'
        );
        const mixed = await runCommand(
            'assign',
            [
                '--permission-set',
                'Case_Portal_User',
                '--package-license',
                'acme',
                '--users',
                'a@b.c'
            ],
            env()
        );
        expect(mixed.code).toBe(1);
        expect(mixed.stderr).toContain('--package-license runs on its own');
    });
});
