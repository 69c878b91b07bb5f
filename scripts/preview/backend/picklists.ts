import type { Option } from './dtos';

/**
 * The standard Case picklists of a new org, as the preview's "org" has them. Status order is the
 * picklist order; which statuses are closed comes from CaseStatus (IsClosed).
 */
export interface StatusValue extends Option {
    isClosed: boolean;
}

export const CASE_STATUSES: readonly StatusValue[] = [
    { label: 'New', value: 'New', isClosed: false },
    { label: 'Working', value: 'Working', isClosed: false },
    { label: 'Escalated', value: 'Escalated', isClosed: false },
    { label: 'Closed', value: 'Closed', isClosed: true }
];

export const CASE_PRIORITIES: readonly Option[] = [
    { label: 'High', value: 'High' },
    { label: 'Medium', value: 'Medium' },
    { label: 'Low', value: 'Low' }
];

export const CASE_TYPES: readonly Option[] = [
    { label: 'Mechanical', value: 'Mechanical' },
    { label: 'Electrical', value: 'Electrical' },
    { label: 'Electronic', value: 'Electronic' },
    { label: 'Structural', value: 'Structural' },
    { label: 'Other', value: 'Other' }
];

/** Field labels as Case's describe gives them (used in refusal messages). */
export const FIELD_LABELS = { Type: 'Type', Priority: 'Priority' };

export function statusOf(value: string): StatusValue | undefined {
    return CASE_STATUSES.find((status) => status.value === value);
}

export function labelOf(
    options: readonly Option[],
    value: string | null | undefined
): string | null {
    if (value === null || value === undefined) {
        return null;
    }
    return options.find((option) => option.value === value)?.label ?? value;
}
