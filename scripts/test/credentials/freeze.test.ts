import { startCredentialsHarness, type CredentialsHarness } from './helpers';

describe('credentials freeze / unfreeze (against the emulator)', () => {
    let h: CredentialsHarness;
    beforeEach(async () => {
        h = await startCredentialsHarness();
    });
    afterEach(async () => {
        await h.teardown();
    });

    const frozen = (): unknown =>
        h.emulator.org.first('UserLogin', (row) => row.UserId === h.userId)
            ?.IsFrozen;

    it('freezes, says so on a second run, and unfreezes; --dry-run writes nothing', async () => {
        expect(frozen()).toBe(false);
        const dry = await h.cli(['freeze', '--dry-run']);
        expect(dry.code).toBe(0);
        expect(dry.stdout).toContain('{"IsFrozen": true}');
        expect(frozen()).toBe(false);

        const first = await h.cli(['freeze', '--json']);
        expect(first.code).toBe(0);
        expect(
            first.json<{ result: Record<string, unknown> }>().result
        ).toMatchObject({
            action: 'freeze',
            status: 'done',
            isFrozenBefore: false,
            isFrozen: true
        });
        expect(frozen()).toBe(true);

        const again = await h.cli(['freeze']);
        expect(again.code).toBe(0);
        expect(again.stdout).toContain('already frozen: nothing to do');

        const thaw = await h.cli(['unfreeze']);
        expect(thaw.code).toBe(0);
        expect(frozen()).toBe(false);
        const thawAgain = await h.cli(['unfreeze', '--json']);
        expect(
            thawAgain.json<{ result: { status: string } }>().result.status
        ).toBe('unchanged');
    });

    it('refuses to freeze the user running it (issue 20, item 8)', async () => {
        const adminId = h.emulator.org.adminUserId;
        const admin = String(h.emulator.org.get('User', adminId)?.Username);
        const refused = await h.cli(['freeze', '--user', admin, '--json']);
        expect(refused.code).toBe(1);
        expect(refused.json()).toMatchObject({
            name: 'BadArgument',
            message: expect.stringContaining('is the user running this command')
        });
        expect(
            h.emulator.org.first('UserLogin', (row) => row.UserId === adminId)
                ?.IsFrozen ?? false
        ).toBe(false);
    });
});
