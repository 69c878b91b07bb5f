import { QueryError, type OrgClient, type QueryResult } from '../org/client';
import { inList, quote } from '../org/soql';
import type { UserDefinition } from './definition';
import {
    heldSeatsQuery,
    readPackageState,
    type HeldPackageSeat,
    type PackageState
} from './package-licenses';

type UserRow = Record<string, unknown> & {
    Id: string;
    Username: string;
    ProfileId: string;
    IsActive: boolean;
    Name: string;
    Email: string;
    LastLoginDate: string | null;
    Profile: { Name: string; UserLicense: { Name: string } | null } | null;
};

/** Everything provision needs to know about the org, read in one composite call. */
export interface OrgState extends PackageState {
    orgId: string;
    /** The username provision works on (with the org id appended under --unique-username). */
    username: string;
    user: UserRow | undefined;
    profile:
        | {
              Id: string;
              Name: string;
              UserLicenseId: string;
              UserLicense: { Name: string } | null;
          }
        | undefined;
    license:
        | {
              Id: string;
              Name: string;
              TotalLicenses: number;
              UsedLicenses: number;
          }
        | undefined;
    permissionSetLicenses: {
        Id: string;
        DeveloperName: string;
        MasterLabel: string;
        TotalLicenses: number;
        UsedLicenses: number;
    }[];
    groups: { Id: string; DeveloperName: string; Status: string }[];
    permissionSets: { Id: string; Name: string; LicenseId: string | null }[];
    assignments: {
        Id: string;
        AssigneeId: string;
        PermissionSetId: string;
        PermissionSetGroupId: string | null;
        ExpirationDate: string | null;
    }[];
    licenseAssignments: {
        Id: string;
        AssigneeId: string;
        PermissionSetLicenseId: string;
    }[];
}

/** A child relationship in a query result: null when the parent has no such rows. */
type Children<T> = QueryResult<T> | null;

type UserWithChildren = UserRow & {
    PermissionSetAssignments: Children<OrgState['assignments'][number]>;
    PermissionSetLicenseAssignments: Children<
        OrgState['licenseAssignments'][number]
    >;
};

interface ProfileWithLicense {
    Id: string;
    Name: string;
    UserLicenseId: string;
    UserLicense: {
        Name: string;
        TotalLicenses: number;
        UsedLicenses: number;
    } | null;
}

export class StateQueryError extends Error {}

/** `--unique-username`: the org id appended, as the sf CLI does for scratch-org users. */
export function uniqueName(username: string, orgId: string): string {
    return `${username}.${orgId.slice(0, 15).toLowerCase()}`;
}

/**
 * Reads the state for one user in 1 API call: at most 5 queries in one composite (the documented
 * limit, REST API Developer Guide, "Composite"). The user's set and licence assignments ride on the
 * user query as relationship subqueries, the licence on the profile query. With
 * `--unique-username` the org id needs a sixth query, so that mode takes 2 calls.
 */
export async function readState(
    client: OrgClient,
    definition: UserDefinition,
    username: string,
    uniqueUsername: boolean
): Promise<OrgState> {
    // With --unique-username the final name is known only after this call: match by prefix and
    // pick the exact one below.
    const like = quote(`${username.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
    const userFilter = uniqueUsername
        ? `Username LIKE ${like}`
        : `Username = ${quote(username)}`;
    const optional = (
        names: string[],
        soql: (list: string) => string
    ): string | undefined =>
        names.length > 0 ? soql(inList(names)) : undefined;
    const queries: Record<string, string | undefined> = {
        org: uniqueUsername ? 'SELECT Id FROM Organization' : undefined,
        user:
            'SELECT Id, Username, FirstName, LastName, Email, Alias, TimeZoneSidKey, LocaleSidKey, ' +
            'EmailEncodingKey, LanguageLocaleKey, ProfileId, IsActive, Name, LastLoginDate, ' +
            'Profile.Name, Profile.UserLicense.Name, ' +
            '(SELECT Id, AssigneeId, PermissionSetId, PermissionSetGroupId, ExpirationDate FROM PermissionSetAssignments ' +
            'WHERE PermissionSet.IsOwnedByProfile = false), ' +
            '(SELECT Id, AssigneeId, PermissionSetLicenseId FROM PermissionSetLicenseAssignments) ' +
            `FROM User WHERE ${userFilter}`,
        profile:
            'SELECT Id, Name, UserLicenseId, UserLicense.Name, UserLicense.TotalLicenses, UserLicense.UsedLicenses ' +
            `FROM Profile WHERE Name = ${quote(definition.profileName)}`,
        permissionSetLicenses: optional(
            definition.permissionSetLicenses,
            (list) =>
                `SELECT Id, DeveloperName, MasterLabel, TotalLicenses, UsedLicenses FROM PermissionSetLicense WHERE DeveloperName IN ${list}`
        ),
        groups: optional(
            definition.permissionSetGroups,
            (list) =>
                `SELECT Id, DeveloperName, Status FROM PermissionSetGroup WHERE DeveloperName IN ${list}`
        ),
        permissionSets: optional(
            definition.permsets,
            (list) =>
                `SELECT Id, Name, LicenseId FROM PermissionSet WHERE Name IN ${list}`
        ),
        packageSeats: heldSeatsQuery(definition.packageLicenses, userFilter)
    };
    let records: Map<string, unknown[]>;
    try {
        records = await client.queries(
            Object.entries(queries)
                .filter(
                    (entry): entry is [string, string] => entry[1] !== undefined
                )
                .map(([referenceId, soql]) => ({ referenceId, soql }))
        );
    } catch (error) {
        if (error instanceof QueryError) {
            throw new StateQueryError(
                `reading ${error.referenceId} failed: ${error.errorCode}: ${error.detail}`
            );
        }
        throw error;
    }
    const get = <T>(key: string): T[] => (records.get(key) ?? []) as T[];
    const orgId = get<{ Id: string }>('org')[0]?.Id ?? '';
    const finalName = uniqueUsername ? uniqueName(username, orgId) : username;
    const user = get<UserWithChildren>('user').find(
        (row) => row.Username.toLowerCase() === finalName.toLowerCase()
    );
    const profile = get<ProfileWithLicense>('profile')[0];
    const licence = profile?.UserLicense;
    const {
        PermissionSetAssignments,
        PermissionSetLicenseAssignments,
        ...userRow
    } = user ?? ({} as UserWithChildren);
    return {
        orgId,
        username: finalName,
        user: user ? (userRow as UserRow) : undefined,
        profile: profile
            ? {
                  Id: profile.Id,
                  Name: profile.Name,
                  UserLicenseId: profile.UserLicenseId,
                  UserLicense: licence ? { Name: licence.Name } : null
              }
            : undefined,
        license: licence
            ? {
                  Id: profile.UserLicenseId,
                  Name: licence.Name,
                  TotalLicenses: licence.TotalLicenses,
                  UsedLicenses: licence.UsedLicenses
              }
            : undefined,
        permissionSetLicenses: get('permissionSetLicenses'),
        groups: get('groups'),
        permissionSets: get('permissionSets'),
        assignments: await client.children(PermissionSetAssignments),
        licenseAssignments: await client.children(
            PermissionSetLicenseAssignments
        ),
        ...(await readPackageState(
            client,
            definition.packageLicenses,
            get<HeldPackageSeat>('packageSeats'),
            finalName
        ))
    };
}
