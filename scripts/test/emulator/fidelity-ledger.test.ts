// The fidelity ledger (scripts/emulator/FIDELITY.md) cannot rot: every test it names must exist,
// every row must name a source and a status, documented behaviours must have a test, and the
// count line must match the rows.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const LEDGER = path.join(ROOT, 'scripts/emulator/FIDELITY.md');
const STATUSES = ['faithful', 'partial', 'differs', 'not emulated'] as const;
type Status = (typeof STATUSES)[number];

interface LedgerRow {
    line: number;
    behaviour: string;
    source: string;
    status: Status | undefined;
    tests: Array<{ file: string; name: string }>;
    testCell: string;
}

function splitCells(line: string): string[] {
    return line
        .replace(/^\|/, '')
        .replace(/\|\s*$/, '')
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim());
}

export function parseLedger(text: string): {
    rows: LedgerRow[];
    countLine: string | undefined;
} {
    const rows: LedgerRow[] = [];
    const lines = text.split('\n');
    lines.forEach((line, index) => {
        if (!line.startsWith('|') || /^\|\s*-/.test(line)) {
            return;
        }
        const cells = splitCells(line);
        if (cells[0] === 'Behaviour') {
            return;
        }
        const [behaviour = '', source = '', emulator = '', testCell = ''] =
            cells;
        const status = STATUSES.find((candidate) =>
            emulator.startsWith(`**${candidate}**`)
        );
        const tests = [...testCell.matchAll(/`([^`]+)` › "([^"]+)"/g)].map(
            (match) => ({ file: match[1] ?? '', name: match[2] ?? '' })
        );
        rows.push({
            line: index + 1,
            behaviour,
            source,
            status,
            tests,
            testCell
        });
    });
    return {
        rows,
        countLine: lines.find((line) => line.startsWith('Rows: '))
    };
}

describe('the fidelity ledger', () => {
    const { rows, countLine } = parseLedger(readFileSync(LEDGER, 'utf8'));

    it('has rows, each with a behaviour, a source and a status', () => {
        expect(rows.length).toBeGreaterThan(40);
        const incomplete = rows
            .filter(
                (row) =>
                    row.behaviour === '' ||
                    row.source === '' ||
                    row.status === undefined
            )
            .map((row) => `line ${row.line}`);
        expect(incomplete).toEqual([]);
    });

    it('names only tests that exist (file and test name)', () => {
        const missing: string[] = [];
        for (const row of rows) {
            for (const test of row.tests) {
                const file = path.join(ROOT, test.file);
                if (!existsSync(file)) {
                    missing.push(`line ${row.line}: no file ${test.file}`);
                } else if (!readFileSync(file, 'utf8').includes(test.name)) {
                    missing.push(
                        `line ${row.line}: no test "${test.name}" in ${test.file}`
                    );
                }
            }
            if (row.tests.length === 0 && row.testCell !== '—') {
                missing.push(
                    `line ${row.line}: unreadable test cell ${row.testCell}`
                );
            }
        }
        expect(missing).toEqual([]);
    });

    it('holds every faithful or partial behaviour with a test', () => {
        const untested = rows
            .filter(
                (row) =>
                    (row.status === 'faithful' || row.status === 'partial') &&
                    row.tests.length === 0
            )
            .map((row) => `line ${row.line}: ${row.behaviour}`);
        expect(untested).toEqual([]);
    });

    it('counts its rows right', () => {
        const count = (status: Status): number =>
            rows.filter((row) => row.status === status).length;
        expect(countLine).toBe(
            `Rows: ${rows.length}; faithful: ${count('faithful')}; partial: ${count('partial')}; differs: ${count('differs')}; not emulated: ${count('not emulated')}.`
        );
    });

    it('gives every item of issue #11 a row', () => {
        const behaviours = rows.map((row) => row.behaviour).join('\n');
        for (const item of [
            'at most 5 of the subrequests',
            'Username must be in the form of an email address',
            'TimeZoneSidKey',
            'LocaleSidKey',
            'LanguageLocaleKey',
            'EmailEncodingKey',
            'A permission set licence only for users whose user licence can hold it',
            'A profile change to another user licence',
            'Bulk 2.0 upsert keys on Id or an External ID field',
            'GROUP BY',
            'the 50-cursor cap was spurious',
            'OFFSET is not allowed in a WHERE-clause subquery',
            '`GET /services/data/vXX.X` (Resources by Version) is not counted',
            '`/sobjects/Account/%`',
            'The token is checked before the request body is read',
            'SOAP endpoints',
            'EntityDefinition'
        ]) {
            expect(behaviours).toContain(item);
        }
    });
});
