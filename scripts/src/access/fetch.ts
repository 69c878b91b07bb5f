import type { OrgClient } from '../org/client';
import {
    failure,
    querySub,
    records,
    send,
    type Answer,
    type Sub
} from './composite-batch';
import { inList, quote } from '../org/soql';
import {
    packageSubs,
    readPackageAnswers,
    type PackageDetails
} from './package-licenses';
import type { ProfileLogin } from './types';

export { AccessQueryError } from './composite-batch';

/**
 * Every org read verify makes, in a constant number of Composite API calls however many sets and
 * groups a user holds (DESIGN section 9):
 *
 * 1. describeGlobal, PermissionSet's describe (the user permissions the org knows), the describe
 *    of each object whose fields a contract names, and five queries: the users with their
 *    assignments, every assigned permission set with FIELDS(STANDARD) (all its user permissions)
 *    and its ObjectPerms, FieldPerms and SetupEntityAccessItems, the components of the assigned
 *    groups, UserLogin (frozen) and OauthToken (grants).
 * 2. Only when needed: the groups' component sets (for attribution and muting), the muting sets'
 *    names, the names of the setup entities granted, tab settings (when the org's describeGlobal
 *    lists PermissionSetTabSetting) and the password status of each user a password-based contract
 *    names. More than 5 queries spill into a third call.
 * 3. Per profile, only for contracts with login rules: the Tooling API's Profile.Metadata.
 *
 * FIELDS() in a subquery and without LIMIT for STANDARD: SOQL and SOSL Reference, "SELECT",
 * FIELDS(). Relationship names: Object Reference, ObjectPermissions (ObjectPerms), FieldPermissions
 * (FieldPerms), SetupEntityAccess (SetupEntityAccessItems); PermissionSetTabSetting (API 45.0+).
 */

export interface ObjectPermRow {
    SobjectType: string;
    PermissionsRead: boolean;
    PermissionsCreate: boolean;
    PermissionsEdit: boolean;
    PermissionsDelete: boolean;
    PermissionsViewAllRecords: boolean;
    PermissionsModifyAllRecords: boolean;
}

export interface FieldPermRow {
    Field: string;
    PermissionsRead: boolean;
    PermissionsEdit: boolean;
}

export interface SetupEntityRow {
    SetupEntityId: string;
    SetupEntityType: string;
}

/** A permission set with every standard field (its Permissions* flags) and its children. */
export interface SetRow extends Record<string, unknown> {
    Id: string;
    Name: string;
    IsOwnedByProfile: boolean;
    ObjectPerms: ObjectPermRow[];
    FieldPerms: FieldPermRow[];
    SetupEntityAccessItems: SetupEntityRow[];
}

export interface AssignmentRow {
    Id: string;
    PermissionSetId: string;
    PermissionSetGroupId: string | null;
    ExpirationDate: string | null;
    PermissionSetGroup: { DeveloperName: string; Status: string } | null;
}

export interface UserRow {
    Id: string;
    Username: string;
    IsActive: boolean;
    LastLoginDate: string | null;
    ProfileId: string;
    Profile: { Name: string; UserLicense: { Name: string } | null } | null;
    PermissionSetAssignments: AssignmentRow[];
}

export interface ComponentRow {
    PermissionSetGroupId: string;
    PermissionSetId: string;
}

export interface TokenRow {
    UserId: string;
    AppName: string | null;
    UseCount: number | null;
    LastUsedDate: string | null;
}

export interface TabRow {
    ParentId: string;
    Name: string;
    Visibility: string;
}

/** What the org knows, from describes: for checking contracts' names. */
export interface OrgSchema {
    objects: string[];
    /** Object → its field names (only the objects whose fields contracts name). */
    fields: Map<string, string[]>;
    userPermissions: string[];
    hasTabSettings: boolean;
}

export interface Snapshot {
    schema: OrgSchema;
    users: UserRow[];
    sets: Map<string, SetRow>;
    components: ComponentRow[];
    frozen: Map<string, boolean>;
    tokens: TokenRow[];
}

export interface Details {
    /** Lower-case names of the permission sets asked about that exist. */
    presentPermissionSets: Set<string>;
    componentSets: Map<string, SetRow>;
    mutingNames: Map<string, string>;
    /** SetupEntityId → `kind:Name`. */
    entityNames: Map<string, string>;
    tabs: TabRow[];
    /** Tab settings could not be read: why. */
    tabsUnavailable?: string;
    /** User id → password isExpired. */
    passwordExpired: Map<string, boolean>;
    /** Managed package seats of the users, and the packages the contracts name (package-licenses.ts). */
    packages?: PackageDetails;
}

const OBJECT_FIELDS =
    'SobjectType, PermissionsRead, PermissionsCreate, PermissionsEdit, PermissionsDelete, PermissionsViewAllRecords, PermissionsModifyAllRecords';
const SET_QUERY =
    `SELECT FIELDS(STANDARD), (SELECT ${OBJECT_FIELDS} FROM ObjectPerms), ` +
    '(SELECT Field, PermissionsRead, PermissionsEdit FROM FieldPerms), ' +
    '(SELECT SetupEntityId, SetupEntityType FROM SetupEntityAccessItems) FROM PermissionSet';

/** Muting permission sets: key prefix 0QM (Object Reference, MutingPermissionSet). */
export const isMuting = (id: string): boolean => id.startsWith('0QM');

/**
 * SetupEntityType → contract kind and the name field of its object. Types from the Object
 * Reference, "SetupEntityAccess" (ApexClass, ApexPage, ConnectedApplication from API 28.0,
 * CustomPermission from 31.0; ServiceProvider, TabSet and CustomEntityDefinition are not checked).
 * Whether an External Client App's access shows as ConnectedApplication in a real org is unknown
 * here: the emulator represents it so (its README, "Differences from Salesforce").
 */
export const ENTITY_TYPES: Record<
    string,
    {
        kind:
            'apexClasses' | 'apexPages' | 'customPermissions' | 'connectedApps';
        nameField: string;
    }
> = {
    ApexClass: { kind: 'apexClasses', nameField: 'Name' },
    ApexPage: { kind: 'apexPages', nameField: 'Name' },
    CustomPermission: { kind: 'customPermissions', nameField: 'DeveloperName' },
    ConnectedApplication: { kind: 'connectedApps', nameField: 'Name' }
};

/** Call 1. Filters go through the usernames, so nothing waits for ids. */
export async function fetchSnapshot(
    client: OrgClient,
    usernames: string[],
    /** Objects to describe; `schema` instead when a previous chunk read it already. */
    describe: { objects: string[] } | { schema: OrgSchema }
): Promise<Snapshot> {
    const users = inList(usernames);
    const byUser = `(SELECT Id FROM User WHERE Username IN ${users})`;
    const describeObjects = 'objects' in describe ? describe.objects : [];
    const subs: Sub[] = [
        ...('objects' in describe
            ? [
                  { referenceId: 'global', path: '/sobjects', query: false },
                  {
                      referenceId: 'permissionSetDescribe',
                      path: '/sobjects/PermissionSet/describe',
                      query: false
                  }
              ]
            : []),
        ...describeObjects.map((object, index) => ({
            referenceId: `describe${index}`,
            path: `/sobjects/${encodeURIComponent(object)}/describe`,
            query: false
        })),
        querySub(
            'users',
            'SELECT Id, Username, IsActive, LastLoginDate, ProfileId, Profile.Name, Profile.UserLicense.Name, ' +
                '(SELECT Id, PermissionSetId, PermissionSetGroupId, ExpirationDate, PermissionSetGroup.DeveloperName, ' +
                'PermissionSetGroup.Status FROM PermissionSetAssignments) ' +
                `FROM User WHERE Username IN ${users}`
        ),
        querySub(
            'sets',
            `${SET_QUERY} WHERE Id IN (SELECT PermissionSetId FROM PermissionSetAssignment WHERE Assignee.Username IN ${users})`
        ),
        querySub(
            'components',
            'SELECT PermissionSetGroupId, PermissionSetId FROM PermissionSetGroupComponent WHERE PermissionSetGroupId IN ' +
                `(SELECT PermissionSetGroupId FROM PermissionSetAssignment WHERE Assignee.Username IN ${users})`
        ),
        querySub(
            'logins',
            `SELECT UserId, IsFrozen FROM UserLogin WHERE UserId IN ${byUser}`
        ),
        querySub(
            'tokens',
            `SELECT UserId, AppName, UseCount, LastUsedDate FROM OauthToken WHERE UserId IN ${byUser}`
        )
    ];
    const answers = await send(client, subs);
    const schema =
        'schema' in describe
            ? describe.schema
            : readSchema(answers, describeObjects);
    const setRows = await records<SetRow>(client, 'sets', answers.get('sets'), [
        'ObjectPerms',
        'FieldPerms',
        'SetupEntityAccessItems'
    ]);
    return {
        schema,
        users: await records<UserRow>(client, 'users', answers.get('users'), [
            'PermissionSetAssignments'
        ]),
        sets: new Map(setRows.map((row) => [row.Id, row])),
        components: await records<ComponentRow>(
            client,
            'components',
            answers.get('components'),
            []
        ),
        frozen: new Map(
            (
                await records<{ UserId: string; IsFrozen: boolean }>(
                    client,
                    'logins',
                    answers.get('logins')
                )
            ).map((row) => [row.UserId, row.IsFrozen])
        ),
        tokens: await records<TokenRow>(client, 'tokens', answers.get('tokens'))
    };
}

function readSchema(
    answers: Map<string, Answer>,
    describeObjects: string[]
): OrgSchema {
    const global = answers.get('global');
    const described = answers.get('permissionSetDescribe');
    if (
        !global ||
        global.status >= 300 ||
        !described ||
        described.status >= 300
    ) {
        throw failure('describe', global?.status !== 200 ? global : described);
    }
    const objects = (
        global.body as { sobjects: { name: string }[] }
    ).sobjects.map((o) => o.name);
    const fields = new Map<string, string[]>();
    describeObjects.forEach((object, index) => {
        const answer = answers.get(`describe${index}`);
        if (answer && answer.status < 300) {
            fields.set(
                object,
                (answer.body as { fields: { name: string }[] }).fields.map(
                    (f) => f.name
                )
            );
        }
    });
    const userPermissions = (
        described.body as { fields: { name: string }[] }
    ).fields
        .map((f) => f.name)
        .filter((name) => name.startsWith('Permissions'))
        .map((name) => name.slice('Permissions'.length));
    return {
        objects,
        fields,
        userPermissions,
        hasTabSettings: objects.includes('PermissionSetTabSetting')
    };
}

/** Call 2 (and 3 past 5 queries): only what call 1 showed is needed. */
export async function fetchDetails(
    client: OrgClient,
    snapshot: Snapshot,
    passwordUserIds: string[],
    /** Permission set names whose presence in the org a contract asks about (ifPresent). */
    permissionSetNames: string[] = [],
    /** Namespace prefixes of the managed packages the contracts name. */
    packageNamespaces: string[] = []
): Promise<Details> {
    const details: Details = {
        presentPermissionSets: new Set(),
        componentSets: new Map(),
        mutingNames: new Map(),
        entityNames: new Map(),
        tabs: [],
        passwordExpired: new Map()
    };
    const componentIds = [
        ...new Set(snapshot.components.map((c) => c.PermissionSetId))
    ];
    const setIds = componentIds.filter((id) => !isMuting(id));
    const mutingIds = componentIds.filter(isMuting);
    const parents = [...snapshot.sets.keys(), ...setIds];
    const entityIds = new Map<string, Set<string>>();
    for (const set of snapshot.sets.values()) {
        for (const item of set.SetupEntityAccessItems) {
            if (ENTITY_TYPES[item.SetupEntityType]) {
                const ids =
                    entityIds.get(item.SetupEntityType) ?? new Set<string>();
                ids.add(item.SetupEntityId);
                entityIds.set(item.SetupEntityType, ids);
            }
        }
    }
    const subs: Sub[] = [];
    if (setIds.length > 0) {
        subs.push(
            querySub(
                'componentSets',
                `${SET_QUERY} WHERE Id IN ${inList(setIds)}`
            )
        );
    }
    if (mutingIds.length > 0) {
        subs.push(
            querySub(
                'mutingSets',
                `SELECT Id, DeveloperName FROM MutingPermissionSet WHERE Id IN ${inList(mutingIds)}`
            )
        );
    }
    for (const [type, ids] of entityIds) {
        const { nameField } = ENTITY_TYPES[type] ?? { nameField: 'Name' };
        subs.push(
            querySub(
                `entity${type}`,
                `SELECT Id, ${nameField} FROM ${type} WHERE Id IN ${inList([...ids])}`
            )
        );
    }
    if (snapshot.schema.hasTabSettings && parents.length > 0) {
        subs.push(
            querySub(
                'tabs',
                `SELECT ParentId, Name, Visibility FROM PermissionSetTabSetting WHERE ParentId IN ${inList(parents)}`
            )
        );
    } else if (!snapshot.schema.hasTabSettings) {
        details.tabsUnavailable =
            'PermissionSetTabSetting is not in this org\u2019s describeGlobal';
    }
    if (permissionSetNames.length > 0) {
        subs.push(
            querySub(
                'presentSets',
                `SELECT Name FROM PermissionSet WHERE Name IN ${inList(permissionSetNames)}`
            )
        );
    }
    passwordUserIds.forEach((id, index) =>
        subs.push({
            referenceId: `password${index}`,
            path: `/sobjects/User/${id}/password`,
            query: false
        })
    );
    const userIds = snapshot.users.map((user) => user.Id);
    subs.push(...packageSubs(userIds, packageNamespaces));
    if (subs.length === 0) {
        return details;
    }
    const answers = await send(client, subs);
    details.packages = await readPackageAnswers(
        client,
        answers,
        userIds.length > 0,
        packageNamespaces
    );
    if (setIds.length > 0) {
        const rows = await records<SetRow>(
            client,
            'componentSets',
            answers.get('componentSets'),
            ['ObjectPerms', 'FieldPerms', 'SetupEntityAccessItems']
        );
        rows.forEach((row) => details.componentSets.set(row.Id, row));
    }
    if (mutingIds.length > 0) {
        for (const row of await records<{ Id: string; DeveloperName: string }>(
            client,
            'mutingSets',
            answers.get('mutingSets')
        )) {
            details.mutingNames.set(row.Id, row.DeveloperName);
        }
    }
    for (const type of entityIds.keys()) {
        const entity = ENTITY_TYPES[type];
        if (!entity) continue;
        for (const row of await records<Record<string, string>>(
            client,
            `entity${type}`,
            answers.get(`entity${type}`)
        )) {
            details.entityNames.set(
                row.Id ?? '',
                `${entity.kind}:${row[entity.nameField] ?? row.Id}`
            );
        }
    }
    if (snapshot.schema.hasTabSettings && parents.length > 0) {
        const answer = answers.get('tabs');
        if (answer && answer.status < 300) {
            details.tabs = await records<TabRow>(client, 'tabs', answer);
        } else {
            details.tabsUnavailable = failure('tabs', answer).message;
        }
    }
    if (permissionSetNames.length > 0) {
        for (const row of await records<{ Name: string }>(
            client,
            'presentSets',
            answers.get('presentSets')
        )) {
            details.presentPermissionSets.add(row.Name.toLowerCase());
        }
    }
    passwordUserIds.forEach((id, index) => {
        const answer = answers.get(`password${index}`);
        if (answer && answer.status < 300) {
            details.passwordExpired.set(
                id,
                (answer.body as { isExpired: boolean }).isExpired
            );
        }
    });
    return details;
}

/** One Tooling API call: the profile's login IP ranges and login hours (Metadata: one row a query). */
export async function fetchProfileLogin(
    client: OrgClient,
    profileId: string
): Promise<ProfileLogin> {
    const [row] = await client.query<{
        Metadata: {
            loginIpRanges?: unknown[];
            loginHours?: Record<string, unknown> | null;
        };
    }>(`SELECT Id, Metadata FROM Profile WHERE Id = ${quote(profileId)}`, true);
    const hours = row?.Metadata.loginHours;
    return {
        ipRanges: row?.Metadata.loginIpRanges?.length ?? 0,
        hasLoginHours:
            !!hours &&
            Object.values(hours).some(
                (value) => value !== null && value !== undefined && value !== ''
            )
    };
}
