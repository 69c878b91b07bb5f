// What every password action tells the admin, with its sources.

/**
 * Salesforce emails a new security token when the password changes (SOAP API Developer Guide,
 * "login()" / AJAX Toolkit "Connecting to the API": a login from an IP outside the trusted ranges
 * must append the security token to the password; "When a user changes their password or resets
 * their security token, Salesforce sends a new security token to the email address on the
 * user's Salesforce record").
 */
export const SECURITY_TOKEN_NOTE =
    "Salesforce emails a new security token to the user's email address whenever the password changes. " +
    'A username + password login (SOAP login() or the OAuth username-password flow) from an IP outside the ' +
    "org's trusted ranges must append that token to the password, so update it in the external platform too. " +
    'An OAuth JWT bearer or client credentials integration never sends the password, so it needs neither the ' +
    'password nor the security token: prefer them (npm run credentials -- rotate-certificate).';

export const PASSWORD_POLICY_NOTE =
    "The org's password policy is not read through the REST API (it lives in SecuritySettings / profile " +
    'password policies of the Metadata API), so the password is generated for the strictest complexity ' +
    'level (upper and lower case letters, digits and special characters) and a length well above the ' +
    'documented default minimum of 8 (Salesforce Help, "Password Policies Fields"). If the org asks for ' +
    'more, Salesforce answers INVALID_NEW_PASSWORD and nothing changes: raise --length.';
