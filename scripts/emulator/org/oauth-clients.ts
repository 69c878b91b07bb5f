// The OAuth settings of the org's apps that the token endpoint (routes/oauth-token.ts) needs.
// Where they come from in a real org:
// - the External Client App's OAuth policies (ExtlClntAppOauthConfigurablePolicies, in
//   force-app): isClientCredentialsFlowEnabled and clientCredentialsFlowUser (the run-as
//   username), loaded with the metadata (metadata/apps.ts);
// - the org-specific global OAuth settings (ExtlClntAppGlobalOauthSettings: consumer key and
//   secret, the JWT certificate), which Salesforce generates per org and the kit keeps under the
//   gitignored .secrets/: tests and the demo give them as the emulator's `oauthApps` option.

import type { Org } from './org';

export interface OauthAppSettings {
    /** The app's API name (the ExternalClientApplication or ConnectedApp file name). */
    app: string;
    /** The consumer key (client_id; the JWT's iss). */
    consumerKey: string;
    /** The consumer secret (client_secret) for the client credentials flow. */
    consumerSecret?: string;
    /** PEM X.509 certificate whose key signs JWT bearer assertions (RS256). */
    certificate?: string;
    /** Overrides the policy's isClientCredentialsFlowEnabled. */
    clientCredentialsEnabled?: boolean;
    /** Overrides the policy's clientCredentialsFlowUser (a username). */
    clientCredentialsUser?: string;
}

export interface OauthClient {
    appId: string;
    app: string;
    consumerKey?: string;
    consumerSecret?: string;
    certificate?: string;
    clientCredentialsEnabled: boolean;
    clientCredentialsUser?: string;
}

function clientOf(org: Org, app: string): OauthClient {
    const existing = org.oauthClients.get(app);
    if (existing) {
        return existing;
    }
    const row = org.first('ConnectedApplication', (r) => r.Name === app);
    if (!row) {
        throw new Error(`oauthApps: no OAuth app named ${app} in the org`);
    }
    const client: OauthClient = {
        appId: String(row.Id),
        app,
        clientCredentialsEnabled: false
    };
    org.oauthClients.set(app, client);
    return client;
}

/** The policy part, from ExtlClntAppOauthConfigurablePolicies. */
export function recordOauthPolicy(
    org: Org,
    app: string,
    policy: {
        clientCredentialsEnabled: boolean;
        clientCredentialsUser?: string;
    }
): void {
    const client = clientOf(org, app);
    client.clientCredentialsEnabled = policy.clientCredentialsEnabled;
    client.clientCredentialsUser = policy.clientCredentialsUser;
}

/** The org-specific part (consumer key, secret, certificate), with optional policy overrides. */
export function configureOauthApp(org: Org, settings: OauthAppSettings): void {
    const client = clientOf(org, settings.app);
    client.consumerKey = settings.consumerKey;
    client.consumerSecret = settings.consumerSecret;
    client.certificate = settings.certificate;
    if (settings.clientCredentialsEnabled !== undefined) {
        client.clientCredentialsEnabled = settings.clientCredentialsEnabled;
    }
    if (settings.clientCredentialsUser !== undefined) {
        client.clientCredentialsUser = settings.clientCredentialsUser;
    }
}

export function clientByConsumerKey(
    org: Org,
    consumerKey: string
): OauthClient | undefined {
    return [...org.oauthClients.values()].find(
        (client) =>
            client.consumerKey !== undefined &&
            client.consumerKey === consumerKey
    );
}

/** The permission sets a user holds: assigned, through groups' components, and the profile's. */
function heldPermissionSetIds(org: Org, userId: string): Set<string> {
    const held = new Set<string>();
    for (const row of org.find(
        'PermissionSetAssignment',
        (r) => r.AssigneeId === userId
    )) {
        if (row.PermissionSetId) {
            held.add(String(row.PermissionSetId));
        }
        if (row.PermissionSetGroupId) {
            for (const component of org.find(
                'PermissionSetGroupComponent',
                (c) => c.PermissionSetGroupId === row.PermissionSetGroupId
            )) {
                held.add(String(component.PermissionSetId));
            }
        }
    }
    const user = org.get('User', userId);
    for (const set of org.find(
        'PermissionSet',
        (s) => s.IsOwnedByProfile === true && s.ProfileId === user?.ProfileId
    )) {
        held.add(String(set.Id));
    }
    return held;
}

/**
 * Whether the user may use the app: any user when the app lets all users self-authorize; only
 * users pre-authorized through a permission set (or the profile) when it is admin-approved.
 */
export function userApproved(
    org: Org,
    client: OauthClient,
    userId: string
): boolean {
    const app = org.get('ConnectedApplication', client.appId);
    if (app?.OptionsAllowAdminApprovedUsersOnly !== true) {
        return true;
    }
    const held = heldPermissionSetIds(org, userId);
    return org
        .find('SetupEntityAccess', (row) => row.SetupEntityId === client.appId)
        .some((row) => held.has(String(row.ParentId)));
}
