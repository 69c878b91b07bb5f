import type { Connection } from '@jsforce/jsforce-node';

/**
 * The naive way to give many users a managed package's seat (the Object Reference's
 * AssignPackageLicense example done through the API one record at a time): one query for the
 * package, one for the users, then one UserPackageLicense insert per user.
 */
export async function naiveAssignPackage(
    conn: Connection,
    namespace: string,
    prefix: string
): Promise<void> {
    const [pkg] = (
        await conn.query<{ Id: string }>(
            `SELECT Id FROM PackageLicense WHERE NamespacePrefix = '${namespace}'`
        )
    ).records;
    const users = await conn
        .query<{ Id: string }>(
            `SELECT Id FROM User WHERE Username LIKE '${prefix}%'`
        )
        .run({ autoFetch: true, maxFetch: 100000 });
    for (const user of users.records) {
        await conn
            .sobject('UserPackageLicense')
            .create({ UserId: user.Id, PackageLicenseId: pkg?.Id });
    }
}
