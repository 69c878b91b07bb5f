import {
    highRiskObjectAccess,
    highRiskPermission,
    type HighRisk
} from './catalogue';
import {
    ENTITY_TYPES,
    isMuting,
    type Details,
    type SetRow,
    type Snapshot,
    type UserRow
} from './fetch';
import {
    OBJECT_ACCESS,
    fieldKey,
    objectKey,
    type Assignment,
    type EffectiveAccess,
    type GrantSource,
    type ObjectAccess
} from './types';

/**
 * A user's effective access: the profile's own permission set plus every active, unexpired
 * permission set and group assignment. A group counts through its aggregate permission set,
 * which has muting applied (Status Updated); its grants are attributed to the component sets
 * that hold them, and what a component grants but the aggregate does not is muted.
 */

const OBJECT_FLAGS: Record<ObjectAccess, string> = {
    read: 'PermissionsRead',
    create: 'PermissionsCreate',
    edit: 'PermissionsEdit',
    delete: 'PermissionsDelete',
    viewAll: 'PermissionsViewAllRecords',
    modifyAll: 'PermissionsModifyAllRecords'
};

/** Every grant a permission set holds, by key (see EffectiveAccess). */
export interface SetGrants {
    userPermissions: Set<string>;
    objects: Set<string>;
    fields: Set<string>;
    entities: Set<string>;
}

export function grantsOf(
    set: SetRow,
    entityNames: Map<string, string>,
    tabs: { ParentId: string; Name: string }[]
): SetGrants {
    const grants: SetGrants = {
        userPermissions: new Set(),
        objects: new Set(),
        fields: new Set(),
        entities: new Set()
    };
    for (const [field, value] of Object.entries(set)) {
        if (field.startsWith('Permissions') && value === true) {
            grants.userPermissions.add(field.slice('Permissions'.length));
        }
    }
    for (const row of set.ObjectPerms) {
        for (const access of OBJECT_ACCESS) {
            if (
                (row as unknown as Record<string, unknown>)[
                    OBJECT_FLAGS[access]
                ] === true
            ) {
                grants.objects.add(objectKey(row.SobjectType, access));
            }
        }
    }
    for (const row of set.FieldPerms) {
        if (row.PermissionsRead) grants.fields.add(fieldKey(row.Field, 'read'));
        if (row.PermissionsEdit) grants.fields.add(fieldKey(row.Field, 'edit'));
    }
    for (const item of set.SetupEntityAccessItems) {
        const type = ENTITY_TYPES[item.SetupEntityType];
        if (type) {
            grants.entities.add(
                entityNames.get(item.SetupEntityId) ??
                    `${type.kind}:${item.SetupEntityId}`
            );
        }
    }
    for (const tab of tabs) {
        if (tab.ParentId === set.Id) {
            grants.entities.add(`tabs:${tab.Name}`);
        }
    }
    return grants;
}

/** The catalogue's high-risk grants among a set's: `ModifyAllData`, `User.edit`, ... */
export function highRiskGrants(grants: SetGrants): HighRisk[] {
    const risks: HighRisk[] = [];
    for (const name of grants.userPermissions) {
        const risk = highRiskPermission(name);
        if (risk) risks.push(risk);
    }
    for (const key of grants.objects) {
        const dot = key.lastIndexOf('.');
        const risk = highRiskObjectAccess(
            key.slice(0, dot),
            key.slice(dot + 1) as ObjectAccess
        );
        if (risk) risks.push(risk);
    }
    return risks;
}

function push(
    map: Map<string, GrantSource[]>,
    key: string,
    source: GrantSource
): void {
    map.set(key, [...(map.get(key) ?? []), source]);
}

const KINDS = ['userPermissions', 'objects', 'fields', 'entities'] as const;

/** Resolves one user's effective access from the fetched rows. */
export function effectiveAccess(
    row: UserRow,
    snapshot: Snapshot,
    details: Details,
    now: Date
): EffectiveAccess {
    const access: EffectiveAccess = {
        user: {
            id: row.Id,
            username: row.Username,
            isActive: row.IsActive,
            isFrozen: snapshot.frozen.get(row.Id) ?? false,
            lastLoginDate: row.LastLoginDate,
            profileId: row.ProfileId,
            profileName: row.Profile?.Name ?? '(unknown profile)',
            licenseName: row.Profile?.UserLicense?.Name ?? null
        },
        assignments: [],
        userPermissions: new Map(),
        objects: new Map(),
        fields: new Map(),
        entities: new Map(),
        muted: new Map(),
        setGrants: new Map(),
        oauthGrants: snapshot.tokens
            .filter((token) => token.UserId === row.Id)
            .map((token) => ({
                appName: token.AppName ?? '',
                useCount: token.UseCount,
                lastUsedDate: token.LastUsedDate
            })),
        passwordExpired: details.passwordExpired.get(row.Id)
    };
    for (const assignment of row.PermissionSetAssignments) {
        const set = snapshot.sets.get(assignment.PermissionSetId);
        const expired =
            assignment.ExpirationDate !== null &&
            new Date(assignment.ExpirationDate).getTime() <= now.getTime();
        const group = assignment.PermissionSetGroupId
            ? assignment.PermissionSetGroup
            : null;
        const source: GrantSource = group
            ? { kind: 'permissionSetGroup', name: group.DeveloperName }
            : set?.IsOwnedByProfile
              ? { kind: 'profile', name: access.user.profileName }
              : {
                    kind: 'permissionSet',
                    name: set?.Name ?? assignment.PermissionSetId
                };
        const componentIds = snapshot.components
            .filter(
                (c) =>
                    c.PermissionSetGroupId === assignment.PermissionSetGroupId
            )
            .map((c) => c.PermissionSetId);
        const record: Assignment = {
            source,
            expirationDate: assignment.ExpirationDate,
            expired,
            groupStatus: group?.Status,
            mutingSets: group
                ? componentIds
                      .filter(isMuting)
                      .map((id) => details.mutingNames.get(id) ?? id)
                : undefined
        };
        access.assignments.push(record);
        if (expired && set) {
            // What renewing it would bring back, so that no fix suggests renewing high-risk
            // grants without saying so (issue 20, item 6).
            record.highRisk = highRiskGrants(
                grantsOf(set, details.entityNames, details.tabs)
            );
        }
        if (expired || !set) {
            continue;
        }
        const own = grantsOf(set, details.entityNames, details.tabs);
        if (!group) {
            if (source.kind === 'permissionSet') {
                access.setGrants.set(source.name, own.userPermissions);
            }
            for (const kind of KINDS) {
                own[kind].forEach((key) => push(access[kind], key, source));
            }
            continue;
        }
        // A group: attribute each aggregate grant to the components that hold it.
        const components = componentIds
            .filter((id) => !isMuting(id))
            .map((id) => details.componentSets.get(id))
            .filter((c): c is SetRow => c !== undefined)
            .map((c) => ({
                name: c.Name,
                grants: grantsOf(c, details.entityNames, details.tabs)
            }));
        components.forEach((c) =>
            access.setGrants.set(c.name, c.grants.userPermissions)
        );
        for (const kind of KINDS) {
            own[kind].forEach((key) =>
                push(access[kind], key, {
                    ...source,
                    via: components
                        .filter((c) => c.grants[kind].has(key))
                        .map((c) => c.name)
                })
            );
            // Muting of setup entity access is not checked (not emulated either). An aggregate
            // that is not Updated may lag its components: no muting is inferred from it then
            // (the group rule warns about the status instead).
            if (kind === 'entities' || group.Status !== 'Updated') {
                continue;
            }
            const componentKeys = new Set(
                components.flatMap((c) => [...c.grants[kind]])
            );
            for (const key of componentKeys) {
                if (!own[kind].has(key)) {
                    access.muted.set(key, [
                        ...(access.muted.get(key) ?? []),
                        {
                            group: source.name,
                            via: components
                                .filter((c) => c.grants[kind].has(key))
                                .map((c) => c.name),
                            mutingSets: record.mutingSets ?? []
                        }
                    ]);
                }
            }
        }
    }
    return access;
}
