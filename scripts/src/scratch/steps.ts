/**
 * The scratch-org validation, defined once as data. `npm run scratch:validate` runs these steps;
 * the offline proof (`scripts/test/scratch/offline-proof.test.ts`) checks every `sf` command line
 * here against the pinned CLI's command metadata and that `.github/workflows/ci.yml` runs the same
 * commands with the same flags.
 *
 * Arguments may hold `{placeholders}`: the run's settings (`devHub`, `alias`, `durationDays`,
 * `reportsDir`) and values captured from an earlier step's JSON output (`username`).
 */

/** The executables a step can call: the project's pinned sf CLI or npm (for the project's scripts). */
export type Tool = 'sf' | 'npm';

export interface CommandStep {
    kind: 'command';
    id: string;
    title: string;
    tool: Tool;
    /** Arguments after the executable; `{name}` is replaced from the run context. */
    args: readonly string[];
    /** Values to keep from the step's JSON output: context name -> dotted path. */
    captures?: Readonly<Record<string, string>>;
    /** Runs in the `finally` block (cleanup) instead of in order; skipped with `--keep`. */
    cleanup?: boolean;
    /** The GitHub Actions scratch-org job runs the same command with the same flags. */
    inCi: boolean;
    /** Shown after the command's own message when the step fails (sf commands in it are checked). */
    hint?: string;
}

export interface CoverageGateStep {
    kind: 'coverage-gate';
    id: string;
    title: string;
    /** The step whose JSON output holds the coverage. */
    from: string;
    /** Dotted path of the org-wide coverage in that output, e.g. `"93%"`. */
    path: string;
    /** Minimum org-wide Apex coverage, in percent. */
    minimum: number;
}

export type Step = CommandStep | CoverageGateStep;

/** Minimum org-wide Apex code coverage the scratch-org run requires. */
export const MIN_ORG_WIDE_COVERAGE = 90;

/** Where `sf apex run test --code-coverage --result-format json --json` puts the org-wide figure. */
export const ORG_WIDE_COVERAGE_PATH = 'result.summary.orgWideCoverage';

export const SCRATCH_STEPS: readonly Step[] = [
    {
        kind: 'command',
        id: 'dev-hub',
        title: 'Check the Dev Hub login',
        tool: 'sf',
        args: ['org', 'display', '--target-org', '{devHub}', '--json'],
        hint: 'Log in to your Dev Hub once with: sf org login web --set-default-dev-hub --alias <alias>',
        inCi: false
    },
    {
        kind: 'command',
        id: 'create-scratch-org',
        title: 'Create the scratch org',
        tool: 'sf',
        args: [
            'org',
            'create',
            'scratch',
            '--definition-file',
            'config/project-scratch-def.json',
            '--target-dev-hub',
            '{devHub}',
            '--alias',
            '{alias}',
            '--duration-days',
            '{durationDays}',
            '--wait',
            '30',
            '--json'
        ],
        captures: { scratchUsername: 'result.username' },
        inCi: true
    },
    {
        kind: 'command',
        id: 'deploy',
        title: 'Deploy force-app (not connected-app-legacy)',
        tool: 'sf',
        args: [
            'project',
            'deploy',
            'start',
            '--source-dir',
            'force-app',
            '--target-org',
            '{alias}',
            '--wait',
            '30',
            '--json'
        ],
        inCi: true
    },
    {
        kind: 'command',
        id: 'apex-tests',
        title: 'Run the Apex tests with code coverage',
        tool: 'sf',
        args: [
            'apex',
            'run',
            'test',
            '--target-org',
            '{alias}',
            '--test-level',
            'RunLocalTests',
            '--code-coverage',
            '--result-format',
            'json',
            '--output-dir',
            '{reportsDir}/apex',
            '--wait',
            '30',
            '--json'
        ],
        inCi: true
    },
    {
        kind: 'coverage-gate',
        id: 'coverage-gate',
        title: `Org-wide Apex coverage >= ${MIN_ORG_WIDE_COVERAGE}%`,
        from: 'apex-tests',
        path: ORG_WIDE_COVERAGE_PATH,
        minimum: MIN_ORG_WIDE_COVERAGE
    },
    {
        kind: 'command',
        id: 'provision',
        title: 'Provision the integration (API) user',
        tool: 'npm',
        args: [
            'run',
            '--silent',
            'provision',
            '--',
            '--target-org',
            '{alias}',
            '--unique-username',
            '--json'
        ],
        captures: { username: 'result.plan.username' },
        inCi: true
    },
    {
        kind: 'command',
        id: 'verify',
        title: 'Verify the API user against config/access/case-portal.json',
        tool: 'npm',
        args: [
            'run',
            '--silent',
            'verify',
            '--',
            '--target-org',
            '{alias}',
            '--contract',
            'config/access/case-portal.json',
            '--user',
            '{username}',
            '--junit',
            '{reportsDir}/verify-junit.xml',
            '--json'
        ],
        inCi: true
    },
    {
        kind: 'command',
        id: 'delete-scratch-org',
        title: 'Delete the scratch org',
        tool: 'sf',
        args: [
            'org',
            'delete',
            'scratch',
            '--target-org',
            '{alias}',
            '--no-prompt',
            '--json'
        ],
        cleanup: true,
        inCi: true
    }
];

/** The id of the step that creates the scratch org: cleanup runs only once it succeeded. */
export const CREATE_STEP_ID = 'create-scratch-org';

/** Replaces every `{name}` in `arg`; an unknown name is a programming error. */
export function fillPlaceholders(
    arg: string,
    context: Readonly<Record<string, string>>
): string {
    return arg.replace(/\{([A-Za-z]\w*)\}/g, (_, name: string) => {
        const value = context[name];
        if (value === undefined) {
            throw new Error(`no value for {${name}} in "${arg}"`);
        }
        return value;
    });
}
