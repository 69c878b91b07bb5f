import path from 'node:path';
import type { CommandOutcome } from './command';
import type { Finding } from './findings';
import { formatFindings } from './findings';

export interface ValidatorReport {
    findings: Finding[];
    policyFindings: Finding[];
}

/** `sf casekit validate metadata|apex`: the flags both validators share. */
export interface ValidatorFlags {
    'project-dir': string;
    'no-policy': boolean;
}

export interface ValidatorSpec<R extends ValidatorReport> {
    title: string;
    validate: (projectDir: string, options: { policy: boolean }) => Promise<R>;
    /** The human output (findings, then policy findings when policy ran). */
    human: (report: R, policy: boolean) => string;
}

/** Findings one a line, then a summary line. */
export function findingsText(
    title: string,
    findings: Finding[],
    checked: string
): string {
    const summary =
        findings.length === 0
            ? `${title}: ok (${checked})`
            : `${title}: ${findings.length} problem${findings.length === 1 ? '' : 's'} (${checked})`;
    return `${formatFindings(findings)}${summary}\n`;
}

/**
 * What both validators share: `--project-dir`, `--no-policy`; exit 1 on any finding (deploy or
 * policy), else 0, with the report as the result.
 */
export async function runValidator<R extends ValidatorReport>(
    spec: ValidatorSpec<R>,
    flags: ValidatorFlags
): Promise<CommandOutcome<R>> {
    const policy = !flags['no-policy'];
    const report = await spec.validate(path.resolve(flags['project-dir']), {
        policy
    });
    const problems = report.findings.length + report.policyFindings.length;
    return {
        code: problems > 0 ? 1 : 0,
        result: report,
        human: spec.human(report, policy),
        failure:
            problems > 0
                ? {
                      message: `${spec.title}: ${problems} problem(s), listed above (or in result).`
                  }
                : undefined
    };
}
