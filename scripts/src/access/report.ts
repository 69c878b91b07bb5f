import { renderTable } from '../lib/table';
import type { RuleResult } from './types';
import type { VerifyReport } from './run-verify';

const MARK = {
    pass: 'PASS',
    warn: 'WARN',
    fail: 'FAIL',
    skip: 'SKIP'
} as const;

/** A rule that needs attention, in full: nothing cut, the fix on its own line. */
function detail(result: RuleResult): string {
    const lines = [
        `${MARK[result.status]}  ${result.rule}  (${result.contract})`,
        `      expected:   ${result.expected}`,
        `      actual:     ${result.actual}`
    ];
    if (result.grantedBy.length > 0) {
        lines.push(`      granted by: ${result.grantedBy.join('; ')}`);
    }
    if (result.fix) {
        lines.push(`      fix:        ${result.fix}`);
    }
    return lines.join('\n');
}

/**
 * The verify report as people read it, per user: a compact table of every rule (result, rule,
 * actual, who grants it), then each failure, warning and skip in full with how to fix it, then
 * the counts.
 */
export function formatVerifyReport(report: VerifyReport): string {
    let text = '';
    for (const user of report.users) {
        text += `\nUser ${user.username}\n`;
        text += `${renderTable(
            ['result', 'rule', 'actual', 'granted by'],
            user.results.map((r) => [
                MARK[r.status],
                r.rule,
                r.actual,
                r.grantedBy.join('; ')
            ]),
            64
        )}\n`;
        const attention = user.results.filter((r) => r.status !== 'pass');
        if (attention.length > 0) {
            text += `\n${attention.map(detail).join('\n\n')}\n`;
        }
    }
    const { pass, warn, fail, skip } = report.summary;
    text += `\n${pass} passed, ${warn} warned, ${fail} failed, ${skip} skipped (${report.apiCalls} API calls)\n`;
    return text;
}
