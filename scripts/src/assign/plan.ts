import type { AssignState } from './read';
import type { PlannedRecord, Renewal } from './types';

// From what the org holds to what to write: new assignments, renewals of expired ones.

export interface AssignPlan {
    planned: PlannedRecord[];
    renewals: Renewal[];
    alreadyAssigned: number;
}

/** Every user × target: held and current (nothing), held and expired (renew), or missing (create). */
export function planAssignments(state: AssignState, now: number): AssignPlan {
    const planned: PlannedRecord[] = [];
    const renewals: Renewal[] = [];
    let alreadyAssigned = 0;
    for (const user of state.users) {
        for (const target of state.targets) {
            const existing = state.held.get(`${user.Id}:${target.id}`);
            if (existing) {
                if (
                    existing.ExpirationDate &&
                    new Date(existing.ExpirationDate).getTime() <= now
                ) {
                    renewals.push({
                        Id: existing.Id,
                        username: user.Username,
                        target: target.name
                    });
                } else {
                    alreadyAssigned++;
                }
                continue;
            }
            planned.push({
                sobject:
                    target.kind === 'license'
                        ? 'PermissionSetLicenseAssign'
                        : 'PermissionSetAssignment',
                fields:
                    target.kind === 'license'
                        ? {
                              AssigneeId: user.Id,
                              PermissionSetLicenseId: target.id
                          }
                        : target.kind === 'group'
                          ? {
                                AssigneeId: user.Id,
                                PermissionSetGroupId: target.id
                            }
                          : { AssigneeId: user.Id, PermissionSetId: target.id },
                username: user.Username,
                target: target.name
            });
        }
    }
    return { planned, renewals, alreadyAssigned };
}
