import { readFileSync } from 'node:fs';
import type { Finding } from '../../lib/findings';
import type { MetaFileKind } from './sdr';
import { walkSchema } from './schema-walk';
import { parseXml, type XmlElement } from '../xml';

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';
/**
 * The Tooling API's namespace, which the Developer Console and older tools write into `.cls`,
 * `.trigger` and `.cmp` meta files; such files deploy: trailheadapps/lwc-recipes, ebikes-lwc and
 * dreamhouse-lwc ship them (e.g. force-app/main/default/classes/AccountController.cls-meta.xml)
 * and deploy them in their CI.
 */
export const TOOLING_NAMESPACE = 'urn:metadata.tooling.soap.sforce.com';
const ACCEPTED_NAMESPACES = [METADATA_NAMESPACE, TOOLING_NAMESPACE];

export interface ParsedMetaFile {
    /** Absolute path. */
    path: string;
    /** Path relative to the project root, for messages. */
    file: string;
    typeName: string;
    /** SDR's full name of the component (`Account.Name` for a field). */
    fullName: string;
    root: XmlElement;
}

export interface MetaFileResult {
    findings: Finding[];
    /** The kit's own rules (apiVersion equal to the project's). */
    policyFindings?: Finding[];
    parsed?: ParsedMetaFile;
}

/**
 * Checks one `-meta.xml` file of the type SDR resolved it to: well-formed, Metadata API (or
 * Tooling) namespace, root element matching the type, element names and values per the schema.
 * The API version check (kept equal to sourceApiVersion) is the kit's policy, returned apart.
 */
export function checkMetaFile(
    absolutePath: string,
    file: string,
    kind: MetaFileKind,
    sourceApiVersion: string
): MetaFileResult {
    const parsedXml = parseXml(readFileSync(absolutePath, 'utf8'));
    if (!parsedXml.ok) {
        return {
            findings: [
                {
                    file,
                    line: parsedXml.line,
                    message: `malformed XML: ${parsedXml.message}`,
                    rule: 'xml-well-formed'
                }
            ]
        };
    }
    const root = parsedXml.root;
    const findings: Finding[] = [];
    const rootType = rootTypeOf(kind);
    if (root.name !== rootType) {
        findings.push({
            file,
            line: root.line,
            element: root.name,
            message: `root element must be <${rootType}> for this file name, found <${root.name}>`,
            rule: 'xml-root-element'
        });
        return { findings };
    }
    if (!ACCEPTED_NAMESPACES.includes(root.attributes.xmlns ?? '')) {
        findings.push({
            file,
            line: root.line,
            element: root.name,
            message: `xmlns must be "${METADATA_NAMESPACE}", found "${root.attributes.xmlns ?? ''}"`,
            rule: 'xml-namespace'
        });
    }
    findings.push(...walkSchema(root, rootType, file, sourceApiVersion));
    const apiVersion = root.children.find(
        (child) => child.name === 'apiVersion'
    );
    const policyFindings: Finding[] = [];
    if (apiVersion && Number(apiVersion.text) !== Number(sourceApiVersion)) {
        policyFindings.push({
            file,
            line: apiVersion.line,
            element: 'apiVersion',
            message: `is ${apiVersion.text}; the project's sourceApiVersion is ${sourceApiVersion} (keep them equal)`,
            rule: 'api-version'
        });
    }
    return {
        findings,
        policyFindings,
        parsed: {
            path: absolutePath,
            file,
            typeName: kind.typeName,
            fullName: kind.fullName,
            root
        }
    };
}

/**
 * The root element (and schema type) of a component's meta file: the type's name, except for
 * Settings, whose `<Name>.settings-meta.xml` holds `<NameSettings>` (Metadata API Developer
 * Guide, "Settings": each settings type is in its own `Name.settings` file).
 */
function rootTypeOf(kind: MetaFileKind): string {
    return kind.typeName === 'Settings'
        ? `${kind.fullName}Settings`
        : kind.typeName;
}
