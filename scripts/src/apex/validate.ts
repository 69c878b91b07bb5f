import { listSourceFiles } from '../lib/files';
import { sortFindings, type Finding } from '../lib/findings';
import { loadProject, relativeTo } from '../lib/project';
import { runPmd } from './pmd';
import { checkApexSyntax } from './syntax';

export interface ApexReport {
    files: string[];
    /** What a deploy would reject: syntax errors. */
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

const APEX_FILE = /\.(cls|trigger)$/;

/** Apex syntax (apex-parser) and, as policy, PMD severity 1-2 over every package directory. */
export async function validateApex(
    projectRoot: string,
    options: ApexOptions = {}
): Promise<ApexReport> {
    const policy = options.policy ?? true;
    const project = loadProject(projectRoot);
    const rel = (file: string): string => relativeTo(project.root, file);
    const files = project.packageDirs
        .flatMap((dir) => listSourceFiles(project.root, dir))
        .filter((file) => APEX_FILE.test(file));
    const syntax = checkApexSyntax(files, rel);
    const pmd = policy
        ? await runPmd(files, rel)
        : { findings: [], rulesRun: 0, lowerSeverityCount: 0 };
    return {
        files: files.map(rel),
        findings: sortFindings(syntax),
        policyFindings: sortFindings(pmd.findings),
        pmdRulesRun: pmd.rulesRun,
        lowerSeverityCount: pmd.lowerSeverityCount
    };
}
