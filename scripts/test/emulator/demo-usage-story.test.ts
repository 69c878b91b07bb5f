// The demo's last act (scripts/demo/usage-story.ts) end to end on an in-process emulator: the
// API user provisioned from config/api-user.json 15 days back on the org's clock, two weeks of
// nightly syncs as that user through the JWT bearer flow, the logs collected, a contract
// suggested, and verify --usage naming the grant given on purpose as unused.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import {
    DemoClock,
    EXTRA_SET,
    SYNC_DAYS,
    demoCredentials,
    runUsageStory
} from '../../demo/usage-story';
import { startEmulator, type EmulatorHandle } from '../../emulator';
import { OrgClient } from '../../src/org/client';
import { loadDefinition } from '../../src/provision/definition';
import { provision } from '../../src/provision/provision';
import { API_VERSION } from './helpers';

const ROOT = path.resolve(__dirname, '../../..');

describe('demo: least privilege from evidence', () => {
    let emulator: EmulatorHandle;
    let workDir: string;

    afterAll(async () => {
        await emulator?.close();
        rmSync(workDir, { recursive: true, force: true });
    });

    it('replays the syncs as the integration user and ends with the unused grant named with its source', async () => {
        workDir = mkdtempSync(path.join(tmpdir(), 'demo-story-'));
        const clock = new DemoClock(SYNC_DAYS + 1);
        const credentials = demoCredentials();
        emulator = await startEmulator({
            port: 0,
            clock: () => clock.now(),
            oauthApps: [credentials.app]
        });
        const admin = new Connection({
            instanceUrl: emulator.url,
            accessToken: emulator.accessToken,
            version: API_VERSION
        });
        const definition = loadDefinition(
            path.join(ROOT, 'config/api-user.json')
        );
        await provision(new OrgClient(admin, API_VERSION), definition, {
            dryRun: false,
            uniqueUsername: false
        });
        const lines: string[] = [];
        const write = jest
            .spyOn(process.stdout, 'write')
            .mockImplementation((chunk: string | Uint8Array) => {
                lines.push(String(chunk));
                return true;
            });
        let ok: boolean;
        try {
            ok = await runUsageStory({
                emulator,
                admin,
                clock,
                credentials,
                username: definition.Username,
                version: API_VERSION,
                workDir,
                say: (line = '') => lines.push(`${line}\n`),
                heading: (title) => lines.push(`== ${title}\n`)
            });
        } finally {
            write.mockRestore();
        }
        const output = lines.join('');
        expect(ok).toBe(true);
        expect(output).toContain(`${SYNC_DAYS} added, 0 already stored`);
        expect(output).toMatch(
            /WARN\s+usage\.unused\.objects\.Case\.delete\s.*permission set "Vendor_Requested_Access"/
        );
        expect(output).toContain(
            'granted but unused: usage.unused.objects.Case.delete, usage.unused.objects.Contact.edit'
        );
        // The sync ran as the integration user through the app: its rows are in the logs.
        const user = (
            await admin.query<{ Id: string }>(
                `SELECT Id FROM User WHERE Username = '${definition.Username}'`
            )
        ).records[0]?.Id;
        const files = await admin.query<{ Id: string }>(
            "SELECT Id FROM EventLogFile WHERE EventType = 'ApiTotalUsage'"
        );
        expect(files.totalSize).toBe(SYNC_DAYS);
        const csv = await (
            await fetch(
                `${emulator.url}/services/data/v${API_VERSION}/sobjects/EventLogFile/${files.records[0]?.Id ?? ''}/LogFile`,
                { headers: { Authorization: `Bearer ${emulator.accessToken}` } }
            )
        ).text();
        expect(csv).toContain(`"${(user ?? '').slice(0, 15)}"`);
        expect(csv).toContain('"Case_Portal_Integration"');
        expect(EXTRA_SET).toBe('Vendor_Requested_Access');
    }, 60_000);
});
