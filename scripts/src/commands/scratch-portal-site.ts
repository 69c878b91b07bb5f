import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, printJson } from '../lib/cli';
import { runScript, type ScriptMain } from '../lib/script-main';
import { patchRetrievedSite } from '../scratch/portal-site';

const USAGE = `Usage: npm run scratch:portal-site -- [--source-dir force-app/main/default] [--json]

After \`sf community create\` (Build Your Own (LWR)) and \`sf project retrieve start\` of the site's
DigitalExperienceBundle and Network, puts c:casePortal on the site's home view and makes the
Customer Community User and Customer Community Login User profiles members (status Live), in the
retrieved files. Then deploy them and publish the site. Re-running changes nothing.`;

export const run: ScriptMain = (argv) => {
    const { values } = parseArgs({
        args: argv,
        options: {
            'source-dir': {
                type: 'string',
                default: path.join('force-app', 'main', 'default')
            },
            json: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return Promise.resolve(EXIT.ok);
    }
    const result = patchRetrievedSite(path.resolve(values['source-dir']));
    if (values.json) {
        printJson(EXIT.ok, result);
    } else {
        process.stdout.write(
            result.changed.length === 0
                ? `nothing to change: ${result.view} and ${result.network} are ready\n`
                : result.changed.map((file) => `updated ${file}\n`).join('')
        );
    }
    return Promise.resolve(EXIT.ok);
};

runScript(module, run);
