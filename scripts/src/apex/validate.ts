import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listSourceFiles } from '../lib/files';
import { sortFindings, type Finding } from '../lib/findings';
import { loadProject, relativeTo } from '../lib/project';
import { resolveWithSdr } from '../metadata/checks/sdr';
import { runApexLs, type ApexLsIssue } from './apex-ls';
import { asNote, classifyApexLsMessage } from './platform-gaps';
import { runPmd } from './pmd';
import { apexProject } from './project-schema';
import { parseApexFiles, type ParsedApex } from './parse';
import { apexFiles, checkApexReferences } from './references';
import { syntaxFindings } from './syntax';

export interface ApexReport {
    files: string[];
    /** What a deploy would reject: syntax errors, apex-ls semantic errors, references to nothing. */
    findings: Finding[];
    /**
     * `unknown-to-checker`: what apex-ls reports about platform types its standard library lacks
     * (or another package's types). Shown, never failing: not proof of a compile error.
     */
    notes: Finding[];
    /** Why apex-ls did not run, when it did not (its checks are then missing). */
    semanticSkipped?: string;
    /** PMD severity 1-2 (the kit's code rules): empty with `policy: false`. */
    policyFindings: Finding[];
    pmdRulesRun: number;
    lowerSeverityCount: number;
}

export interface ApexOptions {
    /** Run PMD's rules too (default true); false checks only what a deploy rejects. */
    policy?: boolean;
    /** Run apex-ls (default true); false leaves the kit's own reference checks only. */
    semantic?: boolean;
}

/** Apex syntax (apex-parser), semantics (apex-ls), references, and as policy PMD severity 1-2. */
export async function validateApex(
    projectRoot: string,
    options: ApexOptions = {}
): Promise<ApexReport> {
    const policy = options.policy ?? true;
    const project = loadProject(projectRoot);
    const rel = (file: string): string => relativeTo(project.root, file);
    const allFiles = project.packageDirs.flatMap((dir) =>
        listSourceFiles(project.root, dir)
    );
    const files = apexFiles(allFiles);
    // Both start a JVM: run them side by side while the syntax and reference checks run here.
    const semantic =
        files.length > 0 && options.semantic !== false
            ? runApexLs(project.root, rel)
            : undefined;
    const pmd = policy ? runPmd(files, rel) : undefined;
    // One parse for the syntax, reference and note checks.
    const parsed = parseApexFiles(files);
    const syntax = syntaxFindings(parsed, rel);
    const resolution = resolveWithSdr(project.packageDirs, allFiles, rel);
    const schema = apexProject(
        resolution.components,
        projectNamespace(project.root)
    );
    const references = checkApexReferences(files, schema, rel, parsed);
    const semanticResult = (await semantic) ?? { findings: [] };
    const { errors, notes } = splitNotes(semanticResult.findings, {
        parsed,
        fieldNames: schema.fieldNames ?? new Set(),
        components: new Set(
            [...schema.components].map((name) => name.toLowerCase())
        ),
        namespace: schema.namespace?.toLowerCase()
    });
    // apex-ls says it more precisely where both see the same line.
    const seen = new Set(
        errors.map((finding) => `${finding.file}:${finding.line}`)
    );
    const pmdReport = (await pmd) ?? {
        findings: [],
        rulesRun: 0,
        lowerSeverityCount: 0
    };
    return {
        files: files.map(rel),
        findings: sortFindings([
            ...syntax,
            ...errors,
            ...references.filter(
                (finding) => !seen.has(`${finding.file}:${finding.line}`)
            )
        ]),
        notes: sortFindings(notes),
        semanticSkipped: semanticResult.skipped,
        policyFindings: sortFindings(pmdReport.findings),
        pmdRulesRun: pmdReport.rulesRun,
        lowerSeverityCount: pmdReport.lowerSeverityCount
    };
}

/** sfdx-project.json `namespace` (empty or absent: none). */
function projectNamespace(root: string): string | undefined {
    try {
        const raw = JSON.parse(
            readFileSync(path.join(root, 'sfdx-project.json'), 'utf8')
        ) as { namespace?: unknown };
        return typeof raw.namespace === 'string' && raw.namespace !== ''
            ? raw.namespace
            : undefined;
    } catch {
        return undefined; // loadProject has already reported an unreadable file
    }
}

interface NoteContext {
    parsed: ParsedApex;
    fieldNames: Set<string>;
    components: Set<string>;
    namespace?: string;
}

/** apex-ls findings as errors (about the project) and notes (what its library lacks). */
function splitNotes(
    issues: ApexLsIssue[],
    context: NoteContext
): { errors: Finding[]; notes: Finding[] } {
    const errors: Finding[] = [];
    const notes: Finding[] = [];
    const lines = new Map<string, string[]>();
    const lineOf = (file: string, line: number | undefined): string => {
        if (line === undefined) {
            return '';
        }
        let text = lines.get(file);
        if (!text) {
            try {
                text = readFileSync(file, 'utf8').split('\n');
            } catch {
                text = [];
            }
            lines.set(file, text);
        }
        return text[line - 1] ?? '';
    };
    const { topLevel, innerByFile } = context.parsed;
    const project = {
        declared: topLevel,
        interfaces: context.parsed.interfaces,
        typeQualifiers: context.parsed.typeQualifiers,
        fieldNames: context.fieldNames,
        components: context.components,
        namespace: context.namespace
    };
    for (const { category, text, path: file, ...finding } of issues) {
        // What this file can name unqualified: top-level types and its own inner ones.
        const inner = innerByFile.get(file);
        const extended = context.parsed.extendsByFile.get(file);
        const verdict = classifyApexLsMessage(
            category,
            text,
            lineOf(file, finding.line),
            {
                ...project,
                declared: inner ? new Set([...topLevel, ...inner]) : topLevel,
                extended
            }
        );
        if (verdict.note && verdict.reason) {
            notes.push(asNote(finding, verdict.reason));
        } else {
            errors.push(finding);
        }
    }
    return { errors, notes };
}
