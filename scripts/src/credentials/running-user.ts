// Who runs the command: the OpenID Connect UserInfo endpoint (Salesforce Help, "UserInfo
// Endpoint": GET /services/oauth2/userinfo with the access token answers user_id and
// preferred_username). freeze uses it to refuse freezing the admin who runs it.

import type { OrgClient } from '../org/client';

export interface RunningUser {
    id: string;
    username: string | null;
}

/** The token's user, or undefined when the endpoint does not answer (never guessed). */
export async function runningUser(
    client: OrgClient
): Promise<RunningUser | undefined> {
    try {
        const answer = await client.request<{
            user_id?: unknown;
            preferred_username?: unknown;
        }>('GET', '/services/oauth2/userinfo');
        if (typeof answer?.user_id !== 'string') {
            return undefined;
        }
        return {
            id: answer.user_id,
            username:
                typeof answer.preferred_username === 'string'
                    ? answer.preferred_username
                    : null
        };
    } catch {
        return undefined;
    }
}

/** Same record: a 15- and an 18-character id of one record share their first 15 characters. */
export function sameId(a: string, b: string): boolean {
    return a.slice(0, 15) === b.slice(0, 15);
}
