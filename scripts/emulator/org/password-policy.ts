// The org's password policy as the password resource enforces it. Defaults from Salesforce
// Help, "Password Policies Fields" (platform.users_profiles_password_policies_ref): minimum
// length 8, complexity "Must include alpha and numeric characters". Tests make an org stricter
// than the default with setPasswordPolicy (Setup → Password Policies); the other policy fields
// (history, expiry, lockout, other complexity levels) are not emulated.

import type { Org } from './org';

export interface EmulatedPasswordPolicy {
    minimumLength: number;
}

export const DEFAULT_PASSWORD_POLICY: EmulatedPasswordPolicy = {
    minimumLength: 8
};

const policies = new WeakMap<Org, EmulatedPasswordPolicy>();

export function setPasswordPolicy(
    org: Org,
    policy: EmulatedPasswordPolicy
): void {
    policies.set(org, policy);
}

export function passwordPolicyOf(org: Org): EmulatedPasswordPolicy {
    return policies.get(org) ?? DEFAULT_PASSWORD_POLICY;
}
