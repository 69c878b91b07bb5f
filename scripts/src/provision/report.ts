import { renderTable } from '../lib/table';
import type { ProvisionResult } from './provision';

/** The provision plan and outcome as people read them (the command's human output). */
export function formatProvisionResult(
    result: ProvisionResult,
    dryRun: boolean
): string {
    const { plan } = result;
    let text = `Provision ${plan.username}${dryRun ? ' (dry run: nothing is written)' : ''}\n`;
    if (plan.steps.length === 0) {
        text += 'Nothing to do: the user and its access are as defined.\n';
    } else {
        text += `${renderTable(
            ['#', 'action', 'target', 'detail'],
            plan.steps.map((step, index) => [
                String(index + 1),
                step.action,
                step.target,
                step.detail ?? ''
            ])
        )}\n`;
        for (const line of result.reconciled) {
            text += `${line}\n`;
        }
        if (result.applied) {
            text += `Applied ${plan.steps.length} step(s); user id ${result.userId}.\n`;
        }
    }
    text += `${result.apiCalls} API call(s).\n`;
    return text;
}
