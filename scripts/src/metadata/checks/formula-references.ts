import type { Finding } from '../../lib/findings';
import type { ParsedMetaFile } from './meta-files';
import { isNamespaced, type ReferenceIndex } from './reference-index';
import { child, childText } from './xml-helpers';

const FORMULA_DOC =
    'https://help.salesforce.com/s/articleView?id=platform.customize_formulas_fields.htm';

/**
 * Custom-field merge fields in formulas: a formula field's `<formula>` (Metadata API Developer
 * Guide, "CustomField": formula) and a validation rule's `<errorConditionFormula>` and
 * `<errorDisplayField>` ("ValidationRule"). The deploy compiles each formula against the
 * object's fields and fails on "Field X__c does not exist. Check spelling." (the formula editor's
 * "Check Syntax" gives the same error; Formula Operators and Functions reference, "Merge Fields").
 *
 * Conservative by design: only merge-field tokens are read, i.e. a name ending `__c` on the
 * formula's own object, or a path of custom relationships (`A__r.B__r.C__c`) resolved through
 * the lookup fields this project defines. String literals and comments are removed first; a name
 * followed by `(` (a function), starting with `$` (`$User`, `$Setup`, `$ObjectType`, ...), after
 * `:` (polymorphic `Owner:User.X`), namespaced, or a path through a standard relationship is not
 * judged.
 */
const TOKEN =
    /(?<![\w$.:])([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*)(?!\s*\()/g;

interface Relationship {
    /** Lower-cased object the lookup points to. */
    target: string;
}

/** Removes string literals and comments, keeping offsets out of the question (lines unused). */
export function stripFormula(formula: string): string {
    return formula
        .replace(/\/\*[\s\S]*?\*\//g, ' ')
        .replace(/"(?:[^"\\]|\\.)*"/g, '""')
        .replace(/'(?:[^'\\]|\\.)*'/g, "''");
}

/** The merge-field tokens of a formula that touch a custom field or relationship. */
export function customMergeFields(formula: string): string[] {
    const tokens: string[] = [];
    for (const match of stripFormula(formula).matchAll(TOKEN)) {
        const token = match[1] ?? '';
        const first = token.split('.')[0] ?? '';
        if (/__(c|r)$/i.test(first)) {
            tokens.push(token);
        }
    }
    return tokens;
}

export function checkFormulaReferences(
    parsed: ParsedMetaFile[],
    index: ReferenceIndex
): Finding[] {
    const relationships = relationshipsOf(parsed);
    const findings: Finding[] = [];
    for (const meta of parsed) {
        const object = meta.fullName.split('.')[0] ?? '';
        const sources: { element: string; line: number; text: string }[] = [];
        if (meta.typeName === 'CustomField') {
            const formula = child(meta.root, 'formula');
            if (formula?.text) {
                sources.push({
                    element: 'formula',
                    line: formula.line,
                    text: formula.text
                });
            }
        } else if (meta.typeName === 'ValidationRule') {
            const formula = child(meta.root, 'errorConditionFormula');
            if (formula?.text) {
                sources.push({
                    element: 'errorConditionFormula',
                    line: formula.line,
                    text: formula.text
                });
            }
            const display = child(meta.root, 'errorDisplayField');
            if (display?.text && /__c$/i.test(display.text)) {
                sources.push({
                    element: 'errorDisplayField',
                    line: display.line,
                    text: display.text
                });
            }
        } else {
            continue;
        }
        if (!object || index.objectProblem(object)) {
            continue;
        }
        for (const source of sources) {
            const seen = new Set<string>();
            for (const token of customMergeFields(source.text)) {
                const problem = resolvePath(
                    object,
                    token,
                    index,
                    relationships
                );
                if (problem && !seen.has(token.toLowerCase())) {
                    seen.add(token.toLowerCase());
                    findings.push({
                        file: meta.file,
                        line: source.line,
                        element: source.element,
                        message: `"${token}" names ${problem}: the deploy would fail ("Field ${token.split('.').pop() ?? token} does not exist"; ${FORMULA_DOC})`,
                        rule: 'formula-reference'
                    });
                }
            }
        }
    }
    return findings;
}

/** `object.field__r` (lower-cased) -> the lookup's target, from the project's fields. */
function relationshipsOf(parsed: ParsedMetaFile[]): Map<string, Relationship> {
    const map = new Map<string, Relationship>();
    for (const meta of parsed.filter((m) => m.typeName === 'CustomField')) {
        const [object = '', field = ''] = meta.fullName.split('.');
        const target = childText(meta.root, 'referenceTo');
        if (!target || !/__c$/i.test(field)) {
            continue;
        }
        // The parent relationship is the field's name with `__r` (SOQL and SOSL Reference,
        // "Understanding Relationship Names"); `<relationshipName>` names the child side.
        const name = field.replace(/__c$/i, '');
        map.set(`${object}.${name}__r`.toLowerCase(), {
            target: target.toLowerCase()
        });
    }
    return map;
}

/** Why the merge-field path `token` on `object` does not resolve, or undefined. */
function resolvePath(
    object: string,
    token: string,
    index: ReferenceIndex,
    relationships: Map<string, Relationship>
): string | undefined {
    const segments = token.split('.');
    let current = object;
    for (const [position, segment] of segments.entries()) {
        if (isNamespaced(segment) || index.objectProblem(current)) {
            return undefined;
        }
        const last = position === segments.length - 1;
        if (/__c$/i.test(segment)) {
            // A field: it must be the path's end (a `__c` in the middle is not a merge field).
            return last ? index.fieldProblem(current, segment) : undefined;
        }
        if (!/__r$/i.test(segment) || last) {
            // A standard relationship or field: not judged here.
            return undefined;
        }
        const lower = current.toLowerCase();
        const relationship =
            relationships.get(`${lower}.${segment}`.toLowerCase()) ??
            (lower === 'task' || lower === 'event'
                ? relationships.get(`activity.${segment}`.toLowerCase())
                : undefined);
        if (!relationship) {
            return index.isStandardObject(current) || /__c$/i.test(current)
                ? `relationship "${current}.${segment}", which no lookup field this project defines on ${current} provides`
                : undefined;
        }
        current = relationship.target;
    }
    return undefined;
}
