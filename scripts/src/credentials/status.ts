// status: credential readiness of the integration user (readiness.ts), as a report.

import path from 'node:path';
import { loadContract } from '../access/contract';
import { kitApps } from './apps';
import type { ActionContext, CredentialsAction, Outcome } from './context';
import {
    evaluateReadiness,
    expectationsFromRequired,
    fetchReadinessFacts
} from './readiness';

async function run(context: ActionContext): Promise<Outcome> {
    const client = await context.client();
    const contractFile = context.string('contract');
    const required =
        contractFile === undefined
            ? []
            : loadContract(path.resolve(contractFile)).userPermissions.require;
    const apps = kitApps(context.projectRoot).map((app) => app.label);
    const facts = await fetchReadinessFacts(client, context.username(), apps);
    const results = evaluateReadiness(
        facts,
        expectationsFromRequired(required)
    );
    const failed = results.filter((r) => r.status === 'fail').length;
    const lines = results.map(
        (r) =>
            `${r.status.toUpperCase().padEnd(4)} ${r.rule}: expected ${r.expected}, actual ${r.actual}${r.fix ? ` (fix: ${r.fix})` : ''}`
    );
    lines.push(
        `${facts.username}: ${failed === 0 ? 'ready' : `${failed} failure(s)`}`
    );
    return {
        status: 'done',
        lines,
        result: { username: facts.username, ready: failed === 0, results },
        warnings: [],
        exitCode: failed === 0 ? 0 : 1
    };
}

export const status: CredentialsAction = {
    name: 'status',
    summary:
        'credential readiness: active, not frozen, password policy as the contract asks, OAuth grants, last login',
    usage: `Usage: npm run credentials -- status [--contract config/access/<preset>.json]

Checks the integration user's credential readiness. With --contract, PasswordNeverExpires (and a
current password) is required only where the contract requires PasswordNeverExpires. Exit 1 on
any failure.`,
    options: { contract: { type: 'string' } },
    run
};
