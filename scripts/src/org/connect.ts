import { Connection } from '@jsforce/jsforce-node';
import { KitError } from '../lib/errors';
import { loadProject } from '../lib/project';
import { OrgClient, type RetryPolicy } from './client';

export interface ConnectOptions {
    /** `-o/--target-org`: an alias or username from the sf CLI's auth store. */
    targetOrg?: string;
    /** Defaults to the project's sourceApiVersion. */
    apiVersion?: string;
    env?: NodeJS.ProcessEnv;
    retry?: RetryPolicy;
}

/** No org, or an alias the sf CLI does not know: named `NoOrg` / `OrgNotFound`, with what to run. */
export class ConnectError extends KitError {}

/** The sf CLI's default org (`sf config set target-org <alias>`, or SF_TARGET_ORG), if any. */
async function defaultTargetOrg(): Promise<string | undefined> {
    const { ConfigAggregator } = await import('@salesforce/core');
    const config = await ConfigAggregator.create();
    const value = config.getPropertyValue('target-org');
    return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Opens the org: with `--target-org`, through the sf CLI's own auth store (@salesforce/core, so
 * access tokens refresh); otherwise from `SF_INSTANCE_URL` + `SF_ACCESS_TOKEN` (CI, the emulator);
 * otherwise the sf CLI's default org (`sf config set target-org <alias>`).
 * The API version is always explicit: jsforce would otherwise use 50.0.
 */
export async function connect(
    options: ConnectOptions = {}
): Promise<OrgClient> {
    const env = options.env ?? process.env;
    const apiVersion =
        options.apiVersion ?? loadProject(process.cwd()).sourceApiVersion;
    const instanceUrl = env.SF_INSTANCE_URL;
    const accessToken = env.SF_ACCESS_TOKEN;
    const fromEnv = Boolean(instanceUrl && accessToken);
    const targetOrg =
        options.targetOrg ?? (fromEnv ? undefined : await defaultTargetOrg());
    if (targetOrg) {
        const { Org } = await import('@salesforce/core');
        let org;
        try {
            org = await Org.create({ aliasOrUsername: targetOrg });
        } catch (error) {
            throw new ConnectError(
                'OrgNotFound',
                `No authorized org "${targetOrg}" in the sf CLI's auth store ` +
                    `(${(error as Error).name}).`,
                {
                    actions: [
                        `sf org login web --alias ${targetOrg}`,
                        'sf org list (pick an alias or username from it)'
                    ]
                }
            );
        }
        const connection = org.getConnection(
            apiVersion
        ) as unknown as Connection;
        return new OrgClient(connection, apiVersion, options.retry);
    }
    if (!instanceUrl || !accessToken) {
        throw new ConnectError(
            'NoOrg',
            'No org: pass --target-org/-o <alias> (an org authorized with the sf CLI), ' +
                'set a default org, or set SF_INSTANCE_URL and SF_ACCESS_TOKEN.',
            {
                actions: [
                    'sf org login web --alias <alias>, then pass -o <alias>',
                    'sf config set target-org <alias> (the default for every command)'
                ]
            }
        );
    }
    const connection = new Connection({
        instanceUrl,
        accessToken,
        version: apiVersion
    });
    return new OrgClient(connection, apiVersion, options.retry);
}
