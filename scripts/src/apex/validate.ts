import { listSourceFiles } from '../lib/files';
import { sortFindings, type Finding } from '../lib/findings';
import { loadProject, relativeTo } from '../lib/project';
import { resolveWithSdr } from '../metadata/checks/sdr';
import { runPmd } from './pmd';
import { apexFiles, checkApexReferences } from './references';
import { checkApexSyntax } from './syntax';

export interface ApexReport {
    files: string[];
    /** What a deploy would reject: syntax errors and references to nothing. */
    findings: Finding[];
    /** PMD severity 1-2 (the kit's code rules): empty with `policy: false`. */
    policyFindings: Finding[];
    pmdRulesRun: number;
    lowerSeverityCount: number;
}

export interface ApexOptions {
    /** Run PMD's rules too (default true); false checks only what a deploy rejects. */
    policy?: boolean;
}

/** Apex syntax (apex-parser), references, and as policy PMD severity 1-2 over every package directory. */
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
    const pmd = policy ? runPmd(files, rel) : undefined;
    const syntax = checkApexSyntax(files, rel);
    const resolution = resolveWithSdr(project.packageDirs, allFiles, rel);
    const components = new Set(
        resolution.components.map(
            (component) => `${component.type.name}:${component.fullName}`
        )
    );
    const references = checkApexReferences(files, { components }, rel);
    const pmdReport = (await pmd) ?? {
        findings: [],
        rulesRun: 0,
        lowerSeverityCount: 0
    };
    return {
        files: files.map(rel),
        findings: sortFindings([...syntax, ...references]),
        policyFindings: sortFindings(pmdReport.findings),
        pmdRulesRun: pmdReport.rulesRun,
        lowerSeverityCount: pmdReport.lowerSeverityCount
    };
}
