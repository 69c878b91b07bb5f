import type { CommandOutcome } from '../lib/command';
import type { OrgClient } from '../org/client';
import {
    assignPackageLicenses,
    formatPackageReport,
    packageSucceeded,
    type PackageAssignReport
} from './package-licenses';
import type { UserSelector } from './types';

/** `assign --package-license` after the flags are read: the run, its exit code and its reports. */
export async function runPackageLicenses(
    client: OrgClient,
    namespaces: string[],
    selector: UserSelector,
    options: {
        remove: boolean;
        dryRun: boolean;
        onProgress?: (message: string) => void;
    }
): Promise<CommandOutcome<PackageAssignReport>> {
    const report = await assignPackageLicenses(client, namespaces, selector, {
        remove: options.remove,
        dryRun: options.dryRun,
        onProgress: options.onProgress
    });
    const code =
        report.failed.length === 0 ? 0 : packageSucceeded(report) > 0 ? 68 : 1;
    return {
        code,
        result: report,
        human: formatPackageReport(report, options.dryRun),
        failure:
            code === 1
                ? {
                      message: `None of the ${report.failed.length} package seat change(s) landed: each is listed with Salesforce's error code.`
                  }
                : undefined
    };
}
