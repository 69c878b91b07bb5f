import type { Finding } from '../../lib/findings';
import type { ParsedMetaFile } from './meta-files';
import { child, childText } from './xml-helpers';

/**
 * Elements a custom field needs for its `type` (the schema marks them optional because other
 * types do without). Source: Salesforce's own field-generation rules, forcedotcom/afv-library
 * skills/generating-custom-field/SKILL.md, "Field Data Types" (Text `length` (max 255);
 * LongTextArea and Html `length` and `visibleLines`; MultiselectPicklist `valueSet` and
 * `visibleLines`; Lookup and MasterDetail `referenceTo` and `relationshipName`; Summary
 * `summaryOperation` and `summaryForeignKey`), and the Metadata API Developer Guide, "CustomField".
 * Formula fields take their shape from the formula and are checked only for `length`.
 */
const REQUIRED_BY_TYPE: Record<string, string[]> = {
    Text: ['length'],
    LongTextArea: ['length', 'visibleLines'],
    Html: ['length', 'visibleLines'],
    Picklist: ['valueSet'],
    MultiselectPicklist: ['valueSet', 'visibleLines'],
    Lookup: ['referenceTo', 'relationshipName'],
    MasterDetail: ['referenceTo', 'relationshipName'],
    Summary: ['summaryOperation', 'summaryForeignKey']
};

/** Custom fields: the elements their type requires, and no `length` on a formula field. */
export function checkFieldRules(parsed: ParsedMetaFile[]): Finding[] {
    const findings: Finding[] = [];
    for (const meta of parsed) {
        if (meta.typeName !== 'CustomField' || !/__c$/.test(meta.fullName)) {
            continue;
        }
        const type = childText(meta.root, 'type') ?? '';
        const formula = child(meta.root, 'formula');
        if (formula) {
            const length = child(meta.root, 'length');
            if (length) {
                findings.push({
                    file: meta.file,
                    line: length.line,
                    element: 'length',
                    message:
                        'a formula field cannot have a length ("Can not specify a length for CustomFields that have a formula")',
                    rule: 'field-required-when'
                });
            }
            continue;
        }
        for (const name of REQUIRED_BY_TYPE[type] ?? []) {
            if (!child(meta.root, name)) {
                findings.push({
                    file: meta.file,
                    line: meta.root.line,
                    element: name,
                    message: `a ${type} field needs <${name}>; the deploy rejects it without`,
                    rule: 'field-required-when'
                });
            }
        }
    }
    return findings;
}
