import path from 'node:path';
import { parseArgs } from 'node:util';
import { validateApex } from '../src/apex/validate';
import type { Finding } from '../src/lib/findings';
import { renderTable } from '../src/lib/table';
import { validateMetadata } from '../src/metadata/validate';

/**
 * `npm run bench:validate -- [--no-policy] <project-dir>...`: runs validate:metadata and
 * validate:apex in-process over each SFDX project and prints, per project, the files checked,
 * the wall time of each validator and the findings counted by rule. Corpus: public projects
 * mirrored with `git archive` (never committed), e.g. trailheadapps/lwc-recipes.
 */

const USAGE =
    'Usage: npm run bench:validate -- [--no-policy] [--list] <project-dir>...';

interface Row {
    project: string;
    files: number;
    apexFiles: number;
    metadataMs: number;
    apexMs: number;
    findings: Finding[];
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

async function measure(dir: string, policy: boolean): Promise<Row> {
    const root = path.resolve(dir);
    const metaStart = performance.now();
    const metadata = await validateMetadata(root, { policy });
    const metadataMs = performance.now() - metaStart;
    const apexStart = performance.now();
    const apex = await validateApex(root, { policy });
    const apexMs = performance.now() - apexStart;
    return {
        project: path.basename(root),
        files: metadata.filesChecked,
        apexFiles: apex.files.length,
        metadataMs,
        apexMs,
        findings: [
            ...metadata.findings,
            ...metadata.policyFindings,
            ...apex.findings,
            ...apex.policyFindings
        ]
    };
}

async function main(): Promise<number> {
    const { values, positionals } = parseArgs({
        allowPositionals: true,
        options: {
            'no-policy': { type: 'boolean', default: false },
            list: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help || positionals.length === 0) {
        process.stdout.write(`${USAGE}\n`);
        return values.help ? 0 : 1;
    }
    const rows: Row[] = [];
    for (const dir of positionals) {
        rows.push(await measure(dir, !values['no-policy']));
    }
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
                'by rule'
            ],
            rows.map((row) => [
                row.project,
                String(row.files),
                String(row.apexFiles),
                (row.metadataMs / 1000).toFixed(1),
                (row.apexMs / 1000).toFixed(1),
                String(row.findings.length),
                byRule(row.findings)
            ]),
            400
        )}\n`
    );
    return 0;
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
