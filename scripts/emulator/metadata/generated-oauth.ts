// The org after the README's deploy steps: force-app, then the generated External Client App
// settings (`npm run eca:global-oauth`, deployed from .secrets/eca). The OAuth policy has one
// home, the generator (scripts/src/eca/oauth-policy.ts), and is never committed in force-app, so
// when the emulator loads force-app it applies the same generated policy (client credentials off,
// admin-approved users pre-authorized by the integration permission set) the way that deploy
// would: through the loader's ecaOauthPlcy step (apps.ts).

import { XMLParser } from 'fast-xml-parser';
import {
    INTEGRATION_PERMISSION_SET,
    KIT_APP,
    oauthPolicyXml
} from '../../src/eca/oauth-policy';
import type { Org } from '../org/org';
import { deployExternalClientAppPolicy } from './apps';
import type { XmlNode } from '../../shared/metadata-xml';

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    removeNSPrefix: true
});

const ROOT = 'ExtlClntAppOauthConfigurablePolicies';

/**
 * Applies the generated policy of the kit's app when `dirs` (absolute) hold the repo's force-app
 * and the app was loaded from it; any other set of folders (test fixtures) is left as it is.
 */
export function deployGeneratedOauthPolicies(
    org: Org,
    dirs: string[],
    forceApp: string,
    loadedApps: string[]
): void {
    if (!dirs.includes(forceApp) || !loadedApps.includes(KIT_APP)) {
        return;
    }
    for (const app of [KIT_APP]) {
        const parsed = parser.parse(
            oauthPolicyXml({
                app,
                appLabel: app,
                permissionSets: [INTEGRATION_PERMISSION_SET]
            })
        ) as Record<string, XmlNode>;
        deployExternalClientAppPolicy(org, parsed[ROOT] ?? {});
    }
}
