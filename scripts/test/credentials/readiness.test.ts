import {
    evaluateReadiness,
    expectationsFromRequired,
    type ReadinessFacts
} from '../../src/credentials/readiness';

const NOW = new Date('2026-12-01T00:00:00Z');

const facts = (overrides: Partial<ReadinessFacts> = {}): ReadinessFacts => ({
    username: 'api@example.com',
    isActive: true,
    isFrozen: false,
    lastLoginDate: '2026-11-30T10:00:00.000+0000',
    passwordNeverExpires: false,
    passwordExpired: true,
    apps: ['Case Portal Integration'],
    grants: [
        {
            appName: 'Case Portal Integration',
            useCount: 3,
            lastUsedDate: '2026-11-30T10:00:00.000+0000'
        }
    ],
    ...overrides
});

const statuses = (f: ReadinessFacts, required: string[] = []) =>
    Object.fromEntries(
        evaluateReadiness(f, expectationsFromRequired(required), NOW).map(
            (r) => [r.rule, r.status]
        )
    );

describe('evaluateReadiness (pure)', () => {
    it('passes a ready OAuth-only user and never asks for a password', () => {
        expect(statuses(facts())).toEqual({
            'credentials.active': 'pass',
            'credentials.not-frozen': 'pass',
            'credentials.password-never-expires': 'pass',
            'credentials.oauth-grants': 'pass',
            'credentials.last-login': 'pass'
        });
    });

    it('fails frozen and inactive users, with the fix', () => {
        const results = evaluateReadiness(
            facts({ isFrozen: true, isActive: false }),
            { passwordNeverExpires: false },
            NOW
        );
        expect(
            results.find((r) => r.rule === 'credentials.not-frozen')
        ).toMatchObject({
            status: 'fail',
            fix: 'npm run credentials -- unfreeze'
        });
        expect(
            results.find((r) => r.rule === 'credentials.active')?.status
        ).toBe('fail');
    });

    it('asks for PasswordNeverExpires only where the contract requires it', () => {
        expect(
            statuses(facts({ passwordNeverExpires: true }))[
                'credentials.password-never-expires'
            ]
        ).toBe('warn');
        expect(
            statuses(facts({ passwordNeverExpires: false }), [
                'PasswordNeverExpires'
            ])
        ).toMatchObject({
            'credentials.password-never-expires': 'fail',
            'credentials.password-set': 'fail'
        });
        expect(
            statuses(
                facts({ passwordNeverExpires: true, passwordExpired: false }),
                ['PasswordNeverExpires']
            )
        ).toMatchObject({
            'credentials.password-never-expires': 'pass',
            'credentials.password-set': 'pass'
        });
    });

    it('warns on no grant and on a stale or missing last login', () => {
        expect(
            statuses(facts({ grants: [] }))['credentials.oauth-grants']
        ).toBe('warn');
        expect(
            statuses(facts({ lastLoginDate: null }))['credentials.last-login']
        ).toBe('warn');
        expect(
            statuses(facts({ lastLoginDate: '2026-06-01T00:00:00.000+0000' }))[
                'credentials.last-login'
            ]
        ).toBe('warn');
    });
});
