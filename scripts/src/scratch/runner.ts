import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { checkCoverage, summarizeApexRun } from './coverage';
import { type Executable, runProcess } from './process';
import {
    type JsonObject,
    failureMessage,
    parseJsonOutput,
    reportsFailure,
    valueAt
} from './sf-json';
import {
    CREATE_STEP_ID,
    type CommandStep,
    type CoverageGateStep,
    SCRATCH_STEPS,
    type Step,
    type Tool,
    fillPlaceholders
} from './steps';

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface StepOutcome {
    id: string;
    title: string;
    /** The command line as run (`sf org create scratch …`); absent for the coverage gate. */
    command?: string;
    status: StepStatus;
    durationMs: number;
    /** Exit code of the command, when it ran. */
    exitCode?: number | null;
    /** Why it failed or was skipped, or what it found when it passed. */
    message?: string;
}

export interface ValidationReport {
    ok: boolean;
    devHub: string;
    alias: string;
    /** Captured from the steps' JSON output (`scratchUsername`, `username`). */
    values: Record<string, string>;
    kept: boolean;
    steps: StepOutcome[];
    /** The first failing step, when any. */
    failedStep?: string;
}

export interface ValidationOptions {
    projectDir: string;
    devHub: string;
    alias: string;
    durationDays: number;
    /** Keep the scratch org (no cleanup step). */
    keep: boolean;
    /** Reports directory relative to projectDir (Apex results, verify JUnit). */
    reportsDir: string;
    executables: Record<Tool, Executable>;
    env?: NodeJS.ProcessEnv;
    steps?: readonly Step[];
    /** Called before each step runs (not for skipped ones). */
    onStepStart?: (step: Step, command: string | undefined) => void;
    /** Called with every outcome, skipped ones included. */
    onStepEnd?: (outcome: StepOutcome) => void;
    /** True once the user interrupted the run: no further step starts, cleanup still runs. */
    interrupted?: () => boolean;
    now?: () => number;
}

/** The project's pinned sf CLI, and the npm that runs this script. */
export function defaultExecutables(
    projectDir: string
): Record<Tool, Executable> {
    const sf: Executable =
        process.platform === 'win32'
            ? {
                  command: process.execPath,
                  prefix: [
                      path.join(
                          projectDir,
                          'node_modules/@salesforce/cli/bin/run.js'
                      )
                  ]
              }
            : { command: path.join(projectDir, 'node_modules/.bin/sf') };
    const npmCli = process.env.npm_execpath;
    const npm: Executable =
        npmCli && /npm-cli\.js$/.test(npmCli)
            ? { command: process.execPath, prefix: [npmCli] }
            : { command: 'npm' };
    return { sf, npm };
}

/** Quotes an argument for display only when it needs it. */
function quote(arg: string): string {
    return /^[\w@%+=:,./{}-]+$/.test(arg)
        ? arg
        : `'${arg.replace(/'/g, "'\\''")}'`;
}

export function displayCommand(tool: Tool, args: readonly string[]): string {
    return [tool, ...args].map(quote).join(' ');
}

function lastLines(text: string, count = 3): string | undefined {
    const lines = text
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line.trim() !== '');
    return lines.length > 0 ? lines.slice(-count).join('\n') : undefined;
}

function withHint(step: CommandStep, message: string): string {
    return step.hint ? `${message}\n${step.hint}` : message;
}

interface RunState {
    context: Record<string, string>;
    outputs: Map<string, JsonObject | undefined>;
}

async function runCommandStep(
    step: CommandStep,
    state: RunState,
    options: ValidationOptions,
    env: NodeJS.ProcessEnv
): Promise<Omit<StepOutcome, 'id' | 'title' | 'durationMs'>> {
    const args = step.args.map((arg) => fillPlaceholders(arg, state.context));
    const command = displayCommand(step.tool, args);
    options.onStepStart?.(step, command);
    const result = await runProcess(options.executables[step.tool], args, {
        cwd: options.projectDir,
        env
    });
    if (result.spawnError !== undefined) {
        return {
            command,
            status: 'failed',
            exitCode: null,
            message: withHint(
                step,
                `could not start ${step.tool}: ${result.spawnError} (run npm ci first)`
            )
        };
    }
    const output =
        parseJsonOutput(result.stdout) ?? parseJsonOutput(result.stderr);
    state.outputs.set(step.id, output);
    if (result.code !== 0 || reportsFailure(output)) {
        return {
            command,
            status: 'failed',
            exitCode: result.code,
            message: withHint(
                step,
                failureMessage(output) ??
                    lastLines(result.stderr) ??
                    `${step.tool} exited with code ${String(result.code)}`
            )
        };
    }
    const found: string[] = [];
    for (const [name, dotted] of Object.entries(step.captures ?? {})) {
        const value = valueAt(output, dotted);
        if (typeof value !== 'string' || value === '') {
            return {
                command,
                status: 'failed',
                exitCode: result.code,
                message: `no ${dotted} in the JSON output of ${step.tool}`
            };
        }
        state.context[name] = value;
        found.push(`${name} ${value}`);
    }
    if (valueAt(output, 'result.summary.outcome') !== undefined) {
        found.push(summarizeApexRun(output));
    }
    return {
        command,
        status: 'passed',
        exitCode: result.code,
        ...(found.length > 0 ? { message: found.join('; ') } : {})
    };
}

function runGateStep(
    step: CoverageGateStep,
    state: RunState,
    options: ValidationOptions
): Omit<StepOutcome, 'id' | 'title' | 'durationMs'> {
    options.onStepStart?.(step, undefined);
    if (!state.outputs.has(step.from)) {
        return {
            status: 'failed',
            message: `step ${step.from} has not run`
        };
    }
    const verdict = checkCoverage(
        state.outputs.get(step.from),
        step.path,
        step.minimum
    );
    return {
        status: verdict.ok ? 'passed' : 'failed',
        message: verdict.message
    };
}

/**
 * Runs the scratch-org validation: each step in order until the first failure, then the cleanup
 * steps (deleting the scratch org) in a `finally`, unless `keep` or no scratch org was created.
 */
export async function runScratchValidation(
    options: ValidationOptions
): Promise<ValidationReport> {
    const steps = options.steps ?? SCRATCH_STEPS;
    const now = options.now ?? Date.now;
    const env: NodeJS.ProcessEnv = {
        ...(options.env ?? process.env),
        SF_AUTOUPDATE_DISABLE: 'true',
        // The name oclif reads (the other is the older spelling): no detached `sf update`.
        SF_DISABLE_AUTOUPDATE: 'true',
        SF_SKIP_NEW_VERSION_CHECK: 'true',
        FORCE_COLOR: '0'
    };
    const state: RunState = {
        context: {
            devHub: options.devHub,
            alias: options.alias,
            durationDays: String(options.durationDays),
            reportsDir: options.reportsDir
        },
        outputs: new Map()
    };
    const report: ValidationReport = {
        ok: false,
        devHub: options.devHub,
        alias: options.alias,
        values: {},
        kept: options.keep,
        steps: []
    };
    const record = (outcome: StepOutcome): void => {
        report.steps.push(outcome);
        if (outcome.status === 'failed' && report.failedStep === undefined) {
            report.failedStep = outcome.id;
        }
        options.onStepEnd?.(outcome);
    };
    const skip = (step: Step, message: string): void =>
        record({
            id: step.id,
            title: step.title,
            status: 'skipped',
            durationMs: 0,
            message
        });
    const run = async (step: Step): Promise<void> => {
        const started = now();
        let outcome: Omit<StepOutcome, 'id' | 'title' | 'durationMs'>;
        try {
            outcome =
                step.kind === 'command'
                    ? await runCommandStep(step, state, options, env)
                    : runGateStep(step, state, options);
        } catch (error) {
            outcome = {
                status: 'failed',
                message: error instanceof Error ? error.message : String(error)
            };
        }
        record({
            id: step.id,
            title: step.title,
            durationMs: now() - started,
            ...outcome
        });
    };

    const reportsDir = path.resolve(options.projectDir, options.reportsDir);
    if (!existsSync(reportsDir)) {
        mkdirSync(reportsDir, { recursive: true });
    }
    const mainSteps = steps.filter(
        (step) => !(step.kind === 'command' && step.cleanup)
    );
    const cleanupSteps = steps.filter(
        (step) => step.kind === 'command' && step.cleanup
    );
    let created = false;
    let interrupted = false;
    try {
        for (const step of mainSteps) {
            if (report.failedStep !== undefined) {
                skip(step, `not run: ${report.failedStep} failed`);
                continue;
            }
            if (options.interrupted?.()) {
                interrupted = true;
                skip(step, 'not run: interrupted');
                continue;
            }
            await run(step);
            if (step.id === CREATE_STEP_ID) {
                created = report.steps.at(-1)?.status === 'passed';
            }
        }
    } finally {
        for (const step of cleanupSteps) {
            if (options.keep) {
                skip(
                    step,
                    `kept (--keep): delete it later with sf org delete scratch --target-org ${options.alias} --no-prompt`
                );
            } else if (!created) {
                skip(step, 'no scratch org was created');
            } else {
                await run(step);
            }
        }
    }
    report.values = Object.fromEntries(
        Object.entries(state.context).filter(
            ([name]) =>
                !['devHub', 'alias', 'durationDays', 'reportsDir'].includes(
                    name
                )
        )
    );
    report.ok = report.failedStep === undefined && !interrupted;
    return report;
}
