import type { OrgClient } from '../org/client';
import { planAssignments } from './plan';
import { readAssignState } from './read';
import { portalSharingWarnings } from './sharing-coverage';
import type {
    AssignOptions,
    AssignReport,
    AssignTargets,
    UserSelector
} from './types';
import { renewAssignments, writeAssignments } from './write';

export { readQueries } from './read';
export {
    AssignError,
    type AssignOptions,
    type AssignReport,
    type AssignTargets,
    type FailedRecord,
    type UserSelector
} from './types';

/**
 * Assigns permission sets, groups and permission set licences to many users: reads everything in
 * as few composite calls as the limits allow (plus paging), skips what is already assigned, renews
 * expired assignments, writes the rest in sObject Collections of 200 (`allOrNone=false`) or, past
 * the threshold, one Bulk API 2.0 job per object. A write whose answer is lost is reconciled by
 * re-reading the org, so nothing is written twice or reported wrongly.
 */
export async function assign(
    client: OrgClient,
    targets: AssignTargets,
    selector: UserSelector,
    options: AssignOptions
): Promise<AssignReport> {
    const start = client.calls;
    const state = await readAssignState(client, targets, selector);
    const { planned, renewals, alreadyAssigned } = planAssignments(
        state,
        (options.now ?? new Date()).getTime()
    );
    const report: AssignReport = {
        users: state.users.length,
        missingUsers: state.missingUsers,
        duplicateUsernames: state.duplicateUsernames,
        alreadyAssigned,
        planned: planned.length + renewals.length,
        created: 0,
        renewed: 0,
        reconciled: 0,
        failed: state.missingUsers.map((username) => ({
            username,
            target: '(all)',
            errorCode: 'NOT_FOUND',
            message: 'no user with this username in the org'
        })),
        mode:
            planned.length === 0
                ? 'none'
                : planned.length > options.bulkThreshold
                  ? 'bulk'
                  : 'collections',
        apiCalls: 0,
        warnings: portalSharingWarnings(
            targets.permissionSets,
            state.users,
            options.projectDir
        )
    };
    if (!options.dryRun) {
        await writeAssignments(client, planned, report, options);
        if (!report.interrupted) {
            await renewAssignments(client, renewals, report, options);
        }
    }
    report.apiCalls = client.calls - start;
    return report;
}
