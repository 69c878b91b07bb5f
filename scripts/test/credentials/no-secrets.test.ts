// Every action, text and --json, in one run: nothing it prints holds a value it generated or read.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { issueOauthToken } from '../../emulator/org/oauth-tokens';
import { startCredentialsHarness, type CredentialsHarness } from './helpers';

describe('credentials never print a secret', () => {
    let h: CredentialsHarness;
    beforeAll(async () => {
        h = await startCredentialsHarness();
    });
    afterAll(async () => {
        await h.teardown();
    });

    it('holds for every action, in text and in --json', async () => {
        const passwordFile = path.join(h.dir, 'api.password');
        const temporaryFile = path.join(h.dir, 'api.temporary');
        const tokens = [
            issueOauthToken(h.emulator.org, {
                userId: h.userId,
                appName: 'Case Portal Integration'
            }),
            issueOauthToken(h.emulator.org, {
                userId: h.userId,
                appName: 'Another App'
            })
        ];
        const secrets: string[] = [h.emulator.accessToken];
        for (const json of [[], ['--json']]) {
            const runs = [
                ['set-password', '--out', passwordFile, '--force'],
                ['connection', '--out', passwordFile],
                ['status'],
                ['reset-password', '--out', temporaryFile, '--force'],
                ['revoke'],
                ['revoke', '--all-apps'],
                ['freeze'],
                ['unfreeze']
            ];
            for (const argv of runs) {
                const result = await h.cli([...argv, ...json]);
                expect([argv.join(' '), result.code]).toEqual([
                    argv.join(' '),
                    0
                ]);
                if (argv[0] === 'set-password') {
                    secrets.push(readFileSync(passwordFile, 'utf8').trim());
                }
                if (argv[0] === 'reset-password') {
                    secrets.push(readFileSync(temporaryFile, 'utf8').trim());
                }
            }
        }
        const kept = issueOauthToken(h.emulator.org, {
            userId: h.userId,
            appName: 'Third App'
        });
        const tokenFile = path.join(h.dir, 'token');
        writeFileSync(tokenFile, kept.refreshToken, { mode: 0o600 });

        expect((await h.cli(['revoke', '--token-file', tokenFile])).code).toBe(
            0
        );
        for (const token of [...tokens, kept]) {
            secrets.push(token.refreshToken, token.deleteToken);
        }
        expect(secrets.length).toBe(11);
        const printed = h.printed();
        for (const secret of secrets) {
            expect(secret.length).toBeGreaterThan(8);
            expect(printed).not.toContain(secret);
        }
    });
});
