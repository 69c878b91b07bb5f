import path from 'node:path';
import { parseArgs } from 'node:util';
import { Connection } from '@jsforce/jsforce-node';
import { startEmulator, type EmulatorHandle } from '../emulator';
import { buildPreview } from '../preview/build';
import { startPreviewServer, type PreviewServer } from '../preview/server';
import { loadContract } from '../src/access/contract';
import { formatVerifyReport } from '../src/access/report';
import { runVerify } from '../src/access/run-verify';
import { OrgClient } from '../src/org/client';
import { loadDefinition } from '../src/provision/definition';
import { provision } from '../src/provision/provision';
import { formatProvisionResult } from '../src/provision/report';

const USAGE = `Usage: npm run demo -- [--once | --stay] [--port <n>] [--contract <file>]

The whole kit with no org: starts the local Salesforce API emulator with this repository's
metadata, provisions the API user from config/api-user.json, verifies it against the access
contract, then serves the portal preview. Stays up until Ctrl-C; with --once (the default when
stdout is not a terminal, as in CI) it requests the preview itself and exits.
Exit 0 when the user verifies and the preview answers, 1 otherwise.`;

const ROOT = path.resolve(__dirname, '../..');
const API_VERSION = '66.0';

function say(line = ''): void {
    process.stdout.write(`${line}\n`);
}

function heading(title: string): void {
    say();
    say(`== ${title} ${'='.repeat(Math.max(0, 76 - title.length))}`);
}

/** Asks the preview for its page and for the portal context, as the browser would. */
async function checkPreview(url: string): Promise<void> {
    const page = await fetch(url);
    const html = await page.text();
    if (!page.ok || !html.includes('/dist/portal/portal.js')) {
        throw new Error(
            `the preview answered ${page.status} without the portal`
        );
    }
    const context = await fetch(
        new URL('apex/CasePortalController/getPortalContext', url),
        {
            method: 'POST',
            body: '{}'
        }
    );
    const body = (await context.json()) as { portalEnabled?: boolean };
    if (!context.ok || body.portalEnabled !== true) {
        throw new Error(`the preview backend answered ${context.status}`);
    }
    say(
        `Preview answered: GET / ${page.status}, getPortalContext ${context.status}`
    );
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
    const once = values.stay ? false : (values.once ?? !process.stdout.isTTY);
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`--port takes a port number, got "${values.port}"`);
    }

    let emulator: EmulatorHandle | undefined;
    let preview: PreviewServer | undefined;
    const shutdown = async () => {
        await preview?.close();
        await emulator?.close();
    };
    try {
        heading('Salesforce API emulator');
        emulator = await startEmulator({ port: 0 });
        say(
            `Listening on ${emulator.url} (API ${emulator.versions.at(-1) ?? API_VERSION})`
        );
        say(
            "Loaded this repository's force-app metadata (permission sets, groups, custom permissions)."
        );
        const client = new OrgClient(
            new Connection({
                instanceUrl: emulator.url,
                accessToken: emulator.accessToken,
                version: API_VERSION
            }),
            API_VERSION
        );

        heading('Provision the API user (config/api-user.json)');
        const definition = loadDefinition(
            path.join(ROOT, 'config/api-user.json')
        );
        const applied = await provision(client, definition, {
            dryRun: false,
            uniqueUsername: false
        });
        process.stdout.write(formatProvisionResult(applied, false));
        say();
        say(
            'Again (idempotent: reads, finds nothing to change, writes nothing):'
        );
        const again = await provision(client, definition, {
            dryRun: false,
            uniqueUsername: false
        });
        process.stdout.write(formatProvisionResult(again, false));

        heading(`Verify it (${values.contract})`);
        const contract = loadContract(path.resolve(ROOT, values.contract));
        const report = await runVerify(
            client,
            [definition.Username],
            [contract],
            {}
        );
        process.stdout.write(formatVerifyReport(report));
        const verified = report.summary.fail === 0;

        heading('Portal preview');
        const build = await buildPreview({ mode: 'production', log: say });
        say(
            build.built
                ? `Built the portal in ${(build.ms / 1000).toFixed(1)} s (production mode).`
                : `Portal build is up to date (checked in ${Math.round(build.ms)} ms).`
        );
        preview = await startPreviewServer({ port });
        say(`Portal preview: ${preview.url}`);
        if (once) {
            await checkPreview(preview.url);
            await shutdown();
            say(
                verified
                    ? 'Demo OK.'
                    : 'Demo finished: the verify report has failures.'
            );
            return verified ? 0 : 1;
        }
        say('The emulator and the preview stay up; Ctrl-C stops them.');
        await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
        });
        await shutdown();
        return verified ? 0 : 1;
    } catch (error) {
        await shutdown().catch(() => undefined);
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
