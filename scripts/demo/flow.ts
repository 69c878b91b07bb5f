import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import { startEmulator, type EmulatorHandle } from '../emulator';
import type { BackgroundBuild } from '../preview/build-process';
import { startPreviewServer, type PreviewServer } from '../preview/server';
import { loadContract } from '../src/access/contract';
import { formatVerifyReport } from '../src/access/report';
import { runVerify } from '../src/access/run-verify';
import { OrgClient } from '../src/org/client';
import { loadDefinition } from '../src/provision/definition';
import { provision } from '../src/provision/provision';
import { formatProvisionResult } from '../src/provision/report';
import { DEMO_PACKAGES, demoPackageSeats } from './packages';
import {
    DemoClock,
    SYNC_DAYS,
    demoCredentials,
    runUsageStory
} from './usage-story';

/**
 * The demo's steps (demo.ts parses the arguments and starts the portal build first, so this
 * module's imports load while the build runs).
 */

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

export interface DemoOptions {
    once: boolean;
    port: number;
    contract: string;
    /** The portal build running in the background, or undefined when the build is current. */
    build: BackgroundBuild | undefined;
    /** How long the up-to-date check took (ms). */
    checkMs: number;
}

export async function runDemo(options: DemoOptions): Promise<number> {
    const { once, port } = options;
    let build = options.build;
    let emulator: EmulatorHandle | undefined;
    let preview: PreviewServer | undefined;
    const workDir = mkdtempSync(path.join(tmpdir(), 'case-portal-demo-'));
    const shutdown = async () => {
        build?.cancel();
        await preview?.close();
        await emulator?.close();
        rmSync(workDir, { recursive: true, force: true });
    };
    try {
        heading('Salesforce API emulator');
        // The org's clock starts in the past so that the last act can replay two weeks of the
        // integration's nightly syncs (usage-story.ts); the app's JWT key pair is made per run.
        const clock = new DemoClock(SYNC_DAYS + 1);
        const credentials = demoCredentials();
        emulator = await startEmulator({
            port: 0,
            clock: () => clock.now(),
            oauthApps: [credentials.app],
            packages: DEMO_PACKAGES
        });
        say(
            `Listening on ${emulator.url} (API ${emulator.versions.at(-1) ?? API_VERSION})`
        );
        say(
            "Loaded this repository's force-app metadata (permission sets, groups, custom permissions)."
        );
        const adminConnection = new Connection({
            instanceUrl: emulator.url,
            accessToken: emulator.accessToken,
            version: API_VERSION
        });
        const client = new OrgClient(adminConnection, API_VERSION);
        const story = (): Promise<boolean> =>
            runUsageStory({
                emulator: emulator as EmulatorHandle,
                admin: adminConnection,
                clock,
                credentials,
                username: definition.Username,
                version: API_VERSION,
                workDir,
                say,
                heading
            });

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

        heading(`Verify it (${options.contract})`);
        const contract = loadContract(path.resolve(ROOT, options.contract));
        const report = await runVerify(
            client,
            [definition.Username],
            [contract],
            {}
        );
        process.stdout.write(formatVerifyReport(report));
        const verified = report.summary.fail === 0;

        heading('Managed package seats (emulator --package cc_demo:2)');
        await demoPackageSeats(client, definition.Username, say);

        heading('Portal preview');
        if (build) {
            build.follow(say);
            const buildMs = await build.finished;
            build = undefined;
            say(
                `Built the portal in ${(buildMs / 1000).toFixed(1)} s (production mode).`
            );
        } else {
            say(
                `Portal build is up to date (checked in ${Math.round(options.checkMs)} ms).`
            );
        }
        preview = await startPreviewServer({ port });
        say(`Portal preview: ${preview.url}`);
        if (once) {
            await checkPreview(preview.url);
            const evidence = await story();
            await shutdown();
            say(
                verified && evidence
                    ? 'Demo OK.'
                    : verified
                      ? 'Demo finished: the usage story did not end as expected.'
                      : 'Demo finished: the verify report has failures.'
            );
            return verified && evidence ? 0 : 1;
        }
        await story();
        say();
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
