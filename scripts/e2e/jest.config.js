// Real-browser tests of the portal preview: Debian's Chromium driven by playwright-core against
// the production build (built once in global-setup.ts). `npm run test:e2e`.
module.exports = {
    rootDir: '../..',
    testEnvironment: 'node',
    roots: ['<rootDir>/scripts/e2e'],
    testMatch: ['<rootDir>/scripts/e2e/**/*.e2e.ts'],
    transform: {
        '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }]
    },
    globalSetup: '<rootDir>/scripts/e2e/global-setup.ts',
    testTimeout: 60000,
    maxWorkers: 2
};
