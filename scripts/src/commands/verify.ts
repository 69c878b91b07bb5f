import path from 'node:path';
import { loadContract } from '../access/contract';
import { formatVerifyReport } from '../access/report';
import { runVerify, type VerifyReport } from '../access/run-verify';
import {
    DEFAULT_MIN_DAYS,
    defaultUsageStore,
    usageResults
} from '../access/usage-findings';
import type { CommandOutcome } from '../lib/command';
import { badArgument } from '../lib/errors';
import { toJUnit } from '../lib/junit';
import { writeReportFile } from '../lib/report-file';
import { connect } from '../org/connect';
import { loadDefinition } from '../integration-user/definition';

/** `sf casekit verify` / `npm run verify`: the flags, as the command layer parses them. */
export interface VerifyFlags {
    'target-org'?: string;
    user?: string[];
    contract: string[];
    param?: string[];
    junit?: string;
    /** Least privilege from evidence: unused grants from the ApiTotalUsage store. */
    usage?: boolean;
    store?: string;
    'usage-level'?: string;
    'min-days'?: number;
    since?: string;
}

function junitOf(report: VerifyReport): string {
    return toJUnit(
        report.users.map((user) => ({
            name: `verify ${user.username}`,
            cases: user.results.map((r) => ({
                name: r.rule,
                classname: `${r.contract}.${user.username}`,
                status: r.status,
                message: `expected ${r.expected}, actual ${r.actual}`,
                details: [
                    r.grantedBy.length > 0
                        ? `granted by: ${r.grantedBy.join('; ')}`
                        : '',
                    r.fix ? `fix: ${r.fix}` : ''
                ]
                    .filter(Boolean)
                    .join('\n')
            }))
        }))
    );
}

/** The --usage flags, checked before any call: they only make sense with --usage. */
function usageOptions(flags: VerifyFlags): {
    level: 'warn' | 'fail';
    minDays: number;
} {
    const usageOnly = (['store', 'usage-level', 'min-days', 'since'] as const)
        .filter((flag) => flags[flag] !== undefined)
        .map((flag) => `--${flag}`);
    if (flags.usage !== true && usageOnly.length > 0) {
        throw badArgument(
            `${usageOnly.join(', ')} ${usageOnly.length === 1 ? 'works' : 'work'} only with --usage`
        );
    }
    const level = flags['usage-level'] ?? 'warn';
    if (level !== 'warn' && level !== 'fail') {
        throw badArgument(`--usage-level takes warn or fail, got "${level}"`);
    }
    const minDays = flags['min-days'] ?? DEFAULT_MIN_DAYS;
    if (!Number.isInteger(minDays) || minDays < 1) {
        throw badArgument(
            `--min-days takes a whole number of days (1 or more), got "${minDays}"`
        );
    }
    if (flags.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.since)) {
        throw badArgument(
            `--since takes a date YYYY-MM-DD, got "${flags.since}"`
        );
    }
    return { level, minDays };
}

export async function verifyCommand(
    flags: VerifyFlags
): Promise<CommandOutcome<VerifyReport>> {
    const contracts = flags.contract.map((file) =>
        loadContract(path.resolve(file))
    );
    const parameters: Record<string, string> = {};
    for (const pair of flags.param ?? []) {
        const [name, ...rest] = pair.split('=');
        if (!name || rest.length === 0) {
            throw badArgument(`--param takes name=value, got "${pair}"`);
        }
        parameters[name] = rest.join('=');
    }
    const usernames = flags.user ?? [
        loadDefinition(path.resolve('config/api-user.json')).Username
    ];
    const { level, minDays } = usageOptions(flags);
    const client = await connect({ targetOrg: flags['target-org'] });
    const store =
        flags.usage === true
            ? (flags.store ?? (await defaultUsageStore(client)))
            : undefined;
    const report = await runVerify(
        client,
        usernames,
        contracts,
        parameters,
        new Date(),
        store
            ? (access) =>
                  usageResults(client, access, {
                      store,
                      level,
                      minDays,
                      since: flags.since
                  })
            : undefined
    );
    // A --junit file that cannot be written is its own failure; the report is still printed.
    const junitProblem = flags.junit
        ? writeReportFile('--junit', flags.junit, junitOf(report))
        : undefined;
    const failed = report.summary.fail > 0;
    return {
        code: failed || junitProblem ? 1 : 0,
        result: report,
        human: formatVerifyReport(report),
        failure: junitProblem
            ? {
                  name: 'ReportFile',
                  message: junitProblem,
                  actions: ['Pass --junit a path in a writable folder.']
              }
            : failed
              ? {
                    message: `${report.summary.fail} rule(s) failed: the report lists each with who grants it and how to fix it.`,
                    actions: [
                        'Fix the grants the report names (or the contract, with a justification), then run verify again.'
                    ]
                }
              : undefined
    };
}
