import { AssignError } from './types';

/**
 * The usernames asked for, as Salesforce compares them: trimmed and case-insensitive (a username
 * is unique whatever its case). The first spelling of each is kept; every later repeat is an input
 * problem reported once, never a second write or a false DUPLICATE_VALUE failure (issue 20,
 * item 5). An empty list (`--users ""`) is a usage error, not a run that does nothing.
 */
export function distinctUsernames(given: string[]): {
    usernames: string[];
    duplicates: string[];
} {
    const seen = new Map<string, string>();
    const duplicates = new Set<string>();
    for (const raw of given) {
        const username = raw.trim();
        if (username === '') {
            continue;
        }
        const key = username.toLowerCase();
        if (seen.has(key)) {
            duplicates.add(username);
        } else {
            seen.set(key, username);
        }
    }
    if (seen.size === 0) {
        throw new AssignError(
            '--users: no username given (the list is empty); pass --users a@example.com,b@example.com, --users-file or --where'
        );
    }
    return { usernames: [...seen.values()], duplicates: [...duplicates] };
}
