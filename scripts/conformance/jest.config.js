// The conformance suite: the same jsforce-over-HTTP tests against the emulator (default, in
// `npm test`) or a real org (`npm run test:conformance -- -o <alias>`, or SF_INSTANCE_URL +
// SF_ACCESS_TOKEN). reporter.js writes reports/conformance.json: every test, pass or fail,
// with the difference.
module.exports = {
    rootDir: '../..',
    testEnvironment: 'node',
    roots: ['<rootDir>/scripts/conformance'],
    testMatch: ['<rootDir>/scripts/conformance/**/*.conformance.ts'],
    // Node 22's Symbol.dispose is missing in Jest's sandbox, which breaks undici under jsforce.
    setupFiles: ['<rootDir>/scripts/test/setup/realm-fix.ts'],
    transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }]
    },
    reporters: ['default', '<rootDir>/scripts/conformance/reporter.js'],
    // A real org answers in hundreds of milliseconds, a composite call in seconds.
    testTimeout: 60000,
    // Serial: the limits tests read the org-wide API counter (Sforce-Limit-Info), which a
    // file running beside them would move.
    maxWorkers: 1
};
