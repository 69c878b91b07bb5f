// ContentDocumentLink's query restriction. Object Reference for the Salesforce Platform,
// "ContentDocumentLink" › Usage ("You can't run a query without filters against
// ContentDocumentLink"; "A SOQL query must filter on one of Id, ContentDocumentId, or
// LinkedEntityId") and Special Access Rules ("In API versions 59.0 and later, turn on the Query
// All Files permission to query without a filter on id, LinkedEntityId, and documentID fields").
// The message is the one orgs answer, as public projects quote it
// (douglascayers/sfdc-convert-attachments-to-chatter-files issue 29,
// SFDO-Community/declarative-lookup-rollup-summaries issue 433), errorCode MALFORMED_QUERY (Data
// Loader: "Failed to process query: MALFORMED_QUERY: Implementation restriction: ...").
//
// Accepted: a top-level (not OR-ed, not negated) condition on Id, ContentDocumentId or
// LinkedEntityId with = or IN (a list or a semi-join). Which other shapes an org accepts (OR of
// two such conditions, bind variables) is not documented: the emulator refuses them.

import type {
    Condition,
    NegationCondition,
    Query,
    ValueQueryCondition,
    WhereClause
} from '@jetstreamapp/soql-parser-js';
import { ApiError } from '../core/errors';
import type { Org } from '../org/org';

export const CONTENT_DOCUMENT_LINK_RESTRICTION =
    "Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId using the equals operator or multiple Id's using the IN operator.";

const ID_FIELDS = new Set(['id', 'contentdocumentid', 'linkedentityid']);
const QUERY_ALL_FILES_VERSION = 59;

/** Whether the user holds `Permissions<name>` through the profile or an assigned set. */
export function userHasPermission(
    org: Org,
    userId: string,
    name: string
): boolean {
    const user = org.get('User', userId);
    if (!user) {
        return false;
    }
    const field = `Permissions${name}`;
    const assigned = new Set(
        org
            .find(
                'PermissionSetAssignment',
                (row) => row.AssigneeId === user.Id
            )
            .map((row) => String(row.PermissionSetId))
    );
    return (
        org.first(
            'PermissionSet',
            (set) =>
                set[field] === true &&
                (set.ProfileId === user.ProfileId ||
                    assigned.has(String(set.Id)))
        ) !== undefined
    );
}

function fieldName(field: string, alias: string | undefined): string {
    const parts = field.toLowerCase().split('.');
    if (
        parts.length === 2 &&
        (parts[0] === 'contentdocumentlink' || parts[0] === alias)
    ) {
        return parts[1] ?? '';
    }
    return parts.join('.');
}

/** True when WHERE's top level holds an = / IN condition on an id field and no OR. */
function filtersById(where: WhereClause | undefined, alias?: string): boolean {
    let depth = 0;
    let found = false;
    let negated = false;
    let node: WhereClause | undefined = where;
    while (node) {
        const left = node.left as
            | (Condition & { closeParen?: number })
            | ValueQueryCondition
            | NegationCondition
            | null;
        const operator = 'operator' in node ? node.operator : undefined;
        depth += left?.openParen ?? 0;
        if (
            !negated &&
            depth === 0 &&
            left &&
            'field' in left &&
            ID_FIELDS.has(fieldName(left.field, alias)) &&
            (left.operator === '=' || left.operator === 'IN')
        ) {
            found = true;
        }
        negated = operator === 'NOT';
        depth -= (left as { closeParen?: number } | null)?.closeParen ?? 0;
        if (operator === 'OR' && depth === 0) {
            return false;
        }
        node = 'right' in node ? node.right : undefined;
    }
    return found;
}

export function checkContentDocumentLinkFilter(
    org: Org,
    query: Query,
    apiVersion: string | undefined,
    userId: string | undefined
): void {
    if (query.sObject?.toLowerCase() !== 'contentdocumentlink') {
        return;
    }
    if (filtersById(query.where, query.sObjectAlias?.toLowerCase())) {
        return;
    }
    const version = Number(apiVersion ?? '0');
    const user = userId ?? org.adminUserId;
    if (
        version >= QUERY_ALL_FILES_VERSION &&
        userHasPermission(org, user, 'QueryAllFiles')
    ) {
        return;
    }
    throw new ApiError(
        400,
        'MALFORMED_QUERY',
        CONTENT_DOCUMENT_LINK_RESTRICTION
    );
}
