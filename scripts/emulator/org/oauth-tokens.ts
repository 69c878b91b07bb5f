// OAuth grants the org holds (OauthToken rows), issued by tests and the demo, revoked through
// the OAuth revoke endpoint (routes/oauth.ts). Salesforce's API cannot create OauthToken rows
// (Object Reference, "OauthToken": describeSObjects() and query() only), so arranging them is
// done here, beside the API, like org.profileMetadata.

import { randomBytes } from 'node:crypto';
import { formatDateTime } from '../core/dates';
import type { Org } from './org';

export interface IssuedToken {
    /** The refresh token the client holds (OauthToken.AccessToken: "The refresh token"). */
    refreshToken: string;
    /** OauthToken.DeleteToken: revokes the grant at /services/oauth2/revoke. */
    deleteToken: string;
}

export interface IssueOptions {
    userId: string;
    /** OauthToken.AppName: the connected app's (or external client app's) label. */
    appName: string;
    useCount?: number;
    lastUsedDate?: Date;
}

const secret = (): string => randomBytes(24).toString('base64url');

/** Records an OAuth grant for a user and app, as an authorization flow would. */
export function issueOauthToken(org: Org, options: IssueOptions): IssuedToken {
    const issued = {
        refreshToken: `5Aep861${secret()}`,
        deleteToken: `5Aep861${secret()}`
    };
    org.dml.create(
        'OauthToken',
        {
            UserId: options.userId,
            AppName: options.appName,
            AccessToken: issued.refreshToken,
            DeleteToken: issued.deleteToken,
            RequestToken: null,
            UseCount: options.useCount ?? 1,
            LastUsedDate: formatDateTime(options.lastUsedDate ?? org.now()),
            CreatedDate: formatDateTime(org.now())
        },
        { system: true }
    );
    return issued;
}

/**
 * Revokes the grant whose refresh token or delete token is `token` ("If a refresh token is
 * included, Salesforce revokes it and any associated access tokens"; a DeleteToken "can be used
 * with the revoke OAuth token endpoint"). Returns false when no grant matches.
 */
export function revokeOauthToken(org: Org, token: string): boolean {
    const row = org.first(
        'OauthToken',
        (candidate) =>
            candidate.AccessToken === token || candidate.DeleteToken === token
    );
    if (!row) {
        return false;
    }
    org.dml.delete('OauthToken', String(row.Id), {
        system: true,
        skipRules: true
    });
    return true;
}
