// provision with `packageLicenses` in the definition: seats of managed packages for the
// integration user, checked before any write, idempotent, within the API-call budget.

import {
    parseDefinition,
    type UserDefinition
} from '../../src/provision/definition';
import { provision } from '../../src/provision/provision';
import type { PackageSeed } from '../../emulator';
import { startScriptHarness, type ScriptHarness } from '../scripts/harness';

const OPTIONS = { dryRun: false, uniqueUsername: false };

describe('provision: managed package licences', () => {
    let h: ScriptHarness;
    const start = async (packages: PackageSeed[]): Promise<void> => {
        h = await startScriptHarness({ packages });
    };
    const withPackages = (namespaces: string[]): UserDefinition =>
        parseDefinition(
            { ...h.definition, packageLicenses: namespaces },
            'api-user.json'
        );
    const seats = (): number =>
        h.emulator.org.rows('UserPackageLicense').length;
    const users = (): number => h.emulator.org.rows('User').length;
    afterEach(async () => {
        await h.close();
    });

    it('assigns the seat with the rest in at most 3 calls, then does nothing in 1', async () => {
        await start([{ namespace: 'acme', seats: 3 }]);
        const definition = withPackages(['acme']);
        const first = await provision(h.client(), definition, OPTIONS);
        expect(first.plan.steps).toContainEqual({
            action: 'assign-package-license',
            target: 'acme',
            detail: '0 of 3 seat(s) in use'
        });
        expect(first.applied).toBe(true);
        expect(first.apiCalls).toBeLessThanOrEqual(3);
        const held = h.emulator.org.rows('UserPackageLicense');
        expect(held).toHaveLength(1);
        expect(held[0]?.UserId).toBe(first.userId);
        const again = await provision(h.client(), definition, OPTIONS);
        expect(again.plan.steps).toEqual([]);
        expect(again.apiCalls).toBe(1);
        expect(seats()).toBe(1);
    });

    it('adds a package to an existing user, and --dry-run shows it without writing', async () => {
        await start([{ namespace: 'acme', seats: -1 }]);
        await provision(h.client(), h.definition, OPTIONS);
        const dry = await provision(h.client(), withPackages(['acme']), {
            ...OPTIONS,
            dryRun: true
        });
        expect(dry.plan.steps).toEqual([
            {
                action: 'assign-package-license',
                target: 'acme',
                detail: '0 seat(s) in use of a site licence'
            }
        ]);
        expect(seats()).toBe(0);
        const applied = await provision(
            h.client(),
            withPackages(['acme']),
            OPTIONS
        );
        expect(applied.apiCalls).toBeLessThanOrEqual(3);
        expect(seats()).toBe(1);
    });

    it('stops before any write when a package has no free seat, naming it and its seats', async () => {
        await start([
            { namespace: 'acme', seats: 3 },
            { namespace: 'full', seats: 0 }
        ]);
        const before = users();
        await expect(
            provision(h.client(), withPackages(['acme', 'full']), OPTIONS)
        ).rejects.toThrow(
            'No free seat of package "full": 0 of 0 seat(s) in use.'
        );
        expect(users()).toBe(before);
        expect(seats()).toBe(0);
    });

    it('stops before any write on an expired package', async () => {
        await start([{ namespace: 'old', seats: 10, expired: true }]);
        const before = users();
        await expect(
            provision(h.client(), withPackages(['old']), OPTIONS)
        ).rejects.toMatchObject({
            errorCode: 'PACKAGE_LICENSE_EXPIRED',
            message: expect.stringContaining(
                'Package "old" has expired (Status Expired'
            ) as unknown
        });
        expect(users()).toBe(before);
    });

    it('names a namespace with no installed package', async () => {
        await start([]);
        await expect(
            provision(h.client(), withPackages(['nope']), OPTIONS)
        ).rejects.toThrow(
            'No installed managed package with namespace prefix "nope" in this org'
        );
    });
});

describe('api-user.json: packageLicenses', () => {
    it('takes namespace prefixes only', () => {
        expect(() =>
            parseDefinition(
                {
                    Username: 'a@b.c',
                    LastName: 'x',
                    Email: 'a@b.c',
                    Alias: 'a',
                    TimeZoneSidKey: 'GMT',
                    LocaleSidKey: 'en_US',
                    EmailEncodingKey: 'UTF-8',
                    LanguageLocaleKey: 'en_US',
                    license: 'Salesforce',
                    profileName: 'Standard User',
                    packageLicenses: ['acme pkg']
                },
                'api-user.json'
            )
        ).toThrow(
            'api-user.json: packageLicenses.0: must be a managed package namespace prefix'
        );
    });
});
