// startEmulator(): a local Salesforce REST API over a standard org plus the repo's own
// metadata, for tests (in-process, port 0) and for `npm run emulator`.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
    Accounting,
    DEFAULT_API_LIMIT,
    type CallCounters
} from './api/accounting';
import { BulkJobs } from './api/bulk-jobs';
import {
    FaultInjector,
    readFaultPlan,
    type FaultPlanInput,
    type FaultRule
} from './api/faults';
import { Sessions } from './api/sessions';
import type { EmulatorState } from './api/state';
import { UsageLog, type ClosedDay, type UsageRow } from './api/usage-log';
import { repoRoot, sourceApiVersion, supportedVersions } from './config';
import { loadMetadata, type LoadSummary } from './metadata/loader';
import {
    ENTITY_DEFINITION,
    entityDefinitionRows
} from './schema/entity-definition';
import { Org } from './org/org';
import { configureOauthApp, type OauthAppSettings } from './org/oauth-clients';
import { dataRouter, otherRouter } from './routes';
import { seedPackages, type PackageSeed } from './seed/packages';
import { seedStandardOrg, type SeedOptions } from './seed/standard-org';
import { RequestHandler } from './server';
import { Cursors } from './soql/cursors';
import { deployGeneratedOauthPolicies } from './metadata/generated-oauth';

export { Org } from './org/org';
export type { CallCounters } from './api/accounting';
export type { FaultPlanInput, FaultRule } from './api/faults';
export type { LoadSummary } from './metadata/loader';
export type { PackageSeed } from './seed/packages';
export type { OauthAppSettings } from './org/oauth-clients';
export type { ClosedDay, UsageRow } from './api/usage-log';

export const DEFAULT_ACCESS_TOKEN = 'emulator-token';

export interface EmulatorOptions {
    /** 0 (the default) picks a free port. */
    port?: number;
    host?: string;
    /** The only bearer token accepted; default "emulator-token". */
    accessToken?: string;
    /** Package directories to load metadata from, relative to the repo root; default ['force-app']. */
    metadataDirs?: string[];
    /** A fault plan, or the path of a JSON file holding one. */
    faults?: FaultPlanInput | string;
    /** DailyApiRequests Max; default 15,000. */
    apiLimit?: number;
    seed?: SeedOptions;
    /** Installed managed packages (PackageLicense rows), as `--package` gives them. */
    packages?: PackageSeed[];
    /** The org's clock (TODAY, CreatedDate); default the system clock. */
    clock?: () => Date;
    /** Called with "METHOD /path?query STATUS" for every request answered. */
    log?: (line: string) => void;
    /**
     * The org-specific OAuth settings of the repo's apps (consumer key and secret, JWT
     * certificate), which a real org generates and the kit keeps outside git; optionally
     * overriding the policy's client credentials settings. See org/oauth-clients.ts.
     */
    oauthApps?: OauthAppSettings[];
}

export interface EmulatorHandle {
    url: string;
    accessToken: string;
    /** Supported API versions, oldest first; the last is sfdx-project.json's sourceApiVersion. */
    versions: string[];
    org: Org;
    metadata: LoadSummary;
    /** Calls by route, total calls and API usage. */
    calls(): CallCounters;
    resetCalls(): void;
    faults: { set(plan: FaultPlanInput | FaultRule[]): void; clear(): void };
    apiUsage: { get(): number; set(used: number): void };
    /**
     * The ApiTotalUsage event log (api/usage-log.ts). closeDay writes a day's EventLogFile
     * (emulator-only, as POST /_emulator/event-log/close); pending lists the rows not yet in a
     * file; record adds a row as if a request had been made (SOAP or Apex REST calls, which the
     * emulator does not serve).
     */
    eventLog: {
        closeDay(date?: string): ClosedDay;
        pending(): UsageRow[];
        record(row: UsageRow): void;
    };
    /** An access token ("<org id>!<secret>") running as this user, as if an app's flow issued it. */
    sessionFor(username: string, app?: string): string;
    close(): Promise<void>;
}

function listen(
    server: Server,
    port: number,
    host: string
): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            server.off('error', reject);
            resolve(server.address() as AddressInfo);
        });
    });
}

export async function startEmulator(
    options: EmulatorOptions = {}
): Promise<EmulatorHandle> {
    const root = repoRoot();
    const versions = supportedVersions(sourceApiVersion(root));
    const org = new Org(options.clock);
    seedStandardOrg(org, options.seed);
    seedPackages(org, options.packages ?? []);
    const metadataDirs = (options.metadataDirs ?? ['force-app']).map((dir) =>
        path.resolve(root, dir)
    );
    const metadata = loadMetadata(org, metadataDirs);
    deployGeneratedOauthPolicies(
        org,
        metadataDirs,
        path.resolve(root, 'force-app'),
        metadata.oauthApps
    );
    for (const row of entityDefinitionRows(org.schema.all())) {
        org.dml.create(ENTITY_DEFINITION, row, { system: true });
    }
    const faults = new FaultInjector();
    if (typeof options.faults === 'string') {
        faults.set(readFaultPlan(path.resolve(options.faults)));
    } else if (options.faults) {
        faults.set(options.faults);
    }
    for (const app of options.oauthApps ?? []) {
        configureOauthApp(org, app);
    }
    const accounting = new Accounting(options.apiLimit ?? DEFAULT_API_LIMIT);
    const sessions = new Sessions();
    const usageLog = new UsageLog(org, versions[versions.length - 1] ?? '');
    const state: EmulatorState = {
        org,
        cursors: new Cursors(org.ids),
        bulk: new BulkJobs(org),
        accounting,
        faults,
        versions,
        accessToken: options.accessToken ?? DEFAULT_ACCESS_TOKEN,
        sessions,
        usageLog,
        instanceUrl: '',
        dispatch: (request) => handler.dispatch(request)
    };
    const handler = new RequestHandler(
        state,
        dataRouter(state),
        otherRouter(state)
    );
    const server = createServer((request, response) => {
        const log = options.log;
        if (log) {
            response.once('finish', () =>
                log(
                    `${request.method ?? ''} ${request.url ?? ''} ${response.statusCode}`
                )
            );
        }
        handler.handle(request, response).catch((error: unknown) => {
            process.stderr.write(`Salesforce API emulator: ${String(error)}\n`);
            response.destroy();
        });
    });
    const host = options.host ?? '127.0.0.1';
    const address = await listen(server, options.port ?? 0, host);
    state.instanceUrl = `http://${host}:${address.port}`;
    return {
        url: state.instanceUrl,
        accessToken: state.accessToken,
        versions,
        org,
        metadata,
        calls: () => accounting.snapshot(),
        resetCalls: () => accounting.resetCounters(),
        faults: {
            set: (plan) => faults.set(plan),
            clear: () => faults.clear()
        },
        apiUsage: {
            get: () => accounting.usage,
            set: (used) => accounting.setUsage(used)
        },
        eventLog: {
            closeDay: (date) => usageLog.closeDay(date),
            pending: () => usageLog.pendingRows(),
            record: (row) => usageLog.record(row)
        },
        sessionFor: (username, app) => {
            const user = org.first(
                'User',
                (row) =>
                    String(row.Username).toLowerCase() ===
                    username.toLowerCase()
            );
            if (!user) {
                throw new Error(`sessionFor: no user ${username}`);
            }
            const appRow = app
                ? org.first('ConnectedApplication', (row) => row.Name === app)
                : undefined;
            if (app && !appRow) {
                throw new Error(`sessionFor: no OAuth app ${app}`);
            }
            const secret = sessions.issue({
                userId: String(user.Id),
                appId: appRow ? String(appRow.Id) : null,
                appName: app ?? null
            });
            return `${org.organizationId.slice(0, 15)}!${secret}`;
        },
        close: () =>
            new Promise<void>((resolve, reject) => {
                server.close((error) => (error ? reject(error) : resolve()));
                server.closeAllConnections();
            })
    };
}
