import type { Finding } from '../../lib/findings';
import { nearestNames } from '../../lib/nearest';
import { userPermissionsOfAnyOrg } from '../../../shared/user-permissions';
import type { ParsedMetaFile } from './meta-files';

const HOLDERS = new Set(['PermissionSet', 'Profile', 'MutingPermissionSet']);

/** A user permission name Salesforce does not know fails the deploy: catch it here, with the nearest names. */
export function checkUserPermissionNames(parsed: ParsedMetaFile[]): Finding[] {
    const known = userPermissionsOfAnyOrg();
    const findings: Finding[] = [];
    for (const meta of parsed.filter((candidate) =>
        HOLDERS.has(candidate.typeName)
    )) {
        for (const grant of meta.root.children.filter(
            (child) => child.name === 'userPermissions'
        )) {
            const name = grant.children.find((child) => child.name === 'name');
            if (name && !known.has(name.text)) {
                const near = nearestNames(name.text, known);
                findings.push({
                    file: meta.file,
                    line: name.line,
                    element: 'userPermissions/name',
                    message: `unknown user permission "${name.text}"${near.length > 0 ? ` (nearest: ${near.join(', ')})` : ''}`,
                    rule: 'metadata-user-permission'
                });
            }
        }
    }
    return findings;
}
