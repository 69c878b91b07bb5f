import type { Finding } from '../../lib/findings';
import type { ParsedMetaFile } from './meta-files';
import type { ReferenceIndex } from './reference-index';

const CMDT_DOC =
    'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_custommetadata.htm';

/**
 * A custom metadata record's name is `<Type>.<Record>` (Metadata API Developer Guide,
 * "CustomMetadata": records live in `customMetadata/`, named after the type without `__mdt`, a
 * period and the record's name, e.g. `Case_Portal_Settings.Default.md-meta.xml`). Its type part
 * must be a custom metadata type (`<Type>__mdt`) the project defines: the deploy resolves the
 * record's type from that name and fails when there is none. A namespaced type (`ns__Type`, a
 * package's) is not judged.
 */
export function checkCustomMetadataTypes(
    parsed: ParsedMetaFile[],
    index: ReferenceIndex
): Finding[] {
    const findings: Finding[] = [];
    for (const meta of parsed.filter((m) => m.typeName === 'CustomMetadata')) {
        const dot = meta.fullName.indexOf('.');
        const type = dot > 0 ? meta.fullName.slice(0, dot) : '';
        if (!type || type.includes('__')) {
            continue;
        }
        if (!index.has('CustomObject', `${type}__mdt`)) {
            findings.push({
                file: meta.file,
                element: type,
                message: `record "${meta.fullName}" is of type ${type}__mdt (the file name's part before the first period), which this project does not define: the deploy would fail (${CMDT_DOC})`,
                rule: 'custom-metadata-type'
            });
        }
    }
    return findings;
}
