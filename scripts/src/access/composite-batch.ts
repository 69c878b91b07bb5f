import type {
    CompositeSubrequest,
    OrgClient,
    QueryResult
} from '../org/client';
import { COMPOSITE_QUERY_SIZE, COMPOSITE_SIZE } from '../org/client';

/**
 * Composite API batching for verify's reads: at most 5 query subrequests and 25 in all a call
 * (REST API Developer Guide, "Composite"; OrgClient enforces both), each answer kept by its
 * referenceId, every query result paged to the end, child subqueries included.
 */

export class AccessQueryError extends Error {
    constructor(
        message: string,
        readonly errorCode: string
    ) {
        super(message);
    }
}

export interface Sub {
    referenceId: string;
    /** Below /services/data/vXX.X. */
    path: string;
    query: boolean;
}

export interface Answer {
    status: number;
    body: unknown;
}

export const querySub = (referenceId: string, soql: string): Sub => ({
    referenceId,
    path: `/query?q=${encodeURIComponent(soql)}`,
    query: true
});

/** Packs subrequests into as few composite calls as the limits allow (5 queries, 25 in all). */
export async function send(
    client: OrgClient,
    subs: Sub[]
): Promise<Map<string, Answer>> {
    const answers = new Map<string, Answer>();
    const queries = subs.filter((s) => s.query);
    const others = subs.filter((s) => !s.query);
    while (queries.length > 0 || others.length > 0) {
        const batch: Sub[] = queries.splice(0, COMPOSITE_QUERY_SIZE);
        batch.push(...others.splice(0, COMPOSITE_SIZE - batch.length));
        const responses = await client.composite(
            batch.map((sub): CompositeSubrequest => ({
                method: 'GET',
                path: sub.path,
                referenceId: sub.referenceId
            }))
        );
        for (const response of responses) {
            answers.set(response.referenceId, {
                status: response.httpStatusCode,
                body: response.body
            });
        }
    }
    return answers;
}

export function failure(
    referenceId: string,
    answer: Answer | undefined
): AccessQueryError {
    const first = Array.isArray(answer?.body)
        ? (answer.body[0] as
              { errorCode?: string; message?: string } | undefined)
        : undefined;
    const code = first?.errorCode ?? String(answer?.status ?? 'NO_ANSWER');
    return new AccessQueryError(
        `${referenceId} query failed: ${code}: ${first?.message ?? ''}`,
        code
    );
}

/** Records of a query answer, every page, child subqueries' pages included. */
export async function records<T>(
    client: OrgClient,
    referenceId: string,
    answer: Answer | undefined,
    children: string[] = []
): Promise<T[]> {
    if (!answer || answer.status >= 300) {
        throw failure(referenceId, answer);
    }
    const rows = await client.rest(
        answer.body as QueryResult<Record<string, unknown>>
    );
    for (const row of rows) {
        for (const child of children) {
            row[child] = await client.children(
                row[child] as QueryResult<unknown> | null | undefined
            );
        }
    }
    return rows as T[];
}
