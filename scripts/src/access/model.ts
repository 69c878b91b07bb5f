import { QueryError, type OrgClient } from '../org/client';
import { OBJECT_ACCESS, type ObjectAccess } from './contract';
import { inList } from './soql';

/**
 * The shared access model: a user's effective access is the profile's own permission set plus
 * every active, unexpired permission set and permission set group assignment (a group counts
 * through its aggregate permission set, which has muting applied). Every grant keeps its source.
 */

export type SourceKind = 'profile' | 'permissionSet' | 'permissionSetGroup';

export interface GrantSource {
    kind: SourceKind;
    /** Profile name, permission set API name or group developer name. */
    name: string;
    /** For a group: the component permission sets that grant it. */
    via?: string[];
}

export interface Assignment {
    id: string;
    permissionSetId: string;
    source: GrantSource;
    expirationDate: string | null;
    expired: boolean;
    /** For a group: its Status (`Updated` when the aggregate reflects its components and muting). */
    groupStatus?: string;
    groupId?: string;
    licenseMismatch?: boolean;
}

export interface UserFacts {
    id: string;
    username: string;
    isActive: boolean;
    isFrozen: boolean;
    profileId: string;
    profileName: string;
    licenseName: string | null;
}

export type ObjectGrants = Record<ObjectAccess, GrantSource[]>;

export interface EffectiveAccess {
    user: UserFacts;
    assignments: Assignment[];
    userPermissions: Map<string, GrantSource[]>;
    objects: Map<string, ObjectGrants>;
    fields: Map<string, { read: GrantSource[]; edit: GrantSource[] }>;
    /** `ApexClass:Name`, `CustomPermission:Name`, `ConnectedApplication:Name` → sources. */
    setupEntities: Map<string, GrantSource[]>;
    /** Permissions that a group's component grants but the group's aggregate does not: muted. */
    muted: Map<string, GrantSource[]>;
    /** User permissions each assigned set grants on its own (direct sets and group components). */
    setGrants: Map<string, Set<string>>;
}

/** What exists in the org, for contract entries marked `ifPresent`. */
export interface OrgPresence {
    objects: Set<string>;
    permissionSets: Set<string>;
}

export interface AccessQuery {
    userPermissions: string[];
    objects: string[];
    fields: string[];
    apexClasses: string[];
    customPermissions: string[];
    connectedApps: string[];
    /** Checked for existence in the org (contract entries marked `ifPresent`). */
    presenceObjects: string[];
    presencePermissionSets: string[];
}

export type SetupEntityType =
    'ApexClass' | 'CustomPermission' | 'ConnectedApplication';

interface UserRow {
    Id: string;
    Username: string;
    IsActive: boolean;
    ProfileId: string;
    Profile: { Name: string; UserLicense: { Name: string } | null } | null;
}

interface AssignmentRow {
    Id: string;
    AssigneeId: string;
    PermissionSetId: string;
    PermissionSetGroupId: string | null;
    ExpirationDate: string | null;
    PermissionSet: Record<string, unknown> & {
        Name: string;
        IsOwnedByProfile: boolean;
        Type?: string | null;
    };
    PermissionSetGroup: { DeveloperName: string; Status: string } | null;
}

interface ObjectPermRow {
    ParentId: string;
    SobjectType: string;
    PermissionsRead: boolean;
    PermissionsCreate: boolean;
    PermissionsEdit: boolean;
    PermissionsDelete: boolean;
    PermissionsViewAllRecords: boolean;
    PermissionsModifyAllRecords: boolean;
}

interface FieldPermRow {
    ParentId: string;
    Field: string;
    PermissionsRead: boolean;
    PermissionsEdit: boolean;
}

interface SetupEntityRow {
    ParentId: string;
    SetupEntityId: string;
    SetupEntityType: string;
}

interface NamedRow {
    Id: string;
    Name?: string;
    DeveloperName?: string;
}

interface ComponentRow {
    PermissionSetGroupId: string;
    PermissionSetId: string;
    PermissionSet: (Record<string, unknown> & { Name: string }) | null;
}

/** Key prefix of MutingPermissionSet ids: a group component that mutes rather than grants. */
const MUTING_PREFIX = '0QM';
const isMuting = (id: string): boolean => id.startsWith(MUTING_PREFIX);

const OBJECT_FLAGS: Record<ObjectAccess, keyof ObjectPermRow> = {
    read: 'PermissionsRead',
    create: 'PermissionsCreate',
    edit: 'PermissionsEdit',
    delete: 'PermissionsDelete',
    viewAll: 'PermissionsViewAllRecords',
    modifyAll: 'PermissionsModifyAllRecords'
};

export class AccessQueryError extends Error {
    constructor(
        message: string,
        readonly errorCode: string
    ) {
        super(message);
    }
}

function permissionField(name: string): string {
    return `Permissions${name}`;
}

function emptyObjectGrants(): ObjectGrants {
    return Object.fromEntries(
        OBJECT_ACCESS.map((access) => [access, []])
    ) as unknown as ObjectGrants;
}

function pushTo<K>(
    map: Map<K, GrantSource[]>,
    key: K,
    source: GrantSource
): void {
    const list = map.get(key) ?? [];
    list.push(source);
    map.set(key, list);
}

/** Object and field permission queries for the permission sets a subquery selects. */
function permissionQueries(
    parents: string,
    query: AccessQuery,
    objectsRef: string,
    fieldsRef: string
): { referenceId: string; soql: string }[] {
    const queries: { referenceId: string; soql: string }[] = [];
    if (query.objects.length > 0) {
        queries.push({
            referenceId: objectsRef,
            soql:
                'SELECT ParentId, SobjectType, PermissionsRead, PermissionsCreate, PermissionsEdit, PermissionsDelete, ' +
                'PermissionsViewAllRecords, PermissionsModifyAllRecords FROM ObjectPermissions ' +
                `WHERE ParentId IN (${parents}) AND SobjectType IN ${inList(query.objects)}`
        });
    }
    if (query.fields.length > 0) {
        queries.push({
            referenceId: fieldsRef,
            soql:
                'SELECT ParentId, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions ' +
                `WHERE ParentId IN (${parents}) AND Field IN ${inList(query.fields)}`
        });
    }
    return queries;
}

/** Query subrequests for call 1; every filter goes through the usernames, so nothing depends on ids. */
function firstCall(usernames: string[], query: AccessQuery) {
    const users = inList(usernames);
    const assigned = `SELECT PermissionSetId FROM PermissionSetAssignment WHERE Assignee.Username IN ${users}`;
    const permFields = query.userPermissions.map(
        (name) => `PermissionSet.${permissionField(name)}`
    );
    const subrequests: { referenceId: string; soql: string }[] = [
        {
            referenceId: 'users',
            soql: `SELECT Id, Username, IsActive, ProfileId, Profile.Name, Profile.UserLicense.Name FROM User WHERE Username IN ${users}`
        },
        {
            referenceId: 'assignments',
            soql:
                `SELECT Id, AssigneeId, PermissionSetId, PermissionSetGroupId, ExpirationDate, ` +
                `PermissionSet.Name, PermissionSet.IsOwnedByProfile, PermissionSet.Type, ` +
                `PermissionSetGroup.DeveloperName, PermissionSetGroup.Status` +
                `${permFields.map((field) => `, ${field}`).join('')} ` +
                `FROM PermissionSetAssignment WHERE Assignee.Username IN ${users}`
        },
        {
            referenceId: 'logins',
            soql: `SELECT UserId, IsFrozen FROM UserLogin WHERE UserId IN (SELECT Id FROM User WHERE Username IN ${users})`
        },
        {
            referenceId: 'components',
            soql:
                `SELECT PermissionSetGroupId, PermissionSetId, PermissionSet.Name FROM PermissionSetGroupComponent ` +
                `WHERE PermissionSetGroupId IN (SELECT PermissionSetGroupId FROM PermissionSetAssignment WHERE Assignee.Username IN ${users})`
        }
    ];
    subrequests.push(
        ...permissionQueries(assigned, query, 'objectPerms', 'fieldPerms')
    );
    const entities: [string, string, string[]][] = [
        [
            'apexClasses',
            'SELECT Id, Name FROM ApexClass WHERE Name IN ',
            query.apexClasses
        ],
        [
            'customPermissions',
            'SELECT Id, DeveloperName FROM CustomPermission WHERE DeveloperName IN ',
            query.customPermissions
        ],
        [
            'connectedApps',
            'SELECT Id, Name FROM ConnectedApplication WHERE Name IN ',
            query.connectedApps
        ]
    ];
    const wantsEntities = entities.some(([, , names]) => names.length > 0);
    for (const [referenceId, soql, names] of entities) {
        if (names.length > 0) {
            subrequests.push({ referenceId, soql: `${soql}${inList(names)}` });
        }
    }
    if (query.presenceObjects.length > 0) {
        subrequests.push({
            referenceId: 'presentObjects',
            soql: `SELECT QualifiedApiName FROM EntityDefinition WHERE QualifiedApiName IN ${inList(query.presenceObjects)}`
        });
    }
    if (query.presencePermissionSets.length > 0) {
        subrequests.push({
            referenceId: 'presentPermissionSets',
            soql: `SELECT Name FROM PermissionSet WHERE Name IN ${inList(query.presencePermissionSets)}`
        });
    }
    if (wantsEntities) {
        subrequests.push({
            referenceId: 'setupEntities',
            soql: `SELECT ParentId, SetupEntityId, SetupEntityType FROM SetupEntityAccess WHERE ParentId IN (${assigned})`
        });
    }
    return subrequests;
}

async function runQueries(
    client: OrgClient,
    queries: { referenceId: string; soql: string }[]
): Promise<Map<string, unknown[]>> {
    try {
        return await client.queries(queries);
    } catch (error) {
        if (error instanceof QueryError) {
            throw new AccessQueryError(
                `${error.referenceId} query failed: ${error.errorCode}: ${error.detail}`,
                error.errorCode
            );
        }
        throw error;
    }
}

function sourceOf(row: AssignmentRow, user: UserFacts): GrantSource {
    if (row.PermissionSetGroupId && row.PermissionSetGroup) {
        return {
            kind: 'permissionSetGroup',
            name: row.PermissionSetGroup.DeveloperName
        };
    }
    if (row.PermissionSet.IsOwnedByProfile) {
        return { kind: 'profile', name: user.profileName };
    }
    return { kind: 'permissionSet', name: row.PermissionSet.Name };
}

/**
 * Resolves the effective access of the given users in at most two API calls: one composite call
 * with every query (filters go through the usernames), and one more only when a user holds a
 * permission set group, to attribute the group's grants to its component sets and spot muting.
 */
export async function resolveAccess(
    client: OrgClient,
    usernames: string[],
    query: AccessQuery,
    now: Date = new Date()
): Promise<{ users: Map<string, EffectiveAccess>; presence: OrgPresence }> {
    const rows = await runQueries(client, firstCall(usernames, query));
    const presence: OrgPresence = {
        objects: new Set(
            (
                (rows.get('presentObjects') ?? []) as {
                    QualifiedApiName: string;
                }[]
            ).map((row) => row.QualifiedApiName)
        ),
        permissionSets: new Set(
            (
                (rows.get('presentPermissionSets') ?? []) as { Name: string }[]
            ).map((row) => row.Name)
        )
    };
    const users = (rows.get('users') ?? []) as UserRow[];
    const assignments = (rows.get('assignments') ?? []) as AssignmentRow[];
    const frozen = new Map(
        (
            (rows.get('logins') ?? []) as {
                UserId: string;
                IsFrozen: boolean;
            }[]
        ).map((row) => [row.UserId, row.IsFrozen])
    );
    const components = (
        (rows.get('components') ?? []) as ComponentRow[]
    ).filter((row) => !isMuting(row.PermissionSetId));
    const entityNames = new Map<string, string>();
    for (const [referenceId, type] of [
        ['apexClasses', 'ApexClass'],
        ['customPermissions', 'CustomPermission'],
        ['connectedApps', 'ConnectedApplication']
    ] as const) {
        for (const row of (rows.get(referenceId) ?? []) as NamedRow[]) {
            entityNames.set(
                row.Id,
                `${type}:${row.Name ?? row.DeveloperName ?? row.Id}`
            );
        }
    }

    // Component sets of the assigned groups: their own grants, for attribution and muting.
    const groupIds = [
        ...new Set(components.map((row) => row.PermissionSetGroupId))
    ];
    const componentGrants =
        groupIds.length > 0
            ? await componentDetails(client, groupIds, query)
            : undefined;

    const result = new Map<string, EffectiveAccess>();
    for (const row of users) {
        const user: UserFacts = {
            id: row.Id,
            username: row.Username,
            isActive: row.IsActive,
            isFrozen: frozen.get(row.Id) ?? false,
            profileId: row.ProfileId,
            profileName: row.Profile?.Name ?? '(unknown profile)',
            licenseName: row.Profile?.UserLicense?.Name ?? null
        };
        const access: EffectiveAccess = {
            user,
            assignments: [],
            userPermissions: new Map(),
            objects: new Map(
                query.objects.map((name) => [name, emptyObjectGrants()])
            ),
            fields: new Map(
                query.fields.map((name) => [name, { read: [], edit: [] }])
            ),
            setupEntities: new Map(),
            muted: new Map(),
            setGrants: new Map()
        };
        const bySet = new Map<string, GrantSource>();
        for (const assignment of assignments.filter(
            (a) => a.AssigneeId === row.Id
        )) {
            const source = sourceOf(assignment, user);
            const expired =
                assignment.ExpirationDate !== null &&
                new Date(assignment.ExpirationDate).getTime() <= now.getTime();
            access.assignments.push({
                id: assignment.Id,
                permissionSetId: assignment.PermissionSetId,
                source,
                expirationDate: assignment.ExpirationDate,
                expired,
                groupId: assignment.PermissionSetGroupId ?? undefined,
                groupStatus: assignment.PermissionSetGroup?.Status
            });
            if (expired) {
                continue;
            }
            if (assignment.PermissionSetGroupId) {
                const via = components
                    .filter(
                        (c) =>
                            c.PermissionSetGroupId ===
                            assignment.PermissionSetGroupId
                    )
                    .map((c) => c.PermissionSet?.Name ?? c.PermissionSetId);
                source.via = via;
            }
            bySet.set(assignment.PermissionSetId, source);
            if (source.kind === 'permissionSet') {
                access.setGrants.set(
                    source.name,
                    new Set(
                        query.userPermissions.filter(
                            (name) =>
                                assignment.PermissionSet[
                                    permissionField(name)
                                ] === true
                        )
                    )
                );
            } else if (assignment.PermissionSetGroupId && componentGrants) {
                for (const [
                    name,
                    perms
                ] of componentGrants.setGrantsByGroup.get(
                    assignment.PermissionSetGroupId
                ) ?? []) {
                    access.setGrants.set(name, perms);
                }
            }
            for (const name of query.userPermissions) {
                if (assignment.PermissionSet[permissionField(name)] === true) {
                    pushTo(
                        access.userPermissions,
                        name,
                        attributed(
                            source,
                            assignment.PermissionSetGroupId,
                            componentGrants?.userPermissions.get(name)
                        )
                    );
                }
            }
        }
        for (const perm of (rows.get('objectPerms') ?? []) as ObjectPermRow[]) {
            const source = bySet.get(perm.ParentId);
            const grants = access.objects.get(perm.SobjectType);
            if (!source || !grants) {
                continue;
            }
            for (const access_ of OBJECT_ACCESS) {
                if (perm[OBJECT_FLAGS[access_]] === true) {
                    grants[access_].push(
                        attributed(
                            source,
                            groupIdOf(source, access.assignments),
                            componentGrants?.objects.get(
                                `${perm.SobjectType}:${access_}`
                            )
                        )
                    );
                }
            }
        }
        for (const perm of (rows.get('fieldPerms') ?? []) as FieldPermRow[]) {
            const source = bySet.get(perm.ParentId);
            const grants = access.fields.get(perm.Field);
            if (!source || !grants) {
                continue;
            }
            const groupId = groupIdOf(source, access.assignments);
            if (perm.PermissionsRead) {
                grants.read.push(
                    attributed(
                        source,
                        groupId,
                        componentGrants?.fields.get(`${perm.Field}:read`)
                    )
                );
            }
            if (perm.PermissionsEdit) {
                grants.edit.push(
                    attributed(
                        source,
                        groupId,
                        componentGrants?.fields.get(`${perm.Field}:edit`)
                    )
                );
            }
        }
        for (const entity of (rows.get('setupEntities') ??
            []) as SetupEntityRow[]) {
            const source = bySet.get(entity.ParentId);
            const name = entityNames.get(entity.SetupEntityId);
            if (source && name) {
                pushTo(access.setupEntities, name, source);
            }
        }
        if (componentGrants) {
            markMuted(access, componentGrants);
        }
        result.set(user.username.toLowerCase(), access);
    }
    return { users: result, presence };
}

function groupIdOf(
    source: GrantSource,
    assignments: Assignment[]
): string | null {
    if (source.kind !== 'permissionSetGroup') {
        return null;
    }
    return assignments.find((a) => a.source === source)?.groupId ?? null;
}

/** A group's grant names the component sets that hold it. */
function attributed(
    source: GrantSource,
    groupId: string | null,
    components: Map<string, string[]> | undefined
): GrantSource {
    if (!groupId || source.kind !== 'permissionSetGroup') {
        return source;
    }
    return { ...source, via: components?.get(groupId) ?? [] };
}

interface ComponentGrants {
    /** key → groupId → component set names granting it. */
    userPermissions: Map<string, Map<string, string[]>>;
    objects: Map<string, Map<string, string[]>>;
    fields: Map<string, Map<string, string[]>>;
    groupNames: Map<string, string>;
    /** groupId → component set name → user permissions it grants. */
    setGrantsByGroup: Map<string, Map<string, Set<string>>>;
}

function addComponent(
    map: Map<string, Map<string, string[]>>,
    key: string,
    groupId: string,
    name: string
): void {
    const byGroup = map.get(key) ?? new Map<string, string[]>();
    byGroup.set(groupId, [...(byGroup.get(groupId) ?? []), name]);
    map.set(key, byGroup);
}

/** Call 2: what each component set of the assigned groups grants on its own. */
async function componentDetails(
    client: OrgClient,
    groupIds: string[],
    query: AccessQuery
): Promise<ComponentGrants> {
    const inGroups = `SELECT PermissionSetId FROM PermissionSetGroupComponent WHERE PermissionSetGroupId IN ${inList(groupIds)}`;
    const subrequests = [
        {
            referenceId: 'componentSets',
            soql:
                `SELECT PermissionSetGroupId, PermissionSetGroup.DeveloperName, PermissionSetId, PermissionSet.Name` +
                `${query.userPermissions.map((name) => `, PermissionSet.${permissionField(name)}`).join('')} ` +
                `FROM PermissionSetGroupComponent WHERE PermissionSetGroupId IN ${inList(groupIds)}`
        }
    ];
    subrequests.push(
        ...permissionQueries(
            inGroups,
            query,
            'componentObjects',
            'componentFields'
        )
    );
    const rows = await runQueries(client, subrequests);
    const grants: ComponentGrants = {
        userPermissions: new Map(),
        objects: new Map(),
        fields: new Map(),
        groupNames: new Map(),
        setGrantsByGroup: new Map()
    };
    const groupsOfSet = new Map<string, { groupId: string; name: string }[]>();
    for (const row of (rows.get('componentSets') ?? []) as (ComponentRow & {
        PermissionSetGroup: { DeveloperName: string } | null;
    })[]) {
        if (isMuting(row.PermissionSetId)) {
            continue;
        }
        const name = row.PermissionSet?.Name ?? row.PermissionSetId;
        grants.groupNames.set(
            row.PermissionSetGroupId,
            row.PermissionSetGroup?.DeveloperName ?? row.PermissionSetGroupId
        );
        groupsOfSet.set(row.PermissionSetId, [
            ...(groupsOfSet.get(row.PermissionSetId) ?? []),
            { groupId: row.PermissionSetGroupId, name }
        ]);
        const own = new Set<string>();
        for (const permission of query.userPermissions) {
            if (row.PermissionSet?.[permissionField(permission)] === true) {
                addComponent(
                    grants.userPermissions,
                    permission,
                    row.PermissionSetGroupId,
                    name
                );
                own.add(permission);
            }
        }
        const sets =
            grants.setGrantsByGroup.get(row.PermissionSetGroupId) ??
            new Map<string, Set<string>>();
        sets.set(name, own);
        grants.setGrantsByGroup.set(row.PermissionSetGroupId, sets);
    }
    for (const perm of (rows.get('componentObjects') ??
        []) as ObjectPermRow[]) {
        for (const { groupId, name } of groupsOfSet.get(perm.ParentId) ?? []) {
            for (const access of OBJECT_ACCESS) {
                if (perm[OBJECT_FLAGS[access]] === true) {
                    addComponent(
                        grants.objects,
                        `${perm.SobjectType}:${access}`,
                        groupId,
                        name
                    );
                }
            }
        }
    }
    for (const perm of (rows.get('componentFields') ?? []) as FieldPermRow[]) {
        for (const { groupId, name } of groupsOfSet.get(perm.ParentId) ?? []) {
            if (perm.PermissionsRead) {
                addComponent(
                    grants.fields,
                    `${perm.Field}:read`,
                    groupId,
                    name
                );
            }
            if (perm.PermissionsEdit) {
                addComponent(
                    grants.fields,
                    `${perm.Field}:edit`,
                    groupId,
                    name
                );
            }
        }
    }
    return grants;
}

/** A component grants it, but the group's aggregate (muting applied) does not: muted. */
function markMuted(access: EffectiveAccess, grants: ComponentGrants): void {
    const activeGroups = access.assignments.filter(
        (a) => a.groupId && !a.expired
    );
    for (const assignment of activeGroups) {
        const groupId = assignment.groupId ?? '';
        const check = (
            key: string,
            byGroup: Map<string, string[]> | undefined,
            effective: GrantSource[] | undefined
        ) => {
            const names = byGroup?.get(groupId);
            if (!names || names.length === 0) {
                return;
            }
            const granted = (effective ?? []).some(
                (source) =>
                    source.kind === 'permissionSetGroup' &&
                    source.name === assignment.source.name
            );
            if (!granted) {
                pushTo(access.muted, key, { ...assignment.source, via: names });
            }
        };
        for (const [name, byGroup] of grants.userPermissions) {
            check(name, byGroup, access.userPermissions.get(name));
        }
        for (const [key, byGroup] of grants.objects) {
            const [object = '', flag = 'read'] = key.split(':');
            check(
                key,
                byGroup,
                access.objects.get(object)?.[flag as ObjectAccess]
            );
        }
        for (const [key, byGroup] of grants.fields) {
            const [field = '', flag = 'read'] = key.split(':');
            const entry = access.fields.get(field);
            check(key, byGroup, flag === 'edit' ? entry?.edit : entry?.read);
        }
    }
}

/** Exported for messages: `profile "X"`, `permission set "Y"`, `group "Z" (via A, B)`. */
export function describeSource(source: GrantSource): string {
    switch (source.kind) {
        case 'profile':
            return `profile "${source.name}"`;
        case 'permissionSet':
            return `permission set "${source.name}"`;
        case 'permissionSetGroup':
            return `permission set group "${source.name}"${source.via && source.via.length > 0 ? ` (via ${source.via.join(', ')})` : ''}`;
    }
}
