// Who a request runs as: the access token's user and the OAuth app that issued it. The
// emulator's configured token is the admin's session with no app (as if logged in through a
// tool the org does not log as one of its apps); the OAuth token endpoint (routes/oauth-token.ts)
// issues tokens for other users through an app.

import { randomBytes } from 'node:crypto';

export interface Session {
    userId: string;
    /** The ConnectedApplication row's id, when an OAuth app issued the token. */
    appId: string | null;
    /** The app's API name, as the org knows it. */
    appName: string | null;
}

export class Sessions {
    private readonly byToken = new Map<string, Session>();

    /** A new access token (the part after "<org id>!") for this session. */
    issue(session: Session): string {
        const token = randomBytes(32).toString('base64url');
        this.byToken.set(token, { ...session });
        return token;
    }

    get(token: string): Session | undefined {
        return this.byToken.get(token);
    }

    set(token: string, session: Session): void {
        this.byToken.set(token, { ...session });
    }

    /** Ends an issued session; false when the token is not one. */
    revoke(token: string): boolean {
        return this.byToken.delete(token);
    }
}
