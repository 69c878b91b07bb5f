// assign under misuse (issue 20, items 5 and 13): the Bulk and collections paths report the same
// true counts for duplicate usernames in any case and for overlapping runs; SIGINT aborts the
// Bulk job and the report says what the org holds; --users "" is a usage error.

import { assign, type AssignTargets } from '../../src/assign/assign';
import { runCommand } from '../support/run-command';
import { createUsers as createOrgUsers } from '../support/users';
import { startScriptHarness, type ScriptHarness } from './harness';

const portalSet: AssignTargets = {
    permissionSets: ['Case_Portal_User'],
    permissionSetGroups: [],
    permissionSetLicenses: []
};

declare const __nativeImport: (specifier: string) => Promise<unknown>;

describe('assign under misuse (against the emulator)', () => {
    let h: ScriptHarness;
    const holders = (): number => {
        const set = h.emulator.org
            .rows('PermissionSet')
            .find((s) => s.Name === 'Case_Portal_User');
        return h.emulator.org
            .rows('PermissionSetAssignment')
            .filter((a) => a.PermissionSetId === set?.Id).length;
    };
    beforeEach(async () => {
        h = await startScriptHarness({
            seed: { licenseSeats: { Salesforce: 3000 } }
        });
    });
    afterEach(async () => {
        await h.close();
    });

    it.each([
        ['collections', 2000],
        ['bulk', 10]
    ])(
        'upper-case duplicates: the %s path writes each user once and reports them once as input (item 5)',
        async (mode, bulkThreshold) => {
            const usernames = createOrgUsers(h.emulator.org, 300, 'dup');
            const duplicates = usernames
                .slice(0, 20)
                .map((u) => u.toUpperCase());
            // 250 usernames a query: the duplicates land in another chunk than their originals.
            const report = await assign(
                h.client(),
                portalSet,
                { usernames: [...usernames, ...duplicates] },
                { dryRun: false, bulkThreshold }
            );
            expect(report).toMatchObject({
                mode,
                users: 300,
                created: 300,
                alreadyAssigned: 0,
                failed: []
            });
            expect(report.duplicateUsernames).toHaveLength(20);
            expect(holders()).toBe(300);
        }
    );

    it('two overlapping Bulk runs: no false failures, every assignment counted once as created or unchanged (item 5)', async () => {
        const usernames = createOrgUsers(h.emulator.org, 40, 'twice');
        const runOnce = () =>
            assign(
                h.client(),
                portalSet,
                { usernames },
                { dryRun: false, bulkThreshold: 10 }
            );
        const [first, second] = await Promise.all([runOnce(), runOnce()]);
        for (const report of [first, second]) {
            expect(report.failed).toEqual([]);
            expect(report.created + report.alreadyAssigned).toBe(40);
        }
        expect(first.created + second.created).toBe(40);
        expect(holders()).toBe(40);
    });

    it('an interrupt aborts the Bulk job and reports what the org holds (item 5)', async () => {
        const usernames = createOrgUsers(h.emulator.org, 30, 'stop');
        // A slow upload: the interrupt arrives while the job is still open.
        h.emulator.faults.set({
            rules: [
                {
                    method: 'PUT',
                    path: '/services/data/*/jobs/ingest/*/batches',
                    fault: 'latency',
                    latencyMs: 400
                }
            ]
        });
        const interrupt = new AbortController();
        const report = await assign(
            h.client(),
            portalSet,
            { usernames },
            {
                dryRun: false,
                bulkThreshold: 10,
                signal: interrupt.signal,
                onProgress: (message) => {
                    if (message.includes('Bulk API 2.0 job')) {
                        setTimeout(() => interrupt.abort(), 100);
                    }
                }
            }
        );
        expect(report.interrupted).toBe(true);
        // The counts are what the org holds, read back: here the job never ran.
        expect(report.created).toBe(holders());
        expect(report.created).toBe(0);
    });

    it('SIGINT during a Bulk run: the summary of what was written, exit 130 (item 5)', async () => {
        const usernames = createOrgUsers(h.emulator.org, 30, 'sigint');
        h.emulator.faults.set({
            rules: [
                {
                    method: 'PUT',
                    path: '/services/data/*/jobs/ingest/*/batches',
                    fault: 'latency',
                    latencyMs: 400
                }
            ]
        });
        // The command runs outside Jest's sandbox (the plugin is ESM, loaded by Node's own import),
        // so the signal goes to Node's real process object, once assign's own listener is there.
        const real = (
            (await __nativeImport('node:process')) as {
                default: NodeJS.Process;
            }
        ).default;
        const running = runCommand(
            'assign',
            [
                '--permission-set',
                'Case_Portal_User',
                '--users',
                usernames.join(','),
                '--bulk-threshold',
                '10'
            ],
            {
                SF_INSTANCE_URL: h.emulator.url,
                SF_ACCESS_TOKEN: h.emulator.accessToken
            }
        );
        const timer = setInterval(() => {
            // assign's own listener (commands/assign.ts `onSigint`), not the sf libraries' ones.
            if (
                real
                    .listeners('SIGINT')
                    .some((listener) => listener.name === 'onSigint')
            ) {
                clearInterval(timer);
                setTimeout(() => real.emit('SIGINT'), 150);
            }
        }, 20);
        const result = await running.finally(() => clearInterval(timer));
        expect(result.code).toBe(130);
        expect(result.stdout).toMatch(
            /Interrupted: the Bulk API 2.0 job was aborted; the org holds 0 of the 30 planned assignment\(s\)/
        );
        expect(holders()).toBe(0);
    });

    it('--users "" is a usage error, not a run that does nothing (item 13)', async () => {
        const result = await runCommand(
            'assign',
            ['--permission-set', 'Case_Portal_User', '--users', ''],
            {
                SF_INSTANCE_URL: h.emulator.url,
                SF_ACCESS_TOKEN: h.emulator.accessToken
            }
        );
        expect(result.code).toBe(1);
        expect(result.stderr).toContain('--users: no username given');
    });
});
