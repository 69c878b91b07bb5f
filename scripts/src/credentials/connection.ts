// connection: what an external platform's Salesforce settings ask for. The SOAP endpoint is
// /services/Soap/u/<version> (SOAP API Developer Guide, "login()": the partner WSDL's login
// endpoint); the OAuth token endpoint /services/oauth2/token on the My Domain login URL (Salesforce
// Help, "OAuth Endpoints"). The password appears only as a file path.

import { existsSync } from 'node:fs';
import { kitApps } from './apps';
import type { ActionContext, CredentialsAction, Outcome } from './context';
import { fetchUserFacts } from './facts';
import { SECURITY_TOKEN_NOTE } from './messages';
import { passwordFile } from './set-password';

async function run(context: ActionContext): Promise<Outcome> {
    const client = await context.client();
    const facts = await fetchUserFacts(client, context.username());
    const username = facts.user.Username;
    const loginUrl = new URL(client.instanceUrl).origin;
    const app = kitApps(context.projectRoot).find(
        (candidate) => candidate.kind === 'ExternalClientApplication'
    );
    const file = passwordFile(context, username);
    const warnings: string[] = [];
    if (!/\.my\.salesforce\.com$/.test(new URL(loginUrl).hostname)) {
        warnings.push(
            `${loginUrl} is not a My Domain URL (*.my.salesforce.com): give the platform your My Domain login URL`
        );
    }
    if (!facts.apiUserOnly) {
        warnings.push(
            `${username} is not API-only: an integration should log in as its API-only user`
        );
    }
    const result = {
        username,
        loginUrl,
        soapEndpoint: `${loginUrl}/services/Soap/u/${client.apiVersion}`,
        oauthTokenEndpoint: `${loginUrl}/services/oauth2/token`,
        externalClientApp: app ? { name: app.name, label: app.label } : null,
        notificationEmail: context.definition().Email,
        passwordFile: existsSync(file) ? context.shown(file) : null
    };
    return {
        status: 'done',
        lines: [
            `Username:               ${result.username}`,
            `Login URL (My Domain):  ${result.loginUrl}`,
            `SOAP endpoint:          ${result.soapEndpoint}`,
            `OAuth token endpoint:   ${result.oauthTokenEndpoint}`,
            `External Client App:    ${app ? `${app.label} (${app.name}); consumer key: Setup → External Client App Manager` : 'none in force-app'}`,
            `Notification email:     ${result.notificationEmail}`,
            `Password:               ${result.passwordFile ?? 'no password file: npm run credentials -- set-password'}`,
            SECURITY_TOKEN_NOTE
        ],
        result,
        warnings
    };
}

export const connection: CredentialsAction = {
    name: 'connection',
    summary:
        "print what an external platform's Salesforce settings ask for (text or --json)",
    usage: `Usage: npm run credentials -- connection [--out <password file>] [--json]

Prints the username, My Domain login URL, SOAP endpoint, OAuth token endpoint, the External
Client App's name and the notification email from the user definition. The password appears only
as the path of its file (set-password's --out).`,
    options: { out: { type: 'string' } },
    run
};
