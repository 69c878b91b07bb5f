// GET /services/data (the versions list) and GET /services/data/vXX.X (its resources).

import { ApiError, notFound } from '../core/errors';
import { ok, type ApiRequest, type ApiResponse } from '../core/http';
import { OLDEST_VERSION } from '../config';
import { dataBase, type EmulatorState } from '../api/state';

const SEASONS = ['Winter', 'Spring', 'Summer'];

/** Release name of an API version: 50.0 is Winter '21, 66.0 Spring '26. */
export function releaseLabel(version: string): string {
    const index = Math.round(Number(version)) - 50;
    const season = SEASONS[((index % 3) + 3) % 3] ?? 'Winter';
    const year = 21 + Math.floor(index / 3);
    return `${season} '${String(year).padStart(2, '0')}`;
}

export function versionsList(state: EmulatorState): ApiResponse {
    return ok(
        state.versions.map((version) => ({
            label: releaseLabel(version),
            url: dataBase(version),
            version
        }))
    );
}

export function identityUrlOf(state: EmulatorState, userId: string): string {
    return `${state.instanceUrl}/id/${state.org.organizationId}/${userId}`;
}

export function identityUrl(state: EmulatorState, userId?: string): string {
    return identityUrlOf(state, userId ?? state.org.adminUserId);
}

export async function versionResources(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const base = dataBase(request.version);
    return ok({
        tooling: `${base}/tooling`,
        query: `${base}/query`,
        queryAll: `${base}/queryAll`,
        sobjects: `${base}/sobjects`,
        composite: `${base}/composite`,
        limits: `${base}/limits`,
        jobs: `${base}/jobs`,
        identity: identityUrl(state, request.session?.userId)
    });
}

/**
 * The answer for a version the emulator does not serve: 410 for a retired one (REST API
 * Developer Guide, "API End-of-Life Policy": "If you request any resource or use an operation
 * from a retired API version, REST API returns the 410:GONE error code"; the body's code and
 * message are the emulator's), 404 NOT_FOUND for one newer than the project's.
 */
export function unavailableVersion(version: string): ApiError {
    if (Number(version) < OLDEST_VERSION) {
        return new ApiError(
            410,
            'GONE',
            `API version ${version} is retired and unavailable`
        );
    }
    return notFound();
}
