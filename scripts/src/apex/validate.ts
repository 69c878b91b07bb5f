import { listSourceFiles } from '../lib/files';
import { sortFindings, type Finding } from '../lib/findings';
import { loadProject, relativeTo } from '../lib/project';
import { resolveWithSdr } from '../metadata/checks/sdr';
import { runApexLs } from './apex-ls';
import { runPmd } from './pmd';
import { apexFiles, checkApexReferences } from './references';
import { checkApexSyntax } from './syntax';

export interface ApexReport {
    files: string[];
    /** What a deploy would reject: syntax errors, apex-ls semantic errors, references to nothing. */
    findings: Finding[];
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
    const syntax = checkApexSyntax(files, rel);
    const resolution = resolveWithSdr(project.packageDirs, allFiles, rel);
    const components = new Set(
        resolution.components.map(
            (component) => `${component.type.name}:${component.fullName}`
        )
    );
    const references = checkApexReferences(files, { components }, rel);
    const semanticResult = (await semantic) ?? { findings: [] };
    // apex-ls says it more precisely where both see the same line.
    const seen = new Set(
        semanticResult.findings.map(
            (finding) => `${finding.file}:${finding.line}`
        )
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
            ...semanticResult.findings,
            ...references.filter(
                (finding) => !seen.has(`${finding.file}:${finding.line}`)
            )
        ]),
        semanticSkipped: semanticResult.skipped,
        policyFindings: sortFindings(pmdReport.findings),
        pmdRulesRun: pmdReport.rulesRun,
        lowerSeverityCount: pmdReport.lowerSeverityCount
    };
}
