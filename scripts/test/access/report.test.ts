import { formatVerifyReport } from '../../src/access/report';
import type { VerifyReport } from '../../src/access/run-verify';

describe('the verify report for people', () => {
    const report: VerifyReport = {
        users: [
            {
                username: 'acme@example.com',
                found: true,
                results: [
                    {
                        contract: 'generic',
                        rule: 'user.active',
                        status: 'pass',
                        expected: 'active',
                        actual: 'active',
                        grantedBy: []
                    },
                    {
                        contract: 'generic',
                        rule: 'userPermissions.forbid.ModifyAllData',
                        status: 'fail',
                        expected: 'ModifyAllData not granted',
                        actual: 'granted',
                        grantedBy: ['profile "System Administrator"'],
                        fix: 'Remove ModifyAllData from profile "System Administrator"'
                    }
                ]
            }
        ],
        summary: { pass: 1, warn: 0, fail: 1, skip: 0 },
        apiCalls: 2
    };

    it('lists every rule, then each failure in full with who grants it and the fix', () => {
        const text = formatVerifyReport(report);
        expect(text).toMatch(/PASS\s+user\.active\s+active/);
        expect(text).toContain(
            [
                'FAIL  userPermissions.forbid.ModifyAllData  (generic)',
                '      expected:   ModifyAllData not granted',
                '      actual:     granted',
                '      granted by: profile "System Administrator"',
                '      fix:        Remove ModifyAllData from profile "System Administrator"'
            ].join('\n')
        );
        expect(text).toMatch(
            /1 passed, 0 warned, 1 failed, 0 skipped \(2 API calls\)\n$/
        );
    });
});
