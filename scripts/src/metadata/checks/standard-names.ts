import type { Finding } from '../../lib/findings';
import { nearestNames } from '../../lib/nearest';
import { standardObjects } from '../standard-objects';
import type { ParsedMetaFile } from './meta-files';
import { childText } from './xml-helpers';

const HOLDERS = new Set(['PermissionSet', 'Profile', 'MutingPermissionSet']);
/** Custom, external, metadata, platform event, ... objects and fields carry a `__` suffix. */
const CUSTOM = /__[a-z]+$/i;

/**
 * Standard object and field names in permission sets and profiles (`objectPermissions/object`,
 * `fieldPermissions/field`) must exist: the deploy fails on `Contactt` or `Contact.AcountId`.
 * Names come from the describe data in @salesforce/code-analyzer-pmd-engine (standard-objects.ts); objects and
 * fields it does not know are reported only when a known name is close (a typo), since the data
 * is from one API version and newer names are not in it.
 */
export function checkStandardNames(parsed: ParsedMetaFile[]): Finding[] {
    const standard = standardObjects();
    if (!standard) {
        return [];
    }
    const objectNames = Object.keys(standard.objects);
    const lowerObjects = new Map(
        objectNames.map((name) => [name.toLowerCase(), name])
    );
    const findings: Finding[] = [];
    const report = (
        meta: ParsedMetaFile,
        line: number,
        element: string,
        what: string,
        name: string,
        near: string[]
    ): void => {
        findings.push({
            file: meta.file,
            line,
            element,
            message: `unknown standard ${what} "${name}" (nearest: ${near.join(', ')}; names from ${standard.source})`,
            rule: 'metadata-standard-name'
        });
    };
    for (const meta of parsed.filter((candidate) =>
        HOLDERS.has(candidate.typeName)
    )) {
        for (const entry of meta.root.children) {
            if (entry.name === 'objectPermissions') {
                const object = childText(entry, 'object') ?? '';
                if (
                    object &&
                    !CUSTOM.test(object) &&
                    !lowerObjects.has(object.toLowerCase())
                ) {
                    const near = nearestNames(object, objectNames, 3);
                    if (near.length > 0) {
                        report(
                            meta,
                            entry.line,
                            'objectPermissions/object',
                            'object',
                            object,
                            near
                        );
                    }
                }
            }
            if (entry.name === 'fieldPermissions') {
                const field = childText(entry, 'field') ?? '';
                const [object = '', name = ''] = field.split('.');
                if (
                    !object ||
                    !name ||
                    CUSTOM.test(name) ||
                    CUSTOM.test(object)
                ) {
                    continue;
                }
                const known = lowerObjects.get(object.toLowerCase());
                if (!known) {
                    const near = nearestNames(object, objectNames, 3);
                    if (near.length > 0) {
                        report(
                            meta,
                            entry.line,
                            'fieldPermissions/field',
                            'object',
                            object,
                            near
                        );
                    }
                    continue;
                }
                const fields = standard.objects[known] ?? [];
                if (
                    !fields.some(
                        (candidate) =>
                            candidate.toLowerCase() === name.toLowerCase()
                    )
                ) {
                    const near = nearestNames(name, fields, 3);
                    if (near.length > 0) {
                        report(
                            meta,
                            entry.line,
                            'fieldPermissions/field',
                            `field of ${known}`,
                            field,
                            near.map((candidate) => `${known}.${candidate}`)
                        );
                    }
                }
            }
        }
    }
    return findings;
}
