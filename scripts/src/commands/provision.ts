import path from 'node:path';
import type { CommandOutcome } from '../lib/command';
import { connect } from '../org/connect';
import { loadDefinition } from '../integration-user/definition';
import { provision } from '../provision/provision';
import { formatProvisionResult } from '../provision/report';
import type { ProvisionResult } from '../provision/types';

/** `sf casekit provision` / `npm run provision`: the flags, as the command layer parses them. */
export interface ProvisionFlags {
    'target-org'?: string;
    'dry-run': boolean;
    definition: string;
    email?: string;
    'unique-username': boolean;
    adopt: boolean;
}

export type ProvisionCommandResult = ProvisionResult & { retried: string[] };

export async function provisionCommand(
    flags: ProvisionFlags
): Promise<CommandOutcome<ProvisionCommandResult>> {
    const definition = loadDefinition(path.resolve(flags.definition));
    const client = await connect({ targetOrg: flags['target-org'] });
    const result = await provision(client, definition, {
        dryRun: flags['dry-run'],
        uniqueUsername: flags['unique-username'],
        adopt: flags.adopt,
        email: flags.email
    });
    return {
        code: 0,
        result: { ...result, retried: client.retried },
        human: formatProvisionResult(result, flags['dry-run'])
    };
}
