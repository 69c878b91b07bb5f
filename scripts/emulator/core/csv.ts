// RFC 4180 CSV, as Bulk API 2.0 reads it (comma, LF or CRLF) and writes its results.

export function parseCsv(text: string, delimiter = ','): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    let i = 0;
    while (i < text.length) {
        const char = text.charAt(i);
        if (quoted) {
            if (char === '"') {
                if (text.charAt(i + 1) === '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                quoted = false;
            } else {
                field += char;
            }
            i++;
            continue;
        }
        if (char === '"' && field === '') {
            quoted = true;
        } else if (char === delimiter) {
            row.push(field);
            field = '';
        } else if (char === '\n' || char === '\r') {
            row.push(field);
            rows.push(row);
            row = [];
            field = '';
            if (char === '\r' && text.charAt(i + 1) === '\n') {
                i++;
            }
        } else {
            field += char;
        }
        i++;
    }
    if (field !== '' || row.length > 0) {
        row.push(field);
        rows.push(row);
    }
    return rows.filter((cells) => !(cells.length === 1 && cells[0] === ''));
}

function quote(value: string): string {
    return `"${value.replace(/"/g, '""')}"`;
}

export function writeCsv(rows: string[][], lineEnding = '\n'): string {
    return (
        rows.map((cells) => cells.map(quote).join(',')).join(lineEnding) +
        lineEnding
    );
}
