import { renderTable } from '../lib/table';
import type { AssignReport } from './types';

// Every message the assign command prints, in one place.

/** The report as people read it (the command's human output). */
export function formatAssignReport(
    report: AssignReport,
    dryRun: boolean
): string {
    let text =
        `${report.users} user(s); ${report.alreadyAssigned} already assigned; ${report.planned} to assign` +
        `${dryRun ? ' (dry run: nothing written)' : `; ${report.created} created via ${report.mode}; ${report.renewed} expired renewed`}; ${report.apiCalls} API call(s)\n`;
    if (report.interrupted) {
        text += `Interrupted: the Bulk API 2.0 job was aborted; the org holds ${report.created} of the ${report.planned} planned assignment(s) (counted by re-reading it). Run the same command again to finish: what is assigned is skipped.\n`;
    }
    if (report.duplicateUsernames.length > 0) {
        text += `Input: ${report.duplicateUsernames.length} username(s) given more than once (usernames are case-insensitive), each assigned once: ${report.duplicateUsernames.slice(0, 10).join(', ')}${report.duplicateUsernames.length > 10 ? ', ...' : ''}\n`;
    }
    if (report.reconciled > 0) {
        text += `${report.reconciled} of the created records were confirmed by re-reading the org after an answer was lost.\n`;
    }
    for (const warning of report.warnings) {
        text += `Warning: ${warning}\n`;
    }
    if (report.failed.length > 0) {
        text += `${renderTable(
            ['username', 'target', 'error', 'message'],
            report.failed.map((f) => [
                f.username,
                f.target,
                f.errorCode,
                f.message
            ]),
            80
        )}\n`;
    }
    return text;
}
