// What the route handlers share.

import type { ApiRequest, ApiResponse } from '../core/http';
import type { Org } from '../org/org';
import type { Cursors } from '../soql/cursors';
import type { Accounting } from './accounting';
import type { BulkJobs } from './bulk-jobs';
import type { FaultInjector } from './faults';
import type { Sessions } from './sessions';
import type { UsageLog } from './usage-log';

export interface EmulatorState {
    org: Org;
    cursors: Cursors;
    bulk: BulkJobs;
    accounting: Accounting;
    faults: FaultInjector;
    /** Supported API versions, oldest first ("50.0" ... the project's sourceApiVersion). */
    versions: string[];
    accessToken: string;
    /** Access tokens and who they run as (the configured token: the admin). */
    sessions: Sessions;
    /** ApiTotalUsage rows and the daily EventLogFile records written from them. */
    usageLog: UsageLog;
    /** "http://127.0.0.1:<port>", known once the server listens. */
    instanceUrl: string;
    /** Runs a request against the REST routes in-process (Composite subrequests). */
    dispatch(request: ApiRequest): Promise<ApiResponse>;
}

export function dataBase(version: string): string {
    return `/services/data/v${version}`;
}
