import type { SObjectRecord } from '../../schema/types';
import type { Org } from '../org';

/** Per-object triggers: run inside the DML's atomic block; throwing rolls it back. */
export interface ObjectRules {
    beforeInsert?(org: Org, record: SObjectRecord): void;
    afterInsert?(org: Org, record: SObjectRecord): void;
    beforeUpdate?(org: Org, next: SObjectRecord, previous: SObjectRecord): void;
    afterUpdate?(org: Org, next: SObjectRecord, previous: SObjectRecord): void;
    beforeDelete?(org: Org, record: SObjectRecord): void;
    afterDelete?(org: Org, record: SObjectRecord): void;
}
