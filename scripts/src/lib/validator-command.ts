import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding } from './findings';
import { EXIT, printJson, type Command } from './cli';

export interface ValidatorReport {
    findings: Finding[];
    policyFindings: Finding[];
}

export interface ValidatorSpec<R extends ValidatorReport> {
    usage: string;
    validate: (projectDir: string, options: { policy: boolean }) => Promise<R>;
    /** The human output (findings, then policy findings when policy ran). */
    print: (report: R, policy: boolean) => void;
}

/**
 * The shape both validators share: `--project-dir`, `--no-policy`, `--json`, `-h`; exit 1 on any
 * finding (deploy or policy), else 0; `--json` prints the report as one sf-style document.
 */
export function validatorCommand<R extends ValidatorReport>(
    spec: ValidatorSpec<R>
): Command {
    return async (argv) => {
        const { values } = parseArgs({
            args: argv,
            options: {
                'project-dir': { type: 'string', default: '.' },
                'no-policy': { type: 'boolean', default: false },
                json: { type: 'boolean', default: false },
                help: { type: 'boolean', short: 'h', default: false }
            }
        });
        if (values.help) {
            process.stdout.write(`${spec.usage}\n`);
            return EXIT.ok;
        }
        const policy = !values['no-policy'];
        const report = await spec.validate(
            path.resolve(values['project-dir']),
            { policy }
        );
        const failed =
            report.findings.length > 0 || report.policyFindings.length > 0;
        const code = failed ? EXIT.failure : EXIT.ok;
        if (values.json) {
            printJson(code, report);
        } else {
            spec.print(report, policy);
        }
        return code;
    };
}
