/** SOQL string literal, escaped as the SOQL reference says (backslash and single quote). */
export function quote(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `('a', 'b')` for an IN list. */
export function inList(values: Iterable<string>): string {
    return `(${[...values].map(quote).join(', ')})`;
}

/** Splits values into chunks, so that IN lists stay well under SOQL's 100,000-character limit. */
export function chunk<T>(values: readonly T[], size: number): T[][] {
    const chunks: T[][] = [];
    for (let i = 0; i < values.length; i += size) {
        chunks.push(values.slice(i, i + size));
    }
    return chunks;
}
