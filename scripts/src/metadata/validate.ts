import type { Finding } from '../lib/findings';
import { sortFindings } from '../lib/findings';
import { listSourceFiles } from '../lib/files';
import { loadProject, relativeTo } from '../lib/project';
import { checkMetaFile, type ParsedMetaFile } from './checks/meta-files';
import { checkPairing } from './checks/pairing';
import { checkWithSdr } from './checks/sdr';
import { checkLeastPrivilege } from './checks/least-privilege';
import { checkReferences } from './checks/references';
import { checkUserPermissionNames } from './checks/user-permissions';

export interface MetadataReport {
    projectRoot: string;
    packageDirs: string[];
    filesChecked: number;
    components: string[];
    packageXml?: string;
    findings: Finding[];
}

/** Runs every metadata check over every package directory of the project at `projectRoot`. */
export async function validateMetadata(
    projectRoot: string
): Promise<MetadataReport> {
    const project = loadProject(projectRoot);
    const rel = (file: string): string => relativeTo(project.root, file);
    const files = project.packageDirs.flatMap((dir) =>
        listSourceFiles(project.root, dir)
    );
    const findings: Finding[] = [];
    const parsed: ParsedMetaFile[] = [];
    for (const file of files.filter((candidate) =>
        candidate.endsWith('-meta.xml')
    )) {
        const result = checkMetaFile(file, rel(file), project.sourceApiVersion);
        findings.push(...result.findings);
        if (result.parsed) {
            parsed.push(result.parsed);
        }
    }
    findings.push(...checkPairing(files, rel));
    findings.push(...checkLeastPrivilege(parsed, files, rel));
    findings.push(...checkReferences(parsed));
    findings.push(...checkUserPermissionNames(parsed));
    const sdr = await checkWithSdr(
        project.packageDirs,
        files,
        rel,
        project.sourceApiVersion
    );
    // SDR often reports again what the project's own checks said more precisely: keep the first.
    const reported = new Set(findings.map((finding) => finding.file));
    findings.push(
        ...sdr.findings.filter((finding) => !reported.has(finding.file))
    );
    return {
        projectRoot: project.root,
        packageDirs: project.packageDirs.map(rel),
        filesChecked: files.length,
        components: sdr.components,
        packageXml: sdr.packageXml,
        findings: sortFindings(findings)
    };
}
