import { XMLBuilder } from 'fast-xml-parser';

export interface JUnitCase {
    name: string;
    classname: string;
    status: 'pass' | 'warn' | 'fail' | 'skip';
    message?: string;
    details?: string;
}

export interface JUnitSuite {
    name: string;
    cases: JUnitCase[];
}

/** JUnit XML (the format CI systems read): a warning is a passing case with its text in system-out. */
export function toJUnit(suites: JUnitSuite[]): string {
    const builder = new XMLBuilder({
        ignoreAttributes: false,
        attributeNamePrefix: '@_',
        format: true,
        indentBy: '  ',
        suppressEmptyNode: true
    });
    const count = (status: JUnitCase['status']): number =>
        suites.reduce(
            (n, suite) =>
                n + suite.cases.filter((c) => c.status === status).length,
            0
        );
    const document = {
        '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
        testsuites: {
            '@_tests': suites.reduce((n, suite) => n + suite.cases.length, 0),
            '@_failures': count('fail'),
            '@_skipped': count('skip'),
            testsuite: suites.map((suite) => ({
                '@_name': suite.name,
                '@_tests': suite.cases.length,
                '@_failures': suite.cases.filter((c) => c.status === 'fail')
                    .length,
                '@_skipped': suite.cases.filter((c) => c.status === 'skip')
                    .length,
                testcase: suite.cases.map((c) => ({
                    '@_name': c.name,
                    '@_classname': c.classname,
                    ...(c.status === 'fail'
                        ? {
                              failure: {
                                  '@_message': c.message ?? 'failed',
                                  '#text': c.details ?? ''
                              }
                          }
                        : {}),
                    ...(c.status === 'skip'
                        ? { skipped: { '@_message': c.message ?? 'skipped' } }
                        : {}),
                    ...(c.status === 'warn'
                        ? {
                              'system-out': `WARNING: ${c.message ?? ''}\n${c.details ?? ''}`
                          }
                        : {})
                }))
            }))
        }
    };
    return builder.build(document) as string;
}
