import { readFileSync } from 'node:fs';
import type { Finding } from '../../lib/findings';
import { kindOfMetaFile } from '../registry';
import { walkSchema } from './schema-walk';
import { parseXml, type XmlElement } from '../xml';

export const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

export interface ParsedMetaFile {
    /** Absolute path. */
    path: string;
    /** Path relative to the project root, for messages. */
    file: string;
    typeName: string;
    root: XmlElement;
}

export interface MetaFileResult {
    findings: Finding[];
    parsed?: ParsedMetaFile;
}

/**
 * Checks one `-meta.xml` file: well-formed, Metadata API namespace, root element matching the
 * type its suffix or folder implies, element names and values per the schema, API version.
 */
export function checkMetaFile(
    absolutePath: string,
    file: string,
    sourceApiVersion: string
): MetaFileResult {
    const kind = kindOfMetaFile(absolutePath);
    if (!kind) {
        return {
            findings: [
                {
                    file,
                    message:
                        'no metadata type uses this file suffix; a deploy would skip or reject it',
                    rule: 'metadata-unknown-suffix'
                }
            ]
        };
    }
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
    if (root.name !== kind.typeName) {
        findings.push({
            file,
            line: root.line,
            element: root.name,
            message: `root element must be <${kind.typeName}> for this file name, found <${root.name}>`,
            rule: 'xml-root-element'
        });
        return { findings };
    }
    if (root.attributes.xmlns !== METADATA_NAMESPACE) {
        findings.push({
            file,
            line: root.line,
            element: root.name,
            message: `xmlns must be "${METADATA_NAMESPACE}", found "${root.attributes.xmlns ?? ''}"`,
            rule: 'xml-namespace'
        });
    }
    findings.push(...walkSchema(root, kind.typeName, file));
    const apiVersion = root.children.find(
        (child) => child.name === 'apiVersion'
    );
    if (apiVersion && Number(apiVersion.text) !== Number(sourceApiVersion)) {
        findings.push({
            file,
            line: apiVersion.line,
            element: 'apiVersion',
            message: `is ${apiVersion.text}; the project's sourceApiVersion is ${sourceApiVersion} (keep them equal)`,
            rule: 'api-version'
        });
    }
    return {
        findings,
        parsed: { path: absolutePath, file, typeName: kind.typeName, root }
    };
}
