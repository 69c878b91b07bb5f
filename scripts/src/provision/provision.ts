import { unknownNameMessage, type NamedKind } from '../org/names';
import { AmbiguousWriteError, type OrgClient } from '../org/client';
import { USER_FIELDS, type UserDefinition } from './definition';
import { readState, type OrgState } from './state';

export type StepAction =
    | 'create-user'
    | 'update-user'
    | 'assign-permission-set-license'
    | 'assign-permission-set-group'
    | 'assign-permission-set'
    | 'renew-assignment';

export interface PlanStep {
    action: StepAction;
    target: string;
    detail?: string;
}

export interface ProvisionPlan {
    username: string;
    userId?: string;
    steps: PlanStep[];
}

export interface ProvisionResult {
    plan: ProvisionPlan;
    applied: boolean;
    userId?: string;
    apiCalls: number;
    /** What re-reading the org showed after a write's answer was lost (one line each time). */
    reconciled: string[];
}

export class ProvisionError extends Error {
    constructor(
        message: string,
        readonly errorCode?: string
    ) {
        super(message);
    }
}

async function notFound(
    client: OrgClient,
    kind: NamedKind,
    name: string
): Promise<ProvisionError> {
    return new ProvisionError(
        await unknownNameMessage(client, kind, name),
        'NOT_FOUND'
    );
}

interface Resolved {
    state: OrgState;
    profileId: string;
    licenseIds: Map<string, string>;
    groupIds: Map<string, string>;
    setIds: Map<string, string>;
}

async function resolve(
    client: OrgClient,
    definition: UserDefinition,
    state: OrgState
): Promise<Resolved> {
    if (!state.profile) {
        throw await notFound(client, 'profile', definition.profileName);
    }
    const profileLicense = state.profile.UserLicense?.Name;
    if (profileLicense !== definition.license) {
        throw new ProvisionError(
            `Profile "${state.profile.Name}" is on the ${profileLicense ?? 'unknown'} licence, but the definition asks for ${definition.license}. ` +
                'Pick a profile on that licence (Salesforce Integration: "Minimum Access - API Only Integrations"; ' +
                'Salesforce Platform: "Minimum Access - Salesforce").',
            'FIELD_INTEGRITY_EXCEPTION'
        );
    }
    if (!state.license) {
        throw await notFound(client, 'userLicense', definition.license);
    }
    const idsOf = async <T extends { Id: string }>(
        kind: NamedKind,
        wanted: string[],
        rows: T[],
        key: (row: T) => string
    ): Promise<Map<string, string>> => {
        const found = new Map(rows.map((row) => [key(row), row.Id]));
        for (const name of wanted) {
            if (!found.has(name)) {
                throw await notFound(client, kind, name);
            }
        }
        return found;
    };
    const licenseIds = await idsOf(
        'permissionSetLicense',
        definition.permissionSetLicenses,
        state.permissionSetLicenses,
        (row) => row.DeveloperName
    );
    const groupIds = await idsOf(
        'permissionSetGroup',
        definition.permissionSetGroups,
        state.groups,
        (row) => row.DeveloperName
    );
    const setIds = await idsOf(
        'permissionSet',
        definition.permsets,
        state.permissionSets,
        (row) => row.Name
    );
    return {
        state,
        profileId: state.profile.Id,
        licenseIds,
        groupIds,
        setIds
    };
}

function wantedUserFields(
    definition: UserDefinition,
    username: string,
    profileId: string
): Record<string, unknown> {
    const fields: Record<string, unknown> = {
        ProfileId: profileId,
        IsActive: true
    };
    for (const field of USER_FIELDS) {
        fields[field] = field === 'Username' ? username : definition[field];
    }
    return fields;
}

function planFor(
    definition: UserDefinition,
    resolved: Resolved,
    now: Date
): ProvisionPlan {
    const { state } = resolved;
    const steps: PlanStep[] = [];
    const wanted = wantedUserFields(
        definition,
        state.username,
        resolved.profileId
    );
    if (!state.user) {
        const license = state.license;
        if (license && license.UsedLicenses >= license.TotalLicenses) {
            throw new ProvisionError(
                `No free ${license.Name} licence: ${license.UsedLicenses} of ${license.TotalLicenses} in use. ` +
                    'Free one (deactivate a user) or buy more before creating the integration user.',
                'LICENSE_LIMIT_EXCEEDED'
            );
        }
        steps.push({
            action: 'create-user',
            target: state.username,
            detail: `${definition.profileName} (${definition.license})`
        });
    } else {
        const changed = Object.entries(wanted)
            .filter(
                ([field, value]) =>
                    (state.user?.[field] ?? null) !== (value ?? null)
            )
            .map(([field]) => field);
        if (changed.length > 0) {
            steps.push({
                action: 'update-user',
                target: state.username,
                detail: changed.join(', ')
            });
        }
    }
    const held = new Set(
        state.licenseAssignments.map((row) => row.PermissionSetLicenseId)
    );
    for (const name of definition.permissionSetLicenses) {
        const id = resolved.licenseIds.get(name) ?? '';
        if (!held.has(id)) {
            const psl = state.permissionSetLicenses.find(
                (row) => row.Id === id
            );
            if (psl && psl.UsedLicenses >= psl.TotalLicenses) {
                throw new ProvisionError(
                    `No free ${psl.MasterLabel} permission set licence: ${psl.UsedLicenses} of ${psl.TotalLicenses} in use.`,
                    'LICENSE_LIMIT_EXCEEDED'
                );
            }
            steps.push({
                action: 'assign-permission-set-license',
                target: name
            });
        }
    }
    const assignmentStep = (
        kind: 'group' | 'set',
        name: string,
        id: string
    ): void => {
        const existing = state.assignments.find(
            (row) =>
                (kind === 'group'
                    ? row.PermissionSetGroupId
                    : row.PermissionSetId) === id
        );
        if (!existing) {
            steps.push({
                action:
                    kind === 'group'
                        ? 'assign-permission-set-group'
                        : 'assign-permission-set',
                target: name
            });
        } else if (
            existing.ExpirationDate &&
            new Date(existing.ExpirationDate).getTime() <= now.getTime()
        ) {
            steps.push({
                action: 'renew-assignment',
                target: name,
                detail: `expired ${existing.ExpirationDate}; clear ExpirationDate`
            });
        }
    };
    definition.permissionSetGroups.forEach((name) =>
        assignmentStep('group', name, resolved.groupIds.get(name) ?? '')
    );
    definition.permsets.forEach((name) =>
        assignmentStep('set', name, resolved.setIds.get(name) ?? '')
    );
    return { username: state.username, userId: state.user?.Id, steps };
}

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
async function apply(
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

function explain(
    code: string,
    message: string,
    step: PlanStep | undefined,
    username: string
): string {
    const what = step ? `${step.action} ${step.target}` : 'provision';
    switch (code) {
        case 'DUPLICATE_USERNAME':
            return `${what}: the username ${username} is already taken, maybe in another org (usernames are unique across all Salesforce orgs). Choose another Username in the definition, or pass --unique-username. Nothing was written.`;
        case 'LICENSE_LIMIT_EXCEEDED':
            return `${what}: no free licence (${message}). Nothing was written.`;
        case 'FIELD_INTEGRITY_EXCEPTION':
            return `${what}: ${message} (a permission set's licence must match the user's). Nothing was written.`;
        default:
            return `${what}: ${code}: ${message}. Nothing was written.`;
    }
}

export interface ProvisionOptions {
    dryRun: boolean;
    /** Take over an existing user that is not (yet) the integration user. */
    adopt?: boolean;
    uniqueUsername: boolean;
    email?: string;
    now?: Date;
}

/**
 * Creates or updates the integration user and its access: 1 API call to read (and plan), 1 to
 * apply every step at once; a run with nothing to change writes nothing.
 */
export async function provision(
    client: OrgClient,
    input: UserDefinition,
    options: ProvisionOptions
): Promise<ProvisionResult> {
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

/**
 * provision never takes over a person: a user with the definition's username that is neither on
 * the definition's profile nor on its licence is somebody else's account (an admin, a human
 * tester). It stops, says who it is and what would change; `--adopt` is the explicit way through.
 */
function refuseToTakeOver(
    definition: UserDefinition,
    state: OrgState,
    plan: ProvisionPlan
): void {
    const user = state.user;
    if (!user) {
        return;
    }
    const profile = user.Profile?.Name;
    const licence = user.Profile?.UserLicense?.Name;
    if (profile === definition.profileName || licence === definition.license) {
        return;
    }
    const changes =
        plan.steps.length === 0
            ? 'nothing'
            : plan.steps
                  .map((step) =>
                      step.detail
                          ? `${step.action} ${step.target} (${step.detail})`
                          : `${step.action} ${step.target}`
                  )
                  .join('; ');
    throw new ProvisionError(
        `User ${user.Username} already exists and is not the integration user: ${user.Name} <${user.Email}>, ` +
            `profile "${profile ?? 'unknown'}" on the ${licence ?? 'unknown'} licence, ${user.IsActive ? 'active' : 'inactive'}, ` +
            `last login ${user.LastLoginDate ?? 'never'}. Provision would change: ${changes}. ` +
            "It stops rather than take over a person's account: choose another Username in the definition " +
            '(or --unique-username), or pass --adopt to take this user over. Nothing was written.',
        'NOT_INTEGRATION_USER'
    );
}

const stepKey = (step: PlanStep): string => `${step.action} ${step.target}`;

/** How many times provision re-reads and re-applies after lost answers before it gives up. */
const MAX_RECONCILE = 3;

/**
 * Applies the plan; when the write's answer is lost (the request was sent, then the connection
 * dropped or a 503 came back), re-reads the org and plans again from what is really there: steps
 * that landed are not sent twice, and the report says what the re-read found. The composite is
 * allOrNone, so each attempt lands whole or not at all.
 */
async function applyAndReconcile(
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
            const line =
                `The answer to the write was lost (${error.reason}); re-reading the org showed ` +
                (landed.length === plan.steps.length
                    ? `all ${landed.length} step(s) applied.`
                    : landed.length === 0
                      ? 'nothing applied, so the plan was sent again.'
                      : `${landed.map(stepKey).join(', ')} applied; the rest was sent again.`);
            reconciled.push(line);
            if (remaining.steps.length === 0) {
                return { userId: state.user?.Id ?? '', reconciled };
            }
            if (attempt >= MAX_RECONCILE) {
                throw new ProvisionError(
                    `${reconciled.join(' ')} Gave up after ${attempt} lost answers; still to do: ` +
                        `${remaining.steps.map(stepKey).join(', ')}. Re-run provision: it starts from what is there.`,
                    'AMBIGUOUS_WRITE'
                );
            }
            plan = remaining;
        }
    }
}
