import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { issueOauthToken } from '../../emulator/org/oauth-tokens';
import { startCredentialsHarness, type CredentialsHarness } from './helpers';

describe('credentials connection and status (against the emulator)', () => {
    let h: CredentialsHarness;
    beforeEach(async () => {
        h = await startCredentialsHarness();
    });
    afterEach(async () => {
        await h.teardown();
    });

    it('prints what a platform asks for, with the password only as a path', async () => {
        const out = path.join(h.dir, 'api.password');
        const none = await h.cli(['connection', '--out', out, '--json']);
        expect(none.code).toBe(0);
        const result = none.json<{ result: Record<string, unknown> }>().result;
        expect(result).toEqual({
            action: 'connection',
            status: 'done',
            username: h.username,
            loginUrl: h.emulator.url,
            soapEndpoint: `${h.emulator.url}/services/Soap/u/66.0`,
            oauthTokenEndpoint: `${h.emulator.url}/services/oauth2/token`,
            externalClientApp: {
                name: 'Case_Portal_Integration',
                label: 'Case Portal Integration'
            },
            notificationEmail: h.definition.Email,
            passwordFile: null
        });
        expect(
            none.json<{ warnings: string[] }>().warnings.join('\n')
        ).toContain('is not a My Domain URL');

        expect((await h.cli(['set-password', '--out', out])).code).toBe(0);
        const text = await h.cli(['connection', '--out', out]);
        expect(text.stdout).toContain(`Password:               ${out}`);
        expect(text.stdout).toContain('SOAP endpoint:');
        expect(text.stderr).toContain('Warning:');
    });

    it('reports readiness: frozen fails, a grant passes, PasswordNeverExpires as the contract asks', async () => {
        const contract = path.join(h.dir, 'oauth-only.json');
        writeFileSync(
            contract,
            JSON.stringify({
                name: 'oauth-only',
                description: 'An OAuth-only integration user',
                userPermissions: { require: ['ApiEnabled', 'ApiUserOnly'] }
            })
        );
        const ready = await h.cli(['status', '--contract', contract, '--json']);
        const results = ready.json<{
            result: { results: { rule: string; status: string }[] };
        }>().result.results;
        const byRule = Object.fromEntries(
            results.map((r) => [r.rule, r.status])
        );
        expect(byRule).toMatchObject({
            'credentials.active': 'pass',
            'credentials.not-frozen': 'pass',
            'credentials.oauth-grants': 'warn',
            'credentials.last-login': 'warn'
        });
        expect(ready.code).toBe(0);

        issueOauthToken(h.emulator.org, {
            userId: h.userId,
            appName: 'Case Portal Integration'
        });
        await h.cli(['freeze']);
        const frozen = await h.cli([
            'status',
            '--contract',
            path.join(__dirname, '../../../config/access/case-portal.json')
        ]);
        expect(frozen.code).toBe(1);
        expect(frozen.stdout).toContain('FAIL credentials.not-frozen');
        expect(frozen.stdout).toContain('PASS credentials.oauth-grants');
        // case-portal.json is OAuth-only (issue 12): no PasswordNeverExpires, so no password check.
        expect(frozen.stdout).toContain(
            'PASS credentials.password-never-expires'
        );
        expect(frozen.stdout).not.toContain('credentials.password-set');
    });
});
