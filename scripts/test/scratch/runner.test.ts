import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
    type StepOutcome,
    type ValidationReport,
    runScratchValidation
} from '../../src/scratch/runner';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(__dirname, 'fixtures');
const FAKE_CLI = path.join(FIXTURES, 'fake-cli.js');

interface Canned {
    exitCode?: number;
    json: unknown;
}

function canned(name: string, exitCode = 0): Canned {
    return {
        exitCode,
        json: JSON.parse(
            readFileSync(path.join(FIXTURES, 'sf', `${name}.json`), 'utf8')
        ) as unknown
    };
}

/** Every command of a passing run, answered from the fixtures. */
function passingScenario(): Record<string, Canned> {
    return {
        'sf org display': canned('org-display'),
        'sf org create scratch': canned('create-scratch'),
        'sf project deploy start': canned('deploy-success'),
        'sf apex run test': canned('apex-tests-93'),
        'npm run provision': canned('provision'),
        'npm run verify': canned('verify'),
        'sf org delete scratch': canned('delete-scratch')
    };
}

interface Call {
    tool: string;
    key: string;
    args: string[];
}

let dir: string;

beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'scratch-validate-'));
});

afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
});

async function run(
    scenario: Record<string, Canned>,
    options: { keep?: boolean } = {}
): Promise<{ report: ValidationReport; calls: Call[]; events: string[] }> {
    const scenarioFile = path.join(dir, 'scenario.json');
    const log = path.join(dir, 'calls.jsonl');
    writeFileSync(scenarioFile, JSON.stringify(scenario));
    writeFileSync(log, '');
    const events: string[] = [];
    const report = await runScratchValidation({
        projectDir: dir,
        devHub: 'devhub',
        alias: 'ci-scratch',
        durationDays: 1,
        keep: options.keep ?? false,
        reportsDir: 'reports/scratch',
        executables: {
            sf: { command: process.execPath, prefix: [FAKE_CLI, 'sf'] },
            npm: { command: process.execPath, prefix: [FAKE_CLI, 'npm'] }
        },
        env: {
            ...process.env,
            FAKE_CLI_LOG: log,
            FAKE_CLI_SCENARIO: scenarioFile
        },
        onStepStart: (step) => events.push(`start ${step.id}`),
        onStepEnd: (outcome) => events.push(`${outcome.status} ${outcome.id}`)
    });
    const calls = readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Call);
    return { report, calls, events };
}

function outcome(
    report: ValidationReport,
    id: string
): StepOutcome | undefined {
    return report.steps.find((step) => step.id === id);
}

describe('npm run scratch:validate (runner, with a fake sf)', () => {
    it('runs the steps in order, passes values between them, deletes the scratch org', async () => {
        const { report, calls, events } = await run(passingScenario());
        expect(report.ok).toBe(true);
        expect(calls.map((call) => call.key)).toEqual([
            'sf org display',
            'sf org create scratch',
            'sf project deploy start',
            'sf apex run test',
            'npm run provision',
            'npm run verify',
            'sf org delete scratch'
        ]);
        expect(report.steps.map((step) => `${step.status} ${step.id}`)).toEqual(
            [
                'passed dev-hub',
                'passed create-scratch-org',
                'passed deploy',
                'passed apex-tests',
                'passed coverage-gate',
                'passed provision',
                'passed verify',
                'passed delete-scratch-org'
            ]
        );
        expect(events.slice(0, 4)).toEqual([
            'start dev-hub',
            'passed dev-hub',
            'start create-scratch-org',
            'passed create-scratch-org'
        ]);
        expect(calls[1]?.args).toEqual([
            'org',
            'create',
            'scratch',
            '--definition-file',
            'config/project-scratch-def.json',
            '--target-dev-hub',
            'devhub',
            '--alias',
            'ci-scratch',
            '--duration-days',
            '1',
            '--wait',
            '30',
            '--json'
        ]);
        // verify checks the user provision created (its unique username), in the scratch org.
        const verify = calls.find((call) => call.key === 'npm run verify');
        expect(verify?.args).toEqual(
            expect.arrayContaining([
                '--target-org',
                'ci-scratch',
                '--user',
                'case-portal-integration.1a2b3c@example.com'
            ])
        );
        expect(report.values).toEqual({
            scratchUsername: 'test-abc123@example.com',
            username: 'case-portal-integration.1a2b3c@example.com'
        });
        expect(outcome(report, 'coverage-gate')?.message).toBe(
            'org-wide coverage 93% (minimum 90%)'
        );
        expect(outcome(report, 'apex-tests')?.message).toContain(
            'Apex tests Passed: 24 passing, 0 failing'
        );
        for (const step of report.steps) {
            expect(step.durationMs).toBeGreaterThanOrEqual(0);
        }
    });

    it("stops at the first failing step with sf's own message, and still deletes the scratch org", async () => {
        const { report, calls } = await run({
            ...passingScenario(),
            'sf project deploy start': canned('deploy-failure', 1)
        });
        expect(report.ok).toBe(false);
        expect(report.failedStep).toBe('deploy');
        expect(calls.map((call) => call.key)).toEqual([
            'sf org display',
            'sf org create scratch',
            'sf project deploy start',
            'sf org delete scratch'
        ]);
        const deploy = outcome(report, 'deploy');
        expect(deploy?.exitCode).toBe(1);
        expect(deploy?.message).toBe(
            'Deploy failed:\nApexClass CasePortalService (force-app/main/default/classes/CasePortalService.cls:12): Variable does not exist: Statuss (12:9)'
        );
        expect(report.steps.map((step) => `${step.status} ${step.id}`)).toEqual(
            [
                'passed dev-hub',
                'passed create-scratch-org',
                'failed deploy',
                'skipped apex-tests',
                'skipped coverage-gate',
                'skipped provision',
                'skipped verify',
                'passed delete-scratch-org'
            ]
        );
    });

    it('reports an sf error document as name: message, and deletes nothing when no org was created', async () => {
        const { report, calls } = await run({
            ...passingScenario(),
            'sf org create scratch': canned('create-scratch-error', 1)
        });
        expect(report.failedStep).toBe('create-scratch-org');
        expect(outcome(report, 'create-scratch-org')?.message).toBe(
            'NoDefaultDevHubError: No default dev hub found. Use -v or --target-dev-hub to specify an environment.\nTry this: Log in to a Dev Hub: sf org login web --set-default-dev-hub --alias devhub'
        );
        expect(calls.map((call) => call.key)).toEqual([
            'sf org display',
            'sf org create scratch'
        ]);
        expect(outcome(report, 'delete-scratch-org')).toMatchObject({
            status: 'skipped',
            message: 'no scratch org was created'
        });
    });

    it('fails the coverage gate at 89% org-wide, then deletes the scratch org', async () => {
        const { report, calls } = await run({
            ...passingScenario(),
            'sf apex run test': canned('apex-tests-89')
        });
        expect(report.ok).toBe(false);
        expect(report.failedStep).toBe('coverage-gate');
        expect(outcome(report, 'coverage-gate')?.message).toBe(
            'org-wide coverage 89% is below the minimum of 90%'
        );
        expect(calls.map((call) => call.key)).toEqual([
            'sf org display',
            'sf org create scratch',
            'sf project deploy start',
            'sf apex run test',
            'sf org delete scratch'
        ]);
    });

    it('fails on failing Apex tests (sf exits 100) with the failing methods', async () => {
        const { report } = await run({
            ...passingScenario(),
            'sf apex run test': canned('apex-tests-failing', 100)
        });
        expect(report.failedStep).toBe('apex-tests');
        expect(outcome(report, 'apex-tests')).toMatchObject({
            exitCode: 100,
            message:
                'Apex tests failed: 1 of 24 failing\nCasePortalServiceTest.replyToOthersCaseThrows: System.AssertException: Assertion Failed: expected an exception'
        });
    });

    it('keeps the scratch org with --keep', async () => {
        const { report, calls } = await run(passingScenario(), { keep: true });
        expect(report.ok).toBe(true);
        expect(report.kept).toBe(true);
        expect(calls.map((call) => call.key)).not.toContain(
            'sf org delete scratch'
        );
        expect(outcome(report, 'delete-scratch-org')?.status).toBe('skipped');
    });

    it('keeps the scratch org with --keep even when a step failed', async () => {
        const { report, calls } = await run(
            {
                ...passingScenario(),
                'sf apex run test': canned('apex-tests-89')
            },
            { keep: true }
        );
        expect(report.failedStep).toBe('coverage-gate');
        expect(calls.map((call) => call.key)).not.toContain(
            'sf org delete scratch'
        );
    });

    it('fails when sf cannot be started', async () => {
        const report = await runScratchValidation({
            projectDir: dir,
            devHub: 'devhub',
            alias: 'ci-scratch',
            durationDays: 1,
            keep: false,
            reportsDir: 'reports',
            executables: {
                sf: { command: path.join(dir, 'no-such-sf') },
                npm: { command: path.join(dir, 'no-such-npm') }
            }
        });
        expect(report.failedStep).toBe('dev-hub');
        expect(outcome(report, 'dev-hub')?.message).toMatch(
            /^could not start sf: .*ENOENT.*\nLog in to your Dev Hub once with: sf org login web/
        );
    });
});

describe('npm run scratch:validate -- --check-coverage (the CI gate)', () => {
    const gate = (file: string): { status: number | null; stdout: string } => {
        const result = spawnSync(
            process.execPath,
            [
                path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
                path.join(ROOT, 'scripts/plugin/bin/run.ts'),
                'scratch',
                'validate',
                '--check-coverage',
                path.join(FIXTURES, 'sf', file)
            ],
            { cwd: ROOT, encoding: 'utf8' }
        );
        return { status: result.status, stdout: result.stdout };
    };

    it('passes at 93% and fails at 89%', () => {
        const passing = gate('apex-tests-93.json');
        expect(passing.stdout).toContain(
            'Coverage gate: ok: org-wide coverage 93% (minimum 90%)'
        );
        expect(passing.status).toBe(0);
        const failing = gate('apex-tests-89.json');
        expect(failing.stdout).toContain(
            'org-wide coverage 89% is below the minimum of 90%'
        );
        expect(failing.status).toBe(1);
    });
});
