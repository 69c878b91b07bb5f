// Salesforce record ids: 15-character case-sensitive ids and their 18-character
// case-insensitive form (a 3-character checksum suffix over the case of the first 15, in
// scripts/shared/salesforce-id.ts with its sources).

import { checksum } from '../../shared/salesforce-id';

export { checksum };

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID15 = /^[a-zA-Z0-9]{15}$/;
const ID18 = /^[a-zA-Z0-9]{18}$/;
const SPACE = 62 ** 7;

/** True when the value has the shape of a 15- or 18-character id (18: suffix must match). */
export function isId(value: string): boolean {
    if (ID15.test(value)) {
        return true;
    }
    if (ID18.test(value)) {
        return checksum(value.slice(0, 15)) === value.slice(15).toUpperCase();
    }
    return false;
}

/** The 18-character form of a 15- or 18-character id, or undefined for anything else. */
export function to18(value: string): string | undefined {
    if (!isId(value)) {
        return undefined;
    }
    const id15 = value.slice(0, 15);
    return id15 + checksum(id15);
}

export function keyPrefixOf(id: string): string {
    return id.slice(0, 3);
}

function base62(value: number, width: number): string {
    let out = '';
    let rest = value;
    while (rest > 0) {
        out = BASE62.charAt(rest % 62) + out;
        rest = Math.floor(rest / 62);
    }
    return out.padStart(width, '0');
}

/** Hands out real-looking ids: key prefix, pod "5g", a reserved "0", a base-62 counter. */
export class IdFactory {
    private readonly counters = new Map<string, number>();

    next(keyPrefix: string): string {
        const count = (this.counters.get(keyPrefix) ?? 0) + 1;
        this.counters.set(keyPrefix, count);
        // Spread counters over the id space so ids carry a mix of upper and lower case.
        let seed = 0;
        for (const char of keyPrefix) {
            seed = seed * 31 + char.charCodeAt(0);
        }
        const spread = (seed * 1_000_003 + count * 2_654_435_761) % SPACE;
        const id15 = `${keyPrefix}5g000${base62(spread, 7)}`;
        return id15 + checksum(id15);
    }
}
