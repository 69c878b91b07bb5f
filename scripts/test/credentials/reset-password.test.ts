import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { startCredentialsHarness, type CredentialsHarness } from './helpers';

describe('credentials reset-password (against the emulator)', () => {
    let h: CredentialsHarness;
    beforeEach(async () => {
        h = await startCredentialsHarness();
    });
    afterEach(async () => {
        await h.teardown();
    });

    it('resets the password (temporary one only in a 0600 file); a pending reset is a no-op', async () => {
        const current = path.join(h.dir, 'current.password');
        expect((await h.cli(['set-password', '--out', current])).code).toBe(0);
        const password = readFileSync(current, 'utf8').trim();
        const out = path.join(h.dir, 'temporary');

        const dry = await h.cli(['reset-password', '--out', out, '--dry-run']);
        expect(dry.code).toBe(0);
        expect(dry.stdout).toContain('emails a reset link');
        expect(existsSync(out)).toBe(false);
        expect(h.emulator.org.passwords.get(h.userId)).toEqual({
            value: password,
            expired: false
        });

        const reset = await h.cli(['reset-password', '--out', out, '--json']);
        expect(reset.code).toBe(0);
        const temporary = readFileSync(out, 'utf8').trim();
        expect(statSync(out).mode & 0o777).toBe(0o600);
        // Queried back: the org's password changed to the temporary one, and it is expired.
        expect(h.emulator.org.passwords.get(h.userId)).toEqual({
            value: temporary,
            expired: true
        });
        expect(
            reset.json<{ result: Record<string, unknown> }>().result
        ).toMatchObject({
            status: 'done',
            passwordExpired: true,
            securityToken: expect.stringContaining('security token')
        });

        const again = await h.cli(['reset-password', '--out', out]);
        expect(again.code).toBe(0);
        expect(again.stdout).toContain('nothing to do');
        expect(readFileSync(out, 'utf8').trim()).toBe(temporary);

        expect(h.printed()).not.toContain(password);
        expect(h.printed()).not.toContain(temporary);
    });
});
