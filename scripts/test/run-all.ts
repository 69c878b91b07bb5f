import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm test`: every offline check. A failing step does not stop the others, so one run shows every
 * problem. The static checks run two at a time (these machines have 2 cores), each one's output
 * printed whole when it ends; the Jest suites follow one after another (each uses both cores).
 * Checks count as one test each, Jest suites by their own test counts; the last line is
 * `N passed, N failed`.
 */
interface Step {
    script: string;
    /** Jest writes its results here (`--json --outputFile`), for the counts. */
    jestReport?: string;
}

/** Static checks at once, at most this many. */
const LANES = 2;

const REPORTS = path.resolve('reports');

const STEPS: Step[] = [
    { script: 'format:check' },
    { script: 'lint' },
    { script: 'typecheck' },
    { script: 'validate:metadata' },
    { script: 'validate:apex' },
    { script: 'test:lwc', jestReport: path.join(REPORTS, 'jest-lwc.json') },
    {
        script: 'test:scripts',
        jestReport: path.join(REPORTS, 'jest-scripts.json')
    },
    { script: 'test:e2e', jestReport: path.join(REPORTS, 'jest-e2e.json') },
    {
        script: 'test:conformance',
        jestReport: path.join(REPORTS, 'jest-conformance.json')
    },
    // The packed plugin installed without the repo (tarball and git+file: URL, from a local
    // registry fed by npm ci's cache): about a minute on an idle machine.
    {
        script: 'plugin:pack:check',
        jestReport: path.join(REPORTS, 'jest-plugin-pack.json')
    }
];

interface JestSummary {
    numPassedTests: number;
    numFailedTests: number;
    numRuntimeErrorTestSuites: number;
}

function readJest(file: string): JestSummary | undefined {
    if (!existsSync(file)) {
        return undefined;
    }
    return JSON.parse(readFileSync(file, 'utf8')) as JestSummary;
}

const only = process.argv.slice(2);
const steps =
    only.length > 0
        ? STEPS.filter((step) => only.includes(step.script))
        : STEPS;
mkdirSync(REPORTS, { recursive: true });
const startedAll = Date.now();
let passed = 0;
let failed = 0;
const failedSteps: string[] = [];

/** Runs one npm script; with `capture`, its output comes back instead of going to the terminal. */
function runScript(
    step: Step,
    capture: boolean
): Promise<{ ok: boolean; output: string; seconds: string }> {
    if (step.jestReport) {
        rmSync(step.jestReport, { force: true });
    }
    const started = Date.now();
    const extra = step.jestReport
        ? ['--', '--json', `--outputFile=${step.jestReport}`]
        : [];
    const child = spawn('npm', ['run', '--silent', step.script, ...extra], {
        stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit'
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve) => {
        child.on('close', (code) =>
            resolve({
                ok: code === 0,
                output,
                seconds: ((Date.now() - started) / 1000).toFixed(1)
            })
        );
    });
}

function record(step: Step, ok: boolean, seconds: string): void {
    const jest = step.jestReport ? readJest(step.jestReport) : undefined;
    if (jest) {
        passed += jest.numPassedTests;
        failed += jest.numFailedTests + jest.numRuntimeErrorTestSuites;
        if (!ok && jest.numFailedTests + jest.numRuntimeErrorTestSuites === 0) {
            failed++;
        }
    } else if (ok) {
        passed++;
    } else {
        failed++;
    }
    if (!ok) {
        failedSteps.push(step.script);
    }
    process.stdout.write(
        `< ${step.script}: ${ok ? 'ok' : 'FAILED'} in ${seconds} s\n`
    );
}

async function main(): Promise<void> {
    const checks = steps.filter((step) => !step.jestReport);
    const suites = steps.filter((step) => step.jestReport);
    const queue = [...checks];
    await Promise.all(
        Array.from({ length: LANES }, async () => {
            for (let step = queue.shift(); step; step = queue.shift()) {
                const { ok, output, seconds } = await runScript(step, true);
                process.stdout.write(`\n> npm run ${step.script}\n${output}`);
                record(step, ok, seconds);
            }
        })
    );
    for (const step of suites) {
        process.stdout.write(`\n> npm run ${step.script}\n`);
        const { ok, seconds } = await runScript(step, false);
        record(step, ok, seconds);
    }
    if (failedSteps.length > 0) {
        process.stdout.write(`\nFailed: ${failedSteps.join(', ')}\n`);
    }
    process.stdout.write(
        `npm test took ${((Date.now() - startedAll) / 1000).toFixed(1)} s\n`
    );
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
    process.exitCode = failedSteps.length > 0 ? 1 : 0;
}

void main();
