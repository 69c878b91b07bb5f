// A permission set group's aggregate permission set (Type = 'Group'): the union of its
// permission sets, less whatever its muting permission sets mute. Recomputed whenever a
// component or a component's permissions change; the group's Status is then 'Updated'.

import type { FieldValue, SObjectRecord } from '../schema/types';
import {
    OBJECT_PERMISSION_FIELDS,
    type ObjectPermissionField
} from '../schema/permissions';
import type { Org } from './org';

const SYSTEM = { system: true, skipRules: true } as const;

export function aggregateSetOf(
    org: Org,
    groupId: string
): SObjectRecord | undefined {
    return org.first(
        'PermissionSet',
        (set) => set.Type === 'Group' && set.PermissionSetGroupId === groupId
    );
}

function components(
    org: Org,
    groupId: string
): { sets: string[]; mutes: string[] } {
    const ids = org
        .find(
            'PermissionSetGroupComponent',
            (row) => row.PermissionSetGroupId === groupId
        )
        .map((row) => String(row.PermissionSetId));
    const muteObject = org.schema.require('MutingPermissionSet');
    return {
        sets: ids.filter((id) => !id.startsWith(muteObject.keyPrefix)),
        mutes: ids.filter((id) => id.startsWith(muteObject.keyPrefix))
    };
}

function userPermissions(
    org: Org,
    sets: string[],
    mutes: string[]
): Record<string, FieldValue> {
    const values: Record<string, FieldValue> = {};
    const setRows = sets
        .map((id) => org.get('PermissionSet', id))
        .filter((row) => row);
    const muteRows = mutes
        .map((id) => org.get('MutingPermissionSet', id))
        .filter((row) => row);
    for (const definition of org.schema.require('PermissionSet').fields) {
        if (!definition.name.startsWith('Permissions')) {
            continue;
        }
        const granted = setRows.some((row) => row?.[definition.name] === true);
        const muted = muteRows.some((row) => row?.[definition.name] === true);
        values[definition.name] = granted && !muted;
    }
    return values;
}

/** Later flags need earlier ones: once Read is gone nothing else stays, and so on. */
function enforceObjectDependencies(
    flags: Record<ObjectPermissionField, boolean>
): void {
    if (!flags.PermissionsRead) {
        for (const name of OBJECT_PERMISSION_FIELDS) {
            flags[name] = false;
        }
    }
    if (!flags.PermissionsEdit) {
        flags.PermissionsDelete = false;
    }
    if (!flags.PermissionsDelete || !flags.PermissionsViewAllRecords) {
        flags.PermissionsModifyAllRecords = false;
    }
}

function objectPermissions(
    org: Org,
    sets: string[],
    mutes: string[]
): SObjectRecord[] {
    const byObject = new Map<string, Record<ObjectPermissionField, boolean>>();
    for (const row of org.find('ObjectPermissions', (r) =>
        sets.includes(String(r.ParentId))
    )) {
        const key = String(row.SobjectType);
        const flags =
            byObject.get(key) ??
            (Object.fromEntries(
                OBJECT_PERMISSION_FIELDS.map((name) => [name, false])
            ) as Record<ObjectPermissionField, boolean>);
        for (const name of OBJECT_PERMISSION_FIELDS) {
            flags[name] = flags[name] || row[name] === true;
        }
        byObject.set(key, flags);
    }
    for (const row of org.find('ObjectPermissions', (r) =>
        mutes.includes(String(r.ParentId))
    )) {
        const flags = byObject.get(String(row.SobjectType));
        for (const name of OBJECT_PERMISSION_FIELDS) {
            if (flags && row[name] === true) {
                flags[name] = false;
            }
        }
    }
    const rows: SObjectRecord[] = [];
    for (const [sobjectType, flags] of byObject) {
        enforceObjectDependencies(flags);
        if (flags.PermissionsRead) {
            rows.push({ SobjectType: sobjectType, ...flags });
        }
    }
    return rows;
}

function fieldPermissions(
    org: Org,
    sets: string[],
    mutes: string[]
): SObjectRecord[] {
    const byField = new Map<
        string,
        { read: boolean; edit: boolean; type: string }
    >();
    for (const row of org.find('FieldPermissions', (r) =>
        sets.includes(String(r.ParentId))
    )) {
        const key = String(row.Field);
        const entry = byField.get(key) ?? {
            read: false,
            edit: false,
            type: String(row.SobjectType)
        };
        entry.read = entry.read || row.PermissionsRead === true;
        entry.edit = entry.edit || row.PermissionsEdit === true;
        byField.set(key, entry);
    }
    for (const row of org.find('FieldPermissions', (r) =>
        mutes.includes(String(r.ParentId))
    )) {
        const entry = byField.get(String(row.Field));
        if (entry) {
            entry.read = entry.read && row.PermissionsRead !== true;
            entry.edit = entry.edit && row.PermissionsEdit !== true;
        }
    }
    return [...byField]
        .filter(([, entry]) => entry.read)
        .map(([fieldName, entry]) => ({
            SobjectType: entry.type,
            Field: fieldName,
            PermissionsRead: true,
            PermissionsEdit: entry.edit
        }));
}

/**
 * The components' tab settings, the most permissive per tab (Salesforce Help, "Tab Settings":
 * "the most permissive setting applies"). Muting of tab settings is not emulated.
 */
function tabSettings(org: Org, sets: string[]): Map<string, string> {
    const byTab = new Map<string, string>();
    for (const row of org.find('PermissionSetTabSetting', (r) =>
        sets.includes(String(r.ParentId))
    )) {
        const name = String(row.Name);
        if (byTab.get(name) !== 'DefaultOn') {
            byTab.set(
                name,
                row.Visibility === 'DefaultOn' ? 'DefaultOn' : 'DefaultOff'
            );
        }
    }
    return byTab;
}

export function recomputeGroup(org: Org, groupId: string): void {
    const aggregate = aggregateSetOf(org, groupId);
    if (!aggregate) {
        return;
    }
    const aggregateId = String(aggregate.Id);
    const { sets, mutes } = components(org, groupId);
    org.dml.update(
        'PermissionSet',
        aggregateId,
        userPermissions(org, sets, mutes),
        SYSTEM
    );
    for (const type of [
        'ObjectPermissions',
        'FieldPermissions',
        'SetupEntityAccess',
        'PermissionSetTabSetting'
    ]) {
        for (const row of org.find(type, (r) => r.ParentId === aggregateId)) {
            org.dml.delete(type, String(row.Id), SYSTEM);
        }
    }
    for (const row of objectPermissions(org, sets, mutes)) {
        org.dml.create(
            'ObjectPermissions',
            { ...row, ParentId: aggregateId },
            SYSTEM
        );
    }
    for (const row of fieldPermissions(org, sets, mutes)) {
        org.dml.create(
            'FieldPermissions',
            { ...row, ParentId: aggregateId },
            SYSTEM
        );
    }
    const entities = new Set(
        org
            .find('SetupEntityAccess', (r) => sets.includes(String(r.ParentId)))
            .map((r) => String(r.SetupEntityId))
    );
    for (const entityId of entities) {
        org.dml.create(
            'SetupEntityAccess',
            {
                ParentId: aggregateId,
                SetupEntityId: entityId,
                SetupEntityType: org.schema.objectForId(entityId)?.name ?? null
            },
            SYSTEM
        );
    }
    for (const [name, visibility] of tabSettings(org, sets)) {
        org.dml.create(
            'PermissionSetTabSetting',
            { ParentId: aggregateId, Name: name, Visibility: visibility },
            SYSTEM
        );
    }
    org.dml.update(
        'PermissionSetGroup',
        groupId,
        { Status: 'Updated' },
        SYSTEM
    );
}

/** Recomputes every group that has this permission set or muting set as a component. */
export function recomputeGroupsContaining(
    org: Org,
    permissionSetId: string
): void {
    const groups = new Set(
        org
            .find(
                'PermissionSetGroupComponent',
                (row) => row.PermissionSetId === permissionSetId
            )
            .map((row) => String(row.PermissionSetGroupId))
    );
    for (const groupId of groups) {
        recomputeGroup(org, groupId);
    }
}
