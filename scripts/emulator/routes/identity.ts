// The identity of the token's user: /services/oauth2/userinfo (OpenID Connect) and the
// identity URL /id/{orgId}/{userId} that jsforce's identity() and the sf CLI read.

import { notFound } from '../core/errors';
import {
    ok,
    type ApiRequest,
    type ApiResponse,
    type JsonValue
} from '../core/http';
import { to18 } from '../core/ids';
import { dataBase, type EmulatorState } from '../api/state';
import { identityUrl } from './versions';

function urls(
    state: EmulatorState,
    userId: string
): { [key: string]: JsonValue } {
    const version = state.versions[state.versions.length - 1] ?? '66.0';
    const rest = `${state.instanceUrl}${dataBase('{version}')}`;
    return {
        enterprise: `${state.instanceUrl}/services/Soap/c/{version}/${state.org.organizationId}`,
        metadata: `${state.instanceUrl}/services/Soap/m/{version}/${state.org.organizationId}`,
        partner: `${state.instanceUrl}/services/Soap/u/{version}/${state.org.organizationId}`,
        rest: `${rest}/`,
        sobjects: `${rest}/sobjects/`,
        search: `${rest}/search/`,
        query: `${rest}/query/`,
        recent: `${rest}/recent/`,
        tooling_rest: `${rest}/tooling/`,
        profile: `${state.instanceUrl}/${userId}`,
        custom_domain: state.instanceUrl,
        latest_version: version
    };
}

/** The session's user (the admin for the emulator's configured token). */
function sessionUser(
    state: EmulatorState,
    request: ApiRequest
): Record<string, JsonValue> {
    const user = state.org.get(
        'User',
        request.session?.userId ?? state.org.adminUserId
    );
    if (!user) {
        throw notFound();
    }
    return user;
}

export async function userInfo(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const user = sessionUser(state, request);
    const orgId = state.org.organizationId;
    return ok({
        sub: identityUrl(state, String(user.Id)),
        user_id: user.Id ?? null,
        organization_id: orgId,
        preferred_username: user.Username ?? null,
        nickname: user.CommunityNickname ?? null,
        name: `${String(user.FirstName)} ${String(user.LastName)}`,
        email: user.Email ?? null,
        email_verified: true,
        given_name: user.FirstName ?? null,
        family_name: user.LastName ?? null,
        zoneinfo: user.TimeZoneSidKey ?? null,
        profile: `${state.instanceUrl}/${String(user.Id)}`,
        picture: `${state.instanceUrl}/img/userprofile/default_profile_200_v2.png`,
        active: user.IsActive ?? null,
        user_type: 'STANDARD',
        language: user.LanguageLocaleKey ?? null,
        locale: user.LocaleSidKey ?? null,
        utcOffset: 0,
        updated_at: user.LastModifiedDate ?? null,
        is_app_installed: true,
        urls: urls(state, String(user.Id))
    });
}

export async function identity(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const user = sessionUser(state, request);
    if (
        to18(request.params.orgId ?? '') !== state.org.organizationId ||
        to18(request.params.userId ?? '') !== user.Id
    ) {
        throw notFound();
    }
    return ok({
        id: identityUrl(state, String(user.Id)),
        asserted_user: true,
        user_id: user.Id ?? null,
        organization_id: state.org.organizationId,
        username: user.Username ?? null,
        nick_name: user.CommunityNickname ?? null,
        display_name: `${String(user.FirstName)} ${String(user.LastName)}`,
        email: user.Email ?? null,
        email_verified: true,
        first_name: user.FirstName ?? null,
        last_name: user.LastName ?? null,
        timezone: user.TimeZoneSidKey ?? null,
        active: user.IsActive ?? null,
        user_type: 'STANDARD',
        language: user.LanguageLocaleKey ?? null,
        locale: user.LocaleSidKey ?? null,
        utcOffset: 0,
        last_modified_date: user.LastModifiedDate ?? null,
        is_app_installed: true,
        urls: urls(state, String(user.Id))
    });
}
