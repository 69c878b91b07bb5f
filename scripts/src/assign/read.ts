import { QueryError, type OrgClient } from '../org/client';
import { unknownNameMessage, type NamedKind } from '../org/names';
import { chunk, inList } from '../org/soql';
import { distinctUsernames } from './usernames';
import {
    AssignError,
    type AssignTargets,
    type HeldRow,
    type Target,
    type UserSelector,
    type UserWithHeld
} from './types';

// Reading what assign needs: the named targets, the users, and which of them already hold what.

/** Usernames a query holds at most: keeps each query URL well under Salesforce's 16 KB limit. */
const USERNAMES_PER_QUERY = 250;

async function compositeQueries(
    client: OrgClient,
    queries: { referenceId: string; soql: string }[]
): Promise<Map<string, unknown[]>> {
    try {
        return await client.queries(queries);
    } catch (error) {
        if (error instanceof QueryError) {
            const where =
                error.referenceId === 'where' ? '--where' : error.referenceId;
            throw new AssignError(
                `${where}: ${error.errorCode}: ${error.detail}`
            );
        }
        throw error;
    }
}

const TARGET_KINDS: Record<Target['kind'], NamedKind> = {
    set: 'permissionSet',
    group: 'permissionSetGroup',
    license: 'permissionSetLicense'
};

async function unknownTarget(
    client: OrgClient,
    kind: Target['kind'],
    name: string
): Promise<AssignError> {
    return new AssignError(
        await unknownNameMessage(client, TARGET_KINDS[kind], name)
    );
}

/**
 * The read plan: one query per kind of target named (at most 3), then the users in chunks of
 * 250 usernames, each user row carrying, as relationship subqueries, only its assignments of the
 * named targets. OrgClient sends these 5 queries a composite call (the documented limit).
 */
export function readQueries(
    targets: AssignTargets,
    selector: UserSelector,
    wanted: string[]
): { referenceId: string; soql: string }[] {
    const queries: { referenceId: string; soql: string }[] = [];
    const { permissionSets, permissionSetGroups, permissionSetLicenses } =
        targets;
    if (permissionSets.length > 0) {
        queries.push({
            referenceId: 'sets',
            soql: `SELECT Id, Name FROM PermissionSet WHERE Name IN ${inList(permissionSets)}`
        });
    }
    if (permissionSetGroups.length > 0) {
        queries.push({
            referenceId: 'groups',
            soql: `SELECT Id, DeveloperName FROM PermissionSetGroup WHERE DeveloperName IN ${inList(permissionSetGroups)}`
        });
    }
    if (permissionSetLicenses.length > 0) {
        queries.push({
            referenceId: 'licenses',
            soql: `SELECT Id, DeveloperName FROM PermissionSetLicense WHERE DeveloperName IN ${inList(permissionSetLicenses)}`
        });
    }
    const setFilter = [
        permissionSets.length > 0
            ? `PermissionSet.Name IN ${inList(permissionSets)}`
            : '',
        permissionSetGroups.length > 0
            ? `PermissionSetGroup.DeveloperName IN ${inList(permissionSetGroups)}`
            : ''
    ]
        .filter(Boolean)
        .join(' OR ');
    const columns = [
        'Id',
        'Username',
        'UserType, Profile.Name',
        setFilter
            ? '(SELECT Id, PermissionSetId, PermissionSetGroupId, ExpirationDate FROM PermissionSetAssignments ' +
              `WHERE ${setFilter})`
            : '',
        permissionSetLicenses.length > 0
            ? '(SELECT Id, PermissionSetLicenseId FROM PermissionSetLicenseAssignments ' +
              `WHERE PermissionSetLicense.DeveloperName IN ${inList(permissionSetLicenses)})`
            : ''
    ]
        .filter(Boolean)
        .join(', ');
    if ('usernames' in selector) {
        chunk(wanted, USERNAMES_PER_QUERY).forEach((usernames, index) =>
            queries.push({
                referenceId: `users${index}`,
                soql: `SELECT ${columns} FROM User WHERE Username IN ${inList(usernames)}`
            })
        );
    } else {
        queries.push({
            referenceId: 'where',
            soql: `SELECT ${columns} FROM User WHERE (${selector.where})`
        });
    }
    return queries;
}

export interface AssignState {
    targets: Target[];
    users: UserWithHeld[];
    /** Usernames asked for that the org does not have. */
    missingUsers: string[];
    /** Usernames given more than once (any letter case): input problems, reported once. */
    duplicateUsernames: string[];
    /** Held assignments by `<user id>:<target id>`. */
    held: Map<string, HeldRow>;
}

/** Reads the targets and users (5 queries a composite call, plus paging) and resolves names. */
export async function readAssignState(
    client: OrgClient,
    targets: AssignTargets,
    selector: UserSelector
): Promise<AssignState> {
    const distinct =
        'usernames' in selector
            ? distinctUsernames(selector.usernames)
            : { usernames: [], duplicates: [] };
    const wanted = distinct.usernames;
    const rows = await compositeQueries(
        client,
        readQueries(targets, selector, wanted)
    );
    const resolvedTargets: Target[] = [];
    const collect = async (
        kind: Target['kind'],
        list: string[],
        referenceId: string,
        field: 'Name' | 'DeveloperName'
    ) => {
        const found = new Map(
            ((rows.get(referenceId) ?? []) as Record<string, string>[]).map(
                (row) => [row[field] ?? '', row.Id ?? '']
            )
        );
        for (const name of list) {
            const id = found.get(name);
            if (!id) {
                throw await unknownTarget(client, kind, name);
            }
            resolvedTargets.push({ kind, name, id });
        }
    };
    await collect(
        'license',
        targets.permissionSetLicenses,
        'licenses',
        'DeveloperName'
    );
    await collect(
        'group',
        targets.permissionSetGroups,
        'groups',
        'DeveloperName'
    );
    await collect('set', targets.permissionSets, 'sets', 'Name');

    // One row per user, whatever the chunks returned.
    const byId = new Map<string, UserWithHeld>();
    for (const user of [...rows.entries()]
        .filter(([key]) => key.startsWith('users') || key === 'where')
        .flatMap(([, list]) => list as UserWithHeld[])) {
        byId.set(user.Id, user);
    }
    const users = [...byId.values()];
    const found = new Set(users.map((user) => user.Username.toLowerCase()));
    const missingUsers = wanted.filter(
        (username) => !found.has(username.toLowerCase())
    );
    const held = new Map<string, HeldRow>();
    for (const user of users) {
        for (const row of [
            ...(await client.children(user.PermissionSetAssignments)),
            ...(await client.children(user.PermissionSetLicenseAssignments))
        ]) {
            const target =
                row.PermissionSetLicenseId ??
                row.PermissionSetGroupId ??
                row.PermissionSetId;
            held.set(`${user.Id}:${target}`, row);
        }
    }
    return {
        targets: resolvedTargets,
        users,
        missingUsers,
        duplicateUsernames: distinct.duplicates,
        held
    };
}
