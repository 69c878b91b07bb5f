// `npm run test:conformance -- --report` (issue #24): which FIDELITY.md rows a run confirmed.

import {
    formatVerdicts,
    ledgerVerdicts
} from '../../conformance/ledger-report';
import { parseArgs } from '../../conformance/run';

const LEDGER = [
    '| Behaviour | Source | Emulator | Test |',
    '| --- | --- | --- | --- |',
    '| A: confirmed | doc | **faithful**: yes | `scripts/conformance/a.conformance.ts` › "a one"; `scripts/test/emulator/x.test.ts` › "x" |',
    '| B: differs | doc | **faithful**: yes | `scripts/conformance/a.conformance.ts` › "b one"; `scripts/conformance/a.conformance.ts` › "b two" |',
    '| C: not run | doc | **partial**: yes | `scripts/conformance/c.conformance.ts` › "c one" |',
    '| E: each | doc | **faithful**: yes | `scripts/conformance/a.conformance.ts` › "soql: %s is refused" |',
    '| D: no conformance test | doc | **faithful**: yes | `scripts/test/emulator/x.test.ts` › "x" |'
].join('\n');

const REPORT = {
    target: { kind: 'org', name: 'ci-scratch' },
    tests: [
        {
            file: 'scripts/conformance/a.conformance.ts',
            test: 'suite a one',
            status: 'passed'
        },
        {
            file: 'scripts/conformance/a.conformance.ts',
            test: 'suite b one',
            status: 'passed'
        },
        {
            file: 'scripts/conformance/a.conformance.ts',
            test: 'suite b two',
            status: 'failed'
        },
        {
            file: 'scripts/conformance/a.conformance.ts',
            test: 'suite soql: SELECT (x) FROM y is refused',
            status: 'passed'
        }
    ]
};

describe('conformance --report', () => {
    it('takes --report out of the Jest arguments', () => {
        expect(parseArgs(['--report', '-o', 'x', '-t', 'paging'])).toEqual({
            targetOrg: 'x',
            report: true,
            jestArgs: ['-t', 'paging']
        });
        expect(parseArgs([]).report).toBeUndefined();
    });

    it('confirms a row only when every conformance test it names passed', () => {
        expect(ledgerVerdicts(LEDGER, REPORT)).toEqual([
            { behaviour: 'A: confirmed', verdict: 'confirmed', failed: [] },
            { behaviour: 'B: differs', verdict: 'differs', failed: ['b two'] },
            { behaviour: 'C: not run', verdict: 'not run', failed: [] },
            { behaviour: 'E: each', verdict: 'confirmed', failed: [] }
        ]);
        const text = formatVerdicts(
            ledgerVerdicts(LEDGER, REPORT),
            REPORT.target
        );
        expect(text).toContain(
            'ci-scratch (org): 2 confirmed, 1 differ, 1 not run'
        );
        expect(text).toContain('confirmed  A: confirmed');
        expect(text).toContain('DIFFERS    B: differs (failed: b two)');
    });
});
