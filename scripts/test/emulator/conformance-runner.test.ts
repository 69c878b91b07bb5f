// The conformance runner's arguments (scripts/conformance/run.ts) and its target choice.

import { parseArgs } from '../../conformance/run';
import { describeTarget } from '../../conformance/target';

describe('conformance runner', () => {
    it('takes -o, --target-org and --target-org= and passes the rest to Jest', () => {
        expect(parseArgs(['-o', 'ci-scratch', '--json'])).toEqual({
            targetOrg: 'ci-scratch',
            jestArgs: ['--json']
        });
        expect(parseArgs(['--target-org', 'x', '-t', 'paging'])).toEqual({
            targetOrg: 'x',
            jestArgs: ['-t', 'paging']
        });
        expect(parseArgs(['--target-org=y'])).toEqual({
            targetOrg: 'y',
            jestArgs: []
        });
        expect(() => parseArgs(['-o'])).toThrow('-o needs an org alias');
        expect(() => parseArgs(['-o', '--json'])).toThrow();
    });

    it('targets the alias, then SF_INSTANCE_URL + SF_ACCESS_TOKEN, then the emulator', () => {
        expect(
            describeTarget({
                CONFORMANCE_TARGET_ORG: 'ci-scratch',
                SF_INSTANCE_URL: 'https://x.my.salesforce.com',
                SF_ACCESS_TOKEN: 't'
            })
        ).toEqual({ kind: 'org', name: 'ci-scratch' });
        expect(
            describeTarget({
                SF_INSTANCE_URL: 'https://x.my.salesforce.com',
                SF_ACCESS_TOKEN: 't'
            })
        ).toEqual({ kind: 'org', name: 'https://x.my.salesforce.com' });
        expect(describeTarget({ SF_INSTANCE_URL: 'https://x' })).toEqual({
            kind: 'emulator',
            name: 'emulator'
        });
    });
});
