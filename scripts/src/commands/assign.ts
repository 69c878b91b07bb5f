import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { assign, type AssignReport, type UserSelector } from '../assign/assign';
import {
    EXIT,
    ORG_COMMAND_FLAGS,
    printJson,
    runIfMain,
    type Command
} from '../lib/cli';
import { renderTable } from '../lib/table';
import { connect } from '../org/connect';

const USAGE = `Usage: npm run assign -- [-o <org>]
         (--permission-set <name> | --permission-set-group <name> | --permission-set-license <name>)...
         (--users u1,u2 | --users-file users.csv | --where "<SOQL condition on User>")
         [--bulk-threshold 2000] [--dry-run] [--json]

Assigns permission sets, groups and permission set licences to many users. Skips what is already
assigned; writes the rest 200 a call (sObject Collections), or with Bulk API 2.0 past the threshold.
Exit 0 when every record landed, 68 when some failed (each listed with Salesforce's error code), 1 when none did.
--users-file: a CSV with a Username column (or one username a line).`;

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

function printHuman(report: AssignReport, dryRun: boolean): void {
    process.stdout.write(
        `${report.users} user(s); ${report.alreadyAssigned} already assigned; ${report.planned} to assign` +
            `${dryRun ? ' (dry run: nothing written)' : `; ${report.created} created via ${report.mode}; ${report.renewed} expired renewed`}; ${report.apiCalls} API call(s)\n`
    );
    if (report.reconciled > 0) {
        process.stdout.write(
            `${report.reconciled} of the created records were confirmed by re-reading the org after an answer was lost.\n`
        );
    }
    if (report.failed.length > 0) {
        process.stdout.write(
            `${renderTable(
                ['username', 'target', 'error', 'message'],
                report.failed.map((f) => [
                    f.username,
                    f.target,
                    f.errorCode,
                    f.message
                ]),
                80
            )}\n`
        );
    }
}

export const run: Command = async (argv) => {
    const { values } = parseArgs({
        args: argv,
        options: {
            ...ORG_COMMAND_FLAGS,
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
            users: { type: 'string' },
            'users-file': { type: 'string' },
            where: { type: 'string' },
            'bulk-threshold': { type: 'string', default: '2000' }
        }
    });
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
    }
    const targets = {
        permissionSets: values['permission-set'],
        permissionSetGroups: values['permission-set-group'],
        permissionSetLicenses: values['permission-set-license']
    };
    if (
        targets.permissionSets.length +
            targets.permissionSetGroups.length +
            targets.permissionSetLicenses.length ===
        0
    ) {
        throw new Error(
            `Name at least one --permission-set, --permission-set-group or --permission-set-license.\n${USAGE}`
        );
    }
    const sources = [values.users, values['users-file'], values.where].filter(
        (v) => v !== undefined
    );
    if (sources.length !== 1) {
        throw new Error(
            `Give exactly one of --users, --users-file, --where.\n${USAGE}`
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
    const report = await assign(client, targets, selector, {
        dryRun: values['dry-run'],
        bulkThreshold,
        onProgress: (message) => process.stderr.write(`${message}\n`)
    });
    const succeeded = report.created + report.alreadyAssigned + report.renewed;
    const code =
        report.failed.length === 0
            ? EXIT.ok
            : succeeded > 0
              ? EXIT.partial
              : EXIT.failure;
    if (values.json) {
        printJson(code, report);
    } else {
        printHuman(report, values['dry-run']);
    }
    return code;
};

runIfMain(module, run);
