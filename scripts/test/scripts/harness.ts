import path from 'node:path';
import { Connection } from '@jsforce/jsforce-node';
import {
    startEmulator,
    type EmulatorHandle,
    type EmulatorOptions
} from '../../emulator';
import { OrgClient } from '../../src/org/client';
import {
    loadDefinition,
    type UserDefinition
} from '../../src/provision/definition';
import { provision } from '../../src/provision/provision';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const API_VERSION = '66.0';

export interface ScriptHarness {
    emulator: EmulatorHandle;
    client: () => OrgClient;
    definition: UserDefinition;
    close: () => Promise<void>;
}

/** An emulator with the repo's metadata, and OrgClients on it with fast retries for tests. */
export async function startScriptHarness(
    options: EmulatorOptions = {}
): Promise<ScriptHarness> {
    const emulator = await startEmulator({ port: 0, ...options });
    return {
        emulator,
        client: () =>
            new OrgClient(
                new Connection({
                    instanceUrl: emulator.url,
                    accessToken: emulator.accessToken,
                    version: API_VERSION
                }),
                API_VERSION,
                { attempts: 4, baseDelayMs: 5 }
            ),
        definition: loadDefinition(
            path.join(REPO_ROOT, 'config/api-user.json')
        ),
        close: () => emulator.close()
    };
}

export interface ProvisionedHarness extends ScriptHarness {
    /** The integration user, provisioned from config/api-user.json. */
    username: string;
    userId: string;
}

/** A harness whose emulator already holds the provisioned integration user. */
export async function startProvisionedHarness(
    options: EmulatorOptions = {}
): Promise<ProvisionedHarness> {
    const h = await startScriptHarness(options);
    const result = await provision(h.client(), h.definition, {
        dryRun: false,
        uniqueUsername: false
    });
    if (!result.userId) {
        throw new Error('provision did not create the integration user');
    }
    return { ...h, username: h.definition.Username, userId: result.userId };
}
