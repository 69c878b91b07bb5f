// SOQL rules Salesforce documents beyond syntax (issue #24): what describe says a field can do
// (filterable, sortable, groupable, aggregatable), the aggregate rules, locking, logical
// operators, string literal length, semi-join restrictions and relationship depth. Each rule
// names its source; FIDELITY.md says which messages are Salesforce's and which the emulator's.

import type {
    Condition,
    FieldType as AstField,
    NegationCondition,
    Query,
    Subquery,
    ValueQueryCondition,
    WhereClause
} from '@jetstreamapp/soql-parser-js';
import { fieldCapabilities } from '../schema/capabilities';
import type { ObjectDef } from '../schema/types';
import type { CompiledQuery, QueryContext } from './compile';
import { resolvePath } from './compile';
import { soqlError } from './errors';
import { unquote } from './literals';
import { buildExpression, type Expression } from './where';

/** SOQL and SOSL Reference, "WHERE": "Strings in WHERE clauses can't exceed 4,000 characters." */
const MAX_STRING = 4000;
/** "Understanding Relationship Query Limitations": five levels child-to-parent. */
const MAX_PARENT_STEPS = 5;
/** Same page: semi-joins and anti-joins, "no more than two IN or NOT IN statements". */
const MAX_SEMI_JOINS = 2;

type AnyQuery = Query | Subquery;

function asList<T>(value: T | T[] | undefined): T[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A field condition of WHERE (value, list or semi-join). */
type FieldCondition =
    | (ValueQueryCondition & { value?: undefined; literalType?: undefined })
    | {
          field: string;
          value?: string | string[];
          literalType?: string | string[];
      };

/** The field conditions of a WHERE chain, in order. */
function conditions(where: WhereClause | undefined): FieldCondition[] {
    const out: FieldCondition[] = [];
    let node: WhereClause | undefined = where;
    while (node) {
        const left = node.left as
            Condition | ValueQueryCondition | NegationCondition | null;
        if (left && 'field' in left) {
            out.push(left as FieldCondition);
        }
        node = 'right' in node ? node.right : undefined;
    }
    return out;
}

/**
 * SOQL and SOSL Reference, "Logical Operators": "Parentheses are required whenever you mix the
 * operators" (AND and OR). The parser accepts `a AND b OR c`; Salesforce does not.
 */
function checkMixedOperators(soql: string, where: WhereClause): void {
    // One set of operators per parenthesis depth; a second kind at the same depth is refused.
    const stack: Array<Set<string>> = [new Set()];
    let node: WhereClause | undefined = where;
    while (node) {
        const operator = 'operator' in node ? node.operator : undefined;
        const left = node.left as
            (Condition & { closeParen?: number }) | NegationCondition | null;
        for (let i = 0; i < (left?.openParen ?? 0); i++) {
            stack.push(new Set());
        }
        for (
            let i = 0;
            i < ((left as { closeParen?: number } | null)?.closeParen ?? 0);
            i++
        ) {
            stack.pop();
        }
        if (operator === 'AND' || operator === 'OR') {
            const level = stack[stack.length - 1] ?? new Set<string>();
            level.add(operator);
            if (level.size > 1) {
                throw soqlError(
                    'MALFORMED_QUERY',
                    soql,
                    `unexpected token: '${operator}' (AND and OR mixed without parentheses)`,
                    operator
                );
            }
        }
        node = 'right' in node ? node.right : undefined;
    }
}

function checkStringLength(soql: string, where: WhereClause): void {
    for (const condition of conditions(where)) {
        if ('valueQuery' in condition) {
            continue;
        }
        const types = asList(condition.literalType);
        asList(condition.value).forEach((raw, index) => {
            const type = types[index] ?? types[0];
            if (
                type === 'STRING' &&
                typeof raw === 'string' &&
                unquote(raw).length > MAX_STRING
            ) {
                throw soqlError(
                    'MALFORMED_QUERY',
                    soql,
                    `String literals in WHERE can't exceed ${MAX_STRING.toLocaleString('en-US')} characters`,
                    condition.field
                );
            }
        });
    }
}

function isSemiJoin(expression: Expression): boolean {
    return (
        expression.kind === 'condition' && 'valueQuery' in expression.condition
    );
}

/**
 * SOQL and SOSL Reference, "Comparison Operators", semi-joins and anti-joins: at most two per
 * WHERE; not under NOT; not nested in another semi-join; only at the top level of WHERE (the
 * messages for OR and for nested expressions are the ones public projects quote from orgs:
 * "Semi join sub-selects are not allowed with the 'OR' operator", "... only allowed at the top
 * level WHERE expressions and not in nested WHERE expressions.").
 */
function checkSemiJoins(
    soql: string,
    where: WhereClause,
    insideSemiJoin: boolean
): void {
    const semiJoins = conditions(where).filter(
        (condition): condition is ValueQueryCondition =>
            'valueQuery' in condition && condition.valueQuery !== undefined
    );
    if (semiJoins.length === 0) {
        return;
    }
    const first = semiJoins[0]?.valueQuery.sObject;
    if (insideSemiJoin) {
        throw soqlError(
            'MALFORMED_QUERY',
            soql,
            'Nesting of semi join sub-selects is not supported',
            first
        );
    }
    if (semiJoins.length > MAX_SEMI_JOINS) {
        throw soqlError(
            'MALFORMED_QUERY',
            soql,
            `No more than ${MAX_SEMI_JOINS} semi join or anti join sub-selects are allowed in a WHERE clause`,
            semiJoins[MAX_SEMI_JOINS]?.valueQuery.sObject
        );
    }
    const walk = (node: Expression, path: Array<Expression['kind']>): void => {
        if (isSemiJoin(node)) {
            if (path.includes('not')) {
                throw soqlError(
                    'MALFORMED_QUERY',
                    soql,
                    'The NOT operator cannot be used with semi join or anti join sub-selects; use IN or NOT IN',
                    'NOT'
                );
            }
            const firstOr = path.indexOf('or');
            if (firstOr === 0 && path.every((kind) => kind === 'or')) {
                throw soqlError(
                    'MALFORMED_QUERY',
                    soql,
                    "Semi join sub-selects are not allowed with the 'OR' operator",
                    'OR'
                );
            }
            if (firstOr >= 0) {
                throw soqlError(
                    'MALFORMED_QUERY',
                    soql,
                    'Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.',
                    'OR'
                );
            }
            return;
        }
        if (node.kind === 'and' || node.kind === 'or') {
            walk(node.left, [...path, node.kind]);
            walk(node.right, [...path, node.kind]);
        } else if (node.kind === 'not') {
            walk(node.expression, [...path, 'not']);
        }
    };
    walk(buildExpression(where), []);
    for (const semiJoin of semiJoins) {
        if (semiJoin.valueQuery.where) {
            checkSemiJoins(soql, semiJoin.valueQuery.where, true);
        }
    }
}

/** Checks that need only the parsed query: run before it is compiled. */
export function checkSyntaxRules(context: QueryContext, query: AnyQuery): void {
    const { soql } = context;
    const orderBy = asList(query.orderBy);
    if ('for' in query && query.for === 'UPDATE' && orderBy.length > 0) {
        // SOQL and SOSL Reference, "FOR UPDATE": "You can't use the ORDER BY clause in any
        // SOQL query that uses locking."
        throw soqlError(
            'MALFORMED_QUERY',
            soql,
            'ORDER BY cannot be used in a query that uses locking (FOR UPDATE)',
            'UPDATE'
        );
    }
    if (query.where) {
        checkMixedOperators(soql, query.where);
        checkStringLength(soql, query.where);
        checkSemiJoins(soql, query.where, false);
    }
    for (const field of query.fields ?? []) {
        if (field.type === 'FieldSubquery') {
            checkSyntaxRules(context, field.subquery);
        }
    }
}

function isCountOnly(field: AstField): boolean {
    return (
        field.type === 'FieldFunctionExpression' &&
        field.functionName.toUpperCase() === 'COUNT' &&
        field.parameters.length === 0
    );
}

/** How many child-subquery levels the API version allows under the root. */
function childLevels(apiVersion: string | undefined): number {
    // "Understanding Relationship Query Limitations": API 57.0 and earlier, two levels of
    // parent-to-child relationship (the root and one subquery level); 58.0 and later, five
    // (the root and four levels of subqueries) through REST and SOAP.
    const version = Number(apiVersion ?? 'NaN');
    return Number.isFinite(version) && version < 58 ? 1 : 4;
}

function checkFields(
    context: QueryContext,
    object: ObjectDef,
    query: AnyQuery,
    compiled: CompiledQuery,
    depth: number
): void {
    const { soql } = context;
    const alias = query.sObjectAlias;
    const paths = [
        ...compiled.columns.flatMap((column) =>
            column.kind === 'field' ||
            (column.kind === 'aggregate' && column.path)
                ? [column.path]
                : []
        ),
        ...compiled.sort.map((key) => key.path),
        ...compiled.groupBy
    ];
    for (const path of paths) {
        if (path && path.steps.length > MAX_PARENT_STEPS) {
            throw soqlError(
                'MALFORMED_QUERY',
                soql,
                `A relationship path can have no more than ${MAX_PARENT_STEPS} levels: ${path.text}`,
                path.text
            );
        }
    }
    // Describe's flags (schema/capabilities.ts). Messages as orgs word them (quoted by public
    // projects): "field 'X' can not be filtered|sorted|grouped in a query call".
    for (const condition of conditions(query.where)) {
        const path = resolvePath(context, object, condition.field, alias);
        if (path.steps.length > MAX_PARENT_STEPS) {
            throw soqlError(
                'MALFORMED_QUERY',
                soql,
                `A relationship path can have no more than ${MAX_PARENT_STEPS} levels: ${path.text}`,
                path.text
            );
        }
        if (
            'valueQuery' in condition &&
            condition.valueQuery &&
            !['id', 'reference'].includes(path.field.type)
        ) {
            // "Comparison Operators", semi-joins: "The left operand must query a single ID
            // (primary key) or reference (foreign key) field". Message the emulator's.
            throw soqlError(
                'MALFORMED_QUERY',
                soql,
                `The left operand of a semi join or anti join must be an Id or reference field: ${condition.field}`,
                condition.field
            );
        }
        if (!fieldCapabilities(path.field).filterable) {
            throw soqlError(
                'INVALID_FIELD',
                soql,
                `field '${path.field.name}' can not be filtered in a query call`,
                condition.field
            );
        }
    }
    for (const key of compiled.sort) {
        if (!fieldCapabilities(key.path.field).sortable) {
            throw soqlError(
                'INVALID_FIELD',
                soql,
                `field '${key.path.field.name}' can not be sorted in a query call`,
                key.path.text
            );
        }
    }
    for (const path of compiled.groupBy) {
        if (!fieldCapabilities(path.field).groupable) {
            throw soqlError(
                'MALFORMED_QUERY',
                soql,
                `field '${path.field.name}' can not be grouped in a query call`,
                path.text
            );
        }
    }
    for (const column of compiled.columns) {
        if (
            column.kind === 'aggregate' &&
            column.path &&
            !fieldCapabilities(column.path.field).aggregatable
        ) {
            throw soqlError(
                'INVALID_FIELD',
                soql,
                `field ${column.path.field.name} does not support aggregate operator ${column.fn}`,
                column.path.text
            );
        }
    }
    checkAggregates(context, query, compiled);
    const subqueries = (query.fields ?? []).flatMap((field) =>
        field.type === 'FieldSubquery' ? [field.subquery] : []
    );
    const compiledSubqueries = compiled.columns.flatMap((column) =>
        column.kind === 'subquery' ? [column.query] : []
    );
    subqueries.forEach((subquery, index) => {
        if (depth + 1 > childLevels(context.apiVersion)) {
            throw soqlError(
                'MALFORMED_QUERY',
                soql,
                `Parent-to-child subqueries can be nested at most ${childLevels(context.apiVersion)} level(s) deep in API version ${context.apiVersion ?? 'this'}`,
                subquery.relationshipName
            );
        }
        const child = compiledSubqueries[index];
        if (child) {
            checkFields(context, child.object, subquery, child, depth + 1);
        }
    });
}

function checkAggregates(
    context: QueryContext,
    query: AnyQuery,
    compiled: CompiledQuery
): void {
    const { soql } = context;
    const countOnly = (query.fields ?? []).some(isCountOnly);
    if (countOnly && compiled.groupBy.length > 0) {
        // SOQL and SOSL Reference, "COUNT() and COUNT(fieldName)": "You can't use COUNT()
        // with a GROUP BY clause for API version 19.0 and later."
        throw soqlError(
            'MALFORMED_QUERY',
            soql,
            'COUNT() cannot be used with GROUP BY; use COUNT(fieldName)',
            'GROUP'
        );
    }
    if (countOnly && compiled.sort.length > 0) {
        // Same page: "You can't use COUNT() with an ORDER BY clause."
        throw soqlError(
            'MALFORMED_QUERY',
            soql,
            'COUNT() cannot be used with ORDER BY; use COUNT(fieldName)',
            'ORDER'
        );
    }
    const functions = compiled.columns.filter(
        (column) => column.kind === 'aggregate'
    );
    if (functions.length === 0 && compiled.groupBy.length === 0) {
        return;
    }
    // "GROUP BY": "If the list of fields in a SELECT clause includes an aggregate function, you
    // must include all non-aggregated fields in the GROUP BY clause."
    const grouped = new Set(
        compiled.groupBy.map((path) => path.text.toLowerCase())
    );
    for (const column of compiled.columns) {
        if (
            column.kind === 'field' &&
            !grouped.has(column.path.text.toLowerCase())
        ) {
            throw soqlError(
                'MALFORMED_QUERY',
                soql,
                `Field must be grouped or aggregated: ${column.path.text}`,
                column.path.text
            );
        }
    }
    if (
        functions.length > 0 &&
        compiled.groupBy.length === 0 &&
        compiled.limit !== undefined
    ) {
        // "Considerations for GROUP BY": "You must use a GROUP BY clause if your query has a
        // LIMIT clause and an aggregated function."
        throw soqlError(
            'MALFORMED_QUERY',
            soql,
            'A query with an aggregate function and LIMIT must use GROUP BY',
            'LIMIT'
        );
    }
}

/** Checks against the schema and describe's flags: run on the compiled query. */
export function checkFieldRules(
    context: QueryContext,
    query: Query,
    compiled: CompiledQuery
): void {
    checkFields(context, compiled.object, query, compiled, 0);
}
