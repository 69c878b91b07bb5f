// Reading Metadata API source-format XML: every element as text, repeated elements as
// lists, no attributes (xsi:type on custom metadata values is not needed).

import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    removeNSPrefix: true
});

/** The document's root element (e.g. <PermissionSet>) as a node. */
export function readMetadata(file: string, rootName: string): XmlNode {
    const parsed = parser.parse(readFileSync(file, 'utf8')) as XmlNode;
    const root = parsed[rootName];
    if (root === undefined) {
        throw new Error(`expected a <${rootName}> root element`);
    }
    return typeof root === 'object' && !Array.isArray(root) ? root : {};
}

export function children(node: XmlNode, name: string): XmlNode[] {
    const value = node[name];
    const list =
        value === undefined ? [] : Array.isArray(value) ? value : [value];
    return list.filter(
        (item): item is XmlNode =>
            typeof item === 'object' && !Array.isArray(item)
    );
}

export function texts(node: XmlNode, name: string): string[] {
    const value = node[name];
    const list =
        value === undefined ? [] : Array.isArray(value) ? value : [value];
    return list.filter((item): item is string => typeof item === 'string');
}

export function text(node: XmlNode, name: string): string | undefined {
    return texts(node, name)[0];
}

export function flag(node: XmlNode, name: string): boolean {
    return text(node, name) === 'true';
}
