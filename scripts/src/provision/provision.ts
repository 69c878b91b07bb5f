import { z } from 'zod';
import type { OrgClient } from '../org/client';
import { applyAndReconcile } from './apply';
import type { UserDefinition } from './definition';
import { planFor, refuseToTakeOver, resolve } from './plan';
import { readState } from './state';
import {
    ProvisionError,
    type ProvisionOptions,
    type ProvisionResult
} from './types';

export {
    ProvisionError,
    type PlanStep,
    type ProvisionOptions,
    type ProvisionPlan,
    type ProvisionResult,
    type StepAction
} from './types';

/**
 * Creates or updates the integration user and its access: 1 API call to read (and plan), 1 to
 * apply every step at once; a run with nothing to change writes nothing.
 */
export async function provision(
    client: OrgClient,
    input: UserDefinition,
    options: ProvisionOptions
): Promise<ProvisionResult> {
    if (
        options.email !== undefined &&
        !z.email().safeParse(options.email).success
    ) {
        // The same rule as the definition's Email, dry runs included (issue 20, item 13).
        throw new ProvisionError(
            `--email: "${options.email}" is not an email address (expected e.g. integration-admin@example.com)`,
            'BAD_ARGUMENT'
        );
    }
    const definition = options.email
        ? { ...input, Email: options.email }
        : input;
    const start = client.calls;
    const state = await readState(
        client,
        definition,
        definition.Username,
        options.uniqueUsername
    );
    const resolved = await resolve(client, definition, state);
    const plan = planFor(definition, resolved, options.now ?? new Date());
    if (!options.adopt) {
        refuseToTakeOver(definition, state, plan);
    }
    if (options.dryRun || plan.steps.length === 0) {
        return {
            plan,
            applied: false,
            userId: state.user?.Id,
            apiCalls: client.calls - start,
            reconciled: []
        };
    }
    const { userId, reconciled } = await applyAndReconcile(
        client,
        definition,
        resolved,
        plan,
        options
    );
    return {
        plan: { ...plan, userId },
        applied: true,
        userId,
        apiCalls: client.calls - start,
        reconciled
    };
}
