import { renderTable } from '../lib/table';
import type { VerifyReport } from './run-verify';

const MARK = {
    pass: 'PASS',
    warn: 'WARN',
    fail: 'FAIL',
    skip: 'SKIP'
} as const;

/** The verify report as people read it: one table per user, then the counts. */
export function formatVerifyReport(report: VerifyReport): string {
    let text = '';
    for (const user of report.users) {
        text += `\nUser ${user.username}\n`;
        text += `${renderTable(
            [
                'result',
                'contract',
                'rule',
                'expected',
                'actual',
                'granted by',
                'fix'
            ],
            user.results.map((r) => [
                MARK[r.status],
                r.contract,
                r.rule,
                r.expected,
                r.actual,
                r.grantedBy.join('; '),
                r.fix ?? ''
            ]),
            70
        )}\n`;
    }
    const { pass, warn, fail, skip } = report.summary;
    text += `\n${pass} passed, ${warn} warned, ${fail} failed, ${skip} skipped (${report.apiCalls} API calls)\n`;
    return text;
}
