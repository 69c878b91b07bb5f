// POST /services/oauth2/revoke (and GET with ?token=): revokes an OAuth refresh token, an
// OauthToken's DeleteToken, or an access token the token endpoint issued. Sources: Salesforce Help "Revoke OAuth Tokens Programmatically"
// and Mobile SDK Developer Guide "Revoking OAuth Tokens": a POST with an
// application/x-www-form-urlencoded body `token=...`; HTTP 200 on success; HTTP 400 with
// `unsupported_token_type` or `invalid_token` on error. Object Reference "OauthToken", Usage:
// the DeleteToken is sent to this endpoint. The error body's `error_description` text is the
// emulator's own (not confirmed); the emulator asks for its session bearer on this endpoint
// like every other route (Salesforce does not: the token authenticates itself).

import type { EmulatorState } from '../api/state';
import type { ApiRequest, ApiResponse } from '../core/http';
import type { Router } from '../core/router';
import { revokeOauthToken } from '../org/oauth-tokens';

function oauthError(error: string, description: string): ApiResponse {
    return {
        status: 400,
        json: { error, error_description: description }
    };
}

function tokenOf(request: ApiRequest): string {
    const type = String(request.headers['content-type'] ?? '');
    if (request.method === 'POST' && type.includes('x-www-form-urlencoded')) {
        return new URLSearchParams(request.body).get('token') ?? '';
    }
    return request.query.get('token') ?? '';
}

export async function revoke(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const token = tokenOf(request);
    if (token === '') {
        return oauthError('invalid_token', 'missing token parameter');
    }
    if (
        token === state.accessToken ||
        token.endsWith(`!${state.accessToken}`)
    ) {
        return oauthError(
            'unsupported_token_type',
            "not emulated: revoking the emulator's own session token"
        );
    }
    // An access token the token endpoint issued ("<org id>!<secret>"): its session ends.
    const secret = token.slice(token.indexOf('!') + 1);
    if (state.sessions.revoke(secret)) {
        return { status: 200 };
    }
    if (!revokeOauthToken(state.org, token)) {
        return oauthError('invalid_token', 'invalid token');
    }
    return { status: 200 };
}

/** Adds the OAuth routes outside /services/data. */
export function addOauthRoutes(router: Router, state: EmulatorState): void {
    router.add('POST', '/services/oauth2/revoke', (request) =>
        revoke(state, request)
    );
    router.add('GET', '/services/oauth2/revoke', (request) =>
        revoke(state, request)
    );
}
