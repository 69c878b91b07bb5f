import { unknownNameMessage, type NamedKind } from '../org/names';
import type { OrgClient } from '../org/client';
import { quote } from '../org/soql';
import { USER_FIELDS, type UserDefinition } from './definition';
import {
    noFreeLicence,
    noFreePermissionSetLicence,
    notTheIntegrationUser,
    wrongLicence
} from './messages';
import { packageLicenseSteps, resolvePackageIds } from './package-licenses';
import type { OrgState } from './state';
import { ProvisionError, type PlanStep, type ProvisionPlan } from './types';

// From the org's state and the definition to a plan: names resolved to ids, the steps that differ.

async function notFound(
    client: OrgClient,
    kind: NamedKind,
    name: string
): Promise<ProvisionError> {
    return new ProvisionError(
        await unknownNameMessage(client, kind, name),
        'NOT_FOUND'
    );
}

/** The org's profiles on a licence (only on the wrong-licence error path): the hint is true. */
async function profilesOn(
    client: OrgClient,
    license: string
): Promise<string[]> {
    const rows = await client.query<{ Name: string }>(
        `SELECT Name FROM Profile WHERE UserLicense.Name = ${quote(license)} ORDER BY Name`
    );
    return rows.map((row) => row.Name);
}

export interface Resolved {
    state: OrgState;
    profileId: string;
    licenseIds: Map<string, string>;
    groupIds: Map<string, string>;
    setIds: Map<string, string>;
    /** Namespace prefix → PackageLicense id. */
    packageIds: Map<string, string>;
}

export async function resolve(
    client: OrgClient,
    definition: UserDefinition,
    state: OrgState
): Promise<Resolved> {
    if (!state.profile) {
        throw await notFound(client, 'profile', definition.profileName);
    }
    if (!state.license) {
        throw await notFound(client, 'userLicense', definition.license);
    }
    // A licence name the org does not know is named as such (with the nearest names), never
    // reported as a profile on the wrong licence (issue 20, item 13).
    const profileLicense = state.profile.UserLicense?.Name;
    if (profileLicense !== definition.license) {
        const licences = await client.query<{ Name: string }>(
            'SELECT Name FROM UserLicense'
        );
        if (!licences.some((row) => row.Name === definition.license)) {
            throw await notFound(client, 'userLicense', definition.license);
        }
        throw new ProvisionError(
            wrongLicence(
                state.profile.Name,
                profileLicense,
                definition.license,
                await profilesOn(client, definition.license)
            ),
            'FIELD_INTEGRITY_EXCEPTION'
        );
    }
    const idsOf = async <T extends { Id: string }>(
        kind: NamedKind,
        wanted: string[],
        rows: T[],
        key: (row: T) => string
    ): Promise<Map<string, string>> => {
        const found = new Map(rows.map((row) => [key(row), row.Id]));
        for (const name of wanted) {
            if (!found.has(name)) {
                throw await notFound(client, kind, name);
            }
        }
        return found;
    };
    const licenseIds = await idsOf(
        'permissionSetLicense',
        definition.permissionSetLicenses,
        state.permissionSetLicenses,
        (row) => row.DeveloperName
    );
    const groupIds = await idsOf(
        'permissionSetGroup',
        definition.permissionSetGroups,
        state.groups,
        (row) => row.DeveloperName
    );
    const setIds = await idsOf(
        'permissionSet',
        definition.permsets,
        state.permissionSets,
        (row) => row.Name
    );
    return {
        state,
        profileId: state.profile.Id,
        licenseIds,
        groupIds,
        setIds,
        packageIds: resolvePackageIds(definition.packageLicenses, state)
    };
}

export function wantedUserFields(
    definition: UserDefinition,
    username: string,
    profileId: string
): Record<string, unknown> {
    const fields: Record<string, unknown> = {
        ProfileId: profileId,
        IsActive: true
    };
    for (const field of USER_FIELDS) {
        fields[field] = field === 'Username' ? username : definition[field];
    }
    return fields;
}

/** Stops before writing when a licence has no free seat (Salesforce would refuse the write). */
function requireFreeSeat<
    T extends { UsedLicenses: number; TotalLicenses: number }
>(seats: T | undefined, message: (seats: T) => string): void {
    if (seats && seats.UsedLicenses >= seats.TotalLicenses) {
        throw new ProvisionError(message(seats), 'LICENSE_LIMIT_EXCEEDED');
    }
}

export function planFor(
    definition: UserDefinition,
    resolved: Resolved,
    now: Date
): ProvisionPlan {
    const { state } = resolved;
    const steps: PlanStep[] = [];
    const wanted = wantedUserFields(
        definition,
        state.username,
        resolved.profileId
    );
    if (!state.user) {
        requireFreeSeat(state.license, (seats) =>
            noFreeLicence(seats.Name, seats.UsedLicenses, seats.TotalLicenses)
        );
        steps.push({
            action: 'create-user',
            target: state.username,
            detail: `${definition.profileName} (${definition.license})`
        });
    } else {
        const changed = Object.entries(wanted)
            .filter(
                ([field, value]) =>
                    (state.user?.[field] ?? null) !== (value ?? null)
            )
            .map(([field]) => field);
        if (changed.length > 0) {
            steps.push({
                action: 'update-user',
                target: state.username,
                detail: changed.join(', ')
            });
        }
    }
    const held = new Set(
        state.licenseAssignments.map((row) => row.PermissionSetLicenseId)
    );
    for (const name of definition.permissionSetLicenses) {
        const id = resolved.licenseIds.get(name) ?? '';
        if (!held.has(id)) {
            const psl = state.permissionSetLicenses.find(
                (row) => row.Id === id
            );
            requireFreeSeat(psl, (seats) =>
                noFreePermissionSetLicence(
                    seats.MasterLabel,
                    seats.UsedLicenses,
                    seats.TotalLicenses
                )
            );
            steps.push({
                action: 'assign-permission-set-license',
                target: name
            });
        }
    }
    steps.push(
        ...packageLicenseSteps(
            definition.packageLicenses,
            resolved.packageIds,
            state,
            now
        )
    );
    const assignmentStep = (
        kind: 'group' | 'set',
        name: string,
        id: string
    ): void => {
        const existing = state.assignments.find(
            (row) =>
                (kind === 'group'
                    ? row.PermissionSetGroupId
                    : row.PermissionSetId) === id
        );
        if (!existing) {
            steps.push({
                action:
                    kind === 'group'
                        ? 'assign-permission-set-group'
                        : 'assign-permission-set',
                target: name
            });
        } else if (
            existing.ExpirationDate &&
            new Date(existing.ExpirationDate).getTime() <= now.getTime()
        ) {
            steps.push({
                action: 'renew-assignment',
                target: name,
                detail: `expired ${existing.ExpirationDate}; clear ExpirationDate`
            });
        }
    };
    definition.permissionSetGroups.forEach((name) =>
        assignmentStep('group', name, resolved.groupIds.get(name) ?? '')
    );
    definition.permsets.forEach((name) =>
        assignmentStep('set', name, resolved.setIds.get(name) ?? '')
    );
    return { username: state.username, userId: state.user?.Id, steps };
}

/**
 * provision never takes over a person: a user with the definition's username that is neither on
 * the definition's profile nor on its licence is somebody else's account (an admin, a human
 * tester). It stops, says who it is and what would change; `--adopt` is the explicit way through.
 */
export function refuseToTakeOver(
    definition: UserDefinition,
    state: OrgState,
    plan: ProvisionPlan
): void {
    const user = state.user;
    if (!user) {
        return;
    }
    const profile = user.Profile?.Name;
    const licence = user.Profile?.UserLicense?.Name;
    if (profile === definition.profileName || licence === definition.license) {
        return;
    }
    throw new ProvisionError(
        notTheIntegrationUser(user, profile, licence, plan.steps),
        'NOT_INTEGRATION_USER'
    );
}
