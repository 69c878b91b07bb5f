// sObject User Password: GET expiry status, POST a new password (checked against the
// org's policy: 8 characters, letters and numbers), DELETE to reset.

import { randomInt } from 'node:crypto';
import { ApiError, notFound } from '../core/errors';
import { formatDateTime } from '../core/dates';
import {
    isPlainObject,
    noContent,
    ok,
    parseJsonBody,
    type ApiRequest,
    type ApiResponse
} from '../core/http';
import type { EmulatorState } from '../api/state';
import {
    DEFAULT_PASSWORD_POLICY,
    passwordPolicyOf
} from '../org/password-policy';

/** Salesforce's INVALID_NEW_PASSWORD messages for the default policy. */
export function passwordPolicyError(
    password: string,
    minimumLength = DEFAULT_PASSWORD_POLICY.minimumLength
): ApiError | undefined {
    if (password.length < minimumLength) {
        return new ApiError(
            400,
            'INVALID_NEW_PASSWORD',
            `Your password must be at least ${minimumLength} characters long.`
        );
    }
    if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) {
        return new ApiError(
            400,
            'INVALID_NEW_PASSWORD',
            'Your password must have a mix of letters and numbers.'
        );
    }
    return undefined;
}

function userId(state: EmulatorState, request: ApiRequest): string {
    const type = (request.params.type ?? '').toLowerCase();
    const user = state.org.get('User', request.params.id ?? '');
    if ((type !== 'user' && type !== 'selfserviceuser') || !user) {
        throw notFound();
    }
    return String(user.Id);
}

function generatePassword(): string {
    const letters = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
    const digits = '23456789';
    let password = '';
    for (let i = 0; i < 7; i++) {
        password += letters.charAt(randomInt(letters.length));
    }
    return (
        password +
        digits.charAt(randomInt(digits.length)) +
        digits.charAt(randomInt(digits.length))
    );
}

export async function getPassword(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const id = userId(state, request);
    return ok({ isExpired: state.org.passwords.get(id)?.expired ?? true });
}

export async function setPassword(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const id = userId(state, request);
    const body = parseJsonBody(request);
    const password =
        isPlainObject(body) && typeof body.NewPassword === 'string'
            ? body.NewPassword
            : '';
    const error = passwordPolicyError(
        password,
        passwordPolicyOf(state.org).minimumLength
    );
    if (error) {
        throw error;
    }
    state.org.passwords.set(id, { value: password, expired: false });
    state.org.store.update('User', id, {
        LastPasswordChangeDate: formatDateTime(state.org.now())
    });
    return noContent();
}

export async function resetPassword(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const id = userId(state, request);
    const password = generatePassword();
    state.org.passwords.set(id, { value: password, expired: true });
    return ok({ NewPassword: password });
}
