import type { Finding } from '../../lib/findings';
import type { ParsedMetaFile } from './meta-files';

/**
 * Text lengths a deploy refuses past the field's documented limit: the metadata element is
 * stored in the object's field of that length. Only limits a Salesforce page states are here.
 * - PermissionSet (Object Reference, "PermissionSet": Description "Limit: 255 characters",
 *   Label "Limit: 80 characters", Name "Limit: 80 characters"; Field Reference, "PermissionSet":
 *   Description string 255, Label 80, Name 80).
 * - CustomPermission (Object Reference, "CustomPermission": Description "Limit: 255 characters",
 *   DeveloperName "Limit: 80 characters"; Field Reference, "CustomPermission": MasterLabel 80).
 * Counted in characters (Unicode code points), as the limits are stated.
 */
interface Limit {
    /** Root-level element, or `(fullName)` for the component's API name (its file name). */
    element: string;
    max: number;
    field: string;
}

const LIMITS: Record<string, Limit[]> = {
    PermissionSet: [
        {
            element: 'description',
            max: 255,
            field: 'PermissionSet.Description'
        },
        { element: 'label', max: 80, field: 'PermissionSet.Label' },
        { element: '(fullName)', max: 80, field: 'PermissionSet.Name' }
    ],
    CustomPermission: [
        {
            element: 'description',
            max: 255,
            field: 'CustomPermission.Description'
        },
        { element: 'label', max: 80, field: 'CustomPermission.MasterLabel' },
        {
            element: '(fullName)',
            max: 80,
            field: 'CustomPermission.DeveloperName'
        }
    ]
};

export function checkLengthLimits(parsed: ParsedMetaFile[]): Finding[] {
    const findings: Finding[] = [];
    for (const meta of parsed) {
        for (const limit of LIMITS[meta.typeName] ?? []) {
            const values =
                limit.element === '(fullName)'
                    ? [{ text: meta.fullName, line: meta.root.line }]
                    : meta.root.children.filter(
                          (child) => child.name === limit.element
                      );
            for (const value of values) {
                const length = [...value.text].length;
                if (length > limit.max) {
                    findings.push({
                        file: meta.file,
                        line: value.line,
                        element:
                            limit.element === '(fullName)'
                                ? 'fullName'
                                : limit.element,
                        message: `is ${length} characters; ${limit.field} holds at most ${limit.max}: the deploy would fail`,
                        rule: 'metadata-length'
                    });
                }
            }
        }
    }
    return findings;
}
