import type { Org } from '../../emulator';

/**
 * Creates `count` users in an emulated org in-process (no API calls counted): usernames
 * `<prefix><i>@example.com` on the given profile, every required field filled.
 */
export function createUsers(
    org: Org,
    count: number,
    prefix: string,
    profileName = 'Standard User'
): string[] {
    const profile = org.rows('Profile').find((p) => p.Name === profileName);
    if (!profile) {
        throw new Error(`no profile named ${profileName} in the emulated org`);
    }
    return Array.from({ length: count }, (_, i) => {
        const username = `${prefix}${i}@example.com`;
        org.dml.create(
            'User',
            {
                Username: username,
                LastName: `${prefix} ${i}`,
                Alias: `${prefix.slice(0, 3)}${i}`.slice(0, 8),
                Email: username,
                CommunityNickname: `${prefix}${i}`,
                TimeZoneSidKey: 'America/Los_Angeles',
                LocaleSidKey: 'en_US',
                EmailEncodingKey: 'UTF-8',
                LanguageLocaleKey: 'en_US',
                ProfileId: profile.Id
            },
            { system: true }
        );
        return username;
    });
}
