// What describe says a field can do in SOQL (filterable, sortable, groupable, aggregatable):
// one function, used by describe (schema/describe.ts) and by the SOQL checks (soql/rules.ts), so
// a query is refused exactly where the emulator's own describe says it would be.
//
// Sources: SOQL and SOSL Reference, "Understanding Relationship Query Limitations" ("You can't
// filter against the content of textarea fields"); "Considerations for GROUP BY" (groupable per
// field type, as describe reports it); Object Reference field properties (long text areas are
// listed without Filter, Group or Sort; date/time and double fields without Group). A field whose
// Object Reference entry lists its properties (FieldDef.filterable / sortable / groupable, set by
// schema/documented-fields.ts) answers those instead.

import type { FieldDef } from './types';

export interface FieldCapabilities {
    filterable: boolean;
    sortable: boolean;
    groupable: boolean;
    aggregatable: boolean;
}

export function fieldCapabilities(definition: FieldDef): FieldCapabilities {
    const longText = definition.type === 'textarea';
    return {
        filterable: definition.filterable ?? !longText,
        sortable: definition.sortable ?? !longText,
        groupable:
            definition.groupable ??
            !['textarea', 'double', 'datetime'].includes(definition.type),
        aggregatable: !longText
    };
}
