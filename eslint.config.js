const lwcConfig = require('@salesforce/eslint-config-lwc');
const jestPlugin = require('eslint-plugin-jest');
const globals = require('globals');
const tseslint = require('typescript-eslint');

// ESLint 9 flat config: Salesforce's LWC rules for force-app, typescript-eslint for scripts/.
module.exports = [
    {
        ignores: [
            'node_modules/**',
            'coverage/**',
            'reports/**',
            'dist/**',
            '.sfdx/**',
            '.sf/**',
            'scripts/test/fixtures/**',
            'scripts/test/**/fixtures/**'
        ]
    },
    // Lightning Web Components.
    ...lwcConfig.configs.recommended.map((config) => ({
        ...config,
        files: ['force-app/**/*.js', 'connected-app-legacy/**/*.js']
    })),
    // The preview's own stand-in components (decorators need the LWC parser).
    ...lwcConfig.configs.recommended.map((config) => ({
        ...config,
        files: ['scripts/preview/client/lwc/preview/fileUpload/*.js']
    })),
    // LWC Jest tests and mocks.
    {
        files: [
            'force-app/**/__tests__/**/*.js',
            'force-app/test/**/*.js',
            'force-app/**/lwc/**/*.test.js'
        ],
        plugins: { jest: jestPlugin },
        languageOptions: {
            globals: { ...globals.node, ...globals.jest }
        },
        rules: {
            ...jestPlugin.configs['flat/recommended'].rules,
            '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off'
        }
    },
    // TypeScript scripts, the emulator and their tests.
    ...tseslint.configs.recommended.map((config) => ({
        ...config,
        files: ['scripts/**/*.ts']
    })),
    {
        files: ['scripts/**/*.ts'],
        languageOptions: { globals: { ...globals.node } },
        rules: {
            '@typescript-eslint/no-explicit-any': 'error',
            '@typescript-eslint/no-unused-vars': [
                'error',
                { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
            ]
        }
    },
    // Tooling configs at the top level (CommonJS).
    {
        files: ['*.js', 'scripts/*.js'],
        languageOptions: {
            sourceType: 'commonjs',
            globals: { ...globals.node }
        }
    }
];
