import type { QueryResult } from '../org/client';

// The shapes assign reads, plans, writes and reports.

export interface AssignTargets {
    permissionSets: string[];
    permissionSetGroups: string[];
    permissionSetLicenses: string[];
}

export type UserSelector = { usernames: string[] } | { where: string };

export interface AssignOptions {
    dryRun: boolean;
    /** More records than this go through Bulk API 2.0 instead of sObject Collections. */
    bulkThreshold: number;
    onProgress?: (message: string) => void;
    /** The time expiry is judged against (tests); default now. */
    now?: Date;
    /** The SFDX project whose sharing sets cover portal profiles (sharing-coverage.ts); default '.'. */
    projectDir?: string;

    /** Aborts a running Bulk API 2.0 job (SIGINT); the report then says what was written. */
    signal?: AbortSignal;
}

export interface FailedRecord {
    username: string;
    target: string;
    errorCode: string;
    message: string;
}

export interface AssignReport {
    users: number;
    missingUsers: string[];
    /** Usernames given more than once (any letter case): written once, reported here once. */
    duplicateUsernames: string[];
    /** SIGINT stopped the run: the Bulk job was aborted; the counts are what the org holds. */
    interrupted?: boolean;
    alreadyAssigned: number;
    planned: number;
    created: number;
    /** Expired assignments found and renewed (ExpirationDate cleared). */
    renewed: number;
    /** Of `created`: records whose answer was lost, found written when the org was re-read. */
    reconciled: number;
    failed: FailedRecord[];
    mode: 'none' | 'collections' | 'bulk';
    apiCalls: number;
    /** Portal profiles no sharing set covers (sharing-coverage.ts). */
    warnings: string[];
}

export class AssignError extends Error {}

export interface Target {
    kind: 'set' | 'group' | 'license';
    name: string;
    id: string;
}

export interface UserRow {
    Id: string;
    Username: string;
    UserType?: string | null;
    Profile?: { Name?: string | null } | null;
}

export interface PlannedRecord {
    sobject: 'PermissionSetAssignment' | 'PermissionSetLicenseAssign';
    fields: Record<string, string>;
    username: string;
    target: string;
}

/** An expired assignment to renew in place. */
export interface Renewal {
    Id: string;
    username: string;
    target: string;
}

export interface HeldRow {
    Id: string;
    PermissionSetId?: string;
    PermissionSetGroupId?: string | null;
    PermissionSetLicenseId?: string;
    ExpirationDate?: string | null;
}

export type UserWithHeld = UserRow & {
    PermissionSetAssignments?: QueryResult<HeldRow> | null;
    PermissionSetLicenseAssignments?: QueryResult<HeldRow> | null;
};
