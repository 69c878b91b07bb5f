import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { assign, type UserSelector } from '../assign/assign';
import { formatAssignReport } from '../assign/messages';
import type { AssignReport } from '../assign/types';
import { QUIET_UI, type CommandOutcome, type CommandUi } from '../lib/command';
import { badArgument } from '../lib/errors';
import { runPackageLicenses } from '../assign/package-command';
import type { PackageAssignReport } from '../assign/package-licenses';
import { connect } from '../org/connect';

function usernamesFromFile(file: string): string[] {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        throw badArgument(
            `--users-file ${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? ''}`
        );
    }
    const rows = parse(text, {
        skip_empty_lines: true,
        trim: true
    }) as string[][];
    const header = rows[0] ?? [];
    const column = header.findIndex(
        (cell) => cell.toLowerCase() === 'username'
    );
    const data = column >= 0 ? rows.slice(1) : rows;
    const index = Math.max(column, 0);
    const usernames = data.map((row, line) => {
        const value = row[index];
        if (!value || !value.includes('@')) {
            throw badArgument(
                `--users-file ${file}: line ${line + (column >= 0 ? 2 : 1)}: "${value ?? ''}" is not a username`
            );
        }
        return value;
    });
    if (usernames.length === 0) {
        throw badArgument(`--users-file ${file}: no usernames`);
    }
    return usernames;
}

/** `sf casekit assign` / `npm run assign`: the flags, as the command layer parses them. */
export interface AssignFlags {
    'target-org'?: string;
    'dry-run': boolean;
    'permission-set'?: string[];
    'permission-set-group'?: string[];
    'permission-set-license'?: string[];
    'package-license'?: string[];
    remove?: boolean;
    users?: string;
    'users-file'?: string;
    where?: string;
    'bulk-threshold': number;
}

export async function assignCommand(
    flags: AssignFlags,
    ui: CommandUi = QUIET_UI
): Promise<CommandOutcome<AssignReport | PackageAssignReport>> {
    const targets = {
        permissionSets: flags['permission-set'] ?? [],
        permissionSetGroups: flags['permission-set-group'] ?? [],
        permissionSetLicenses: flags['permission-set-license'] ?? []
    };
    const otherTargets =
        targets.permissionSets.length +
        targets.permissionSetGroups.length +
        targets.permissionSetLicenses.length;
    const packages = flags['package-license'] ?? [];
    if (otherTargets + packages.length === 0) {
        throw badArgument(
            'Name at least one --permission-set, --permission-set-group, --permission-set-license or --package-license.'
        );
    }
    if (packages.length > 0 && otherTargets > 0) {
        throw badArgument(
            '--package-license runs on its own: assign package seats and permission sets, groups or licences in two runs.'
        );
    }
    if (flags.remove === true && packages.length === 0) {
        throw badArgument(
            '--remove unassigns package seats: use it with --package-license.'
        );
    }
    const selector: UserSelector =
        flags.where !== undefined
            ? { where: flags.where }
            : {
                  usernames:
                      flags.users !== undefined
                          ? flags.users.split(',')
                          : usernamesFromFile(
                                path.resolve(flags['users-file'] ?? '')
                            )
              };
    const client = await connect({ targetOrg: flags['target-org'] });
    if (packages.length > 0) {
        return runPackageLicenses(client, packages, selector, {
            remove: flags.remove === true,
            dryRun: flags['dry-run'],
            onProgress: (message) => ui.progress(message)
        });
    }
    // SIGINT aborts the Bulk job; the report then says what the org holds, and the exit is 130.
    const interrupt = new AbortController();
    // The name is what the SIGINT test looks for (scripts/test/scripts/assign-misuse.test.ts).
    const onSigint = (): void => interrupt.abort();
    process.once('SIGINT', onSigint);
    const report = await assign(client, targets, selector, {
        dryRun: flags['dry-run'],
        bulkThreshold: flags['bulk-threshold'],
        onProgress: (message) => ui.progress(message),
        signal: interrupt.signal
    }).finally(() => process.removeListener('SIGINT', onSigint));
    const succeeded = report.created + report.alreadyAssigned + report.renewed;
    const code = report.interrupted
        ? 130
        : report.failed.length === 0
          ? 0
          : succeeded > 0
            ? 68
            : 1;
    return {
        code,
        result: report,
        human: formatAssignReport(report, flags['dry-run']),
        warnings: report.warnings,
        failure:
            code === 1
                ? {
                      message: `None of the ${report.failed.length} assignment(s) landed: each is listed with Salesforce's error code.`
                  }
                : undefined
    };
}
