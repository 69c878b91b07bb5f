import type { Finding } from '../../lib/findings';
import type { ParsedMetaFile } from './meta-files';
import { childText } from './xml-helpers';

/**
 * A custom metadata record (`customMetadata/Type.Record.md-meta.xml`) sets `values/field`, which
 * must be a field of `Type__mdt` (Metadata API Developer Guide, "CustomMetadata": `field` is the
 * custom field's name). Checked when the type is defined in this project; a type from a package
 * (namespaced, or absent) is left alone.
 */
export function checkCustomMetadataRecords(
    parsed: ParsedMetaFile[],
    defined: Set<string>
): Finding[] {
    const findings: Finding[] = [];
    for (const meta of parsed) {
        if (meta.typeName !== 'CustomMetadata') {
            continue;
        }
        const typeName = `${meta.fullName.split('.')[0] ?? ''}__mdt`;
        if (!defined.has(`CustomObject:${typeName}`)) {
            continue;
        }
        for (const value of meta.root.children.filter(
            (element) => element.name === 'values'
        )) {
            const field = childText(value, 'field');
            if (field && !defined.has(`CustomField:${typeName}.${field}`)) {
                findings.push({
                    file: meta.file,
                    line: value.line,
                    element: 'values/field',
                    message: `"${field}" is not a field of ${typeName} in this project: the deploy would fail`,
                    rule: 'custom-metadata-field'
                });
            }
        }
    }
    return findings;
}
