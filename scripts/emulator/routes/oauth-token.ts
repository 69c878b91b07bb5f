// POST /services/oauth2/token: the two server-to-server flows the kit configures.
//
// Client credentials (Salesforce Help, "OAuth 2.0 Client Credentials Flow for Server-to-Server
// Integration"): grant_type=client_credentials with client_id and client_secret (form fields or
// HTTP Basic); the token runs as the app's "Run As" user; the app's policy must enable the flow
// (ExtlClntAppOauthConfigurablePolicies.isClientCredentialsFlowEnabled, clientCredentialsFlowUser).
// JWT bearer (Salesforce Help, "OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration";
// RFC 7523): grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer and assertion=<JWT> signed
// RS256 with the key of the certificate uploaded to the app; claims iss (the consumer key), sub
// (the username), aud (https://login.salesforce.com, https://test.salesforce.com, or the org's
// own URL), exp; the user must be approved for the app (pre-authorized when admin-approved).
// Answers: 200 {access_token, instance_url, id, token_type: "Bearer", issued_at, signature,
// scope}; errors 400 {error, error_description}: unsupported_grant_type "grant type not
// supported" (github.com/aaronhuggins/sf-jwt-token issue 1), invalid_client_id "client identifier
// invalid", invalid_client "invalid client credentials" (github.com/restforce/restforce issue
// 338), invalid_grant "no client credentials user enabled" (no Run As user; Sumo Logic's
// Salesforce source troubleshooting), invalid_grant "invalid assertion"
// (github.com/frankkessler/salesforce-laravel-oauth2-rest issue 68), invalid_grant "audience is
// invalid" (github.com/Talend/components issue 1423), invalid_grant "user hasn't approved this
// consumer" (github.com/omniphx/forrest issue 278).

import {
    createHmac,
    createPublicKey,
    timingSafeEqual,
    verify
} from 'node:crypto';
import type { EmulatorState } from '../api/state';
import { formatDateTime, toMillis } from '../core/dates';
import type { ApiRequest, ApiResponse } from '../core/http';
import { header } from '../core/http';
import {
    clientByConsumerKey,
    userApproved,
    type OauthClient
} from '../org/oauth-clients';
import { identityUrlOf } from './versions';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const LOGIN_AUDIENCES = [
    'https://login.salesforce.com',
    'https://test.salesforce.com'
];

class OauthError extends Error {
    constructor(
        readonly error: string,
        readonly description: string
    ) {
        super(description);
    }
}

function same(a: string, b: string): boolean {
    const left = Buffer.from(a);
    const right = Buffer.from(b);
    return left.length === right.length && timingSafeEqual(left, right);
}

function activeUser(
    state: EmulatorState,
    username: string
): { Id: string } | undefined {
    const user = state.org.first(
        'User',
        (row) =>
            String(row.Username).toLowerCase() === username.toLowerCase() &&
            row.IsActive === true
    );
    return user ? { Id: String(user.Id) } : undefined;
}

function clientFor(state: EmulatorState, consumerKey: string): OauthClient {
    const client = clientByConsumerKey(state.org, consumerKey);
    if (!client) {
        throw new OauthError('invalid_client_id', 'client identifier invalid');
    }
    return client;
}

function clientCredentials(
    state: EmulatorState,
    form: URLSearchParams,
    request: ApiRequest
): { client: OauthClient; userId: string } {
    let id = form.get('client_id') ?? '';
    let secret = form.get('client_secret') ?? '';
    const basic = /^Basic\s+(.+)$/i.exec(
        header(request, 'authorization') ?? ''
    );
    if (basic?.[1]) {
        const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        id = decodeURIComponent(
            decoded.slice(0, colon < 0 ? undefined : colon)
        );
        secret = colon < 0 ? '' : decodeURIComponent(decoded.slice(colon + 1));
    }
    const client = clientFor(state, id);
    if (!client.consumerSecret || !same(secret, client.consumerSecret)) {
        throw new OauthError('invalid_client', 'invalid client credentials');
    }
    const user = client.clientCredentialsUser
        ? activeUser(state, client.clientCredentialsUser)
        : undefined;
    if (!client.clientCredentialsEnabled || !user) {
        throw new OauthError(
            'invalid_grant',
            'no client credentials user enabled'
        );
    }
    return { client, userId: user.Id };
}

function decodePart(part: string): Record<string, unknown> {
    const value = JSON.parse(
        Buffer.from(part, 'base64url').toString('utf8')
    ) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error('not a JSON object');
    }
    return value as Record<string, unknown>;
}

function jwtBearer(
    state: EmulatorState,
    form: URLSearchParams
): { client: OauthClient; userId: string } {
    const invalid = (): OauthError =>
        new OauthError('invalid_grant', 'invalid assertion');
    const parts = (form.get('assertion') ?? '').split('.');
    if (parts.length !== 3) {
        throw invalid();
    }
    const [head = '', body = '', signature = ''] = parts;
    let claims: Record<string, unknown>;
    try {
        if (decodePart(head).alg !== 'RS256') {
            throw invalid();
        }
        claims = decodePart(body);
    } catch {
        throw invalid();
    }
    const client = clientFor(state, String(claims.iss ?? ''));
    if (!client.certificate) {
        throw invalid();
    }
    let signed = false;
    try {
        signed = verify(
            'RSA-SHA256',
            Buffer.from(`${head}.${body}`),
            createPublicKey(client.certificate),
            Buffer.from(signature, 'base64url')
        );
    } catch {
        signed = false;
    }
    if (!signed) {
        throw invalid();
    }
    const audiences = [...LOGIN_AUDIENCES, state.instanceUrl];
    const aud = claims.aud;
    const audList = Array.isArray(aud) ? aud : [aud];
    if (
        !audList.some(
            (value) =>
                typeof value === 'string' &&
                audiences.includes(value.replace(/\/$/, ''))
        )
    ) {
        throw new OauthError('invalid_grant', 'audience is invalid');
    }
    const exp = claims.exp;
    if (typeof exp !== 'number' || exp * 1000 <= state.org.now().getTime()) {
        throw invalid();
    }
    const user = activeUser(state, String(claims.sub ?? ''));
    if (!user) {
        throw invalid();
    }
    if (!userApproved(state.org, client, user.Id)) {
        throw new OauthError(
            'invalid_grant',
            "user hasn't approved this consumer"
        );
    }
    return { client, userId: user.Id };
}

/**
 * User.LastLoginDate (Object Reference, "User": "The date and time when the user last
 * successfully logged in. This value is updated if 60 seconds have elapsed since the user's last
 * login"). A login changes no other field of the user record.
 */
function recordLogin(state: EmulatorState, userId: string): void {
    const now = state.org.now();
    const last = state.org.get('User', userId)?.LastLoginDate;
    if (typeof last !== 'string' || now.getTime() - toMillis(last) >= 60_000) {
        state.org.store.update('User', userId, {
            LastLoginDate: formatDateTime(now)
        });
    }
}

export async function token(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const form = new URLSearchParams(request.body);
    try {
        const grant = form.get('grant_type') ?? '';
        let issued: { client: OauthClient; userId: string };
        if (grant === 'client_credentials') {
            issued = clientCredentials(state, form, request);
        } else if (grant === JWT_BEARER) {
            issued = jwtBearer(state, form);
        } else {
            throw new OauthError(
                'unsupported_grant_type',
                'grant type not supported'
            );
        }
        recordLogin(state, issued.userId);
        const secret = state.sessions.issue({
            userId: issued.userId,
            appId: issued.client.appId,
            appName: issued.client.app
        });
        const id = identityUrlOf(state, issued.userId);
        const issuedAt = String(state.org.now().getTime());
        return {
            status: 200,
            json: {
                access_token: `${state.org.organizationId.slice(0, 15)}!${secret}`,
                signature: createHmac(
                    'sha256',
                    issued.client.consumerSecret ?? secret
                )
                    .update(id + issuedAt)
                    .digest('base64'),
                scope: 'api',
                instance_url: state.instanceUrl,
                id,
                token_type: 'Bearer',
                issued_at: issuedAt
            }
        };
    } catch (error) {
        if (error instanceof OauthError) {
            return {
                status: 400,
                json: {
                    error: error.error,
                    error_description: error.description
                }
            };
        }
        throw error;
    }
}
