import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { assign, type UserSelector } from '../assign/assign';
import { ASSIGN_USAGE, formatAssignReport } from '../assign/messages';
import { runPackageLicenses } from '../assign/package-command';
import { EXIT, runIfMain } from '../lib/cli';
import { DRY_RUN_FLAG, orgCommand } from '../lib/org-command';
import { connect } from '../org/connect';

function usernamesFromFile(file: string): string[] {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        throw new Error(
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
            throw new Error(
                `--users-file ${file}: line ${line + (column >= 0 ? 2 : 1)}: "${value ?? ''}" is not a username`
            );
        }
        return value;
    });
    if (usernames.length === 0) {
        throw new Error(`--users-file ${file}: no usernames`);
    }
    return usernames;
}

export const run = orgCommand({
    usage: ASSIGN_USAGE,
    options: {
        ...DRY_RUN_FLAG,
        'permission-set': { type: 'string', multiple: true, default: [] },
        'permission-set-group': {
            type: 'string',
            multiple: true,
            default: []
        },
        'permission-set-license': {
            type: 'string',
            multiple: true,
            default: []
        },
        'package-license': { type: 'string', multiple: true, default: [] },
        remove: { type: 'boolean', default: false },
        users: { type: 'string' },
        'users-file': { type: 'string' },
        where: { type: 'string' },
        'bulk-threshold': { type: 'string', default: '2000' }
    },
    run: async (values) => {
        const targets = {
            permissionSets: values['permission-set'],
            permissionSetGroups: values['permission-set-group'],
            permissionSetLicenses: values['permission-set-license']
        };
        const otherTargets =
            targets.permissionSets.length +
            targets.permissionSetGroups.length +
            targets.permissionSetLicenses.length;
        const packages = values['package-license'];
        if (otherTargets + packages.length === 0) {
            throw new Error(
                `Name at least one --permission-set, --permission-set-group, --permission-set-license or --package-license.\n${ASSIGN_USAGE}`
            );
        }
        if (packages.length > 0 && otherTargets > 0) {
            throw new Error(
                `--package-license runs on its own: assign package seats and permission sets, groups or licences in two runs.\n${ASSIGN_USAGE}`
            );
        }
        if (values.remove && packages.length === 0) {
            throw new Error(
                `--remove unassigns package seats: use it with --package-license.\n${ASSIGN_USAGE}`
            );
        }
        const sources = [
            values.users,
            values['users-file'],
            values.where
        ].filter((v) => v !== undefined);
        if (sources.length !== 1) {
            throw new Error(
                `Give exactly one of --users, --users-file, --where.\n${ASSIGN_USAGE}`
            );
        }
        const selector: UserSelector =
            values.where !== undefined
                ? { where: values.where }
                : {
                      usernames:
                          values.users !== undefined
                              ? values.users.split(',')
                              : usernamesFromFile(
                                    path.resolve(values['users-file'] ?? '')
                                )
                  };
        const bulkThreshold = Number(values['bulk-threshold']);
        if (!Number.isInteger(bulkThreshold) || bulkThreshold < 0) {
            throw new Error(
                `--bulk-threshold takes a whole number, got "${values['bulk-threshold']}"`
            );
        }
        const client = await connect({ targetOrg: values['target-org'] });
        if (packages.length > 0) {
            return runPackageLicenses(client, packages, selector, {
                remove: values.remove,
                dryRun: values['dry-run']
            });
        }

        // SIGINT aborts the Bulk job; the report then says what the org holds, and the exit is 130.
        const interrupt = new AbortController();
        const onSigint = () => interrupt.abort();
        process.once('SIGINT', onSigint);
        const report = await assign(client, targets, selector, {
            dryRun: values['dry-run'],
            bulkThreshold,
            onProgress: (message) => process.stderr.write(`${message}\n`),
            signal: interrupt.signal
        }).finally(() => process.removeListener('SIGINT', onSigint));
        const succeeded =
            report.created + report.alreadyAssigned + report.renewed;
        const code = report.interrupted
            ? EXIT.interrupted
            : report.failed.length === 0
              ? EXIT.ok
              : succeeded > 0
                ? EXIT.partial
                : EXIT.failure;
        return {
            code,
            result: report,
            human: formatAssignReport(report, values['dry-run'])
        };
    }
});

runIfMain(module, run);
