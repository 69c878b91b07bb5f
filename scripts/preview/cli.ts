import { parseArgs } from 'node:util';
import { buildPreview } from './build';
import { startPreviewServer } from './server';

const USAGE = `Usage: npm run preview -- [--port <n>] [--host <addr>] [--cases <n>] [--dev] [--force-build]

Builds the case portal from force-app/main/default/lwc (production mode unless --dev; an
up-to-date build is reused) and serves it with an in-memory preview backend:
  http://127.0.0.1:<port>/                      the portal, with a settings panel
  ?read=off&create=off&close=off                switch the custom permissions
  ?portal=off&creation=off&update=off           switch the portal settings
  ?scope=Account&pageSize=10                    ownership scope and page size
Stops on Ctrl-C.`;

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            port: { type: 'string', default: '0' },
            host: { type: 'string', default: '127.0.0.1' },
            cases: { type: 'string' },
            dev: { type: 'boolean', default: false },
            'force-build': { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return;
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port takes a port number, got "${values.port}"`);
    }
    const mode = values.dev ? 'development' : 'production';
    const build = await buildPreview({
        mode,
        force: values['force-build'],
        log: (line) => process.stdout.write(`${line}\n`)
    });
    if (build.built) {
        process.stdout.write(`Built in ${(build.ms / 1000).toFixed(1)} s\n`);
    }
    const server = await startPreviewServer({
        port,
        host: values.host,
        mode,
        seed: values.cases ? { cases: Number(values.cases) } : {}
    });
    process.stdout.write(`Portal preview: ${server.url}\n`);
    const stop = () => {
        server.close().finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
    process.stderr.write(
        `${error instanceof Error ? error.message : String(error)}\n`
    );
    process.exitCode = 1;
});
