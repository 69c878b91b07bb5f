// Refusals Salesforce gives that the kit can meet (issue #24): a permission set group's
// aggregate set assigned directly, a portal/community user without a Contact, an admin
// deactivating itself. Messages: see FIDELITY.md for which are confirmed.

import { DmlError } from '../../core/errors';
import type { SObjectRecord } from '../../schema/types';
import type { Org } from '../org';

/**
 * Object Reference, "PermissionSet" (Type "Group": the permission set a permission set group
 * aggregates into) and "PermissionSetAssignment" (PermissionSetGroupId: a group is assigned by
 * its id). Assigning the aggregate set by PermissionSetId alone is refused; the code and
 * message are the emulator's (not confirmed against an org).
 */
export function refuseAggregateSetAssignment(
    org: Org,
    record: SObjectRecord
): void {
    if (typeof record.PermissionSetGroupId === 'string') {
        return;
    }
    const set = org.get('PermissionSet', String(record.PermissionSetId));
    if (set?.Type === 'Group') {
        throw new DmlError(
            'FIELD_INTEGRITY_EXCEPTION',
            "You can't assign a permission set group's aggregate permission set directly. Assign the permission set group (PermissionSetGroupId) instead.",
            ['PermissionSetId']
        );
    }
}

/** Object Reference, "User" (UserType): the portal and community user types. */
const PORTAL_USER_TYPES = new Set([
    'PowerPartner',
    'PowerCustomerSuccess',
    'CustomerSuccess',
    'CspLitePortal',
    'CsnOnly',
    'SelfService'
]);

/**
 * A portal or community user is tied to a Contact: "INVALID_CROSS_REFERENCE_KEY: Cannot create
 * a portal user without contact." (the message integration logs quote from orgs). The same
 * answer for a user moved onto such a profile is the emulator's choice (not confirmed).
 */
export function refusePortalUserWithoutContact(
    org: Org,
    record: SObjectRecord
): void {
    const profile = org.get('Profile', String(record.ProfileId));
    if (
        profile &&
        PORTAL_USER_TYPES.has(String(profile.UserType)) &&
        (record.ContactId === null || record.ContactId === undefined)
    ) {
        throw new DmlError(
            'INVALID_CROSS_REFERENCE_KEY',
            'Cannot create a portal user without contact.',
            ['ContactId']
        );
    }
}

/**
 * The emulator's session is the admin's: the admin clearing its own IsActive is refused (it
 * would lock the org out). Code and message are the emulator's (not confirmed).
 */
export function refuseSelfDeactivation(
    org: Org,
    next: SObjectRecord,
    previous: SObjectRecord
): void {
    if (
        next.Id === org.adminUserId &&
        previous.IsActive === true &&
        next.IsActive === false
    ) {
        throw new DmlError(
            'FIELD_INTEGRITY_EXCEPTION',
            "You can't deactivate your own user record.",
            ['IsActive']
        );
    }
}
