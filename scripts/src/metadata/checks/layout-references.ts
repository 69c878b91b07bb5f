import type { Finding } from '../../lib/findings';
import type { ParsedMetaFile } from './meta-files';
import type { ReferenceIndex } from './reference-index';
import { elementsAt } from './xml-helpers';

const LAYOUT_DOC =
    'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_layouts.htm';
const LIST_VIEW_DOC =
    'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_listview.htm';

/**
 * Custom fields a page layout or list view places (Metadata API Developer Guide, "Layout":
 * LayoutItem `field` is "The field name reference, relative to the layout, for example
 * “Description” or “MyField__c”"; "ListView": `columns` and ListViewFilter `field` name fields of the list view's
 * object). A custom field the object does not have fails the deploy. Only `__c` names are judged:
 * standard columns use internal names (`NAME`, `CORE.USERS.ALIAS`) that no sourced list holds.
 * The object is the layout name's part before the first `-`, and the list view's before the `.`.
 */
export function checkLayoutReferences(
    parsed: ParsedMetaFile[],
    index: ReferenceIndex
): Finding[] {
    const findings: Finding[] = [];
    for (const meta of parsed) {
        let object: string;
        let places: { path: string; doc: string }[];
        if (meta.typeName === 'Layout') {
            object = meta.fullName.split('-')[0] ?? '';
            places = [
                {
                    path: 'layoutSections/layoutColumns/layoutItems/field',
                    doc: LAYOUT_DOC
                }
            ];
        } else if (meta.typeName === 'ListView') {
            object = meta.fullName.split('.')[0] ?? '';
            places = [
                { path: 'columns', doc: LIST_VIEW_DOC },
                { path: 'filters/field', doc: LIST_VIEW_DOC }
            ];
        } else {
            continue;
        }
        for (const place of places) {
            for (const element of elementsAt(meta.root, place.path)) {
                const field = element.text;
                if (!/__c$/i.test(field) || field.includes('.')) {
                    continue;
                }
                const problem = index.fieldProblem(object, field);
                if (problem) {
                    findings.push({
                        file: meta.file,
                        line: element.line,
                        element: place.path,
                        message: `${meta.typeName} places ${problem}: the deploy would fail (${place.doc})`,
                        rule: 'layout-reference'
                    });
                }
            }
        }
    }
    return findings;
}
