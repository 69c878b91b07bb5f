// The kit's OAuth apps, by the label OauthToken.AppName carries ("The label for the connected
// app that's associated with this OAuth token", Object Reference, "OauthToken").

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface KitApp {
    /** API name (file name). */
    name: string;
    label: string;
    contactEmail?: string;
    kind: 'ExternalClientApplication' | 'ConnectedApp';
}

function read(dir: string, suffix: string, kind: KitApp['kind']): KitApp[] {
    if (!existsSync(dir)) {
        return [];
    }
    return readdirSync(dir)
        .filter((file) => file.endsWith(suffix))
        .map((file) => {
            const xml = readFileSync(path.join(dir, file), 'utf8');
            const name = file.slice(0, -suffix.length);
            return {
                name,
                label: /<label>([^<]+)<\/label>/.exec(xml)?.[1]?.trim() ?? name,
                contactEmail: /<contactEmail>([^<]+)<\/contactEmail>/
                    .exec(xml)?.[1]
                    ?.trim(),
                kind
            };
        });
}

/** The External Client App(s) in force-app, then the legacy connected app(s). */
export function kitApps(projectRoot: string): KitApp[] {
    return [
        ...read(
            path.join(projectRoot, 'force-app/main/default/externalClientApps'),
            '.eca-meta.xml',
            'ExternalClientApplication'
        ),
        ...read(
            path.join(
                projectRoot,
                'connected-app-legacy/main/default/connectedApps'
            ),
            '.connectedApp-meta.xml',
            'ConnectedApp'
        )
    ];
}
