// `npm run emulator -- --oauth-apps <file.json>`: the org-specific OAuth settings of the repo's
// apps (org/oauth-clients.ts) for the standalone emulator, kept in a file rather than on the
// command line (they hold a consumer secret). The file is a JSON array:
// [{"app": "Case_Portal_Integration", "consumerKey": "...", "consumerSecret": "...",
//   "certificateFile": "jwt.crt", "clientCredentialsEnabled": true,
//   "clientCredentialsUser": "user@example.com"}]
// certificateFile is read relative to the JSON file.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OauthAppSettings } from './org/oauth-clients';

function fail(file: string, message: string): never {
    throw new Error(`--oauth-apps ${file}: ${message}`);
}

function optionalString(
    file: string,
    where: string,
    value: unknown
): string | undefined {
    if (value !== undefined && typeof value !== 'string') {
        fail(file, `${where} must be a string`);
    }
    return value;
}

export function readOauthApps(file: string): OauthAppSettings[] {
    let parsed: unknown;
    try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
        fail(file, `cannot read or parse: ${(error as Error).message}`);
    }
    if (!Array.isArray(parsed)) {
        fail(file, 'must hold a JSON array of apps');
    }
    return parsed.map((entry: unknown, index): OauthAppSettings => {
        const where = `[${index}]`;
        if (typeof entry !== 'object' || entry === null) {
            fail(file, `${where} must be an object`);
        }
        const item = entry as Record<string, unknown>;
        const app = optionalString(file, `${where}.app`, item.app);
        const consumerKey = optionalString(
            file,
            `${where}.consumerKey`,
            item.consumerKey
        );
        if (!app || !consumerKey) {
            fail(file, `${where} needs "app" and "consumerKey"`);
        }
        const certificateFile = optionalString(
            file,
            `${where}.certificateFile`,
            item.certificateFile
        );
        const enabled = item.clientCredentialsEnabled;
        if (enabled !== undefined && typeof enabled !== 'boolean') {
            fail(
                file,
                `${where}.clientCredentialsEnabled must be true or false`
            );
        }
        return {
            app,
            consumerKey,
            consumerSecret: optionalString(
                file,
                `${where}.consumerSecret`,
                item.consumerSecret
            ),
            certificate: certificateFile
                ? readFileSync(
                      path.resolve(path.dirname(file), certificateFile),
                      'utf8'
                  )
                : undefined,
            clientCredentialsEnabled: enabled,
            clientCredentialsUser: optionalString(
                file,
                `${where}.clientCredentialsUser`,
                item.clientCredentialsUser
            )
        };
    });
}
