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
    // A portal or community profile needs a Contact on the user (Salesforce refuses "a portal user
    // without contact"): one Account for the batch, one Contact per user.
    const external = profile.UserType !== 'Standard';
    const account = external
        ? org.dml.create(
              'Account',
              { Name: `${prefix} customers` },
              { system: true }
          )
        : undefined;
    return Array.from({ length: count }, (_, i) => {
        const username = `${prefix}${i}@example.com`;
        const contact = account
            ? org.dml.create(
                  'Contact',
                  { LastName: `${prefix} ${i}`, AccountId: account },
                  { system: true }
              )
            : undefined;
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
                ProfileId: profile.Id,
                ...(contact ? { ContactId: contact } : {})
            },
            { system: true }
        );
        return username;
    });
}
