import { EXIT } from '../lib/cli';
import type { OrgCommandOutcome } from '../lib/org-command';
import type { OrgClient } from '../org/client';
import {
    assignPackageLicenses,
    formatPackageReport,
    packageSucceeded
} from './package-licenses';
import type { UserSelector } from './types';

/** `assign --package-license` after the flags are read: the run, its exit code and its reports. */
export async function runPackageLicenses(
    client: OrgClient,
    namespaces: string[],
    selector: UserSelector,
    options: { remove: boolean; dryRun: boolean }
): Promise<OrgCommandOutcome> {
    const report = await assignPackageLicenses(client, namespaces, selector, {
        ...options,
        onProgress: (message) => process.stderr.write(`${message}\n`)
    });
    const code =
        report.failed.length === 0
            ? EXIT.ok
            : packageSucceeded(report) > 0
              ? EXIT.partial
              : EXIT.failure;
    return {
        code,
        result: report,
        human: formatPackageReport(report, options.dryRun)
    };
}
