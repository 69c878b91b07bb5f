// Strong passwords for the integration user, generated with node:crypto.
//
// Character classes follow Salesforce Help, "Password Policies Fields": the strictest complexity
// level asks for numbers, upper and lower case letters and special characters, the special
// characters being ! " # $ % & ' ( ) * + , - . / : ; < = > ? @ [ \ ] ^ _ ` { | } ~. The generator
// uses a subset that needs no quoting in a shell, URL form field, XML or JSON. "A password cannot
// contain your User Name and cannot match your first or last name" (Security Implementation
// Guide, "About Passwords"): checked too.

import { randomInt } from 'node:crypto';
import { CredentialsError } from './errors';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SPECIAL = '!#%*+-.=?_~';
const CLASSES = [UPPER, LOWER, DIGITS, SPECIAL];
const ALL = CLASSES.join('');

/** Salesforce's documented default minimum length. */
export const DEFAULT_MINIMUM_LENGTH = 8;
export const DEFAULT_LENGTH = 32;
export const MAXIMUM_LENGTH = 128;

const pick = (chars: string): string => chars.charAt(randomInt(chars.length));

/** True when `password` holds every character class and none of the forbidden words. */
export function meetsPolicy(password: string, forbidden: string[]): boolean {
    const lower = password.toLowerCase();
    return (
        CLASSES.every((chars) =>
            [...password].some((c) => chars.includes(c))
        ) &&
        forbidden
            .filter((word) => word.length >= 3)
            .every((word) => !lower.includes(word.toLowerCase()))
    );
}

/** --length: a whole number Salesforce's default policy accepts (checked before any call, dry runs too). */
export function validateLength(length: number): void {
    if (
        !Number.isInteger(length) ||
        length < DEFAULT_MINIMUM_LENGTH ||
        length > MAXIMUM_LENGTH
    ) {
        throw new CredentialsError(
            'BAD_ARGUMENT',
            `--length: expected a whole number from ${DEFAULT_MINIMUM_LENGTH} (Salesforce's default minimum) to ${MAXIMUM_LENGTH}, got ${length}`
        );
    }
}

/**
 * A random password of `length` characters with at least one of each class, not containing
 * the username (before the @) or the first or last name.
 */
export function generatePassword(
    length: number = DEFAULT_LENGTH,
    forbidden: string[] = []
): string {
    validateLength(length);
    for (;;) {
        const chars = CLASSES.map(pick);
        while (chars.length < length) {
            chars.push(pick(ALL));
        }
        for (let i = chars.length - 1; i > 0; i--) {
            const j = randomInt(i + 1);
            [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
        }
        const password = chars.join('');
        if (meetsPolicy(password, forbidden)) {
            return password;
        }
    }
}
