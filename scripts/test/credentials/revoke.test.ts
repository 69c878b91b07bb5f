import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { issueOauthToken } from '../../emulator/org/oauth-tokens';
import { startCredentialsHarness, type CredentialsHarness } from './helpers';

describe('credentials revoke (against the emulator)', () => {
    let h: CredentialsHarness;
    beforeEach(async () => {
        h = await startCredentialsHarness();
    });
    afterEach(async () => {
        await h.teardown();
    });

    const grants = (app?: string): number =>
        h.emulator.org.find(
            'OauthToken',
            (row) =>
                row.UserId === h.userId &&
                (app === undefined || row.AppName === app)
        ).length;

    it("revokes the user's grants for the kit's app, counted before and after; others stay", async () => {
        const issued = [
            issueOauthToken(h.emulator.org, {
                userId: h.userId,
                appName: 'Case Portal Integration'
            }),
            issueOauthToken(h.emulator.org, {
                userId: h.userId,
                appName: 'Case Portal Integration'
            }),
            issueOauthToken(h.emulator.org, {
                userId: h.userId,
                appName: 'Case Portal Integration (Legacy)'
            }),
            issueOauthToken(h.emulator.org, {
                userId: h.userId,
                appName: 'Data Loader'
            })
        ];

        const dry = await h.cli(['revoke', '--dry-run']);
        expect(dry.code).toBe(0);
        expect(dry.stdout).toContain('revoke 3 OAuth grant(s)');
        expect(grants()).toBe(4);

        const first = await h.cli(['revoke', '--json']);
        expect(first.code).toBe(0);
        expect(
            first.json<{ result: Record<string, unknown> }>().result
        ).toMatchObject({
            status: 'done',
            before: 3,
            after: 0,
            revoked: 3,
            beforeByApp: {
                'Case Portal Integration': 2,
                'Case Portal Integration (Legacy)': 1
            }
        });
        // Queried back: the kit's grants are gone, the other app's grant is not.
        expect(grants('Case Portal Integration')).toBe(0);
        expect(grants('Case Portal Integration (Legacy)')).toBe(0);
        expect(grants('Data Loader')).toBe(1);

        const second = await h.cli(['revoke']);
        expect(second.code).toBe(0);
        expect(second.stdout).toContain('no OAuth grant to revoke');

        const all = await h.cli(['revoke', '--all-apps']);
        expect(all.code).toBe(0);
        expect(all.stdout).toContain('1 before, 0 after (1 revoked)');
        expect(grants()).toBe(0);

        for (const token of issued) {
            expect(h.printed()).not.toContain(token.refreshToken);
            expect(h.printed()).not.toContain(token.deleteToken);
        }
    });

    it('revokes a token given in a file through the revoke endpoint, and says when there is none', async () => {
        const issued = issueOauthToken(h.emulator.org, {
            userId: h.userId,
            appName: 'Case Portal Integration'
        });
        const file = path.join(h.dir, 'refresh-token');
        writeFileSync(file, `${issued.refreshToken}\n`, { mode: 0o600 });

        const dry = await h.cli(['revoke', '--token-file', file, '--dry-run']);
        expect(dry.code).toBe(0);
        expect(grants()).toBe(1);

        const done = await h.cli(['revoke', '--token-file', file]);
        expect(done.code).toBe(0);
        expect(grants()).toBe(0);

        const again = await h.cli(['revoke', '--token-file', file, '--json']);
        expect(again.code).toBe(1);
        expect(again.json()).toMatchObject({
            name: 'NoOAuthGrant',
            code: 'NO_OAUTH_GRANT',
            message: expect.stringContaining('invalid_token')
        });
        expect(h.printed()).not.toContain(issued.refreshToken);
    });

    it('exits 68 when some grants could not be revoked, and counts what is left', async () => {
        for (let i = 0; i < 3; i++) {
            issueOauthToken(h.emulator.org, {
                userId: h.userId,
                appName: 'Case Portal Integration'
            });
        }
        h.emulator.faults.set({
            rules: [
                {
                    method: 'POST',
                    path: '/services/oauth2/revoke',
                    fault: 'REQUEST_LIMIT_EXCEEDED',
                    times: 1
                }
            ]
        });
        const partial = await h.cli(['revoke', '--json']);
        expect(partial.code).toBe(68);
        expect(
            partial.json<{ status: number; result: Record<string, unknown> }>()
        ).toMatchObject({
            status: 68,
            result: {
                status: 'partial',
                before: 3,
                after: 1,
                revoked: 2,
                failures: ['Case Portal Integration: REQUEST_LIMIT_EXCEEDED']
            }
        });
        expect(grants()).toBe(1);
        h.emulator.faults.clear();
        expect((await h.cli(['revoke'])).code).toBe(0);
        expect(grants()).toBe(0);
    });

    it('refuses an unknown user', async () => {
        const unknown = await h.cli(['revoke', '--user', 'ghost@example.com']);
        expect(unknown.code).toBe(1);
        expect(unknown.stderr).toContain('Unknown user "ghost@example.com"');
    });

    it('an --app that matches no app is an error naming the nearest; --all-apps with --app is a usage error (issue 20, item 8)', async () => {
        issueOauthToken(h.emulator.org, {
            userId: h.userId,
            appName: 'Case Portal Integration'
        });
        issueOauthToken(h.emulator.org, {
            userId: h.userId,
            appName: 'Data Loader'
        });
        const typo = await h.cli([
            'revoke',
            '--app',
            'Case Portal Integraton',
            '--json'
        ]);
        expect(typo.code).toBe(1);
        expect(typo.json()).toMatchObject({
            name: 'BadArgument',
            message: expect.stringMatching(
                /--app: no app "Case Portal Integraton" in this org \(nearest: "Case Portal Integration"/
            )
        });
        expect(grants()).toBe(2);

        const both = await h.cli(['revoke', '--all-apps', '--app', 'Nope']);
        expect(both.code).toBe(1);
        expect(both.stderr).toContain(
            '--all-apps and --app cannot be used together'
        );
        expect(grants()).toBe(2);

        // Another case of the same name is the same app, in the org's spelling.
        const lower = await h.cli(['revoke', '--app', 'data loader', '--json']);
        expect(lower.code).toBe(0);
        expect(
            lower.json<{ result: Record<string, unknown> }>().result
        ).toMatchObject({ apps: ['Data Loader'], revoked: 1 });
        expect(grants('Case Portal Integration')).toBe(1);
    });
});
