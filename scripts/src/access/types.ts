/** Shared types of the access model: grants, their sources, and verify's results. */

export const OBJECT_ACCESS = [
    'read',
    'create',
    'edit',
    'delete',
    'viewAll',
    'modifyAll'
] as const;
export type ObjectAccess = (typeof OBJECT_ACCESS)[number];

export const ACCESS_WORDS: Record<ObjectAccess, string> = {
    read: 'Read',
    create: 'Create',
    edit: 'Edit',
    delete: 'Delete',
    viewAll: 'View All',
    modifyAll: 'Modify All'
};

/** Setup entity kinds a contract names (SetupEntityAccess types, and tabs). */
export const ENTITY_KINDS = [
    'apexClasses',
    'apexPages',
    'customPermissions',
    'connectedApps',
    'tabs'
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const ENTITY_LABELS: Record<EntityKind, string> = {
    apexClasses: 'Apex class',
    apexPages: 'Visualforce page',
    customPermissions: 'custom permission',
    connectedApps: 'connected / external client app',
    tabs: 'tab'
};

export type SourceKind = 'profile' | 'permissionSet' | 'permissionSetGroup';

export interface GrantSource {
    kind: SourceKind;
    /** Profile name, permission set API name or group developer name. */
    name: string;
    /** For a group: the component permission sets that grant it. */
    via?: string[];
}

export interface Assignment {
    source: GrantSource;
    expirationDate: string | null;
    expired: boolean;
    /** For a group: its Status (`Updated` when the aggregate reflects components and muting). */
    groupStatus?: string;
    /** For a group: its muting permission sets. */
    mutingSets?: string[];
    /** For an expired assignment: the high-risk grants renewing it would bring back. */
    highRisk?: { key: string; reason: string; source: string }[];
}

export interface UserFacts {
    id: string;
    username: string;
    isActive: boolean;
    isFrozen: boolean;
    lastLoginDate: string | null;
    profileName: string;
    profileId: string;
    licenseName: string | null;
}

/** A grant that a group's component gives but the group's muting takes away. */
export interface MutedGrant {
    group: string;
    via: string[];
    mutingSets: string[];
}

/** Keys: user permission name; `Object.access`; `Object.Field:read|edit`; `kind:Name`. */
export interface EffectiveAccess {
    user: UserFacts;
    assignments: Assignment[];
    userPermissions: Map<string, GrantSource[]>;
    objects: Map<string, GrantSource[]>;
    fields: Map<string, GrantSource[]>;
    entities: Map<string, GrantSource[]>;
    muted: Map<string, MutedGrant[]>;
    /** User permissions each assigned set grants on its own (direct sets and group components). */
    setGrants: Map<string, Set<string>>;
    /** OAuth grants (OauthToken rows) the org holds for the user. */
    oauthGrants: {
        appName: string;
        useCount: number | null;
        lastUsedDate: string | null;
    }[];
    /** GET /sobjects/User/{id}/password `isExpired`, when it was read. */
    passwordExpired?: boolean;
}

export type RuleStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface RuleResult {
    contract: string;
    /** Stable id, e.g. `userPermissions.require.ApiEnabled`, `unlisted.objects.Task.edit`. */
    rule: string;
    status: RuleStatus;
    expected: string;
    actual: string;
    /** Which profile, set or group grants it (or holds the unlisted grant). */
    grantedBy: string[];
    /** How to fix it, when it is not a pass. */
    fix?: string;
}

/** Profile login restrictions from the Tooling API's Profile.Metadata. */
export interface ProfileLogin {
    ipRanges: number;
    hasLoginHours: boolean;
}

export function objectKey(object: string, access: ObjectAccess): string {
    return `${object}.${access}`;
}

export function fieldKey(field: string, access: 'read' | 'edit'): string {
    return `${field}:${access}`;
}

export function entityKey(kind: EntityKind, name: string): string {
    return `${kind}:${name}`;
}

/** `profile "X"`, `permission set "Y"`, `permission set group "Z" (via A, B)`. */
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
