// Managed package licences in the emulator: PackageLicense seeded from --package (not
// createable through the API), UserPackageLicense seats with their limits, duplicates,
// expired packages and unassignment. Sources: FIDELITY.md, "Managed package licences".

import { parsePackageOption } from '../../emulator/seed/packages';
import {
    failure,
    idOf,
    profileId,
    startHarness,
    userFields,
    type Harness
} from './helpers';

interface Row {
    Id: string;
    [field: string]: unknown;
}

describe('emulator: managed package licences', () => {
    let harness: Harness;
    let users: string[];
    const packageId = (namespace: string): Promise<string> =>
        idOf(
            harness.conn,
            `SELECT Id FROM PackageLicense WHERE NamespacePrefix = '${namespace}'`
        );
    const seat = (userId: string, packageLicenseId: string) =>
        harness.conn
            .sobject('UserPackageLicense')
            .create({ UserId: userId, PackageLicenseId: packageLicenseId });

    beforeEach(async () => {
        harness = await startHarness({
            packages: [
                { namespace: 'acme', seats: 2 },
                { namespace: 'sitewide', seats: -1 },
                { namespace: 'gone', seats: 10, expired: true }
            ]
        });
        const standard = await profileId(harness.conn, 'Standard User');
        users = [];
        for (let i = 0; i < 3; i++) {
            const created = await harness.conn
                .sobject('User')
                .create(userFields(`pkg${i}@seats.example`, standard));
            users.push((created as { id: string }).id);
        }
    });
    afterEach(async () => {
        await harness.emulator.close();
    });

    it('seeds PackageLicense from --package with the documented fields, and refuses to create one through the API', async () => {
        const result = await harness.conn.query<Row>(
            'SELECT Id, NamespacePrefix, AllowedLicenses, UsedLicenses, Status, ExpirationDate, IsProvisioned ' +
                'FROM PackageLicense ORDER BY NamespacePrefix'
        );
        expect(
            result.records.map(({ attributes: _a, Id, ...rest }) => ({
                ...rest,
                prefix: Id.slice(0, 3)
            }))
        ).toEqual([
            {
                NamespacePrefix: 'acme',
                AllowedLicenses: 2,
                UsedLicenses: 0,
                Status: 'Active',
                ExpirationDate: null,
                IsProvisioned: true,
                prefix: '050'
            },
            {
                NamespacePrefix: 'gone',
                AllowedLicenses: 10,
                UsedLicenses: 0,
                Status: 'Expired',
                ExpirationDate: expect.any(String) as unknown,
                IsProvisioned: true,
                prefix: '050'
            },
            {
                NamespacePrefix: 'sitewide',
                AllowedLicenses: -1,
                UsedLicenses: 0,
                Status: 'Active',
                ExpirationDate: null,
                IsProvisioned: true,
                prefix: '050'
            }
        ]);
        const error = await failure(
            harness.conn
                .sobject('PackageLicense')
                .create({ NamespacePrefix: 'mine', AllowedLicenses: 5 })
        );
        expect(error.errorCode).toBe('INVALID_TYPE_FOR_OPERATION');
    });

    it('counts used seats and refuses a seat beyond AllowedLicenses: LICENSE_LIMIT_EXCEEDED', async () => {
        const acme = await packageId('acme');
        await seat(users[0] ?? '', acme);
        await seat(users[1] ?? '', acme);
        const full = await failure(seat(users[2] ?? '', acme));
        expect(full.errorCode).toBe('LICENSE_LIMIT_EXCEEDED');
        expect(full.message).toBe('License Limit Exceeded - acme');
        const after = await harness.conn.query<Row>(
            `SELECT UsedLicenses FROM PackageLicense WHERE Id = '${acme}'`
        );
        expect(after.records[0]?.UsedLicenses).toBe(2);
    });

    it('a site licence (AllowedLicenses -1) has no seat limit', async () => {
        const sitewide = await packageId('sitewide');
        for (const user of users) {
            await seat(user, sitewide);
        }
        const after = await harness.conn.query<Row>(
            `SELECT AllowedLicenses, UsedLicenses FROM PackageLicense WHERE Id = '${sitewide}'`
        );
        expect(after.records[0]).toMatchObject({
            AllowedLicenses: -1,
            UsedLicenses: 3
        });
    });

    it('refuses a second seat of the same package for the same user: DUPLICATE_VALUE', async () => {
        const acme = await packageId('acme');
        await seat(users[0] ?? '', acme);
        const again = await failure(seat(users[0] ?? '', acme));
        expect(again.errorCode).toBe('DUPLICATE_VALUE');
    });

    it('unassigns a seat by DELETE, which frees it; the row cannot be updated', async () => {
        const acme = await packageId('acme');
        const first = (await seat(users[0] ?? '', acme)) as { id: string };
        await seat(users[1] ?? '', acme);
        const update = await failure(
            harness.conn
                .sobject('UserPackageLicense')
                .update({ Id: first.id, UserId: users[2] })
        );
        expect(update.errorCode).toBe('INVALID_TYPE_FOR_OPERATION');
        await harness.conn.sobject('UserPackageLicense').destroy(first.id);
        await seat(users[2] ?? '', acme);
        const held = await harness.conn.query<Row>(
            "SELECT UserId FROM UserPackageLicense WHERE PackageLicense.NamespacePrefix = 'acme'"
        );
        expect(held.records.map((row) => row.UserId).sort()).toEqual(
            [users[1], users[2]].sort()
        );
    });

    it('filters seats by the user and the package through their relationships', async () => {
        const acme = await packageId('acme');
        await seat(users[0] ?? '', acme);
        const rows = await harness.conn.query<Row>(
            'SELECT Id, UserId, PackageLicense.NamespacePrefix, PackageLicense.AllowedLicenses FROM UserPackageLicense ' +
                "WHERE User.Username = 'pkg0@seats.example' AND PackageLicense.NamespacePrefix IN ('acme', 'sitewide')"
        );
        expect(rows.records).toHaveLength(1);
        expect(rows.records[0]).toMatchObject({
            UserId: users[0],
            PackageLicense: { NamespacePrefix: 'acme', AllowedLicenses: 2 }
        });
    });

    it('answers not emulated (501) for a seat of an expired package', async () => {
        const gone = await packageId('gone');
        const response = await fetch(
            `${harness.emulator.url}/services/data/v66.0/sobjects/UserPackageLicense`,
            {
                method: 'POST',
                headers: {
                    Authorization: `Bearer ${harness.emulator.accessToken}`,
                    'Content-Type': 'application/json'
                },
                body: JSON.stringify({
                    UserId: users[0],
                    PackageLicenseId: gone
                })
            }
        );
        expect(response.status).toBe(501);
        const body = (await response.json()) as { errorCode: string }[];
        expect(body[0]?.errorCode).toBe('FUNCTIONALITY_NOT_ENABLED');
    });
});

describe('emulator --package option', () => {
    it('reads <namespace>:<seats>[:expired] and names what is wrong', () => {
        expect(parsePackageOption('acme:5')).toEqual({
            namespace: 'acme',
            seats: 5,
            expired: false
        });
        expect(parsePackageOption('acme:-1:expired')).toEqual({
            namespace: 'acme',
            seats: -1,
            expired: true
        });
        expect(() => parsePackageOption('acme')).toThrow(
            '--package acme: seats must be a whole number or -1'
        );
        expect(() => parsePackageOption('1acme:3')).toThrow(
            'is not a namespace prefix'
        );
        expect(() => parsePackageOption('acme:3:old')).toThrow(
            'the only flag after the seats is "expired"'
        );
    });
});
