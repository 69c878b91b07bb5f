import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadContract } from '../access/contract';
import { runVerify, type VerifyReport } from '../access/run-verify';
import { EXIT, printJson, runMain } from '../lib/cli';
import { toJUnit } from '../lib/junit';
import { renderTable } from '../lib/table';
import { connect } from '../org/connect';
import { loadDefinition } from '../provision/definition';

const USAGE = `Usage: npm run verify -- [-o <org>] [--user <username>]... --contract <file>...
                          [--param name=value]... [--json] [--junit <file>]

Checks each user's effective access (profile + every active, unexpired permission set and group
assignment, muting applied) against access contracts. Each rule passes, warns, fails or is skipped,
with who grants it and how to fix it. Exit 1 on any failure.
--user defaults to the Username in config/api-user.json.`;

const MARK = {
    pass: 'PASS',
    warn: 'WARN',
    fail: 'FAIL',
    skip: 'SKIP'
} as const;

function printHuman(report: VerifyReport): void {
    for (const user of report.users) {
        process.stdout.write(`\nUser ${user.username}\n`);
        process.stdout.write(
            `${renderTable(
                [
                    'result',
                    'contract',
                    'rule',
                    'expected',
                    'actual',
                    'granted by',
                    'fix'
                ],
                user.results.map((r) => [
                    MARK[r.status],
                    r.contract,
                    r.rule,
                    r.expected,
                    r.actual,
                    r.grantedBy.join('; '),
                    r.fix ?? ''
                ]),
                70
            )}\n`
        );
    }
    const { pass, warn, fail, skip } = report.summary;
    process.stdout.write(
        `\n${pass} passed, ${warn} warned, ${fail} failed, ${skip} skipped (${report.apiCalls} API calls)\n`
    );
}

runMain(async () => {
    const { values } = parseArgs({
        options: {
            'target-org': { type: 'string', short: 'o' },
            user: { type: 'string', multiple: true },
            contract: { type: 'string', multiple: true },
            param: { type: 'string', multiple: true },
            json: { type: 'boolean', default: false },
            junit: { type: 'string' },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
    }
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
    const client = await connect({ targetOrg: values['target-org'] });
    const report = await runVerify(client, usernames, contracts, parameters);
    const code = report.summary.fail > 0 ? EXIT.failure : EXIT.ok;
    if (values.junit) {
        writeFileSync(
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
    if (values.json) {
        printJson(code, report);
    } else {
        printHuman(report);
    }
    return code;
});
