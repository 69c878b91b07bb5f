import path from 'node:path';
import { EXIT, runIfMain } from '../lib/cli';
import { DRY_RUN_FLAG, orgCommand } from '../lib/org-command';
import { connect } from '../org/connect';
import { loadDefinition } from '../provision/definition';
import { PROVISION_USAGE } from '../provision/messages';
import { provision } from '../provision/provision';
import { formatProvisionResult } from '../provision/report';

export const run = orgCommand({
    usage: PROVISION_USAGE,
    options: {
        ...DRY_RUN_FLAG,
        definition: { type: 'string', default: 'config/api-user.json' },
        email: { type: 'string' },
        'unique-username': { type: 'boolean', default: false },
        adopt: { type: 'boolean', default: false }
    },
    run: async (values) => {
        const definition = loadDefinition(path.resolve(values.definition));
        const client = await connect({ targetOrg: values['target-org'] });
        const result = await provision(client, definition, {
            dryRun: values['dry-run'],
            uniqueUsername: values['unique-username'],
            adopt: values.adopt,
            email: values.email
        });
        return {
            code: EXIT.ok,
            result: { ...result, retried: client.retried },
            human: formatProvisionResult(result, values['dry-run'])
        };
    }
});

runIfMain(module, run);
