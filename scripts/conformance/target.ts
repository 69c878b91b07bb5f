// The org the conformance suite talks to, over HTTP through jsforce: SF_INSTANCE_URL +
// SF_ACCESS_TOKEN (set by `npm run test:conformance -- -o <alias>` from the sf CLI's auth
// store, CONFORMANCE_TARGET_ORG then names the alias in the report, or given directly), else
// the emulator started in-process (so the suite runs offline in `npm test`).

import { Connection } from '@jsforce/jsforce-node';
import { startEmulator } from '../emulator';

/** Used only when the target's versions list cannot be read. */
export const API_VERSION = '66.0';

export interface Target {
    kind: 'emulator' | 'org';
    /** What the report names: "emulator", the alias, or the instance URL. */
    name: string;
    /** The newest API version the target lists at GET /services/data (never hard-coded). */
    version: string;
    /** `/services/data/v<version>` */
    data: string;
    conn: Connection;
    instanceUrl: string;
    accessToken: string;
    close(): Promise<void>;
}

/** How the environment names the target, without opening it (the reporter uses this too). */
export function describeTarget(env: NodeJS.ProcessEnv = process.env): {
    kind: 'emulator' | 'org';
    name: string;
} {
    if (env.CONFORMANCE_TARGET_ORG) {
        return { kind: 'org', name: env.CONFORMANCE_TARGET_ORG };
    }
    if (env.SF_INSTANCE_URL && env.SF_ACCESS_TOKEN) {
        return { kind: 'org', name: env.SF_INSTANCE_URL };
    }
    return { kind: 'emulator', name: 'emulator' };
}

/**
 * The newest version the target serves: REST API Developer Guide, "List Available REST API
 * Versions" (GET /services/data, no authentication needed).
 */
export async function latestVersion(instanceUrl: string): Promise<string> {
    const response = await fetch(`${instanceUrl}/services/data`);
    if (!response.ok) {
        throw new Error(
            `GET ${instanceUrl}/services/data answered ${response.status}: cannot read the org's API versions`
        );
    }
    const list = (await response.json()) as Array<{ version: string }>;
    const versions = list
        .map((entry) => entry.version)
        .sort((a, b) => Number(a) - Number(b));
    const latest = versions.at(-1);
    if (!latest) {
        throw new Error(`${instanceUrl}/services/data lists no API version`);
    }
    return latest;
}

export async function openTarget(
    env: NodeJS.ProcessEnv = process.env
): Promise<Target> {
    if (env.SF_INSTANCE_URL && env.SF_ACCESS_TOKEN) {
        const instanceUrl = env.SF_INSTANCE_URL.replace(/\/$/, '');
        const accessToken = env.SF_ACCESS_TOKEN;
        const version = await latestVersion(instanceUrl);
        return {
            kind: 'org',
            name: describeTarget(env).name,
            version,
            data: `/services/data/v${version}`,
            conn: new Connection({
                instanceUrl,
                accessToken,
                version
            }),
            instanceUrl,
            accessToken,
            close: async () => undefined
        };
    }
    if (env.CONFORMANCE_TARGET_ORG) {
        throw new Error(
            'CONFORMANCE_TARGET_ORG is resolved by `npm run test:conformance -- -o <alias>`; run the suite through it'
        );
    }
    const emulator = await startEmulator({ port: 0 });
    const version = await latestVersion(emulator.url);
    return {
        kind: 'emulator',
        name: 'emulator',
        version,
        data: `/services/data/v${version}`,
        conn: new Connection({
            instanceUrl: emulator.url,
            accessToken: emulator.accessToken,
            version
        }),
        instanceUrl: emulator.url,
        accessToken: emulator.accessToken,
        close: () => emulator.close()
    };
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: PromiseLike<unknown>): Promise<{
    errorCode?: string;
    message: string;
}> {
    try {
        await promise;
    } catch (error) {
        return error as { errorCode?: string; message: string };
    }
    throw new Error('expected the call to fail, but it succeeded');
}

/** A raw HTTP call to the target (status, headers, body text), for what jsforce hides. */
export async function rawCall(
    target: Target,
    path: string,
    init: {
        method?: string;
        headers?: Record<string, string>;
        body?: string;
        token?: string | null;
    } = {}
): Promise<{ status: number; headers: Headers; text: string }> {
    const headers: Record<string, string> = { ...init.headers };
    const token = init.token === undefined ? target.accessToken : init.token;
    if (token !== null) {
        headers.Authorization = `Bearer ${token}`;
    }
    const response = await fetch(`${target.instanceUrl}${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.body
    });
    return {
        status: response.status,
        headers: response.headers,
        text: await response.text()
    };
}

/** "api-usage=12/15000" -> 12 */
export function apiUsage(headers: Headers): number {
    const match = /api-usage=(\d+)\/\d+/.exec(
        headers.get('sforce-limit-info') ?? ''
    );
    if (!match) {
        throw new Error('no Sforce-Limit-Info api-usage header');
    }
    return Number(match[1]);
}
