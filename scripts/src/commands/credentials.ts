import { ACTIONS } from '../credentials/actions';
import {
    ActionContext,
    COMMON_USAGE,
    parseValues,
    report
} from '../credentials/context';
import { CredentialsError } from '../credentials/errors';
import { EXIT, runIfMain, type Command } from '../lib/cli';

const USAGE = `Usage: npm run credentials -- <action> [flags]

The integration user's credentials after provisioning. No password, token, secret or private key
is ever printed or put in --json (set-password / reset-password --show is the one exception);
secrets go only to mode 0600 files under .secrets/ (gitignored). Exit 0 ok (or nothing to do),
1 failure, 68 partial.

Actions:
${ACTIONS.map((action) => `  ${action.name.padEnd(20)}${action.summary}`).join('\n')}

${COMMON_USAGE}

npm run credentials -- <action> --help   the action's own flags`;

export const run: Command = async (argv) => {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h') {
        process.stdout.write(`${USAGE}\n`);
        return name === undefined ? EXIT.failure : EXIT.ok;
    }
    const action = ACTIONS.find((candidate) => candidate.name === name);
    if (!action) {
        throw new CredentialsError(
            'BAD_ARGUMENT',
            `Unknown action "${name}": one of ${ACTIONS.map((a) => a.name).join(', ')}`
        );
    }
    const usage = `${action.usage}\n\n${COMMON_USAGE}`;
    const values = parseValues(rest, action.options, usage);
    if (values.help === true) {
        process.stdout.write(`${usage}\n`);
        return EXIT.ok;
    }
    const context = new ActionContext(values);
    return report(context, action.name, await action.run(context));
};

runIfMain(module, run);
