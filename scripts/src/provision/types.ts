// The shapes provision plans, applies and reports.

export type StepAction =
    | 'create-user'
    | 'update-user'
    | 'assign-permission-set-license'
    | 'assign-permission-set-group'
    | 'assign-permission-set'
    | 'assign-package-license'
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

export interface ProvisionOptions {
    dryRun: boolean;
    /** Take over an existing user that is not (yet) the integration user. */
    adopt?: boolean;
    uniqueUsername: boolean;
    email?: string;
    now?: Date;
}
