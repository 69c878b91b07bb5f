/** A SOQL string literal: backslashes and single quotes escaped. */
export function soqlLiteral(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
