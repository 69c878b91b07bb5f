// The parser gives WHERE as a right-leaning chain with parenthesis counts on each
// condition; this rebuilds the tree (NOT binds tighter than AND, AND than OR).

import type {
    Condition,
    NegationCondition,
    ValueQueryCondition,
    WhereClause
} from '@jetstreamapp/soql-parser-js';

export type Expression =
    | { kind: 'and' | 'or'; left: Expression; right: Expression }
    | { kind: 'not'; expression: Expression }
    | { kind: 'condition'; condition: Condition | ValueQueryCondition };

type Token =
    | '('
    | ')'
    | 'AND'
    | 'OR'
    | 'NOT'
    | { condition: Condition | ValueQueryCondition };

function repeat(count: number | undefined, token: Token, out: Token[]): void {
    for (let i = 0; i < (count ?? 0); i++) {
        out.push(token);
    }
}

function tokens(where: WhereClause): Token[] {
    const out: Token[] = [];
    let node: WhereClause | undefined = where;
    while (node) {
        const operator = 'operator' in node ? node.operator : undefined;
        if (operator === 'NOT') {
            const negation = node.left as NegationCondition | null;
            repeat(negation?.openParen, '(', out);
            out.push('NOT');
        } else {
            const condition = node.left as Condition | ValueQueryCondition;
            repeat(condition.openParen, '(', out);
            out.push({ condition });
            repeat((condition as { closeParen?: number }).closeParen, ')', out);
            if (operator) {
                out.push(operator);
            }
        }
        node = 'right' in node ? node.right : undefined;
    }
    return out;
}

export function buildExpression(where: WhereClause): Expression {
    const list = tokens(where);
    let position = 0;
    const peek = (): Token | undefined => list[position];

    const primary = (): Expression => {
        const token = list[position++];
        if (token === '(') {
            const inner = or();
            position++; // ')'
            return inner;
        }
        if (typeof token === 'object') {
            return { kind: 'condition', condition: token.condition };
        }
        throw new Error(`Unexpected ${String(token)} in WHERE`);
    };
    const not = (): Expression => {
        if (peek() === 'NOT') {
            position++;
            return { kind: 'not', expression: not() };
        }
        return primary();
    };
    const and = (): Expression => {
        let left = not();
        while (peek() === 'AND') {
            position++;
            left = { kind: 'and', left, right: not() };
        }
        return left;
    };
    const or = (): Expression => {
        let left = and();
        while (peek() === 'OR') {
            position++;
            left = { kind: 'or', left, right: and() };
        }
        return left;
    };
    return or();
}
