import type { Finding } from '../../lib/findings';
import { nearestNames } from '../../lib/nearest';
import { enumValues } from '../schema';
import type { ParsedMetaFile } from './meta-files';
import { elementsAt } from './xml-helpers';

/**
 * An External Client App lists its OAuth scopes as one comma-separated string
 * (ExtlClntAppOauthSettings `commaSeparatedOauthScopes`, Metadata API Developer Guide,
 * "ExtlClntAppOauthSettings"), so the schema walk cannot check them; each name must be a
 * ConnectedAppOauthAccessScope value, the same scope names a ConnectedApp's `scopes` take
 * (@salesforce/types metadata.d.ts). Example: the kit's own `Api, RefreshToken`.
 */
export function checkOauthScopeLists(parsed: ParsedMetaFile[]): Finding[] {
    const allowed = enumValues('ConnectedAppOauthAccessScope') ?? [];
    const findings: Finding[] = [];
    for (const meta of parsed) {
        if (meta.typeName !== 'ExtlClntAppOauthSettings') {
            continue;
        }
        for (const element of elementsAt(
            meta.root,
            'commaSeparatedOauthScopes'
        )) {
            for (const scope of element.text.split(',').map((s) => s.trim())) {
                if (scope && !allowed.includes(scope)) {
                    const near = nearestNames(scope, allowed, 1)[0];
                    findings.push({
                        file: meta.file,
                        line: element.line,
                        element: 'commaSeparatedOauthScopes',
                        message: `"${scope}" is not an OAuth scope (ConnectedAppOauthAccessScope)${near ? `; did you mean ${near}?` : ''}`,
                        rule: 'xml-enum-value'
                    });
                }
            }
        }
    }
    return findings;
}
