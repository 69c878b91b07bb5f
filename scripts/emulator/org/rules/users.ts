// User: unique username (across all orgs), unique nickname, a free seat on the
// profile's user licence, and a UserLogin row per user.

import { DmlError } from '../../core/errors';
import type { SObjectRecord } from '../../schema/types';
import { usedUserLicenses } from '../derived';
import type { Org } from '../org';
import { licenseLimitExceeded } from './common';
import {
    refusePortalUserWithoutContact,
    refuseSelfDeactivation
} from './guards';
import { checkUsernameForm } from './user-values';
import type { ObjectRules } from './types';

function duplicateUsername(): DmlError {
    return new DmlError(
        'DUPLICATE_USERNAME',
        "Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn't need to match the user's email address). ",
        ['Username']
    );
}

function checkUsername(org: Org, record: SObjectRecord): void {
    const username = String(record.Username).toLowerCase();
    const taken =
        org.usernamesInOtherOrgs.has(username) ||
        org
            .rows('User')
            .some(
                (user) =>
                    user.Id !== record.Id &&
                    String(user.Username).toLowerCase() === username
            );
    if (taken) {
        throw duplicateUsername();
    }
}

function checkNickname(org: Org, record: SObjectRecord): void {
    if (record.CommunityNickname === null) {
        const base = String(record.Username).split('@')[0] ?? 'user';
        let nickname = base.slice(0, 30);
        for (
            let n = 1;
            org.first('User', (user) => user.CommunityNickname === nickname);
            n++
        ) {
            nickname = `${base.slice(0, 30)}${n}`;
        }
        record.CommunityNickname = nickname;
        return;
    }
    const nickname = String(record.CommunityNickname).toLowerCase();
    if (
        org
            .rows('User')
            .some(
                (user) =>
                    user.Id !== record.Id &&
                    String(user.CommunityNickname).toLowerCase() === nickname
            )
    ) {
        throw new DmlError(
            'DUPLICATE_COMM_NICKNAME',
            'Duplicate Nickname.<br>Another user has already selected this nickname.<br>Please select another.',
            ['CommunityNickname']
        );
    }
}

/** An active user takes a seat of its profile's user licence. */
function checkSeat(org: Org, record: SObjectRecord): void {
    const profile = org.get('Profile', String(record.ProfileId));
    const license = profile
        ? org.get('UserLicense', String(profile.UserLicenseId))
        : undefined;
    if (!license) {
        return;
    }
    const used = usedUserLicenses(org, String(license.Id));
    if (used >= Number(license.TotalLicenses)) {
        throw licenseLimitExceeded(String(license.Name));
    }
}

function licenseOf(org: Org, profileId: unknown): unknown {
    return org.get('Profile', String(profileId))?.UserLicenseId;
}

/**
 * A permission set tied to a user licence can only be held by users of that licence
 * (its assignment is refused otherwise, see assignments.ts), so a profile change that
 * moves the user to another licence is refused while such an assignment stands. The
 * message is the emulator's own (not confirmed, see FIDELITY.md).
 */
function checkLicenseBoundAssignments(
    org: Org,
    user: SObjectRecord,
    previousLicenseId: unknown
): void {
    if (typeof previousLicenseId !== 'string') {
        return;
    }
    const bound = org
        .find('PermissionSetAssignment', (row) => row.AssigneeId === user.Id)
        .map((row) => org.get('PermissionSet', String(row.PermissionSetId)))
        .find(
            (set) =>
                set !== undefined &&
                set.IsOwnedByProfile !== true &&
                set.LicenseId === previousLicenseId
        );
    if (bound) {
        throw new DmlError(
            'FIELD_INTEGRITY_EXCEPTION',
            `The user license can't change while permission set ${String(bound.Name)}, which requires the current user license, is assigned to the user.`,
            ['ProfileId']
        );
    }
}

/** Every user has an assignment of its profile's permission set (IsOwnedByProfile). */
function assignProfileSet(org: Org, user: SObjectRecord): void {
    const options = { system: true, skipRules: true } as const;
    for (const assignment of org.find(
        'PermissionSetAssignment',
        (row) => row.AssigneeId === user.Id
    )) {
        const set = org.get(
            'PermissionSet',
            String(assignment.PermissionSetId)
        );
        if (set?.IsOwnedByProfile === true) {
            org.dml.delete(
                'PermissionSetAssignment',
                String(assignment.Id),
                options
            );
        }
    }
    const owned = org.first(
        'PermissionSet',
        (set) =>
            set.IsOwnedByProfile === true && set.ProfileId === user.ProfileId
    );
    if (owned) {
        org.dml.create(
            'PermissionSetAssignment',
            { AssigneeId: user.Id, PermissionSetId: owned.Id },
            options
        );
    }
}

export const userRules: ObjectRules = {
    beforeInsert(org, record) {
        checkUsernameForm(record);
        checkUsername(org, record);
        checkNickname(org, record);
        refusePortalUserWithoutContact(org, record);
        if (record.IsActive === true) {
            checkSeat(org, record);
        }
    },
    afterInsert(org, record) {
        org.dml.create('UserLogin', { UserId: record.Id }, { system: true });
        assignProfileSet(org, record);
        org.passwords.set(String(record.Id), { value: null, expired: true });
    },
    beforeUpdate(org, next, previous) {
        checkUsernameForm(next, previous);
        if (
            String(next.Username).toLowerCase() !==
            String(previous.Username).toLowerCase()
        ) {
            checkUsername(org, next);
        }
        if (next.CommunityNickname !== previous.CommunityNickname) {
            checkNickname(org, next);
        }
        refuseSelfDeactivation(org, next, previous);
        if (next.ProfileId !== previous.ProfileId) {
            refusePortalUserWithoutContact(org, next);
        }
        const activating = next.IsActive === true && previous.IsActive !== true;
        const movingLicense =
            next.IsActive === true &&
            licenseOf(org, next.ProfileId) !==
                licenseOf(org, previous.ProfileId);
        if (activating || movingLicense) {
            checkSeat(org, next);
        }
        const previousLicense = licenseOf(org, previous.ProfileId);
        if (licenseOf(org, next.ProfileId) !== previousLicense) {
            checkLicenseBoundAssignments(org, next, previousLicense);
        }
    },
    afterUpdate(org, next, previous) {
        if (next.ProfileId !== previous.ProfileId) {
            assignProfileSet(org, next);
        }
    }
};
