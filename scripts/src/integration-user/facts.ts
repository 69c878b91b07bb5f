// What the credential actions read about the integration user, in one Composite API call of
// four queries (within the documented limit of 5 query subrequests a call).

import type { OrgClient } from '../org/client';
import { CredentialsError } from './errors';
import { quote } from '../org/soql';

export interface UserRow {
    Id: string;
    Username: string;
    Email: string | null;
    FirstName: string | null;
    LastName: string | null;
    IsActive: boolean;
    LastLoginDate: string | null;
    LastPasswordChangeDate: string | null;
}

export interface GrantRow {
    AppName: string | null;
    UseCount: number | null;
    LastUsedDate: string | null;
    CreatedDate: string | null;
}

export interface UserFacts {
    user: UserRow;
    /** UserLogin.Id and IsFrozen (Object Reference, "UserLogin"). */
    login: { Id: string; IsFrozen: boolean } | undefined;
    /** From an active, unexpired assignment of any set, group or the profile's own set. */
    apiUserOnly: boolean;
    passwordNeverExpires: boolean;
    /** OAuth grants the org holds for the user (OauthToken rows), every app. */
    grants: GrantRow[];
}

interface AssignmentRow {
    ExpirationDate: string | null;
    PermissionSet: {
        PermissionsApiUserOnly: boolean | null;
        PermissionsPasswordNeverExpires: boolean | null;
    } | null;
}

export async function fetchUserFacts(
    client: OrgClient,
    username: string,
    now: Date = new Date()
): Promise<UserFacts> {
    const byName = `(SELECT Id FROM User WHERE Username = ${quote(username)})`;
    const results = await client.queries([
        {
            referenceId: 'user',
            soql: `SELECT Id, Username, Email, FirstName, LastName, IsActive, LastLoginDate, LastPasswordChangeDate FROM User WHERE Username = ${quote(username)}`
        },
        {
            referenceId: 'login',
            soql: `SELECT Id, IsFrozen FROM UserLogin WHERE UserId IN ${byName}`
        },
        {
            referenceId: 'assignments',
            soql: `SELECT ExpirationDate, PermissionSet.PermissionsApiUserOnly, PermissionSet.PermissionsPasswordNeverExpires FROM PermissionSetAssignment WHERE AssigneeId IN ${byName}`
        },
        {
            referenceId: 'grants',
            soql: `SELECT AppName, UseCount, LastUsedDate, CreatedDate FROM OauthToken WHERE UserId IN ${byName}`
        }
    ]);
    const user = (results.get('user') as UserRow[] | undefined)?.[0];
    if (!user) {
        throw new CredentialsError(
            'UNKNOWN_USER',
            `Unknown user "${username}" in this org: pass --user <username>, or provision it first (npm run provision).`
        );
    }
    const active = (
        (results.get('assignments') as AssignmentRow[] | undefined) ?? []
    ).filter(
        (row) =>
            row.ExpirationDate === null ||
            new Date(row.ExpirationDate).getTime() > now.getTime()
    );
    const login = (
        results.get('login') as { Id: string; IsFrozen: boolean }[] | undefined
    )?.[0];
    return {
        user,
        login,
        apiUserOnly: active.some(
            (row) => row.PermissionSet?.PermissionsApiUserOnly === true
        ),
        passwordNeverExpires: active.some(
            (row) => row.PermissionSet?.PermissionsPasswordNeverExpires === true
        ),
        grants: (results.get('grants') as GrantRow[] | undefined) ?? []
    };
}

/** Password actions are for the integration (API-only) user, never a person's login. */
export function requireApiOnly(facts: UserFacts): void {
    if (!facts.apiUserOnly) {
        throw new CredentialsError(
            'NOT_API_ONLY',
            `${facts.user.Username} is not an API-only user (no active permission set, group or profile grants ApiUserOnly): ` +
                'the credentials commands manage the integration user only. Assign Case_Portal_Integration (npm run provision) ' +
                'or pick the integration user with --user.'
        );
    }
}
