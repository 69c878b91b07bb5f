import {
    assignPackageLicenses,
    formatPackageReport
} from '../src/assign/package-licenses';
import type { OrgClient } from '../src/org/client';

/** The managed package the demo's emulator installs (`npm run emulator -- --package cc_demo:2`). */
export const DEMO_PACKAGES = [{ namespace: 'cc_demo', seats: 2 }];

/** A seat of the demo package for the API user, the same again (nothing to do), then removed. */
export async function demoPackageSeats(
    client: OrgClient,
    username: string,
    say: (line?: string) => void
): Promise<void> {
    const run = (remove: boolean) =>
        assignPackageLicenses(
            client,
            ['cc_demo'],
            { usernames: [username] },
            { remove, dryRun: false }
        );
    say('npm run assign -- --package-license cc_demo --users <api user>');
    say(formatPackageReport(await run(false), false).trimEnd());
    say('Again (idempotent):');
    say(formatPackageReport(await run(false), false).trimEnd());
    say('With --remove (the seat is freed):');
    say(formatPackageReport(await run(true), false).trimEnd());
}
