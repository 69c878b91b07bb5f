// Apex classes, custom permissions and OAuth apps (External Client Apps and classic
// Connected Apps), and the app pre-authorizations by permission set.

import { recordOauthPolicy } from '../org/oauth-clients';
import type { Org } from '../org/org';
import { flag, text, texts, type XmlNode } from '../../shared/metadata-xml';

const SYSTEM = { system: true } as const;

export function deployApexClass(org: Org, name: string, xml: XmlNode): void {
    org.dml.create(
        'ApexClass',
        {
            Name: name,
            ApiVersion: Number(text(xml, 'apiVersion') ?? '0'),
            Status: text(xml, 'status') ?? 'Active',
            IsValid: true
        },
        SYSTEM
    );
}

export function deployCustomPermission(
    org: Org,
    name: string,
    xml: XmlNode
): void {
    org.dml.create(
        'CustomPermission',
        {
            DeveloperName: name,
            MasterLabel: text(xml, 'label') ?? name,
            Description: text(xml, 'description') ?? null,
            IsLicensed: flag(xml, 'isLicensed')
        },
        SYSTEM
    );
}

/**
 * Both app kinds become ConnectedApplication rows (the setup entity that permission sets
 * grant access to), named by their API name so that policies can find them.
 */
export function deployOAuthApp(
    org: Org,
    name: string,
    xml: XmlNode,
    adminApproved: boolean
): string {
    return org.dml.create(
        'ConnectedApplication',
        {
            Name: name,
            OptionsAllowAdminApprovedUsersOnly: adminApproved,
            OptionsRefreshTokenValidityMetric: false
        },
        SYSTEM
    );
}

function preAuthorize(
    org: Org,
    appId: string,
    permissionSetNames: string[]
): void {
    for (const name of permissionSetNames) {
        const set = org.first('PermissionSet', (row) => row.Name === name);
        if (!set) {
            throw new Error(`no PermissionSet named ${name} found`);
        }
        org.dml.create(
            'SetupEntityAccess',
            { ParentId: set.Id, SetupEntityId: appId },
            SYSTEM
        );
    }
}

/** ecaOauthPlcy: AdminApprovedPreAuthorized + commaSeparatedPermissionSet. */
export function deployExternalClientAppPolicy(org: Org, xml: XmlNode): void {
    const appName = text(xml, 'externalClientApplication') ?? '';
    const app = org.first(
        'ConnectedApplication',
        (row) => row.Name === appName
    );
    if (!app) {
        throw new Error(
            `externalClientApplication: no ExternalClientApplication named ${appName} found`
        );
    }
    // The client credentials flow: enabled, and the user it runs as (Salesforce Help, "OAuth
    // 2.0 Client Credentials Flow for Server-to-Server Integration": "Run As" user).
    recordOauthPolicy(org, appName, {
        clientCredentialsEnabled: flag(xml, 'isClientCredentialsFlowEnabled'),
        clientCredentialsUser: text(xml, 'clientCredentialsFlowUser')
    });
    const preAuthorized =
        text(xml, 'permittedUsersPolicyType') === 'AdminApprovedPreAuthorized';
    org.dml.update(
        'ConnectedApplication',
        String(app.Id),
        { OptionsAllowAdminApprovedUsersOnly: preAuthorized },
        SYSTEM
    );
    if (preAuthorized) {
        const names = (text(xml, 'commaSeparatedPermissionSet') ?? '')
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name !== '');
        preAuthorize(org, String(app.Id), names);
    }
}

function adminApprovedOf(xml: XmlNode): boolean {
    const oauth = xml.oauthConfig;
    return typeof oauth === 'object' && !Array.isArray(oauth)
        ? flag(oauth, 'isAdminApproved')
        : false;
}

/** Classic connected app: the app itself (its pre-authorization comes after the sets). */
export function deployConnectedApp(org: Org, name: string, xml: XmlNode): void {
    deployOAuthApp(org, name, xml, adminApprovedOf(xml));
}

/** Classic connected app: oauthConfig/isAdminApproved with permissionSetName entries. */
export function preAuthorizeConnectedApp(
    org: Org,
    name: string,
    xml: XmlNode
): void {
    const app = org.first('ConnectedApplication', (row) => row.Name === name);
    if (app && adminApprovedOf(xml)) {
        preAuthorize(org, String(app.Id), texts(xml, 'permissionSetName'));
    }
}
