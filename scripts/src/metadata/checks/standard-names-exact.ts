import type { Finding } from '../../lib/findings';
import { nearestNames } from '../../lib/nearest';
import type { ParsedMetaFile } from './meta-files';
import type { ReferenceIndex } from './reference-index';
import { childText } from './xml-helpers';

const HOLDERS = new Set(['PermissionSet', 'Profile', 'MutingPermissionSet']);
const CUSTOM = /__[a-z]+$/i;

/**
 * Standard fields granted in permission sets and profiles (`fieldPermissions/field`) by exact
 * name: `metadata-standard-name` (standard-names.ts) reports a name close to a known one; this
 * reports the rest, where the describe data is authoritative for the object
 * ({@link ReferenceIndex.exactFieldMiss}: a core object, a project API version not newer than
 * the data's, and a name no object of the data has). "Entity: X, field: Y is not a valid field" is how a deploy refuses such a
 * grant; FieldPermissions `field` is "the API name of the field" (Metadata API Developer Guide,
 * "Profile" / "PermissionSet", ProfileFieldLevelSecurity).
 */
export function checkStandardNamesExact(
    parsed: ParsedMetaFile[],
    index: ReferenceIndex
): Finding[] {
    const findings: Finding[] = [];
    for (const meta of parsed.filter((m) => HOLDERS.has(m.typeName))) {
        for (const entry of meta.root.children) {
            if (entry.name !== 'fieldPermissions') {
                continue;
            }
            const field = childText(entry, 'field') ?? '';
            const [object = '', name = '', extra] = field.split('.');
            const known = index.standardObjectName(object);
            if (
                !known ||
                !name ||
                extra !== undefined ||
                CUSTOM.test(name) ||
                !index.exactFieldMiss(known, name)
            ) {
                continue;
            }
            const fields = index.standard?.objects[known] ?? [];
            if (nearestNames(name, fields, 3).length > 0) {
                continue; // metadata-standard-name reports it with the near names
            }
            findings.push({
                file: meta.file,
                line: entry.line,
                element: 'fieldPermissions/field',
                message: `unknown standard field "${field}": no object of ${index.standard?.source ?? ''} (the describe data of API ${index.standardApiVersion}.0) has a field of that name, and this project's API ${index.sourceApiVersion} is not newer: the deploy would fail`,
                rule: 'standard-name-exact'
            });
        }
    }
    return findings;
}
