// Starts an emulator in-process on a free port and hands out jsforce connections to it.

import { Connection } from '@jsforce/jsforce-node';
import {
    startEmulator,
    type EmulatorHandle,
    type EmulatorOptions
} from '../../emulator';

export const API_VERSION = '66.0';

export interface Harness {
    emulator: EmulatorHandle;
    conn: Connection;
}

export async function startHarness(
    options: EmulatorOptions = {}
): Promise<Harness> {
    const emulator = await startEmulator({ port: 0, ...options });
    return { emulator, conn: connect(emulator) };
}

export function connect(
    emulator: EmulatorHandle,
    accessToken = emulator.accessToken
): Connection {
    return new Connection({
        instanceUrl: emulator.url,
        accessToken,
        version: API_VERSION
    });
}

/** Resolves to the error a promise rejects with; fails the test when it resolves. */
export async function failure(promise: PromiseLike<unknown>): Promise<{
    errorCode?: string;
    message: string;
    data?: unknown;
    name: string;
}> {
    try {
        await promise;
    } catch (error) {
        return error as { errorCode?: string; message: string; name: string };
    }
    throw new Error('expected the call to fail, but it succeeded');
}

/** A User record ready to insert, on the given profile. */
export function userFields(
    username: string,
    profileId: string
): Record<string, unknown> {
    return {
        Username: username,
        LastName: username.split('@')[0] ?? 'User',
        Alias: username.slice(0, 8),
        Email: 'someone@example.com',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
        LocaleSidKey: 'en_US',
        TimeZoneSidKey: 'GMT',
        ProfileId: profileId
    };
}

export async function idOf(conn: Connection, soql: string): Promise<string> {
    const result = await conn.query<{ Id: string }>(soql);
    const id = result.records[0]?.Id;
    if (!id) {
        throw new Error(`no row for ${soql}`);
    }
    return id;
}

/** The id of the profile with this name. */
export function profileId(conn: Connection, name: string): Promise<string> {
    return idOf(conn, `SELECT Id FROM Profile WHERE Name = '${name}'`);
}
