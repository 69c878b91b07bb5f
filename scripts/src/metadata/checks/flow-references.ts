import type { Finding } from '../../lib/findings';
import type { XmlElement } from '../xml';
import type { ParsedMetaFile } from './meta-files';
import type { ReferenceIndex } from './reference-index';
import { child, childText } from './xml-helpers';

const FLOW_DOC =
    'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_visual_workflow.htm';

/**
 * Objects and fields a Flow's data elements name (Metadata API Developer Guide, "Flow",
 * FlowRecordLookup / FlowRecordCreate / FlowRecordUpdate / FlowRecordDelete / FlowStart /
 * FlowDynamicChoiceSet): `object` is the sObject's API name, `filters/field`,
 * `inputAssignments/field`, `outputAssignments/field` and `queriedFields` are fields of it. The
 * deploy compiles the flow against the org's schema and fails on a name it cannot resolve (the
 * same as Flow Builder refuses to save it). An element without `<object>` (working on a record
 * variable through `inputReference`) names no object of its own and is not judged.
 */
const DATA_ELEMENTS = new Set([
    'recordLookups',
    'recordCreates',
    'recordUpdates',
    'recordDeletes',
    'start',
    'dynamicChoiceSets'
]);
const FIELD_LISTS = ['filters', 'inputAssignments', 'outputAssignments'];
const FIELD_ELEMENTS = [
    'queriedFields',
    'sortField',
    'displayField',
    'valueField'
];

export function checkFlowReferences(
    parsed: ParsedMetaFile[],
    index: ReferenceIndex
): Finding[] {
    const findings: Finding[] = [];
    for (const meta of parsed.filter((m) => m.typeName === 'Flow')) {
        for (const element of meta.root.children) {
            if (!DATA_ELEMENTS.has(element.name)) {
                continue;
            }
            findings.push(...dataElement(meta, element, index));
        }
    }
    return findings;
}

function dataElement(
    meta: ParsedMetaFile,
    element: XmlElement,
    index: ReferenceIndex
): Finding[] {
    const objectElement = child(element, 'object');
    const object = objectElement?.text ?? '';
    if (!objectElement || !object) {
        return [];
    }
    const name = childText(element, 'name') ?? element.name;
    const report = (line: number, path: string, problem: string): Finding => ({
        file: meta.file,
        line,
        element: `${element.name}/${path}`,
        message: `${element.name} "${name}" names ${problem}: the deploy would fail (${FLOW_DOC})`,
        rule: 'flow-reference'
    });
    const objectProblem = index.objectProblem(object);
    if (objectProblem) {
        return [report(objectElement.line, 'object', objectProblem)];
    }
    const findings: Finding[] = [];
    const fields: { line: number; path: string; field: string }[] = [];
    for (const list of FIELD_LISTS) {
        for (const entry of element.children.filter((c) => c.name === list)) {
            const field = child(entry, 'field');
            if (field?.text) {
                fields.push({
                    line: field.line,
                    path: `${list}/field`,
                    field: field.text
                });
            }
        }
    }
    for (const entry of element.children.filter((c) =>
        FIELD_ELEMENTS.includes(c.name)
    )) {
        if (entry.text) {
            fields.push({
                line: entry.line,
                path: entry.name,
                field: entry.text
            });
        }
    }
    for (const { line, path, field } of fields) {
        const problem = index.fieldProblem(object, field);
        if (problem) {
            findings.push(report(line, path, problem));
        }
    }
    return findings;
}
