const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

// LWC unit tests (sfdx-lwc-jest). The TypeScript scripts have their own config: scripts/jest.config.js.
module.exports = {
    ...jestConfig,
    moduleNameMapper: {
        '^@salesforce/customPermission/(.+)$':
            '<rootDir>/force-app/test/jest-mocks/customPermission/$1'
    },
    modulePathIgnorePatterns: ['<rootDir>/.localdevserver'],
    testPathIgnorePatterns: ['<rootDir>/node_modules/', '<rootDir>/scripts/'],
    coverageDirectory: '<rootDir>/coverage/lwc'
};
