// Jest reporter: reports/conformance.json (or CONFORMANCE_REPORT) lists every conformance
// test with its status and, for a failure, the difference (expected / received) between
// the emulator's documented behaviour and what the target answered. Never a token.
const fs = require('node:fs');
const path = require('node:path');

// ANSI colour codes in Jest's failure messages (built from char code 27).
const ANSI = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g');

function target(env) {
    if (env.CONFORMANCE_TARGET_ORG) {
        return { kind: 'org', name: env.CONFORMANCE_TARGET_ORG };
    }
    if (env.SF_INSTANCE_URL && env.SF_ACCESS_TOKEN) {
        return { kind: 'org', name: env.SF_INSTANCE_URL };
    }
    return { kind: 'emulator', name: 'emulator' };
}

/** The assertion part of a failure: its first lines, without the stack. */
function difference(messages) {
    const text = messages.join('\n').replace(ANSI, '');
    const lines = text.split('\n');
    const stack = lines.findIndex((line) => /^\s+at /.test(line));
    return lines
        .slice(0, stack < 0 ? 30 : Math.min(stack, 30))
        .join('\n')
        .trim();
}

class ConformanceReporter {
    constructor(globalConfig) {
        this.rootDir = globalConfig.rootDir;
    }

    onRunComplete(_contexts, results) {
        const file =
            process.env.CONFORMANCE_REPORT ??
            path.join(this.rootDir, 'reports', 'conformance.json');
        const tests = [];
        for (const suite of results.testResults) {
            const relative = path.relative(this.rootDir, suite.testFilePath);
            if (suite.testExecError) {
                tests.push({
                    file: relative,
                    test: '(suite)',
                    status: 'failed',
                    difference: difference([
                        suite.testExecError.message ||
                            suite.failureMessage ||
                            ''
                    ])
                });
            }
            for (const test of suite.testResults) {
                tests.push({
                    file: relative,
                    test: test.fullName,
                    status: test.status,
                    ...(test.status === 'failed'
                        ? { difference: difference(test.failureMessages) }
                        : {})
                });
            }
        }
        const report = {
            target: target(process.env),
            finishedAt: new Date().toISOString(),
            counts: {
                total: tests.length,
                passed: tests.filter((t) => t.status === 'passed').length,
                failed: tests.filter((t) => t.status === 'failed').length
            },
            tests
        };
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, `${JSON.stringify(report, null, 4)}\n`);
    }
}

module.exports = ConformanceReporter;
