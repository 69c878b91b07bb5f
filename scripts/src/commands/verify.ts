import path from 'node:path';
import { loadContract } from '../access/contract';
import { formatVerifyReport } from '../access/report';
import { runVerify } from '../access/run-verify';
import {
    DEFAULT_MIN_DAYS,
    defaultUsageStore,
    usageResults
} from '../access/usage-findings';
import { EXIT, runIfMain } from '../lib/cli';
import { orgCommand } from '../lib/org-command';
import { toJUnit } from '../lib/junit';
import { writeReportFile } from '../lib/report-file';
import { connect } from '../org/connect';
import { loadDefinition } from '../provision/definition';

const USAGE = `Usage: npm run verify -- [-o <org>] [--user <username>]... --contract <file>...
                          [--param name=value]... [--json] [--junit <file>]
                          [--usage [--store <dir>] [--usage-level warn|fail] [--min-days <n>] [--since <YYYY-MM-DD>]]

Checks each user's effective access (profile + every active, unexpired permission set and group
assignment, muting applied) against access contracts. Default-deny: a user permission, object or
field permission, Apex class, Visualforce page, custom permission, tab or connected app that no
contract requires, recommends or allows is a finding; high-risk grants need a justification in the
contract. Each rule passes, warns, fails or is skipped, with who grants it and how to fix it, plus
credential readiness (OAuth grants, password policy as the contract asks, last login).
Exit 1 on any failure, on a contract name the org does not know, and on a --param that a require
rule needs but was not given.
--user defaults to the Username in config/api-user.json.
--usage adds least privilege from evidence: every object access (and ApiEnabled) the user holds but
did not use in the ApiTotalUsage logs of the store (default .usage/<orgId>/, filled by
npm run usage -- collect or import) is a finding usage.unused.<kind>.<name>[.<access>] naming who
grants it; grants younger than the window are not judged; warn unless --usage-level fail; with
fewer than --min-days (default ${DEFAULT_MIN_DAYS}) days observed, no unused findings.`;

export const run = orgCommand({
    usage: USAGE,
    options: {
        user: { type: 'string', multiple: true },
        contract: { type: 'string', multiple: true },
        param: { type: 'string', multiple: true },
        junit: { type: 'string' },
        usage: { type: 'boolean', default: false },
        store: { type: 'string' },
        'usage-level': { type: 'string' },
        'min-days': { type: 'string' },
        since: { type: 'string' }
    },
    run: async (values) => {
        if (!values.contract || values.contract.length === 0) {
            throw new Error(
                `--contract <file> is required (presets in config/access/)\n${USAGE}`
            );
        }
        const contracts = values.contract.map((file) =>
            loadContract(path.resolve(file))
        );
        const parameters: Record<string, string> = {};
        for (const pair of values.param ?? []) {
            const [name, ...rest] = pair.split('=');
            if (!name || rest.length === 0) {
                throw new Error(`--param takes name=value, got "${pair}"`);
            }
            parameters[name] = rest.join('=');
        }
        const usernames = values.user ?? [
            loadDefinition(path.resolve('config/api-user.json')).Username
        ];
        const usageOnly = (
            ['store', 'usage-level', 'min-days', 'since'] as const
        ).filter((flag) => values[flag] !== undefined);
        if (!values.usage && usageOnly.length > 0) {
            throw new Error(
                `${usageOnly.map((f) => `--${f}`).join(', ')} ${usageOnly.length === 1 ? 'works' : 'work'} only with --usage`
            );
        }
        const level = values['usage-level'] ?? 'warn';
        if (level !== 'warn' && level !== 'fail') {
            throw new Error(`--usage-level takes warn or fail, got "${level}"`);
        }
        const minDays = Number(values['min-days'] ?? DEFAULT_MIN_DAYS);
        if (!Number.isInteger(minDays) || minDays < 1) {
            throw new Error(
                `--min-days takes a whole number of days (1 or more), got "${values['min-days']}"`
            );
        }
        if (values.since && !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) {
            throw new Error(
                `--since takes a date YYYY-MM-DD, got "${values.since}"`
            );
        }
        const client = await connect({ targetOrg: values['target-org'] });
        const store = values.usage
            ? (values.store ?? (await defaultUsageStore(client)))
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
                          since: values.since
                      })
                : undefined
        );
        const code = report.summary.fail > 0 ? EXIT.failure : EXIT.ok;
        let junitProblem: string | undefined;
        if (values.junit) {
            // --junit reports/scratch/verify.xml works on a fresh clone: the folder is created.
            junitProblem = writeReportFile(
                '--junit',
                values.junit,
                toJUnit(
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
                )
            );
        }
        if (junitProblem) {
            process.stderr.write(`Error: ${junitProblem}\n`);
        }
        return {
            code: junitProblem ? EXIT.failure : code,
            result: report,
            human: formatVerifyReport(report)
        };
    }
});

runIfMain(module, run);
