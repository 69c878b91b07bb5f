import { AmbiguousWriteError, type OrgClient } from '../org/client';
import type { UserDefinition } from './definition';
import { explain, gaveUp, reconciledLine, stepKey } from './messages';
import { planFor, resolve, wantedUserFields, type Resolved } from './plan';
import { readState } from './state';
import {
    ProvisionError,
    type ProvisionOptions,
    type ProvisionPlan
} from './types';

// Writing the plan: one allOrNone composite, and reconciliation when its answer is lost.

/** Each assignment step: the record it creates, the field naming its target, where the id is. */
const ASSIGNMENT_TARGETS = {
    'assign-permission-set-license': [
        'PermissionSetLicenseAssign',
        'PermissionSetLicenseId',
        'licenseIds'
    ],
    'assign-permission-set-group': [
        'PermissionSetAssignment',
        'PermissionSetGroupId',
        'groupIds'
    ],
    'assign-permission-set': [
        'PermissionSetAssignment',
        'PermissionSetId',
        'setIds'
    ]
} as const;

interface CompositeBody {
    compositeResponse: {
        body: unknown;
        httpStatusCode: number;
        referenceId: string;
    }[];
}

/** Applies the plan in one Composite API call with allOrNone: every step lands, or none does. */
export async function apply(
    client: OrgClient,
    definition: UserDefinition,
    resolved: Resolved,
    plan: ProvisionPlan
): Promise<string> {
    const { state } = resolved;
    const assignee = state.user ? state.user.Id : '@{newUser.id}';
    const subrequests: {
        method: string;
        url: string;
        referenceId: string;
        body?: unknown;
    }[] = [];
    const sobjects = `${client.base}/sobjects`;
    const wanted = wantedUserFields(
        definition,
        state.username,
        resolved.profileId
    );
    plan.steps.forEach((step, index) => {
        const ref = `step${index}`;
        switch (step.action) {
            case 'create-user':
                subrequests.push({
                    method: 'POST',
                    url: `${sobjects}/User`,
                    referenceId: 'newUser',
                    body: wanted
                });
                break;
            case 'update-user': {
                const changed = Object.fromEntries(
                    Object.entries(wanted).filter(
                        ([field, value]) =>
                            (state.user?.[field] ?? null) !== (value ?? null)
                    )
                );
                subrequests.push({
                    method: 'PATCH',
                    url: `${sobjects}/User/${state.user?.Id}`,
                    referenceId: ref,
                    body: changed
                });
                break;
            }
            case 'assign-permission-set-license':
            case 'assign-permission-set-group':
            case 'assign-permission-set': {
                const [sobject, field, ids] = ASSIGNMENT_TARGETS[step.action];
                subrequests.push({
                    method: 'POST',
                    url: `${sobjects}/${sobject}`,
                    referenceId: ref,
                    body: {
                        AssigneeId: assignee,
                        [field]: resolved[ids].get(step.target)
                    }
                });
                break;
            }
            case 'assign-package-license':
                subrequests.push({
                    method: 'POST',
                    url: `${sobjects}/UserPackageLicense`,
                    referenceId: ref,
                    body: {
                        UserId: assignee,
                        PackageLicenseId: resolved.packageIds.get(step.target)
                    }
                });
                break;
            case 'renew-assignment': {
                const id =
                    resolved.groupIds.get(step.target) ??
                    resolved.setIds.get(step.target);
                const existing = state.assignments.find(
                    (row) =>
                        row.PermissionSetGroupId === id ||
                        row.PermissionSetId === id
                );
                subrequests.push({
                    method: 'PATCH',
                    url: `${sobjects}/PermissionSetAssignment/${existing?.Id}`,
                    referenceId: ref,
                    body: { ExpirationDate: null }
                });
                break;
            }
        }
    });
    const response = await client.request<CompositeBody>(
        'POST',
        `${client.base}/composite`,
        {
            allOrNone: true,
            compositeRequest: subrequests
        }
    );
    const failure = response.compositeResponse.find((sub) => {
        const body = sub.body as { errorCode?: string }[] | undefined;
        return (
            sub.httpStatusCode >= 300 &&
            Array.isArray(body) &&
            body[0]?.errorCode !== 'PROCESSING_HALTED'
        );
    });
    if (failure) {
        const [error] = failure.body as {
            errorCode: string;
            message: string;
        }[];
        const index = Number(failure.referenceId.replace('step', ''));
        const step =
            failure.referenceId === 'newUser'
                ? plan.steps[0]
                : plan.steps[index];
        throw new ProvisionError(
            explain(
                error?.errorCode ?? 'UNKNOWN',
                error?.message ?? '',
                step,
                state.username
            ),
            error?.errorCode
        );
    }
    const created = response.compositeResponse.find(
        (sub) => sub.referenceId === 'newUser'
    )?.body as { id?: string } | undefined;
    return state.user?.Id ?? created?.id ?? '';
}

/** How many times provision re-reads and re-applies after lost answers before it gives up. */
const MAX_RECONCILE = 3;

/**
 * Applies the plan; when the write's answer is lost (the request was sent, then the connection
 * dropped or a 503 came back), re-reads the org and plans again from what is really there: steps
 * that landed are not sent twice, and the report says what the re-read found. The composite is
 * allOrNone, so each attempt lands whole or not at all.
 */
export async function applyAndReconcile(
    client: OrgClient,
    definition: UserDefinition,
    first: Resolved,
    firstPlan: ProvisionPlan,
    options: ProvisionOptions
): Promise<{ userId: string; reconciled: string[] }> {
    const reconciled: string[] = [];
    let resolved = first;
    let plan = firstPlan;
    for (let attempt = 1; ; attempt++) {
        try {
            const userId = await apply(client, definition, resolved, plan);
            return { userId, reconciled };
        } catch (error) {
            if (!(error instanceof AmbiguousWriteError)) {
                throw error;
            }
            const state = await readState(
                client,
                definition,
                resolved.state.username,
                false
            );
            resolved = await resolve(client, definition, state);
            const remaining = planFor(
                definition,
                resolved,
                options.now ?? new Date()
            );
            const left = new Set(remaining.steps.map(stepKey));
            const landed = plan.steps.filter(
                (step) => !left.has(stepKey(step))
            );
            const line = reconciledLine(error.reason, plan.steps, landed);
            reconciled.push(line);
            if (remaining.steps.length === 0) {
                return { userId: state.user?.Id ?? '', reconciled };
            }
            if (attempt >= MAX_RECONCILE) {
                throw new ProvisionError(
                    gaveUp(reconciled, attempt, remaining.steps),
                    'AMBIGUOUS_WRITE'
                );
            }
            plan = remaining;
        }
    }
}
