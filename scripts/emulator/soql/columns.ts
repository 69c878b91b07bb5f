// The REST API's column metadata for a query (GET /query?q=...&columns=true): the
// columns a query selects, parent fields nested under their relationship; the sf CLI's
// `data query` asks for it to lay out its table.

import type { JsonValue } from '../core/http';
import type { FieldDef } from '../schema/types';
import type { Column, CompiledQuery } from './compile';

type JsonObject = { [key: string]: JsonValue };

const APEX_TYPES: Record<string, string> = {
    id: 'Id',
    reference: 'Id',
    boolean: 'Boolean',
    int: 'Integer',
    double: 'Double',
    date: 'Date',
    datetime: 'Datetime'
};

function leaf(field: FieldDef, displayName: string): JsonObject {
    return {
        aggregate: false,
        apexType: APEX_TYPES[field.type] ?? 'String',
        booleanType: field.type === 'boolean',
        columnName: field.name,
        custom: field.custom,
        displayName,
        foreignKeyName: null,
        insertable: field.createable,
        joinColumns: [],
        numberType: field.type === 'int' || field.type === 'double',
        textType: !['boolean', 'int', 'double', 'date', 'datetime'].includes(
            field.type
        ),
        updatable: field.updateable
    };
}

function relationshipNode(name: string, displayName: string): JsonObject {
    return {
        aggregate: false,
        apexType: null,
        booleanType: false,
        columnName: name,
        custom: name.endsWith('__r'),
        displayName,
        foreignKeyName: null,
        insertable: false,
        joinColumns: [],
        numberType: false,
        textType: false,
        updatable: false
    };
}

function addColumn(list: JsonObject[], column: Column): void {
    switch (column.kind) {
        case 'field': {
            let container = list;
            const names: string[] = [];
            for (const step of column.path.steps) {
                const name = step.relationshipName ?? step.name;
                names.push(name);
                let node = container.find(
                    (item) => item.columnName === name && item.apexType === null
                );
                if (!node) {
                    node = relationshipNode(name, names.join('.'));
                    container.push(node);
                }
                container = node.joinColumns as JsonObject[];
            }
            container.push(
                leaf(
                    column.path.field,
                    [...names, column.path.field.name].join('.')
                )
            );
            break;
        }
        case 'virtual':
            list.push({
                ...relationshipNode(column.field.name, column.field.name),
                apexType: 'Object'
            });
            break;
        case 'subquery': {
            const children: JsonObject[] = [];
            for (const child of column.query.columns) {
                addColumn(children, child);
            }
            list.push({
                ...relationshipNode(
                    column.relationship.relationshipName,
                    column.relationship.relationshipName
                ),
                aggregate: true,
                joinColumns: children
            });
            break;
        }
        default: {
            const argument = column.path?.text ?? '';
            list.push({
                ...relationshipNode(column.alias, `${column.fn}(${argument})`),
                aggregate: true,
                apexType: column.fn.startsWith('COUNT') ? 'Integer' : 'Double'
            });
        }
    }
}

export function columnMetadata(query: CompiledQuery): JsonObject {
    const columns: JsonObject[] = [];
    for (const column of query.columns) {
        addColumn(columns, column);
    }
    return {
        columnMetadata: columns,
        entityName: query.object.name,
        groupBy: query.groupBy.length > 0,
        idSelected: query.columns.some(
            (column) =>
                column.kind === 'field' &&
                column.path.steps.length === 0 &&
                column.path.field.name === 'Id'
        ),
        keyPrefix: null
    };
}
