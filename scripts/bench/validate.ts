import {
    cpSync,
    existsSync,
    mkdtempSync,
    readFileSync,
    rmSync,
    writeFileSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { validateApex } from '../src/apex/validate';
import type { Finding } from '../src/lib/findings';
import { renderTable } from '../src/lib/table';
import { validateMetadata } from '../src/metadata/validate';

/**
 * `npm run bench:validate -- [--no-policy] [--no-apex] [--list] <project-dir>...` or
 * `... --corpus scripts/bench/corpus.json --root <dir>`: runs validate:metadata and validate:apex
 * in-process over each SFDX project and prints, per project, the files checked, the wall time of
 * each validator and the findings counted by rule. With a corpus manifest, each project is
 * `<root>/<name>` (public projects extracted with `git archive` at the manifest's commit, never
 * committed), only the package directories the manifest names are checked, and each metadata
 * finding is classified: true where the manifest's `knownTrue` shows it is a real defect,
 * otherwise false (a rule to fix). A crash is reported in its row and the run goes on.
 */

const USAGE =
    'Usage: npm run bench:validate -- [--no-policy] [--no-apex] [--list] (<project-dir>... | --corpus <corpus.json> --root <dir>)';

const manifestSchema = z.object({
    projects: z.array(
        z.object({
            name: z.string().min(1),
            /** Folder below --root when not `name` (a project inside another repo's tree). */
            path: z.string().min(1).optional(),
            repo: z.string().min(1),
            commit: z.string().regex(/^[0-9a-f]{40}$/),
            kind: z.string(),
            packageDirectories: z.union([
                z.literal('all'),
                z.array(z.string().min(1)).min(1)
            ]),
            note: z.string().optional(),
            knownTrue: z
                .array(
                    z.object({
                        rule: z.string(),
                        file: z.string(),
                        evidence: z.string()
                    })
                )
                .optional()
        })
    )
});

type CorpusProject = z.infer<typeof manifestSchema>['projects'][number];

interface Target {
    dir: string;
    name: string;
    entry?: CorpusProject;
}

interface Row {
    project: string;
    files: number;
    apexFiles: number;
    metadataMs: number;
    apexMs: number;
    findings: Finding[];
    /** validate:apex's unknown-to-checker notes (apex-ls library gaps): counted, never failing. */
    notes: number;
    /** Metadata findings the manifest shows real, and the rest (false until shown real). */
    trueCount?: number;
    falseCount?: number;
    crash?: string;
}

/**
 * A project whose manifest names some of its package directories: a temporary copy holding
 * sfdx-project.json with only those, the directories themselves, config/ and .forceignore, so
 * both validators (and apex-ls, which reads sfdx-project.json itself) see what its CI deploys.
 */
function subsetCopy(
    root: string,
    dirs: string[]
): { dir: string; cleanup: () => void } {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'bench-validate-'));
    const project = JSON.parse(
        readFileSync(path.join(root, 'sfdx-project.json'), 'utf8')
    ) as { packageDirectories: { path: string; default?: boolean }[] };
    const kept = project.packageDirectories.filter((entry) =>
        dirs.includes(entry.path)
    );
    if (kept.length !== dirs.length) {
        throw new Error(
            `${root}/sfdx-project.json does not list every package directory of the manifest: ${dirs.join(', ')}`
        );
    }
    if (!kept.some((entry) => entry.default)) {
        kept[0] = { ...kept[0]!, default: true };
    }
    writeFileSync(
        path.join(copy, 'sfdx-project.json'),
        JSON.stringify({ ...project, packageDirectories: kept }, null, 4)
    );
    for (const name of [...dirs, 'config', '.forceignore']) {
        if (existsSync(path.join(root, name))) {
            cpSync(path.join(root, name), path.join(copy, name), {
                recursive: true
            });
        }
    }
    return {
        dir: copy,
        cleanup: () => rmSync(copy, { recursive: true, force: true })
    };
}

function classify(row: Row, findings: Finding[], entry: CorpusProject): void {
    const known = entry.knownTrue ?? [];
    row.trueCount = findings.filter((finding) =>
        known.some(
            (item) => item.rule === finding.rule && item.file === finding.file
        )
    ).length;
    row.falseCount = findings.length - row.trueCount;
}

function byRule(findings: Finding[]): string {
    const counts = new Map<string, number>();
    for (const finding of findings) {
        counts.set(finding.rule, (counts.get(finding.rule) ?? 0) + 1);
    }
    return [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([rule, count]) => `${rule} ${count}`)
        .join(', ');
}

async function measure(
    target: Target,
    policy: boolean,
    apex: boolean
): Promise<Row> {
    const row: Row = {
        project: target.name,
        files: 0,
        apexFiles: 0,
        metadataMs: 0,
        apexMs: 0,
        findings: [],
        notes: 0
    };
    const dirs = target.entry?.packageDirectories;
    const copy =
        Array.isArray(dirs) && existsSync(target.dir)
            ? subsetCopy(target.dir, dirs)
            : undefined;
    const root = copy?.dir ?? path.resolve(target.dir);
    try {
        const metaStart = performance.now();
        const metadata = await validateMetadata(root, { policy });
        row.metadataMs = performance.now() - metaStart;
        row.files = metadata.filesChecked;
        row.findings.push(...metadata.findings, ...metadata.policyFindings);
        if (target.entry) {
            classify(row, metadata.findings, target.entry);
        }
        if (apex) {
            const apexStart = performance.now();
            const apexReport = await validateApex(root, { policy });
            row.apexMs = performance.now() - apexStart;
            row.apexFiles = apexReport.files.length;
            row.notes = apexReport.notes.length;
            row.findings.push(
                ...apexReport.findings,
                ...apexReport.policyFindings
            );
        }
    } catch (error) {
        row.crash = (error as Error).message.split('\n')[0];
    } finally {
        copy?.cleanup();
    }
    return row;
}

function targetsOf(
    positionals: string[],
    corpus: string | undefined,
    root: string | undefined
): Target[] {
    if (!corpus) {
        return positionals.map((dir) => ({
            dir,
            name: path.basename(path.resolve(dir))
        }));
    }
    if (!root) {
        throw new Error('--corpus needs --root <dir> (where the projects are)');
    }
    const parsed = manifestSchema.safeParse(
        JSON.parse(readFileSync(corpus, 'utf8'))
    );
    if (!parsed.success) {
        throw new Error(
            `${corpus}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`
        );
    }
    const only = new Set(positionals);
    return parsed.data.projects
        .filter((entry) => only.size === 0 || only.has(entry.name))
        .map((entry) => ({
            dir: path.join(root, entry.path ?? entry.name),
            name: entry.name,
            entry
        }));
}

async function main(): Promise<number> {
    const { values, positionals } = parseArgs({
        allowPositionals: true,
        options: {
            'no-policy': { type: 'boolean', default: false },
            'no-apex': { type: 'boolean', default: false },
            list: { type: 'boolean', default: false },
            corpus: { type: 'string' },
            root: { type: 'string' },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help || (positionals.length === 0 && !values.corpus)) {
        process.stdout.write(`${USAGE}\n`);
        return values.help ? 0 : 1;
    }
    const rows: Row[] = [];
    for (const target of targetsOf(positionals, values.corpus, values.root)) {
        rows.push(
            await measure(target, !values['no-policy'], !values['no-apex'])
        );
    }
    const classified = values.corpus !== undefined;
    if (values.list) {
        for (const row of rows) {
            for (const finding of row.findings) {
                process.stdout.write(
                    `${row.project}/${finding.file}:${finding.line ?? ''} <${finding.element ?? ''}> ${finding.message} [${finding.rule}]\n`
                );
            }
        }
    }
    process.stdout.write(
        `${renderTable(
            [
                'project',
                'files',
                'apex',
                'metadata s',
                'apex s',
                'findings',
                'apex notes',
                ...(classified ? ['metadata true', 'metadata false'] : []),
                'by rule'
            ],
            rows.map((row) => [
                row.project,
                String(row.files),
                String(row.apexFiles),
                (row.metadataMs / 1000).toFixed(1),
                (row.apexMs / 1000).toFixed(1),
                row.crash ? 'CRASH' : String(row.findings.length),
                String(row.notes),
                ...(classified
                    ? [
                          String(row.trueCount ?? '-'),
                          String(row.falseCount ?? '-')
                      ]
                    : []),
                row.crash ?? byRule(row.findings)
            ]),
            400
        )}\n`
    );
    return rows.some((row) => row.crash) ? 1 : 0;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
        process.exitCode = 1;
    }
);
