// npm run emulator -- --port <n> [--faults plan.json] [--metadata-dir dir]... [--api-limit n]
//     [--package <namespace>:<seats>[:expired]]... [--oauth-apps apps.json]

import { parseArgs } from 'node:util';
import { startEmulator, DEFAULT_ACCESS_TOKEN } from './index';
import { readOauthApps } from './oauth-apps-file';
import { parsePackageOption } from './seed/packages';

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            port: { type: 'string', default: '0' },
            host: { type: 'string', default: '127.0.0.1' },
            faults: { type: 'string' },
            'metadata-dir': { type: 'string', multiple: true },
            'api-limit': { type: 'string' },
            package: { type: 'string', multiple: true, default: [] },
            'oauth-apps': { type: 'string' },
            log: { type: 'boolean', default: false },
            help: { type: 'boolean', default: false }
        },
        strict: true
    });
    if (values.help) {
        process.stdout.write(
            'Usage: npm run emulator -- [--port <n>] [--faults <plan.json>] [--metadata-dir <dir>]... [--api-limit <n>]\n' +
                '                           [--package <namespace>:<seats>[:expired]]... [--oauth-apps <apps.json>] [--log]\n' +
                'A --package is an installed managed package: its PackageLicense with that many seats (-1: a site licence).\n' +
                'The bearer token is SF_ACCESS_TOKEN (default emulator-token). --oauth-apps: the consumer\n' +
                "keys, secrets and JWT certificates of the repo's OAuth apps for /services/oauth2/token\n" +
                '(scripts/emulator/README.md, "OAuth token endpoint").\n'
        );
        return;
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port must be a port number, got ${values.port}`);
    }
    const apiLimit =
        values['api-limit'] === undefined
            ? undefined
            : Number(values['api-limit']);
    const emulator = await startEmulator({
        port,
        host: values.host,
        accessToken: process.env.SF_ACCESS_TOKEN || DEFAULT_ACCESS_TOKEN,
        faults: values.faults,
        metadataDirs: values['metadata-dir'],
        apiLimit,
        packages: values.package.map(parsePackageOption),
        oauthApps: values['oauth-apps']
            ? readOauthApps(values['oauth-apps'])
            : undefined,
        log: values.log
            ? (line) => process.stderr.write(`${line}\n`)
            : undefined
    });
    process.stdout.write(
        `Salesforce API emulator listening on ${emulator.url}\n`
    );
    process.stderr.write(
        `org ${emulator.org.organizationId}: tools that want a real-looking token (the sf CLI) can use ${emulator.org.organizationId}!<token>\n`
    );
    for (const warning of emulator.org.warnings) {
        process.stderr.write(`warning: ${warning}\n`);
    }
    const stop = (): void => {
        emulator.close().then(
            () => process.exit(0),
            () => process.exit(1)
        );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
    process.stderr.write(
        `${error instanceof Error ? error.message : String(error)}\n`
    );
    process.exit(1);
});
