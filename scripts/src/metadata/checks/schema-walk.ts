import type { Finding } from '../../lib/findings';
import { nearestNames } from '../../lib/nearest';
import { LEGACY_ELEMENTS, LEGACY_ENUM_VALUES } from '../extra-types';
import {
    enumValues,
    isPrimitive,
    propsOf,
    resolveAlias,
    type PropType
} from '../schema';
import type { XmlElement } from '../xml';

/** Elements whose content is free-form XML in the Metadata API (typed as a string blob). */
const XML_BLOB_ELEMENTS = new Set(['LightningComponentBundle/targetConfigs']);

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Checks an element tree against the Metadata API schema (@salesforce/types metadata.d.ts):
 * known element names, no repeats of single-valued elements, required elements present,
 * booleans and numbers well-formed, enumeration values among the allowed ones. With the
 * project's `apiVersion`, elements and values an older API accepted (extra-types.ts
 * LEGACY_ELEMENTS / LEGACY_ENUM_VALUES) pass where the project targets that older API.
 */
export function walkSchema(
    root: XmlElement,
    typeName: string,
    file: string,
    apiVersion?: string
): Finding[] {
    const version = apiVersion === undefined ? Infinity : Number(apiVersion);
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
            const prop =
                props[child.name] ?? legacyProp(type, child.name, version);
            if (prop === undefined) {
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
            if (XML_BLOB_ELEMENTS.has(`${type}/${child.name}`)) {
                continue;
            }
            // A nil element (`<objectMapping xsi:nil="true"/>`, as retrieves write an unused
            // DuplicateRule objectMapping) has no value and no children to check (W3C XML Schema
            // Part 1: Structures, 2.6.2 "xsi:nil").
            if (child.attributes['xsi:nil'] === 'true') {
                continue;
            }
            const base = resolveAlias(prop.base);
            if (!isPrimitive(base)) {
                visit(child, base, childTrail, false);
                continue;
            }
            const problem = valueProblem(child, base, version);
            if (problem) {
                findings.push({
                    file,
                    line: child.line,
                    element: childTrail,
                    message: problem.message,
                    rule: problem.rule
                });
            }
        }
        for (const [name, prop] of Object.entries(props)) {
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

/** An element the API 66 schema lacks that the project's older API version accepts. */
function legacyProp(
    type: string,
    name: string,
    version: number
): PropType | undefined {
    const entry = LEGACY_ELEMENTS[`${type}.${name}`];
    return entry && version <= entry.upTo ? entry.prop : undefined;
}

function valueProblem(
    child: XmlElement,
    base: string,
    version: number
): { message: string; rule: string } | undefined {
    if (child.children.length > 0 && base !== 'any') {
        return {
            message: `expected a ${base} value, found child elements <${child.children[0]?.name}>`,
            rule: 'xml-value-type'
        };
    }
    if (base === 'boolean' && child.text !== 'true' && child.text !== 'false') {
        return {
            message: `expected true or false, found "${child.text}"`,
            rule: 'xml-value-type'
        };
    }
    if (base === 'number' && !NUMBER.test(child.text)) {
        return {
            message: `expected a number, found "${child.text}"`,
            rule: 'xml-value-type'
        };
    }
    const allowed = enumValues(base);
    const legacy = LEGACY_ENUM_VALUES[base];
    if (
        legacy &&
        version <= legacy.upTo &&
        legacy.values.includes(child.text)
    ) {
        return undefined;
    }
    if (allowed && !allowed.includes(child.text)) {
        const near = nearestNames(child.text, allowed, 1)[0];
        return {
            message: `"${child.text}" is not a ${base} value${near ? ` (did you mean ${near}?)` : ''}; allowed: ${listed(allowed)}`,
            rule: 'xml-enum-value'
        };
    }
    return undefined;
}

/** ` (did you mean <x>?)` when a known name is close, else ''. */
export function nearest(name: string, known: string[]): string {
    const [best] = nearestNames(name, known, 1);
    return best === undefined ? '' : ` (did you mean <${best}>?)`;
}

/** The allowed values, the first 20 of a long list and how many more. */
function listed(values: string[]): string {
    return values.length <= 20
        ? values.join(', ')
        : `${values.slice(0, 20).join(', ')} and ${values.length - 20} more`;
}
