import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContract } from '../access/contract';
import { formatVerifyReport } from '../access/report';
import { runVerify, type VerifyReport } from '../access/run-verify';
import type { CommandOutcome } from '../lib/command';
import { badArgument } from '../lib/errors';
import { toJUnit } from '../lib/junit';
import { connect } from '../org/connect';
import { loadDefinition } from '../integration-user/definition';

/** `sf casekit verify` / `npm run verify`: the flags, as the command layer parses them. */
export interface VerifyFlags {
    'target-org'?: string;
    user?: string[];
    contract: string[];
    param?: string[];
    junit?: string;
}

function writeJUnit(file: string, report: VerifyReport): void {
    // --junit reports/scratch/verify.xml works on a fresh clone: the folder is created.
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(
        file,
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
    const client = await connect({ targetOrg: flags['target-org'] });
    const report = await runVerify(client, usernames, contracts, parameters);
    if (flags.junit) {
        writeJUnit(flags.junit, report);
    }
    const failed = report.summary.fail > 0;
    return {
        code: failed ? 1 : 0,
        result: report,
        human: formatVerifyReport(report),
        failure: failed
            ? {
                  message: `${report.summary.fail} rule(s) failed: the report lists each with who grants it and how to fix it.`,
                  actions: [
                      'Fix the grants the report names (or the contract, with a justification), then run verify again.'
                  ]
              }
            : undefined
    };
}
