/** Levenshtein distance, case-insensitive. */
export function distance(a: string, b: string): number {
    const left = a.toLowerCase();
    const right = b.toLowerCase();
    const row = Array.from({ length: right.length + 1 }, (_, i) => i);
    for (let i = 1; i <= left.length; i++) {
        let previous = row[0] ?? 0;
        row[0] = i;
        for (let j = 1; j <= right.length; j++) {
            const current = row[j] ?? 0;
            row[j] = Math.min(
                (row[j] ?? 0) + 1,
                (row[j - 1] ?? 0) + 1,
                previous + (left[i - 1] === right[j - 1] ? 0 : 1)
            );
            previous = current;
        }
    }
    return row[right.length] ?? 0;
}

/** The known names closest to `name` (at most `count`, only reasonably close ones). */
export function nearestNames(
    name: string,
    known: Iterable<string>,
    count = 3
): string[] {
    const limit = Math.max(2, Math.floor(name.length / 3));
    return [...new Set(known)]
        .map((candidate) => ({ candidate, d: distance(name, candidate) }))
        .filter(
            ({ candidate, d }) =>
                d <= limit ||
                candidate.toLowerCase().includes(name.toLowerCase())
        )
        .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
        .slice(0, count)
        .map(({ candidate }) => candidate);
}
