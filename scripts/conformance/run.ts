// `npm run test:conformance [-- -o <alias>] [--report] [jest options]`: the conformance suite
// against the org an sf CLI alias names (-o/--target-org), else SF_INSTANCE_URL +
// SF_ACCESS_TOKEN, else the in-process emulator. --report prints, after the run, the
// FIDELITY.md rows the run confirmed (and those it contradicted). Other arguments go to Jest.
// Exit code: Jest's.
//
// The alias is resolved here, through the sf CLI's auth store (@salesforce/core, which
// refreshes the access token), not inside Jest: the instance URL and a fresh token reach the
// tests as SF_INSTANCE_URL / SF_ACCESS_TOKEN in the child's environment, never on a command
// line or in output.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
    formatVerdicts,
    ledgerVerdicts,
    type ConformanceReport
} from './ledger-report';

export interface ConformanceArgs {
    targetOrg?: string;
    /** --report: print the ledger rows the run confirmed. */
    report?: boolean;
    jestArgs: string[];
}

export function parseArgs(argv: readonly string[]): ConformanceArgs {
    const jestArgs: string[] = [];
    let targetOrg: string | undefined;
    let report = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? '';
        const inline = /^--target-org=(.+)$/.exec(arg);
        if (arg === '--report') {
            report = true;
        } else if (inline) {
            targetOrg = inline[1];
        } else if (arg === '-o' || arg === '--target-org') {
            const value = argv[i + 1];
            if (value === undefined || value.startsWith('-')) {
                throw new Error(`${arg} needs an org alias or username`);
            }
            targetOrg = value;
            i++;
        } else {
            jestArgs.push(arg);
        }
    }
    return { targetOrg, jestArgs, ...(report ? { report } : {}) };
}

/** Prints the ledger rows the finished run confirmed or contradicted. */
function printLedgerReport(env: NodeJS.ProcessEnv): void {
    const file =
        env.CONFORMANCE_REPORT ?? path.join('reports', 'conformance.json');
    let report: ConformanceReport;
    let ledger: string;
    try {
        report = JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
        ledger = readFileSync(
            path.join('scripts', 'emulator', 'FIDELITY.md'),
            'utf8'
        );
    } catch (error) {
        process.stderr.write(
            `--report: cannot read ${file} or scripts/emulator/FIDELITY.md (${(error as Error).message})\n`
        );
        return;
    }
    process.stdout.write(
        formatVerdicts(ledgerVerdicts(ledger, report), report.target)
    );
}

/** Instance URL and a fresh access token for an sf CLI alias or username. */
async function resolveAlias(
    alias: string
): Promise<{ instanceUrl: string; accessToken: string }> {
    const { Org } = await import('@salesforce/core');
    let org;
    try {
        org = await Org.create({ aliasOrUsername: alias });
        await org.refreshAuth();
    } catch (error) {
        throw new Error(
            `No usable org "${alias}" in the sf CLI's auth store: run \`sf org login web --alias ${alias}\` ` +
                `(or pick one from \`sf org list\`). (${(error as Error).name})`
        );
    }
    const connection = org.getConnection();
    return {
        instanceUrl: connection.instanceUrl,
        accessToken: connection.accessToken ?? ''
    };
}

async function main(): Promise<void> {
    let args: ConformanceArgs;
    const env = { ...process.env };
    try {
        args = parseArgs(process.argv.slice(2));
        if (args.targetOrg) {
            const org = await resolveAlias(args.targetOrg);
            env.CONFORMANCE_TARGET_ORG = args.targetOrg;
            env.SF_INSTANCE_URL = org.instanceUrl;
            env.SF_ACCESS_TOKEN = org.accessToken;
        }
    } catch (error) {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exitCode = 1;
        return;
    }
    const config = path.join('scripts', 'conformance', 'jest.config.js');
    const result = spawnSync(
        process.execPath,
        [require.resolve('jest/bin/jest'), '-c', config, ...args.jestArgs],
        { stdio: 'inherit', env }
    );
    process.exitCode = result.status ?? 1;
    if (args.report) {
        printLedgerReport(env);
    }
}

if (require.main === module) {
    void main();
}
