import { parseArgs } from 'node:util';
import { isBuildCurrent } from '../preview/build';
import { buildInBackground } from '../preview/build-process';

const USAGE = `Usage: npm run demo -- [--once | --stay] [--port <n>] [--contract <file>]

The whole kit with no org: starts the local Salesforce API emulator with this repository's
metadata, provisions the API user from config/api-user.json, verifies it against the access
contract, then serves the portal preview. Stays up until Ctrl-C; with --once (the default when
stdout is not a terminal, as in CI) it requests the preview itself and exits.
Exit 0 when the user verifies and the preview answers, 1 otherwise.`;

function say(line = ''): void {
    process.stdout.write(`${line}\n`);
}

async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            once: { type: 'boolean' },
            stay: { type: 'boolean', default: false },
            port: { type: 'string', default: '0' },
            contract: {
                type: 'string',
                default: 'config/access/case-portal.json'
            },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help) {
        say(USAGE);
        return 0;
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port takes a port number, got "${values.port}"`);
    }
    // A first run (or changed components) builds the portal in a child process, started before
    // anything else so it runs on the other core while this one loads the emulator and the
    // scripts, provisions and verifies.
    const checkStarted = performance.now();
    const current = isBuildCurrent('production', 'portal');
    const checkMs = performance.now() - checkStarted;
    const build = current ? undefined : buildInBackground();
    if (build) {
        say(
            'Building the portal preview in the background (first run or changed components)...'
        );
    }
    try {
        const { runDemo } = await import('./flow.js');
        return await runDemo({
            once: values.stay ? false : (values.once ?? !process.stdout.isTTY),
            port,
            contract: values.contract,
            build,
            checkMs
        });
    } catch (error) {
        build?.cancel();
        throw error;
    }
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(
            `demo failed: ${error instanceof Error ? error.message : String(error)}\n`
        );
        process.exitCode = 1;
    }
);
