import { listSourceFiles } from '../lib/files';
import { sortFindings, type Finding } from '../lib/findings';
import { loadProject, relativeTo } from '../lib/project';
import { runPmd } from './pmd';
import { checkApexSyntax } from './syntax';

export interface ApexReport {
    files: string[];
    findings: Finding[];
    pmdRulesRun: number;
    lowerSeverityCount: number;
}

const APEX_FILE = /\.(cls|trigger)$/;

/** Apex syntax (apex-parser) and PMD severity 1-2 over every package directory. */
export async function validateApex(projectRoot: string): Promise<ApexReport> {
    const project = loadProject(projectRoot);
    const rel = (file: string): string => relativeTo(project.root, file);
    const files = project.packageDirs
        .flatMap((dir) => listSourceFiles(project.root, dir))
        .filter((file) => APEX_FILE.test(file));
    const syntax = checkApexSyntax(files, rel);
    const pmd = await runPmd(files, rel);
    return {
        files: files.map(rel),
        findings: sortFindings([...syntax, ...pmd.findings]),
        pmdRulesRun: pmd.rulesRun,
        lowerSeverityCount: pmd.lowerSeverityCount
    };
}
