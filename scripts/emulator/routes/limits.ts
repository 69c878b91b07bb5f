// GET /limits: the org's allowances; DailyApiRequests follows the emulator's accounting.

import { ok, type ApiResponse } from '../core/http';
import type { EmulatorState } from '../api/state';

const limit = (max: number, used = 0): { Max: number; Remaining: number } => ({
    Max: max,
    Remaining: Math.max(0, max - used)
});

export async function limits(state: EmulatorState): Promise<ApiResponse> {
    const customSets = state.org.find(
        'PermissionSet',
        (set) => set.IsCustom === true && set.Type === 'Regular'
    ).length;
    return ok({
        ConcurrentAsyncGetReportInstances: limit(200),
        ConcurrentSyncReportRuns: limit(20),
        DailyApiRequests: limit(state.accounting.limit, state.accounting.usage),
        DailyAsyncApexExecutions: limit(250_000),
        DailyBulkApiBatches: limit(15_000, state.bulk.batchesToday),
        DailyBulkV2QueryFileStorageMB: limit(976_562),
        DailyBulkV2QueryJobs: limit(10_000),
        DataStorageMB: limit(5),
        FileStorageMB: limit(20),
        HourlyODataCallout: limit(10_000),
        MassEmail: limit(10),
        PermissionSets: {
            ...limit(1500, customSets),
            CreateCustom: limit(1000, customSets)
        },
        SingleEmail: limit(15)
    });
}
