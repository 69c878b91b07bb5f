import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, printJson, runMain } from '../lib/cli';
import { renderTable } from '../lib/table';
import { connect } from '../org/connect';
import { loadDefinition } from '../provision/definition';
import { provision } from '../provision/provision';

const USAGE = `Usage: npm run provision -- [-o <org>] [--definition config/api-user.json] [--email <addr>]
                             [--unique-username] [--dry-run] [--json]

Creates or updates the integration user from its definition (licence, profile, permission set
licences, groups, sets), printing the plan first. Re-running changes nothing that is already right.
-o/--target-org  an org authorized with the sf CLI; without it SF_INSTANCE_URL + SF_ACCESS_TOKEN`;

runMain(async () => {
    const { values } = parseArgs({
        options: {
            'target-org': { type: 'string', short: 'o' },
            definition: { type: 'string', default: 'config/api-user.json' },
            email: { type: 'string' },
            'unique-username': { type: 'boolean', default: false },
            'dry-run': { type: 'boolean', default: false },
            json: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
    }
    const definition = loadDefinition(path.resolve(values.definition));
    const client = await connect({ targetOrg: values['target-org'] });
    const result = await provision(client, definition, {
        dryRun: values['dry-run'],
        uniqueUsername: values['unique-username'],
        email: values.email
    });
    if (values.json) {
        printJson(EXIT.ok, { ...result, retried: client.retried });
        return EXIT.ok;
    }
    const { plan } = result;
    process.stdout.write(
        `Provision ${plan.username}${values['dry-run'] ? ' (dry run: nothing is written)' : ''}\n`
    );
    if (plan.steps.length === 0) {
        process.stdout.write(
            'Nothing to do: the user and its access are as defined.\n'
        );
    } else {
        process.stdout.write(
            `${renderTable(
                ['#', 'action', 'target', 'detail'],
                plan.steps.map((step, index) => [
                    String(index + 1),
                    step.action,
                    step.target,
                    step.detail ?? ''
                ])
            )}\n`
        );
        process.stdout.write(
            result.applied
                ? `Applied ${plan.steps.length} step(s); user id ${result.userId}.\n`
                : ''
        );
    }
    process.stdout.write(`${result.apiCalls} API call(s).\n`);
    return EXIT.ok;
});
