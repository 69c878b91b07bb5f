import { QueryError, type OrgClient } from '../org/client';
import { inList, quote } from '../access/soql';
import type { UserDefinition } from './definition';

type UserRow = Record<string, unknown> & {
    Id: string;
    Username: string;
    ProfileId: string;
    IsActive: boolean;
};

/** Everything provision needs to know about the org, read in one composite call. */
export interface OrgState {
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

export class StateQueryError extends Error {}

/** `--unique-username`: the org id appended, as the sf CLI does for scratch-org users. */
export function uniqueName(username: string, orgId: string): string {
    return `${username}.${orgId.slice(0, 15).toLowerCase()}`;
}

/** Reads the state for one user: 1 API call (Composite API, up to 9 queries). */
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
    const assigneeFilter = uniqueUsername
        ? `Assignee.Username LIKE ${like}`
        : `Assignee.Username = ${quote(username)}`;
    const optional = (
        names: string[],
        soql: (list: string) => string
    ): string | undefined =>
        names.length > 0 ? soql(inList(names)) : undefined;
    const queries: Record<string, string | undefined> = {
        org: 'SELECT Id FROM Organization',
        user:
            'SELECT Id, Username, FirstName, LastName, Email, Alias, TimeZoneSidKey, LocaleSidKey, ' +
            `EmailEncodingKey, LanguageLocaleKey, ProfileId, IsActive FROM User WHERE ${userFilter}`,
        profile: `SELECT Id, Name, UserLicenseId, UserLicense.Name FROM Profile WHERE Name = ${quote(definition.profileName)}`,
        license: `SELECT Id, Name, TotalLicenses, UsedLicenses FROM UserLicense WHERE Name = ${quote(definition.license)}`,
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
        assignments:
            'SELECT Id, AssigneeId, PermissionSetId, PermissionSetGroupId, ExpirationDate FROM PermissionSetAssignment ' +
            `WHERE ${assigneeFilter} AND PermissionSet.IsOwnedByProfile = false`,
        licenseAssignments: `SELECT Id, AssigneeId, PermissionSetLicenseId FROM PermissionSetLicenseAssign WHERE ${assigneeFilter}`
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
    const user = get<UserRow>('user').find(
        (row) => row.Username.toLowerCase() === finalName.toLowerCase()
    );
    const mine = <T extends { AssigneeId: string }>(rows: T[]): T[] =>
        rows.filter((row) => row.AssigneeId === user?.Id);
    return {
        orgId,
        username: finalName,
        user,
        profile: get<NonNullable<OrgState['profile']>>('profile')[0],
        license: get<NonNullable<OrgState['license']>>('license')[0],
        permissionSetLicenses: get('permissionSetLicenses'),
        groups: get('groups'),
        permissionSets: get('permissionSets'),
        assignments: mine(get('assignments')),
        licenseAssignments: mine(get('licenseAssignments'))
    };
}
