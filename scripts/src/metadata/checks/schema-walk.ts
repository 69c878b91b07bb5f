import type { Finding } from '../../lib/findings';
import { nearestNames } from '../../lib/nearest';
import { isPrimitive, parsePropType, propsOf } from '../schema';
import type { XmlElement } from '../xml';

/** Elements whose content is free-form XML in the Metadata API (typed as a string blob). */
const XML_BLOB_ELEMENTS = new Set(['LightningComponentBundle/targetConfigs']);

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Checks an element tree against the Metadata API schema: known element names, no repeats of
 * single-valued elements, required elements present, booleans and numbers well-formed.
 */
export function walkSchema(
    root: XmlElement,
    typeName: string,
    file: string
): Finding[] {
    const findings: Finding[] = [];
    const visit = (
        element: XmlElement,
        type: string,
        trail: string,
        isRoot: boolean
    ): void => {
        const props = propsOf(type);
        if (!props) {
            return;
        }
        const counts = new Map<string, number>();
        for (const child of element.children) {
            const childTrail = isRoot ? child.name : `${trail}/${child.name}`;
            const raw = props[child.name];
            if (raw === undefined) {
                findings.push({
                    file,
                    line: child.line,
                    element: childTrail,
                    message: `unknown element for ${type}${nearest(child.name, Object.keys(props))}`,
                    rule: 'xml-unknown-element'
                });
                continue;
            }
            counts.set(child.name, (counts.get(child.name) ?? 0) + 1);
            const prop = parsePropType(raw);
            if (XML_BLOB_ELEMENTS.has(`${type}/${child.name}`)) {
                continue;
            }
            if (!isPrimitive(prop.base)) {
                visit(child, prop.base, childTrail, false);
                continue;
            }
            if (child.children.length > 0 && prop.base !== 'any') {
                findings.push({
                    file,
                    line: child.line,
                    element: childTrail,
                    message: `expected a ${prop.base} value, found child elements <${child.children[0]?.name}>`,
                    rule: 'xml-value-type'
                });
            } else if (
                prop.base === 'boolean' &&
                child.text !== 'true' &&
                child.text !== 'false'
            ) {
                findings.push({
                    file,
                    line: child.line,
                    element: childTrail,
                    message: `expected true or false, found "${child.text}"`,
                    rule: 'xml-value-type'
                });
            } else if (prop.base === 'number' && !NUMBER.test(child.text)) {
                findings.push({
                    file,
                    line: child.line,
                    element: childTrail,
                    message: `expected a number, found "${child.text}"`,
                    rule: 'xml-value-type'
                });
            }
        }
        for (const [name, raw] of Object.entries(props)) {
            const prop = parsePropType(raw);
            const count = counts.get(name) ?? 0;
            if (count > 1 && !prop.repeatable) {
                findings.push({
                    file,
                    line: element.line,
                    element: isRoot ? name : `${trail}/${name}`,
                    message: `appears ${count} times; ${type} allows it once`,
                    rule: 'xml-repeated-element'
                });
            }
            if (count === 0 && !prop.optional && name !== 'fullName') {
                findings.push({
                    file,
                    line: element.line,
                    element: isRoot ? name : `${trail}/${name}`,
                    message: `required by ${type} but missing`,
                    rule: 'xml-missing-element'
                });
            }
        }
    };
    visit(root, typeName, root.name, true);
    return findings;
}

/** ` (did you mean <x>?)` when a known name is close, else ''. */
export function nearest(name: string, known: string[]): string {
    const [best] = nearestNames(name, known, 1);
    return best === undefined ? '' : ` (did you mean <${best}>?)`;
}
