// Jest for the TypeScript scripts (validators, emulator, admin commands).
// Type checking is `npm run typecheck`; ts-jest only transpiles here, which keeps tests fast.
module.exports = {
    rootDir: '..',
    // Node's environment plus Node's own dynamic import for the ESM command classes.
    testEnvironment: '<rootDir>/scripts/test/setup/native-environment.js',
    // Jest's default is one worker less than the cores: 1 on these 2-core machines. Most suites wait
    // on HTTP, a JVM or a child process, so two workers take about half the wall time (measured:
    // 191 s with one, 78 s with two, on a loaded machine).
    maxWorkers: 2,
    roots: ['<rootDir>/scripts'],
    testMatch: ['<rootDir>/scripts/test/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/fixtures/'],
    // Node 22's Symbol.dispose is missing in Jest's sandbox, which breaks undici under jsforce.
    setupFiles: ['<rootDir>/scripts/test/setup/realm-fix.ts'],
    transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }]
    },
    coverageDirectory: '<rootDir>/coverage/scripts',
    collectCoverageFrom: [
        '<rootDir>/scripts/src/**/*.ts',
        '<rootDir>/scripts/emulator/**/*.ts'
    ]
};
