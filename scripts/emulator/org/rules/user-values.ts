// What Salesforce checks in a User's own values: the Username's email form and the four
// restricted locale picklists.
//
// Username: Salesforce answers FIELD_INTEGRITY_EXCEPTION "Username must be in the form of an
// email address (for example, john@acme.com)" on Username (Okta support, "Salesforce
// Provisioning Error 'Username must be in the form of an email address'"; the code and
// message as public LWC projects compare them). How strict the form is was not documented:
// Salesforce accepts several '@' (salesforce.stackexchange.com q. 136843), so the emulator
// asks for text, '@', text and no spaces.
//
// Picklists: INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, "<label>: bad value for restricted
// picklist field: <value>" (org/values.ts, for every restricted picklist). Salesforce's full
// value lists are not shipped by any package here, so the emulator refuses what no Salesforce
// list can hold and accepts the rest (a superset, said in FIDELITY.md): time zones that ICU
// (Intl) does not know, locales and languages whose language or country code ICU does not
// know, encodings that are no WHATWG Encoding Standard label (TextDecoder), plus the values
// the describe lists.

import { TextDecoder } from 'node:util';
import { DmlError } from '../../core/errors';
import type { SObjectRecord } from '../../schema/types';

const LANGUAGES = new Intl.DisplayNames(['en'], {
    type: 'language',
    fallback: 'none'
});
const REGIONS = new Intl.DisplayNames(['en'], {
    type: 'region',
    fallback: 'none'
});

export function isEmailForm(username: string): boolean {
    return /^[^\s@]+@(?:[^\s]*@)?[^\s@]+$/.test(username);
}

function knownTimeZone(value: string): boolean {
    if (!/^[A-Za-z][A-Za-z0-9_+/-]*$/.test(value)) {
        return false;
    }
    try {
        new Intl.DateTimeFormat('en', { timeZone: value });
        return true;
    } catch {
        return false;
    }
}

/** "en", "en_US", "zh_CN_PINYIN", "sr_Latn_RS": a known language, then a known country if any. */
function knownLocale(value: string): boolean {
    const match =
        /^([a-z]{2,3})(?:_([A-Z][a-z]{3}))?(?:_([A-Z]{2}))?(?:_[A-Za-z0-9]+)?$/.exec(
            value
        );
    if (!match) {
        return false;
    }
    const [, language = '', , region] = match;
    if (LANGUAGES.of(language) === undefined) {
        return false;
    }
    return region === undefined || REGIONS.of(region) !== undefined;
}

function knownEncoding(value: string): boolean {
    try {
        new TextDecoder(value);
        return true;
    } catch {
        return false;
    }
}

/** What each User locale picklist accepts beyond its describe sample. */
export const USER_PICKLIST_CHECKS: Record<string, (value: string) => boolean> =
    {
        TimeZoneSidKey: knownTimeZone,
        LocaleSidKey: knownLocale,
        LanguageLocaleKey: knownLocale,
        EmailEncodingKey: knownEncoding
    };

/** Throws what Salesforce answers for a Username that is not in email form. */
export function checkUsernameForm(
    next: SObjectRecord,
    previous?: SObjectRecord
): void {
    if (
        typeof next.Username === 'string' &&
        next.Username !== previous?.Username &&
        !isEmailForm(next.Username)
    ) {
        throw new DmlError(
            'FIELD_INTEGRITY_EXCEPTION',
            'Username must be in the form of an email address (for example, john@acme.com)',
            ['Username']
        );
    }
}
