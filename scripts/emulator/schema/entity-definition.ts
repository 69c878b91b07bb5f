// EntityDefinition (Object Reference / Tooling API, "EntityDefinition"): one row per object,
// queryable through the data API; verify reads QualifiedApiName to tell which objects exist.
// Emulated fields: QualifiedApiName, DeveloperName (the API name less its __c suffix),
// Label, KeyPrefix, NamespacePrefix, IsCustomSetting (always false here). Not emulated:
// IsCustomizable, PluralLabel, DurableId and the rest (a query naming them answers
// INVALID_FIELD), and EntityDefinition's own SOQL restrictions (no LIMIT, OFFSET, OR, NOT).

import { bool, readOnly, systemFields } from './fields';
import { objectDef } from './standard-objects';
import type { ObjectDef } from './types';

export const ENTITY_DEFINITION = 'EntityDefinition';

export function entityDefinitionObject(): ObjectDef {
    return objectDef(
        ENTITY_DEFINITION,
        '000',
        [
            ...systemFields(false),
            readOnly('QualifiedApiName', 'string', {
                label: 'Qualified API Name'
            }),
            readOnly('DeveloperName', 'string'),
            readOnly('Label', 'string'),
            readOnly('KeyPrefix', 'string', { length: 3 }),
            readOnly('NamespacePrefix', 'string'),
            bool('IsCustomSetting', false, {
                createable: false,
                updateable: false
            })
        ],
        {
            createable: false,
            updateable: false,
            deletable: false,
            label: 'Entity Definition'
        }
    );
}

/** The EntityDefinition row of each object in the schema, as Salesforce would list it. */
export function entityDefinitionRows(
    objects: ObjectDef[]
): Array<Record<string, string | boolean | null>> {
    return objects
        .filter((object) => object.name !== ENTITY_DEFINITION)
        .map((object) => ({
            QualifiedApiName: object.name,
            DeveloperName: object.name.replace(/__c$/i, ''),
            Label: object.label,
            KeyPrefix: object.keyPrefix,
            NamespacePrefix: null,
            IsCustomSetting: false
        }));
}
