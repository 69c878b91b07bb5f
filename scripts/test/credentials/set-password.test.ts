import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { setPasswordPolicy } from '../../emulator/org/password-policy';
import { startCredentialsHarness, type CredentialsHarness } from './helpers';

describe('credentials set-password (against the emulator)', () => {
    let h: CredentialsHarness;
    beforeEach(async () => {
        h = await startCredentialsHarness();
    });
    afterEach(async () => {
        await h.teardown();
    });

    const stored = (): string | null | undefined =>
        h.emulator.org.passwords.get(h.userId)?.value;

    it('sets a strong password in the org and writes it only to a 0600 file', async () => {
        const out = path.join(h.dir, 'api.password');
        const before = stored();

        const dry = await h.cli(['set-password', '--out', out, '--dry-run']);
        expect(dry.code).toBe(0);
        expect(dry.stdout).toContain('Dry run: nothing was written.');
        expect(existsSync(out)).toBe(false);
        expect(existsSync(`${out}.new`)).toBe(false);
        expect(stored()).toBe(before);

        const first = await h.cli(['set-password', '--out', out, '--json']);
        expect(first.code).toBe(0);
        const password = readFileSync(out, 'utf8').trim();
        expect(statSync(out).mode & 0o777).toBe(0o600);
        expect(existsSync(`${out}.new`)).toBe(false);
        // The org holds exactly the password in the file: queried back from the emulator.
        expect(stored()).toBe(password);
        expect(password).toHaveLength(32);
        expect(password).toMatch(/[A-Z]/);
        expect(password).toMatch(/[a-z]/);
        expect(password).toMatch(/\d/);
        expect(password).toMatch(/[^A-Za-z0-9]/);
        const document = first.json<{
            status: number;
            result: Record<string, unknown>;
        }>();
        expect(document.result).toMatchObject({
            action: 'set-password',
            status: 'done',
            username: h.username,
            securityToken: expect.stringContaining('new security token')
        });
        expect(document.result.lastPasswordChangeDate).not.toBeNull();
        expect(first.stdout).not.toContain(password);

        const second = await h.cli(['set-password', '--out', out]);
        expect(second.code).toBe(0);
        expect(second.stdout).toContain('nothing to do');
        expect(stored()).toBe(password);

        const forced = await h.cli(['set-password', '--out', out, '--force']);
        expect(forced.code).toBe(0);
        const next = readFileSync(out, 'utf8').trim();
        expect(next).not.toBe(password);
        expect(stored()).toBe(next);
        expect(forced.stdout).toContain('JWT bearer or client credentials');
        expect(h.printed()).not.toContain(password);
        expect(h.printed()).not.toContain(next);
    });

    it('warns when the org changed the password after the file was written', async () => {
        const out = path.join(h.dir, 'stale.password');
        expect((await h.cli(['set-password', '--out', out])).code).toBe(0);
        h.emulator.org.store.update('User', h.userId, {
            LastPasswordChangeDate: '2099-01-01T00:00:00.000+0000'
        });
        const again = await h.cli(['set-password', '--out', out, '--json']);
        expect(again.code).toBe(0);
        expect(
            again.json<{ warnings: string[] }>().warnings.join('\n')
        ).toContain('the file may be stale');
    });

    it('sets a new password when a reset-password made the one in the file dead (issue 20, item 9)', async () => {
        const out = path.join(h.dir, 'api.password');
        expect((await h.cli(['set-password', '--out', out])).code).toBe(0);
        const reset = await h.cli([
            'reset-password',
            '--out',
            path.join(h.dir, 'temporary')
        ]);
        expect(reset.code).toBe(0);
        expect(h.emulator.org.passwords.get(h.userId)?.expired).toBe(true);
        const again = await h.cli(['set-password', '--out', out, '--json']);
        expect(again.code).toBe(0);
        const document = again.json<{
            result: Record<string, unknown>;
            warnings: string[];
        }>();
        expect(document.result.status).toBe('done');
        expect(document.warnings.join('\n')).toContain(
            'holds a password that no longer works'
        );
        // The org holds the password in the file again, and it is live.
        expect(h.emulator.org.passwords.get(h.userId)).toEqual({
            value: readFileSync(out, 'utf8').trim(),
            expired: false
        });
    });

    it('a dry run refuses the --length the real run refuses (issue 20, item 13)', async () => {
        h.emulator.resetCalls();
        const dry = await h.cli([
            'set-password',
            '--out',
            path.join(h.dir, 'short'),
            '--length',
            '3',
            '--dry-run'
        ]);
        expect(dry.code).toBe(1);
        expect(dry.stderr).toContain(
            '--length: expected a whole number from 8'
        );
        expect(h.emulator.calls().total).toBe(0);
    });

    it('prints the password only with --show', async () => {
        const out = path.join(h.dir, 'shown.password');
        const shown = await h.cli(['set-password', '--out', out, '--show']);
        expect(shown.code).toBe(0);
        const password = readFileSync(out, 'utf8').trim();
        expect(shown.stdout).toContain(`Password: ${password}`);
    });

    it('reports a password the org rejects under its policy, and leaves no file', async () => {
        setPasswordPolicy(h.emulator.org, { minimumLength: 40 });
        const out = path.join(h.dir, 'rejected.password');
        const before = stored();
        const rejected = await h.cli(['set-password', '--out', out, '--json']);
        expect(rejected.code).toBe(1);
        expect(rejected.json()).toMatchObject({
            name: 'PasswordRejected',
            code: 'PASSWORD_REJECTED',
            message: expect.stringMatching(
                /rejected the new password.*at least 40 characters.*Nothing changed. Raise --length/
            )
        });
        expect(existsSync(out)).toBe(false);
        expect(existsSync(`${out}.new`)).toBe(false);
        expect(stored()).toBe(before);

        const longer = await h.cli([
            'set-password',
            '--out',
            out,
            '--length',
            '48'
        ]);
        expect(longer.code).toBe(0);
        expect(stored()).toBe(readFileSync(out, 'utf8').trim());
    });

    it('refuses an unknown user and a user that is not API-only', async () => {
        const unknown = await h.cli([
            'set-password',
            '--user',
            'nobody@example.com',
            '--out',
            path.join(h.dir, 'x'),
            '--json'
        ]);
        expect(unknown.code).toBe(1);
        expect(unknown.json()).toMatchObject({
            name: 'NotFound',
            code: 'UNKNOWN_USER',
            message: expect.stringContaining(
                'Unknown user "nobody@example.com" in this org'
            )
        });

        const admin = String(
            h.emulator.org.get('User', h.emulator.org.adminUserId)?.Username
        );
        const human = await h.cli([
            'set-password',
            '--user',
            admin,
            '--out',
            path.join(h.dir, 'y')
        ]);
        expect(human.code).toBe(1);
        expect(human.stderr).toContain(
            `Error (NOT_API_ONLY): ${admin} is not an API-only user`
        );
        expect(existsSync(path.join(h.dir, 'y'))).toBe(false);
        expect(
            h.emulator.org.passwords.get(h.emulator.org.adminUserId)?.value
        ).toBe('emulator1');
    });

    it('rejects a length below the documented minimum before calling the org', async () => {
        h.emulator.resetCalls();
        const short = await h.cli([
            'set-password',
            '--out',
            path.join(h.dir, 'short'),
            '--length',
            '6'
        ]);
        expect(short.code).toBe(1);
        expect(short.stderr).toContain(
            '--length: expected a whole number from 8'
        );
        expect(existsSync(path.join(h.dir, 'short'))).toBe(false);
    });
});
