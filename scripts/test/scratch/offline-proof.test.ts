import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatFinding } from '../../src/lib/findings';
import {
    type ProofFinding,
    type ProofReport,
    proveCommandLines,
    runOfflineProof
} from './proof/offline-proof';
import { type SfCatalog, loadSfCatalog } from './proof/sf-manifest';
import { SCRATCH_STEPS, type Step } from '../../src/scratch/steps';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(__dirname, 'fixtures');

let catalog: SfCatalog;
let scripts: Record<string, string>;

beforeAll(() => {
    catalog = loadSfCatalog(ROOT);
    scripts = (
        JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
            scripts: Record<string, string>;
        }
    ).scripts;
});

function fixture(file: string): { file: string; text: string } {
    return { file, text: readFileSync(path.join(FIXTURES, file), 'utf8') };
}

function errors(report: ProofReport): ProofFinding[] {
    return report.findings.filter((finding) => finding.severity === 'error');
}

function lines(findings: ProofFinding[]): string[] {
    return findings.map(formatFinding);
}

describe('the pinned sf CLI command catalog (oclif manifests)', () => {
    it('is the version package.json pins, with the commands CI uses', () => {
        const pkg = JSON.parse(
            readFileSync(path.join(ROOT, 'package.json'), 'utf8')
        ) as { devDependencies: Record<string, string> };
        expect(catalog.cliVersion).toBe(pkg.devDependencies['@salesforce/cli']);
        const create = catalog.commands.get('org:create:scratch');
        expect(create?.flags.get('definition-file')?.char).toBe('f');
        expect(create?.flags.get('duration-days')?.char).toBe('y');
        expect(
            catalog.commands.get('apex:run:test')?.flags.get('code-coverage')
                ?.type
        ).toBe('boolean');
        expect(catalog.lookup.get('force:apex:test:run')?.command.id).toBe(
            'apex:run:test'
        );
        expect(catalog.lookup.get('apex:test:run')?.via).toBe('permutation');
    });
});

describe('offline proof of this project', () => {
    let report: ProofReport;
    beforeAll(() => {
        report = runOfflineProof(ROOT);
    });

    it('finds no unknown sf command or flag, missing npm script or CI drift', () => {
        expect(lines(errors(report))).toEqual([]);
    });

    it('checked every sf command of the CI workflow, the step list and the README', () => {
        const commands = (file: string): string[] =>
            report.checked
                .filter((checked) => checked.file === file)
                .map((checked) => checked.command);
        expect(commands('.github/workflows/ci.yml')).toEqual(
            expect.arrayContaining([
                'sf org login sfdx-url',
                'sf org create scratch',
                'sf project deploy start',
                'sf apex run test',
                'npm run scratch:validate',
                'npm run provision',
                'npm run verify',
                'sf org delete scratch'
            ])
        );
        expect(commands('scripts/src/scratch/steps.ts')).toEqual([
            'sf org display',
            'sf org login web',
            'sf org create scratch',
            'sf project deploy start',
            'sf apex run test',
            'npm run provision',
            'npm run verify',
            'sf org delete scratch'
        ]);
        expect(commands('README.md')).toContain('sf project deploy start');
        expect(commands('bin/install-scratch.sh')).toEqual([
            'npm run scratch:validate'
        ]);
    });
});

describe('broken fixtures fail the proof', () => {
    it('a misspelled flag in a workflow run block, with file, line and the nearest flag', () => {
        const report = proveCommandLines(catalog, {
            workflow: fixture('workflows/misspelled-flag.yml'),
            scripts
        });
        expect(lines(errors(report))).toEqual([
            'workflows/misspelled-flag.yml:16: sf org create scratch has no flag --definition-fil (did you mean --definition-file?) [sf-unknown-flag]'
        ]);
    });

    it('an npm script package.json does not define', () => {
        const report = proveCommandLines(catalog, {
            workflow: fixture('workflows/missing-script.yml'),
            scripts
        });
        expect(lines(errors(report))).toEqual([
            'workflows/missing-script.yml:14: npm run scratch:validat: package.json has no script "scratch:validat" (did you mean scratch:validate?) [npm-script-missing]'
        ]);
        // npm ci && npm test: both commands of the line were seen, npm test exists.
        expect(report.checked.map((c) => c.command)).toContain('npm test');
    });

    it('an unknown command, an action not pinned by major version, no permissions', () => {
        const report = proveCommandLines(catalog, {
            workflow: fixture('workflows/unpinned.yml'),
            scripts
        });
        const found = errors(report).map((f) => [f.rule, f.line]);
        expect(found).toEqual(
            expect.arrayContaining([
                ['workflow-permissions', 1],
                ['action-pin', 8],
                ['sf-unknown-command', 9]
            ])
        );
        expect(
            errors(report).find((f) => f.rule === 'sf-unknown-command')?.message
        ).toBe(
            'sf org create scrach: no such command in sf 2.150.6 (did you mean sf org create scratch?)'
        );
    });

    it('a workflow that is not valid YAML', () => {
        const report = proveCommandLines(catalog, {
            workflow: { file: 'bad.yml', text: 'jobs:\n  a: [unclosed\n' },
            scripts
        });
        expect(errors(report)[0]?.message).toMatch(/^YAML: /);
    });

    it('README code blocks: continuation lines, comments, placeholders, enum values', () => {
        const report = proveCommandLines(catalog, {
            readme: fixture('markdown/misspelled-flag.md'),
            scripts
        });
        expect(lines(errors(report))).toEqual([
            'markdown/misspelled-flag.md:9: sf org create scratch has no flag --duration-dayz (did you mean --duration-days?) [sf-unknown-flag]',
            'markdown/misspelled-flag.md:11: sf apex run test --test-level expects one of RunLocalTests, RunAllTestsInOrg, RunSpecifiedTests, got "RunLocal" [sf-flag-value]'
        ]);
        // The inline span on line 3 was checked too; the comment line was not.
        expect(report.checked.map((c) => `${c.line} ${c.command}`)).toEqual([
            '3 sf org login web',
            '7 sf org create scratch',
            '11 sf apex run test'
        ]);
    });

    it('a step whose flag the pinned CLI lacks, and a step the workflow runs differently', () => {
        const steps: Step[] = SCRATCH_STEPS.map((step) =>
            step.id === 'deploy' && step.kind === 'command'
                ? { ...step, args: [...step.args, '--ignore-conflict'] }
                : step.id === 'apex-tests' && step.kind === 'command'
                  ? { ...step, args: [...step.args, '--concise'] }
                  : step
        );
        const report = proveCommandLines(catalog, {
            workflow: {
                file: '.github/workflows/ci.yml',
                text: readFileSync(
                    path.join(ROOT, '.github/workflows/ci.yml'),
                    'utf8'
                )
            },
            steps: { steps },
            scripts
        });
        expect(errors(report).map((f) => `${f.rule} ${f.message}`)).toEqual([
            'sf-unknown-flag sf project deploy start has no flag --ignore-conflict (did you mean --ignore-conflicts?)',
            expect.stringMatching(
                /^ci-drift step apex-tests: sf apex run test runs with .*--concise/
            )
        ]);
    });
});
