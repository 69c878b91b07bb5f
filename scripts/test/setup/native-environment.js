// Jest's node environment plus one door out of its sandbox: `__nativeImport(specifier)` is Node's
// own dynamic import, which Jest's module system lacks without --experimental-vm-modules. The
// command tests use it to run the ESM `sf casekit` command classes in-process
// (scripts/test/support/run-command.ts), as the sf CLI itself loads them.
const { TestEnvironment } = require('jest-environment-node');

class NativeImportEnvironment extends TestEnvironment {
    constructor(config, context) {
        // Plain text from the commands under test: with CI set, the sf CLI's libraries colour their
        // error lines (a CI log shows colours), and the tests assert the text. Set before the
        // sandbox copies the environment, so both realms see it.
        process.env.NO_COLOR = '1';
        process.env.FORCE_COLOR = '0';
        super(config, context);
        this.global.__nativeImport = (specifier) => import(specifier);
    }
}

module.exports = NativeImportEnvironment;
