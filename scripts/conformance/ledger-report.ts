// `npm run test:conformance -- --report`: after the run, the FIDELITY.md rows whose conformance
// tests all passed against the target (confirmed), those with a failing one (differ), and how
// many were not run. Reads the reporter's JSON (reports/conformance.json) and the ledger.

export interface ConformanceReport {
    target: { kind: string; name: string };
    tests: Array<{ file: string; test: string; status: string }>;
}

export interface LedgerVerdict {
    behaviour: string;
    verdict: 'confirmed' | 'differs' | 'not run';
    failed: string[];
}

const CONFORMANCE_TEST = /`(scripts\/conformance\/[^`]+)` › "([^"]+)"/g;

function cells(line: string): string[] {
    return line
        .replace(/^\|/, '')
        .replace(/\|\s*$/, '')
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim());
}

/** A test name as the ledger writes it; `it.each` placeholders (%s, %p, %i...) match anything. */
function namePattern(name: string): RegExp {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(escaped.replace(/%[sdifjopO#]/g, '.*?'));
}

/** Every ledger row that names at least one conformance test, with its verdict. */
export function ledgerVerdicts(
    ledger: string,
    report: ConformanceReport
): LedgerVerdict[] {
    const verdicts: LedgerVerdict[] = [];
    for (const line of ledger.split('\n')) {
        if (!line.startsWith('|') || /^\|\s*-/.test(line)) {
            continue;
        }
        const [behaviour = '', , , testCell = ''] = cells(line);
        const named = [...testCell.matchAll(CONFORMANCE_TEST)].map((m) => ({
            file: m[1] ?? '',
            name: m[2] ?? ''
        }));
        if (behaviour === 'Behaviour' || named.length === 0) {
            continue;
        }
        const results = named.map((wanted) => {
            const pattern = namePattern(wanted.name);
            const runs = report.tests.filter(
                (test) => test.file === wanted.file && pattern.test(test.test)
            );
            return { wanted, runs };
        });
        const failed = results
            .filter(({ runs }) => runs.some((run) => run.status === 'failed'))
            .map(({ wanted }) => wanted.name);
        const allPassed = results.every(
            ({ runs }) =>
                runs.length > 0 && runs.every((run) => run.status === 'passed')
        );
        verdicts.push({
            behaviour,
            verdict:
                failed.length > 0
                    ? 'differs'
                    : allPassed
                      ? 'confirmed'
                      : 'not run',
            failed
        });
    }
    return verdicts;
}

function short(text: string, width = 150): string {
    const plain = text.replace(/`/g, '').replace(/\s+/g, ' ');
    return plain.length > width ? `${plain.slice(0, width - 1)}…` : plain;
}

/** The text `--report` prints. */
export function formatVerdicts(
    verdicts: LedgerVerdict[],
    target: ConformanceReport['target']
): string {
    const confirmed = verdicts.filter((v) => v.verdict === 'confirmed');
    const differs = verdicts.filter((v) => v.verdict === 'differs');
    const notRun = verdicts.filter((v) => v.verdict === 'not run');
    const lines = [
        `FIDELITY.md rows checked against ${target.name} (${target.kind}): ${confirmed.length} confirmed, ${differs.length} differ, ${notRun.length} not run`
    ];
    for (const row of confirmed) {
        lines.push(`  confirmed  ${short(row.behaviour)}`);
    }
    for (const row of differs) {
        lines.push(
            `  DIFFERS    ${short(row.behaviour)} (failed: ${row.failed.join('; ')})`
        );
    }
    for (const row of notRun) {
        lines.push(`  not run    ${short(row.behaviour)}`);
    }
    return `${lines.join('\n')}\n`;
}
