// The External Client App's OAuth policy (ExtlClntAppOauthConfigurablePolicies, `.ecaOauthPlcy`).
// It holds an org-specific value (the client credentials flow's run-as user), so it has exactly one
// home: it is generated here by `npm run eca:global-oauth` into the gitignored .secrets/eca and never
// committed in a package directory. Were it committed too, the last deploy would win: a routine
// `sf project deploy start --source-dir force-app` would silently switch the client credentials
// flow off again (Metadata API Developer Guide, "ExtlClntAppOauthConfigurablePolicies";
// issue #19). Field names: @salesforce/types metadata.d.ts, ExtlClntAppOauthConfigurablePolicies.

/** The kit's External Client App (the generator's default `--app`). */
export const KIT_APP = 'Case_Portal_Integration';

/** The permission set whose holders the app pre-authorizes (admin-approved users only). */
export const INTEGRATION_PERMISSION_SET =
    'Case_Portal_Integration_User_Permissions';

export interface OauthPolicyOptions {
    /** External client app API name. */
    app: string;
    /** The app's label, for the policy's label. */
    appLabel: string;
    /** Permission sets whose holders are pre-authorized. */
    permissionSets: string[];
    /** Turns the client credentials flow on, running as this user. */
    clientCredentialsUser?: string;
}

function escapeXml(value: string): string {
    return value
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;');
}

function element(name: string, value: string | boolean | number): string {
    return `    <${name}>${escapeXml(String(value))}</${name}>`;
}

/** The file name the policy deploys under (SDR: `<app>_oauthPlcy.ecaOauthPlcy-meta.xml`). */
export function oauthPolicyFileName(app: string): string {
    return `${app}_oauthPlcy.ecaOauthPlcy-meta.xml`;
}

/**
 * The policy: admin-approved users pre-authorized by the integration permission set (nobody else
 * may use the app), IP restrictions enforced, refresh tokens expiring after 30 days without use,
 * guest and token-exchange flows off, and the client credentials flow on only with a run-as user.
 */
export function oauthPolicyXml(options: OauthPolicyOptions): string {
    const lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">'
    ];
    if (options.clientCredentialsUser !== undefined) {
        lines.push(
            element('clientCredentialsFlowUser', options.clientCredentialsUser)
        );
    }
    lines.push(
        element(
            'commaSeparatedPermissionSet',
            options.permissionSets.join(',')
        ),
        element('externalClientApplication', options.app),
        element('ipRelaxationPolicyType', 'Enforce'),
        element(
            'isClientCredentialsFlowEnabled',
            options.clientCredentialsUser !== undefined
        ),
        element('isGuestCodeCredFlowEnabled', false),
        element('isTokenExchangeFlowEnabled', false),
        element('label', `${options.appLabel} OAuth Policies`),
        element('permittedUsersPolicyType', 'AdminApprovedPreAuthorized'),
        element('refreshTokenPolicyType', 'SpecificInactivity'),
        element('refreshTokenValidityPeriod', 30),
        element('refreshTokenValidityUnit', 'Days'),
        '</ExtlClntAppOauthConfigurablePolicies>',
        ''
    );
    return lines.join('\n');
}
