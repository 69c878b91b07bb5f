import type { Connection } from '@jsforce/jsforce-node';

/** What one naive assignment inserts: the parent found by one query, one record per user. */
export interface NaiveTarget {
    /** SOQL for the one parent record (the permission set, the package licence). */
    parentQuery: string;
    /** The junction object inserted per user, and its user and parent fields. */
    sobject: string;
    userField: string;
    parentField: string;
}

/**
 * The naive way to give many users an assignment, as `sf org assign permset` or the Object
 * Reference's AssignPackageLicense example do it through the API: one query for the parent, one for
 * the users, then one insert per user.
 */
export async function naiveAssignEach(
    conn: Connection,
    target: NaiveTarget,
    prefix: string
): Promise<void> {
    const [parent] = (await conn.query<{ Id: string }>(target.parentQuery))
        .records;
    const users = await conn
        .query<{ Id: string }>(
            `SELECT Id FROM User WHERE Username LIKE '${prefix}%'`
        )
        .run({ autoFetch: true, maxFetch: 100000 });
    for (const user of users.records) {
        await conn.sobject(target.sobject).create({
            [target.userField]: user.Id,
            [target.parentField]: parent?.Id
        });
    }
}

/** A permission set's assignment (PermissionSetAssignment). */
export const permissionSetTarget = (setName: string): NaiveTarget => ({
    parentQuery: `SELECT Id FROM PermissionSet WHERE Name = '${setName}'`,
    sobject: 'PermissionSetAssignment',
    userField: 'AssigneeId',
    parentField: 'PermissionSetId'
});

/** A managed package's seat (UserPackageLicense). */
export const packageTarget = (namespace: string): NaiveTarget => ({
    parentQuery: `SELECT Id FROM PackageLicense WHERE NamespacePrefix = '${namespace}'`,
    sobject: 'UserPackageLicense',
    userField: 'UserId',
    parentField: 'PackageLicenseId'
});
