// SOQL text to the parser's AST; syntax errors become MALFORMED_QUERY.

import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';
import { ApiError } from '../core/errors';
import { soqlError } from './errors';

export function parseSoql(soql: string): Query {
    if (soql.trim() === '') {
        throw new ApiError(
            400,
            'MALFORMED_QUERY',
            'SOQL statements cannot be empty or null'
        );
    }
    try {
        return parseQuery(soql);
    } catch (error) {
        const message = (error as Error).message;
        const found = /but found(?::| -->) ?'([^']*)'/.exec(message)?.[1];
        if (found === undefined || found === '') {
            return unexpectedEnd(soql);
        }
        throw soqlError(
            'MALFORMED_QUERY',
            soql,
            `unexpected token: '${found}'`,
            found
        );
    }
}

function unexpectedEnd(soql: string): never {
    throw soqlError(
        'MALFORMED_QUERY',
        soql,
        'unexpected token: <EOF>',
        undefined,
        true
    );
}
