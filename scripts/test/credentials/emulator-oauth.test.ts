// The emulator's credential behaviours (FIDELITY.md, "Credentials"), driven over HTTP with jsforce.

import { issueOauthToken } from '../../emulator/org/oauth-tokens';
import { setPasswordPolicy } from '../../emulator/org/password-policy';
import { failure, startHarness, type Harness } from '../emulator/helpers';

describe('emulator: OauthToken, the revoke endpoint, UserLogin, password policy', () => {
    let h: Harness;
    let adminId: string;
    beforeEach(async () => {
        h = await startHarness();
        adminId = h.emulator.org.adminUserId;
    });
    afterEach(async () => {
        await h.emulator.close();
    });

    const count = async (): Promise<number> =>
        (
            await h.conn.query(
                `SELECT COUNT() FROM OauthToken WHERE UserId = '${adminId}'`
            )
        ).totalSize;

    it('OauthToken is query-only: no create, no delete through the API', async () => {
        issueOauthToken(h.emulator.org, {
            userId: adminId,
            appName: 'Case Portal Integration',
            useCount: 4
        });
        const rows = await h.conn.query<{ AppName: string; UseCount: number }>(
            `SELECT AppName, UseCount, LastUsedDate FROM OauthToken WHERE UserId = '${adminId}'`
        );
        expect(rows.records).toMatchObject([
            { AppName: 'Case Portal Integration', UseCount: 4 }
        ]);
        const id = String(h.emulator.org.rows('OauthToken')[0]?.Id);
        expect(
            (await failure(h.conn.sobject('OauthToken').destroy(id))).errorCode
        ).toBe('INVALID_TYPE_FOR_OPERATION');
        expect(
            (
                await failure(
                    h.conn.sobject('OauthToken').create({ AppName: 'x' })
                )
            ).errorCode
        ).toBe('INVALID_TYPE_FOR_OPERATION');
        expect(await count()).toBe(1);
    });

    it('revokes by delete token (form POST) and by refresh token (GET ?token=); 400 invalid_token after', async () => {
        const first = issueOauthToken(h.emulator.org, {
            userId: adminId,
            appName: 'A'
        });
        const second = issueOauthToken(h.emulator.org, {
            userId: adminId,
            appName: 'B'
        });
        const post = (token: string) =>
            h.conn.request({
                method: 'POST',
                url: '/services/oauth2/revoke',
                body: `token=${encodeURIComponent(token)}`,
                headers: {
                    'content-type': 'application/x-www-form-urlencoded'
                }
            });
        await post(first.deleteToken);
        expect(await count()).toBe(1);
        await h.conn.request(
            `/services/oauth2/revoke?token=${encodeURIComponent(second.refreshToken)}`
        );
        expect(await count()).toBe(0);
        const again = await failure(post(first.deleteToken));
        expect(JSON.parse(again.message)).toEqual({
            error: 'invalid_token',
            error_description: 'invalid token'
        });
    });

    it('freezes through UserLogin.IsFrozen', async () => {
        const login = await h.conn.query<{ Id: string }>(
            `SELECT Id FROM UserLogin WHERE UserId = '${adminId}'`
        );
        const id = login.records[0]?.Id ?? '';
        await h.conn.sobject('UserLogin').update({ Id: id, IsFrozen: true });
        const after = await h.conn.query<{ IsFrozen: boolean }>(
            `SELECT IsFrozen FROM UserLogin WHERE Id = '${id}'`
        );
        expect(after.records[0]?.IsFrozen).toBe(true);
    });

    it('enforces a stricter minimum password length when the org has one', async () => {
        setPasswordPolicy(h.emulator.org, { minimumLength: 12 });
        const url = `/services/data/v66.0/sobjects/User/${adminId}/password`;
        const short = await failure(
            h.conn.request({
                method: 'POST',
                url,
                body: JSON.stringify({ NewPassword: 'abc123def45' }),
                headers: { 'content-type': 'application/json' }
            })
        );
        expect(short.errorCode).toBe('INVALID_NEW_PASSWORD');
        expect(short.message).toBe(
            'Your password must be at least 12 characters long.'
        );
        await h.conn.request({
            method: 'POST',
            url,
            body: JSON.stringify({ NewPassword: 'abc123def456' }),
            headers: { 'content-type': 'application/json' }
        });
        expect(h.emulator.org.passwords.get(adminId)?.value).toBe(
            'abc123def456'
        );
    });
});
