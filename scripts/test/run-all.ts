import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * `npm test`: every offline check in order. A failing step does not stop the others, so one run
 * shows every problem. Checks count as one test each, Jest suites by their own test counts; the
 * last line is `N passed, N failed`.
 */
interface Step {
    script: string;
    /** Jest writes its results here (`--json --outputFile`), for the counts. */
    jestReport?: string;
}

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
for (const step of steps) {
    if (step.jestReport) {
        rmSync(step.jestReport, { force: true });
    }
    const started = Date.now();
    process.stdout.write(`\n> npm run ${step.script}\n`);
    const extra = step.jestReport
        ? ['--', '--json', `--outputFile=${step.jestReport}`]
        : [];
    const result = spawnSync(
        'npm',
        ['run', '--silent', step.script, ...extra],
        {
            stdio: 'inherit'
        }
    );
    const ok = result.status === 0;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
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
if (failedSteps.length > 0) {
    process.stdout.write(`\nFailed: ${failedSteps.join(', ')}\n`);
}
process.stdout.write(
    `npm test took ${((Date.now() - startedAll) / 1000).toFixed(1)} s\n`
);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failedSteps.length > 0 ? 1 : 0;
