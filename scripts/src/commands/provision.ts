import path from 'node:path';
import { parseArgs } from 'node:util';
import {
    EXIT,
    ORG_COMMAND_FLAGS,
    printJson,
    runIfMain,
    type Command
} from '../lib/cli';
import { connect } from '../org/connect';
import { loadDefinition } from '../provision/definition';
import { PROVISION_USAGE } from '../provision/messages';
import { provision } from '../provision/provision';
import { formatProvisionResult } from '../provision/report';

export const run: Command = async (argv) => {
    const { values } = parseArgs({
        args: argv,
        options: {
            ...ORG_COMMAND_FLAGS,
            definition: { type: 'string', default: 'config/api-user.json' },
            email: { type: 'string' },
            'unique-username': { type: 'boolean', default: false },
            adopt: { type: 'boolean', default: false }
        }
    });
    if (values.help) {
        process.stdout.write(`${PROVISION_USAGE}\n`);
        return EXIT.ok;
    }
    const definition = loadDefinition(path.resolve(values.definition));
    const client = await connect({ targetOrg: values['target-org'] });
    const result = await provision(client, definition, {
        dryRun: values['dry-run'],
        uniqueUsername: values['unique-username'],
        adopt: values.adopt,
        email: values.email
    });
    if (values.json) {
        printJson(EXIT.ok, { ...result, retried: client.retried });
        return EXIT.ok;
    }
    process.stdout.write(formatProvisionResult(result, values['dry-run']));
    return EXIT.ok;
};

runIfMain(module, run);
