import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isMap } from 'yaml';
import type { Finding } from '../../../src/lib/findings';
import { nearestNames } from '../../../src/lib/nearest';
import { checkSfCommand } from './check-sf-command';
import {
    type Invocation,
    type ScanResult,
    type ScannedCommand,
    findInvocation,
    scanMarkdown,
    scanProse,
    scanShell,
    scanWorkflow
} from './command-lines';
import { type SfCatalog, loadSfCatalog } from './sf-manifest';
import type { ShellWord } from './shell-words';
import {
    type CommandStep,
    SCRATCH_STEPS,
    type Step
} from '../../../src/scratch/steps';

/**
 * The offline proof that the CI workflow, the scratch:validate step list and the README only use
 * sf commands and flags the pinned CLI has, and npm scripts package.json defines; and that the
 * workflow runs the step list's commands with the same flags.
 */

export interface ProofFinding extends Finding {
    severity: 'error' | 'warning';
}

export interface CheckedCommand {
    file: string;
    line: number;
    /** `sf org create scratch`, `npm run provision`. */
    command: string;
}

export interface ProofReport {
    cliVersion: string;
    findings: ProofFinding[];
    checked: CheckedCommand[];
}

export interface SourceFile {
    /** Path relative to the project, for messages. */
    file: string;
    text: string;
}

export interface ProofInput {
    workflow?: SourceFile;
    readme?: SourceFile;
    /** Shell scripts (bin/install-scratch.sh): their sf commands and npm scripts. */
    shellScripts?: SourceFile[];
    /** The step list and, to report lines, the source file that defines it. */
    steps?: { steps: readonly Step[]; source?: SourceFile };
    /** package.json `scripts`. */
    scripts: Record<string, string>;
}

const DEFAULT_FILES = {
    workflow: '.github/workflows/ci.yml',
    readme: 'README.md',
    shellScripts: ['bin/install-scratch.sh'],
    steps: 'scripts/src/scratch/steps.ts'
};

/** `owner/repo@v4`, `owner/repo/path@v4` or a full commit SHA; local and docker actions pass. */
const PINNED_ACTION = /^[\w.-]+\/[\w./-]+@(v\d+|[0-9a-f]{40})$/;

function commandName(invocation: Invocation, commandId?: string): string {
    if (invocation.kind === 'npm-script') {
        return invocation.script === 'test'
            ? 'npm test'
            : `npm run ${invocation.script ?? ''}`;
    }
    return commandId
        ? `sf ${commandId.replace(/:/g, ' ')}`
        : [
              invocation.kind,
              ...invocation.args.slice(0, 3).map((word) => word.value)
          ].join(' ');
}

/** Flag names (without dashes or values) in npm script arguments after `--`. */
function scriptFlags(args: ShellWord[]): string[] {
    return args
        .map((word) => word.value)
        .filter((value) => value.startsWith('-') && value !== '--')
        .map((value) => value.replace(/^-+/, '').split('=')[0] ?? '')
        .filter((name) => name !== 'json')
        .sort();
}

class Proof {
    readonly findings: ProofFinding[] = [];
    readonly checked: CheckedCommand[] = [];
    /** sf command id → flag sets seen in the workflow; npm script → flag sets. */
    readonly workflowSf = new Map<string, string[][]>();
    readonly workflowNpm = new Map<string, string[][]>();

    constructor(
        readonly catalog: SfCatalog,
        readonly scripts: Record<string, string>
    ) {}

    add(
        severity: ProofFinding['severity'],
        file: string,
        line: number | undefined,
        rule: string,
        message: string
    ): void {
        this.findings.push({
            severity,
            file,
            ...(line === undefined ? {} : { line }),
            rule,
            message
        });
    }

    /** Checks one invocation; returns the sf command id and flags when it resolved. */
    checkInvocation(
        file: string,
        invocation: Invocation,
        lineAt: (offset: number) => number,
        line: number
    ): { commandId?: string; flags: string[] } {
        if (invocation.kind === 'sfdx') {
            this.add(
                'error',
                file,
                line,
                'sf-not-sfdx',
                'sfdx is the retired CLI: use sf (the version pinned in package.json)'
            );
            return { flags: [] };
        }
        if (invocation.kind === 'npm-script') {
            const script = invocation.script ?? '';
            if (this.scripts[script] === undefined) {
                const near = nearestNames(script, Object.keys(this.scripts));
                this.add(
                    'error',
                    file,
                    line,
                    'npm-script-missing',
                    `${commandName(invocation)}: package.json has no script "${script}"${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}`
                );
            }
            this.checked.push({ file, line, command: commandName(invocation) });
            return { flags: scriptFlags(invocation.args) };
        }
        const check = checkSfCommand(
            this.catalog,
            invocation.args,
            invocation.tool.offset
        );
        for (const issue of check.issues) {
            this.add(
                issue.severity,
                file,
                lineAt(issue.offset),
                issue.rule,
                issue.message
            );
        }
        this.checked.push({
            file,
            line,
            command: commandName(invocation, check.commandId)
        });
        return check;
    }

    scanned(
        file: string,
        scan: ScanResult,
        kinds: Invocation['kind'][]
    ): ScannedCommand[] {
        for (const problem of scan.problems) {
            this.add(
                'error',
                file,
                problem.line,
                'command-line-syntax',
                problem.message
            );
        }
        return scan.commands.filter((command) =>
            kinds.includes(command.invocation.kind)
        );
    }

    workflow(source: SourceFile): void {
        const scan = scanWorkflow(source.text);
        const commands = this.scanned(source.file, scan, [
            'sf',
            'sfdx',
            'npm-script'
        ]);
        if (scan.document.errors.length > 0) {
            return;
        }
        const root = scan.document.contents;
        if (!isMap(root) || !root.has('jobs')) {
            this.add(
                'error',
                source.file,
                1,
                'workflow-structure',
                'a workflow needs a jobs: map'
            );
        }
        if (!isMap(root) || !root.has('permissions')) {
            this.add(
                'error',
                source.file,
                1,
                'workflow-permissions',
                'no top-level permissions: (least privilege: e.g. contents: read)'
            );
        }
        if (!isMap(root) || !root.has('concurrency')) {
            this.add(
                'warning',
                source.file,
                1,
                'workflow-concurrency',
                'no concurrency: group'
            );
        }
        for (const use of scan.uses) {
            if (
                !use.value.startsWith('./') &&
                !use.value.startsWith('docker://') &&
                !PINNED_ACTION.test(use.value)
            ) {
                this.add(
                    'error',
                    source.file,
                    use.line,
                    'action-pin',
                    `${use.value}: pin actions by major version (owner/repo@vN) or commit SHA`
                );
            }
        }
        for (const command of commands) {
            const { invocation } = command;
            const check = this.checkInvocation(
                source.file,
                invocation,
                command.lineAt,
                command.line
            );
            if (invocation.kind === 'sf' && check.commandId) {
                const sets = this.workflowSf.get(check.commandId) ?? [];
                sets.push(check.flags.filter((flag) => flag !== 'json'));
                this.workflowSf.set(check.commandId, sets);
            }
            if (invocation.kind === 'npm-script' && invocation.script) {
                const sets = this.workflowNpm.get(invocation.script) ?? [];
                sets.push(check.flags);
                this.workflowNpm.set(invocation.script, sets);
            }
        }
    }

    shell(source: SourceFile): void {
        const scan = scanShell(source.text);
        for (const command of this.scanned(source.file, scan, [
            'sf',
            'sfdx',
            'npm-script'
        ])) {
            this.checkInvocation(
                source.file,
                command.invocation,
                command.lineAt,
                command.line
            );
        }
    }

    markdown(source: SourceFile): void {
        for (const command of this.scanned(
            source.file,
            scanMarkdown(source.text),
            ['sf', 'sfdx']
        )) {
            this.checkInvocation(
                source.file,
                command.invocation,
                command.lineAt,
                command.line
            );
        }
    }

    steps(
        steps: readonly Step[],
        source: SourceFile | undefined,
        workflow: boolean
    ): void {
        const file = source?.file ?? DEFAULT_FILES.steps;
        const lines = source?.text.split('\n') ?? [];
        const lineOf = (id: string): number | undefined => {
            const index = lines.findIndex((line) =>
                line.includes(`id: '${id}'`)
            );
            return index === -1 ? undefined : index + 1;
        };
        for (const step of steps.filter(
            (s): s is CommandStep => s.kind === 'command'
        )) {
            const line = lineOf(step.id);
            const words: ShellWord[] = [step.tool, ...step.args].map(
                (value, index) => ({
                    value,
                    offset: index,
                    literal: !/\{\w+\}/.test(value)
                })
            );
            const invocation = findInvocation({ words });
            if (!invocation) {
                this.add(
                    'error',
                    file,
                    line,
                    'step-command',
                    `step ${step.id}: not an sf or npm run command`
                );
                continue;
            }
            const check = this.checkInvocation(
                file,
                invocation,
                () => line ?? 1,
                line ?? 1
            );
            const hint = scanProse(step.hint ?? '', line ?? 1);
            for (const hinted of this.scanned(file, hint, ['sf', 'sfdx'])) {
                this.checkInvocation(
                    file,
                    hinted.invocation,
                    () => line ?? 1,
                    line ?? 1
                );
            }
            if (!workflow || !step.inCi) {
                continue;
            }
            const name = commandName(invocation, check.commandId);
            const seen =
                invocation.kind === 'npm-script'
                    ? this.workflowNpm.get(invocation.script ?? '')
                    : this.workflowSf.get(check.commandId ?? '');
            const flags = check.flags.filter((flag) => flag !== 'json');
            if (!seen) {
                this.add(
                    'error',
                    file,
                    line,
                    'ci-drift',
                    `step ${step.id} (${name}) is marked inCi but ${DEFAULT_FILES.workflow} never runs ${name}`
                );
            } else if (!seen.some((set) => set.join(' ') === flags.join(' '))) {
                this.add(
                    'error',
                    file,
                    line,
                    'ci-drift',
                    `step ${step.id}: ${name} runs with --${flags.join(' --')} here but with ${seen.map((set) => `--${set.join(' --')}`).join(' / ')} in ${DEFAULT_FILES.workflow}`
                );
            }
        }
    }
}

/** Checks the given sources against a catalog. */
export function proveCommandLines(
    catalog: SfCatalog,
    input: ProofInput
): ProofReport {
    const proof = new Proof(catalog, input.scripts);
    if (input.workflow) {
        proof.workflow(input.workflow);
    }
    if (input.readme) {
        proof.markdown(input.readme);
    }
    for (const script of input.shellScripts ?? []) {
        proof.shell(script);
    }
    if (input.steps) {
        proof.steps(
            input.steps.steps,
            input.steps.source,
            input.workflow !== undefined
        );
    }
    return {
        cliVersion: catalog.cliVersion,
        findings: proof.findings,
        checked: proof.checked
    };
}

function readSource(projectDir: string, file: string): SourceFile | undefined {
    const full = path.join(projectDir, file);
    return existsSync(full)
        ? { file, text: readFileSync(full, 'utf8') }
        : undefined;
}

/** The project's own proof: ci.yml, README.md and SCRATCH_STEPS against its pinned sf CLI. */
export function runOfflineProof(projectDir: string): ProofReport {
    const catalog = loadSfCatalog(projectDir);
    const pkg = JSON.parse(
        readFileSync(path.join(projectDir, 'package.json'), 'utf8')
    ) as {
        scripts?: Record<string, string>;
    };
    const workflow = readSource(projectDir, DEFAULT_FILES.workflow);
    const readme = readSource(projectDir, DEFAULT_FILES.readme);
    const source = readSource(projectDir, DEFAULT_FILES.steps);
    const shellScripts = DEFAULT_FILES.shellScripts.flatMap((file) => {
        const script = readSource(projectDir, file);
        return script ? [script] : [];
    });
    const report = proveCommandLines(catalog, {
        ...(workflow ? { workflow } : {}),
        ...(readme ? { readme } : {}),
        shellScripts,
        steps: { steps: SCRATCH_STEPS, ...(source ? { source } : {}) },
        scripts: pkg.scripts ?? {}
    });
    if (!workflow) {
        report.findings.push({
            severity: 'error',
            file: DEFAULT_FILES.workflow,
            rule: 'workflow-missing',
            message: 'the CI workflow is missing'
        });
    }
    return report;
}
