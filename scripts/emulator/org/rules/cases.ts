// Case: an auto-number, and ClosedDate following the status's IsClosed.

import { formatDateTime } from '../../core/dates';
import type { SObjectRecord } from '../../schema/types';
import { closedStatuses } from '../derived';
import type { Org } from '../org';
import type { ObjectRules } from './types';

function stampClosed(org: Org, record: SObjectRecord): void {
    const closed = closedStatuses(org).has(String(record.Status));
    if (closed && record.ClosedDate === null) {
        record.ClosedDate = formatDateTime(org.now());
    } else if (!closed) {
        record.ClosedDate = null;
    }
}

export const caseRules: ObjectRules = {
    beforeInsert(org, record) {
        record.CaseNumber = org.takeCaseNumber();
        stampClosed(org, record);
    },
    beforeUpdate: (org, next) => stampClosed(org, next)
};
