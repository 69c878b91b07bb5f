import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, printJson, runIfMain, type Command } from '../lib/cli';
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

const USAGE = `Usage: npm run scratch:validate -- --dev-hub <alias> [--alias <scratch alias>] [--duration-days N]
                                   [--keep] [--reports-dir reports/scratch] [--json]
       npm run scratch:validate -- --check-coverage <apex-result.json> [--min-coverage ${MIN_ORG_WIDE_COVERAGE}]

Validates this project in a new scratch org, as the GitHub Actions scratch-org job does:
${SCRATCH_STEPS.map((step, index) => `  ${index + 1}. ${step.title}`).join('\n')}
Each step is shown with its outcome and duration; the first failing step stops the run (exit 1) with
the sf CLI's own message. The scratch org is deleted at the end whatever happened, unless --keep.
--check-coverage applies only the coverage gate to the output of
\`sf apex run test --code-coverage --result-format json --json\` (the CI job uses it).`;

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

function checkCoverageFile(
    file: string,
    minimum: number,
    json: boolean
): number {
    const output = parseJsonOutput(readFileSync(path.resolve(file), 'utf8'));
    const summary = summarizeApexRun(output);
    const testsFailed = valueAt(output, 'result.summary.outcome') !== 'Passed';
    const verdict = checkCoverage(output, ORG_WIDE_COVERAGE_PATH, minimum);
    const ok = !testsFailed && verdict.ok;
    const code = ok ? EXIT.ok : EXIT.failure;
    if (json) {
        printJson(code, {
            ok,
            summary,
            coverage: verdict.coverage ?? null,
            minimum,
            message: verdict.message
        });
        return code;
    }
    process.stdout.write(`${summary}\n`);
    if (testsFailed) {
        process.stdout.write(
            `${failureMessage(output) ?? 'Apex tests did not pass'}\n`
        );
    }
    process.stdout.write(
        `Coverage gate: ${verdict.ok ? 'ok' : 'FAILED'}: ${verdict.message}\n`
    );
    return code;
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

export const run: Command = async (argv) => {
    const { values } = parseArgs({
        args: argv,
        options: {
            'dev-hub': { type: 'string', short: 'v' },
            alias: { type: 'string', short: 'a' },
            'duration-days': { type: 'string', short: 'y', default: '1' },
            keep: { type: 'boolean', default: false },
            'reports-dir': { type: 'string', default: 'reports/scratch' },
            'check-coverage': { type: 'string' },
            'min-coverage': {
                type: 'string',
                default: String(MIN_ORG_WIDE_COVERAGE)
            },
            json: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
    }
    if (values['check-coverage'] !== undefined) {
        const minimum = Number(values['min-coverage']);
        if (!Number.isFinite(minimum) || minimum < 0 || minimum > 100) {
            throw new Error(
                `--min-coverage takes a percentage, got "${values['min-coverage']}"`
            );
        }
        return checkCoverageFile(
            values['check-coverage'],
            minimum,
            values.json
        );
    }
    const devHub = values['dev-hub'];
    if (!devHub) {
        throw new Error(
            `--dev-hub <alias or username> is required (log in once with: sf org login web --set-default-dev-hub --alias devhub)\n${USAGE}`
        );
    }
    const durationDays = Number(values['duration-days']);
    if (
        !Number.isInteger(durationDays) ||
        durationDays < 1 ||
        durationDays > 30
    ) {
        throw new Error(
            `--duration-days takes a whole number of days from 1 to 30, got "${values['duration-days']}"`
        );
    }
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
        const code = report.ok ? EXIT.ok : EXIT.failure;
        if (values.json) {
            printJson(code, report);
        }
        return code;
    } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    }
};

runIfMain(module, run);
