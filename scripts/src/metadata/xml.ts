import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed XML element with its 1-based line. */
export interface XmlElement {
    name: string;
    attributes: Record<string, string>;
    children: XmlElement[];
    /** Concatenated text content (trimmed); empty when the element only has children. */
    text: string;
    line: number;
}

export type XmlParseResult =
    | { ok: true; root: XmlElement }
    | { ok: false; line: number; message: string };

// fast-xml-parser declares the symbol as the `Symbol` wrapper type; it is a plain symbol at run time.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type OrderedNode = Record<string | symbol, unknown>;

const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    captureMetaData: true,
    processEntities: true
});

function lineIndex(text: string): (offset: number) => number {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
        if (text[i] === '\n') {
            starts.push(i + 1);
        }
    }
    return (offset: number) => {
        let lo = 0;
        let hi = starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if ((starts[mid] ?? 0) <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    };
}

function toElement(
    node: OrderedNode,
    lineOf: (offset: number) => number
): XmlElement | null {
    const name = Object.keys(node).find((key) => key !== ':@');
    if (
        name === undefined ||
        name === '#text' ||
        name.startsWith('?') ||
        name === '#comment'
    ) {
        return null;
    }
    const rawChildren = (node[name] as OrderedNode[] | undefined) ?? [];
    const attributes = (node[':@'] as Record<string, string> | undefined) ?? {};
    const children: XmlElement[] = [];
    let text = '';
    for (const child of rawChildren) {
        if ('#text' in child) {
            text += String(child['#text']);
            continue;
        }
        const element = toElement(child, lineOf);
        if (element) {
            children.push(element);
        }
    }
    const start = (node[META] as { startIndex?: number } | undefined)
        ?.startIndex;
    return {
        name,
        attributes,
        children,
        text: text.trim(),
        line: start === undefined ? 1 : lineOf(start)
    };
}

/** Parses XML text; a malformed document gives the line and the parser's reason. */
export function parseXml(text: string): XmlParseResult {
    const valid = XMLValidator.validate(text);
    if (valid !== true) {
        return { ok: false, line: valid.err.line, message: valid.err.msg };
    }
    const lineOf = lineIndex(text);
    const nodes = parser.parse(text) as OrderedNode[];
    const roots = nodes
        .map((node) => toElement(node, lineOf))
        .filter((element): element is XmlElement => element !== null);
    const root = roots[0];
    if (!root || roots.length > 1) {
        return {
            ok: false,
            line: 1,
            message: `expected exactly one root element, found ${roots.length}`
        };
    }
    return { ok: true, root };
}
