// Managed package licences, read-only: PackageLicense and UserPackageLicense as the Object
// Reference documents them (supported calls, fields, lookups). Nothing is written, and no
// installed package is needed (any number of PackageLicense rows, zero included, passes).
// FIDELITY.md, "Managed package licences", names each test.

import { openTarget, type Target } from './target';

interface Describe {
    createable: boolean;
    updateable: boolean;
    deletable: boolean;
    queryable: boolean;
    fields: { name: string }[];
}

describe('conformance: managed package licences', () => {
    let target: Target;

    beforeAll(async () => {
        target = await openTarget();
    });
    afterAll(() => target.close());

    it('PackageLicense: query only, with the documented fields', async () => {
        const describe = (await target.conn
            .sobject('PackageLicense')
            .describe()) as unknown as Describe;
        expect(describe).toMatchObject({
            createable: false,
            updateable: false,
            deletable: false,
            queryable: true
        });
        expect(describe.fields.map((f) => f.name)).toEqual(
            expect.arrayContaining([
                'AllowedLicenses',
                'ExpirationDate',
                'IsProvisioned',
                'NamespacePrefix',
                'Status',
                'UsedLicenses'
            ])
        );
        await target.conn.query(
            'SELECT Id, NamespacePrefix, AllowedLicenses, UsedLicenses, Status, ExpirationDate, IsProvisioned FROM PackageLicense'
        );
    });

    it('UserPackageLicense: createable and deletable, not updateable', async () => {
        const describe = (await target.conn
            .sobject('UserPackageLicense')
            .describe()) as unknown as Describe;
        expect(describe).toMatchObject({
            createable: true,
            updateable: false,
            deletable: true
        });
    });

    it('UserPackageLicense: filters through its User and PackageLicense lookups', async () => {
        const result = await target.conn.query(
            'SELECT Id, UserId, PackageLicense.NamespacePrefix FROM UserPackageLicense ' +
                "WHERE User.Username = 'nobody@conformance.invalid' AND PackageLicense.NamespacePrefix IN ('none_such')"
        );
        expect(result.totalSize).toBe(0);
    });
});
