/** A plain-text table, columns padded to the widest cell (cells are cut at `maxWidth`). */
export function renderTable(
    headers: string[],
    rows: string[][],
    maxWidth = 60
): string {
    const cut = (text: string): string =>
        text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text;
    const cells = [headers, ...rows].map((row) =>
        row.map((cell) => cut(cell ?? ''))
    );
    const widths = headers.map((_, column) =>
        Math.max(...cells.map((row) => (row[column] ?? '').length))
    );
    const line = (row: string[]): string =>
        row
            .map((cell, column) => cell.padEnd(widths[column] ?? 0))
            .join('  ')
            .trimEnd();
    return [
        line(cells[0] ?? []),
        widths.map((w) => '─'.repeat(w)).join('  '),
        ...cells.slice(1).map(line)
    ].join('\n');
}
