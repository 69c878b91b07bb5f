import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandOutcome } from '../lib/command';
import { badArgument } from '../lib/errors';
import { checkCoverage, summarizeApexRun } from '../scratch/coverage';
import {
    type ValidationReport,
    defaultExecutables,
    runScratchValidation
} from '../scratch/runner';
import { failureMessage, parseJsonOutput, valueAt } from '../scratch/sf-json';
import {
    MIN_ORG_WIDE_COVERAGE,
    ORG_WIDE_COVERAGE_PATH,
    SCRATCH_STEPS
} from '../scratch/steps';

function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(1)} s`;
}

function indent(text: string): string {
    return text
        .split('\n')
        .map((line) => `      ${line.trim()}`)
        .join('\n');
}

function defaultAlias(): string {
    const stamp = new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace('T', '-')
        .slice(0, 15);
    return `case-portal-validate-${stamp}`;
}

export interface CoverageVerdict {
    ok: boolean;
    summary: string;
    coverage: number | null;
    minimum: number;
    message: string;
}

function checkCoverageFile(
    file: string,
    minimum: number
): CommandOutcome<CoverageVerdict> {
    const output = parseJsonOutput(readFileSync(path.resolve(file), 'utf8'));
    const summary = summarizeApexRun(output);
    const testsFailed = valueAt(output, 'result.summary.outcome') !== 'Passed';
    const verdict = checkCoverage(output, ORG_WIDE_COVERAGE_PATH, minimum);
    const ok = !testsFailed && verdict.ok;
    let human = `${summary}\n`;
    if (testsFailed) {
        human += `${failureMessage(output) ?? 'Apex tests did not pass'}\n`;
    }
    human += `Coverage gate: ${verdict.ok ? 'ok' : 'FAILED'}: ${verdict.message}\n`;
    return {
        code: ok ? 0 : 1,
        result: {
            ok,
            summary,
            coverage: verdict.coverage ?? null,
            minimum,
            message: verdict.message
        },
        human,
        failure: ok ? undefined : { message: verdict.message }
    };
}

function printSummary(
    report: ValidationReport,
    write: (text: string) => void
): void {
    const total = report.steps.reduce((sum, step) => sum + step.durationMs, 0);
    if (report.ok) {
        write(`\nScratch-org validation passed in ${seconds(total)}.\n`);
    } else {
        const failed = report.steps.find(
            (step) => step.id === report.failedStep
        );
        write(
            `\nScratch-org validation FAILED at "${failed?.title ?? report.failedStep ?? 'interrupted'}" after ${seconds(total)}.\n`
        );
    }
    if (report.kept) {
        write(
            `Scratch org kept: ${report.alias} (sf org open --target-org ${report.alias}).\n`
        );
    }
}

/** `sf casekit scratch validate` / `npm run scratch:validate`: the flags. */
export interface ScratchValidateFlags {
    'dev-hub'?: string;
    alias?: string;
    'duration-days': number;
    keep: boolean;
    'reports-dir': string;
    'check-coverage'?: string;
    'min-coverage': number;
    json: boolean;
}

export { MIN_ORG_WIDE_COVERAGE, SCRATCH_STEPS };

/**
 * Runs the validation (each step's progress printed as it goes: on stdout, or on stderr with
 * --json so that stdout holds only the JSON document), or only the coverage gate.
 */
export async function scratchValidateCommand(
    flags: ScratchValidateFlags
): Promise<CommandOutcome<ValidationReport | CoverageVerdict>> {
    if (flags['check-coverage'] !== undefined) {
        return checkCoverageFile(
            flags['check-coverage'],
            flags['min-coverage']
        );
    }
    const devHub = flags['dev-hub'];
    if (!devHub) {
        throw badArgument(
            '--dev-hub <alias or username> is required (log in once with: sf org login web --set-default-dev-hub --alias devhub)'
        );
    }
    const durationDays = flags['duration-days'];
    const values = flags;
    const projectDir = process.cwd();
    const alias = values.alias ?? defaultAlias();
    // With --json, stdout carries only the JSON document: progress goes to stderr.
    const write = (text: string): void => {
        (values.json ? process.stderr : process.stdout).write(text);
    };
    let interrupted = false;
    const onSignal = (): void => {
        if (!interrupted) {
            write(
                '\nInterrupted: stopping after this step, then cleaning up.\n'
            );
        }
        interrupted = true;
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    write(
        `Scratch-org validation: Dev Hub ${devHub}, scratch org ${alias} (${durationDays} day${durationDays === 1 ? '' : 's'})${values.keep ? ', kept at the end' : ''}\n`
    );
    const count = SCRATCH_STEPS.length;
    const position = (id: string): string =>
        `[${SCRATCH_STEPS.findIndex((step) => step.id === id) + 1}/${count}]`;
    try {
        const report = await runScratchValidation({
            projectDir,
            devHub,
            alias,
            durationDays,
            keep: values.keep,
            reportsDir: values['reports-dir'],
            executables: defaultExecutables(projectDir),
            interrupted: () => interrupted,
            onStepStart: (step, command) => {
                write(`${position(step.id)} ${step.title}\n`);
                if (command) {
                    write(`${indent(`$ ${command}`)}\n`);
                }
            },
            onStepEnd: (outcome) => {
                if (outcome.status === 'skipped') {
                    write(
                        `${position(outcome.id)} skipped: ${outcome.title}${outcome.message ? ` (${outcome.message})` : ''}\n`
                    );
                    return;
                }
                write(
                    `${indent(outcome.status === 'passed' ? `ok in ${seconds(outcome.durationMs)}` : `FAILED after ${seconds(outcome.durationMs)}`)}\n`
                );
                if (outcome.message) {
                    write(`${indent(outcome.message)}\n`);
                }
            }
        });
        printSummary(report, write);
        return {
            code: report.ok ? 0 : 1,
            result: report,
            human: '',
            failure: report.ok
                ? undefined
                : {
                      message: `Scratch-org validation failed at step ${report.failedStep ?? 'interrupted'}: see the step's message above (or in result).`
                  }
        };
    } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
}
