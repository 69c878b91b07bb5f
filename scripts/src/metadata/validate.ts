import { existsSync } from 'node:fs';
import type { Finding } from '../lib/findings';
import { sortFindings } from '../lib/findings';
import { listSourceFiles } from '../lib/files';
import { loadProject, relativeTo } from '../lib/project';
import { checkMetaFile, type ParsedMetaFile } from './checks/meta-files';
import { checkPairing, checkUnclaimed } from './checks/pairing';
import { convertWithSdr, resolveWithSdr } from './checks/sdr';
import { checkLeastPrivilege } from './checks/least-privilege';
import { checkReferences } from './checks/references';
import { checkScratchDefinitions } from './checks/scratch-def';
import { checkFieldRules } from './checks/field-rules';
import { checkDuplicates } from './checks/duplicates';
import { checkCustomMetadataRecords } from './checks/custom-metadata';
import { checkLabelMessageFormat } from './checks/labels';
import { checkOauthScopeLists } from './checks/oauth-scopes';
import { checkStandardNames } from './checks/standard-names';
import { checkLwcReferences } from './checks/lwc-references';
import { checkLwcTargets } from './checks/lwc-targets';
import { checkUserPermissionNames } from './checks/user-permissions';
import { checkFirstDeploy } from './checks/first-deploy';
import { checkLengthLimits } from './checks/length-limits';
import { checkProjectReferences } from './checks/reference-checks';

export interface MetadataReport {
    projectRoot: string;
    packageDirs: string[];
    filesChecked: number;
    components: string[];
    packageXml?: string;
    /** What a deploy would reject (or silently leave out). */
    findings: Finding[];
    /** The kit's own rules (least privilege, secrets, API version): empty with `policy: false`. */
    policyFindings: Finding[];
    /**
     * Set when the project targets an older API than the schema it was checked against: an element
     * or value that a later release removed or renamed is reported, though that older API accepts it.
     */
    schemaNote?: string;
}

/**
 * The Metadata API version the element schema describes: `@salesforce/types` 1.9.0, generated from
 * the API 66.0 WSDL (it has the API 66 ExternalClientAppSettings fields and `ExtlClntAppDistState`).
 */
export const SCHEMA_API_VERSION = '66.0';

export interface MetadataOptions {
    /** Run the kit's policy rules too (default true); false checks only what a deploy rejects. */
    policy?: boolean;
}

function schemaNote(sourceApiVersion: string): string | undefined {
    if (Number(sourceApiVersion) >= Number(SCHEMA_API_VERSION)) {
        return undefined;
    }
    return (
        `this project's sourceApiVersion is ${sourceApiVersion}; elements and values were checked ` +
        `against the API ${SCHEMA_API_VERSION} schema, so an element or value that a release after ` +
        `${sourceApiVersion} removed or renamed is reported even where API ${sourceApiVersion} may accept it`
    );
}

/** Runs every metadata check over every package directory of the project at `projectRoot`. */
export async function validateMetadata(
    projectRoot: string,
    options: MetadataOptions = {}
): Promise<MetadataReport> {
    const policy = options.policy ?? true;
    const project = loadProject(projectRoot);
    const rel = (file: string): string => relativeTo(project.root, file);
    const files = project.packageDirs.flatMap((dir) =>
        listSourceFiles(project.root, dir)
    );
    const resolution = resolveWithSdr(project.packageDirs, files, rel);
    const findings: Finding[] = [...resolution.findings];
    const policyFindings: Finding[] = [];
    const parsed: ParsedMetaFile[] = [];
    // SDR also names JSON files as a component's "xml" (DigitalExperience `_meta.json`, ...).
    // SDR names a meta file for a content file it resolved without one (a `.cls` alone, as in
    // alexed1/LightningFlowComponents flow_action_components/AIConnect): no file to read; the
    // pairing check reports it.
    const xmlFiles = [...resolution.metaFiles.entries()]
        .filter(([file]) => file.endsWith('.xml') && existsSync(file))
        .sort((a, b) => a[0].localeCompare(b[0]));
    for (const [file, kind] of xmlFiles) {
        const result = checkMetaFile(
            file,
            rel(file),
            kind,
            project.sourceApiVersion
        );
        findings.push(...result.findings);
        policyFindings.push(...(result.policyFindings ?? []));
        if (result.parsed) {
            parsed.push(result.parsed);
        }
    }
    const defined = new Set(
        resolution.components.map(
            (component) => `${component.type.name}:${component.fullName}`
        )
    );
    findings.push(...checkPairing(files, resolution, rel));
    findings.push(
        ...checkUnclaimed(files, project.packageDirs, resolution, rel)
    );
    findings.push(...checkReferences(parsed, defined));
    findings.push(...checkUserPermissionNames(parsed));
    findings.push(...checkScratchDefinitions(project.root));
    findings.push(...checkFieldRules(parsed));
    findings.push(...checkDuplicates(parsed));
    findings.push(...checkCustomMetadataRecords(parsed, defined));
    findings.push(...checkOauthScopeLists(parsed));
    findings.push(...checkStandardNames(parsed));
    findings.push(...checkLwcReferences(parsed, files, defined, rel));
    findings.push(...checkLwcTargets(parsed));
    findings.push(...checkLengthLimits(parsed));
    findings.push(
        ...checkProjectReferences({
            parsed,
            files,
            defined,
            sourceApiVersion: project.sourceApiVersion,
            projectRoot: project.root,
            rel
        })
    );
    const firstDeploy = checkFirstDeploy(parsed, project);
    findings.push(...firstDeploy.findings);
    if (policy) {
        policyFindings.push(...firstDeploy.policyFindings);
        policyFindings.push(...checkLeastPrivilege(parsed, files, rel));
        policyFindings.push(...checkLabelMessageFormat(parsed));
    }
    const converted = await convertWithSdr(
        resolution,
        project.packageDirs[0] ?? project.root,
        rel,
        project.sourceApiVersion
    );
    findings.push(...converted.findings);
    return {
        projectRoot: project.root,
        packageDirs: project.packageDirs.map(rel),
        filesChecked: files.length,
        components: [...defined].sort(),
        packageXml: converted.packageXml,
        findings: sortFindings(findings),
        policyFindings: policy ? sortFindings(policyFindings) : [],
        schemaNote: schemaNote(project.sourceApiVersion)
    };
}
