import { Connection } from '@jsforce/jsforce-node';
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

export class ConnectError extends Error {}

/**
 * Opens the org: with `--target-org`, through the sf CLI's own auth store (@salesforce/core, so
 * access tokens refresh); otherwise from `SF_INSTANCE_URL` + `SF_ACCESS_TOKEN` (CI, the emulator).
 * The API version is always explicit: jsforce would otherwise use 50.0.
 */
export async function connect(
    options: ConnectOptions = {}
): Promise<OrgClient> {
    const env = options.env ?? process.env;
    const apiVersion =
        options.apiVersion ?? loadProject(process.cwd()).sourceApiVersion;
    if (options.targetOrg) {
        const { Org } = await import('@salesforce/core');
        let org;
        try {
            org = await Org.create({ aliasOrUsername: options.targetOrg });
        } catch (error) {
            throw new ConnectError(
                `No authorized org "${options.targetOrg}" in the sf CLI's auth store: ` +
                    `run \`sf org login web --alias ${options.targetOrg}\` (or pick one from \`sf org list\`). ` +
                    `(${(error as Error).name})`
            );
        }
        const connection = org.getConnection(
            apiVersion
        ) as unknown as Connection;
        return new OrgClient(connection, apiVersion, options.retry);
    }
    const instanceUrl = env.SF_INSTANCE_URL;
    const accessToken = env.SF_ACCESS_TOKEN;
    if (!instanceUrl || !accessToken) {
        throw new ConnectError(
            'No org: pass --target-org/-o <alias> (an org authorized with the sf CLI), ' +
                'or set SF_INSTANCE_URL and SF_ACCESS_TOKEN.'
        );
    }
    const connection = new Connection({
        instanceUrl,
        accessToken,
        version: apiVersion
    });
    return new OrgClient(connection, apiVersion, options.retry);
}
