// sObject resources next to the record routes (issue #24): Get Deleted / Get Updated (not
// emulated, said plainly rather than read as a record id) and POST .../sobjects/X/Id.

import { methodNotAllowed } from '../core/errors';
import type { ApiRequest, ApiResponse } from '../core/http';
import { notEmulated } from '../core/not-emulated';
import type { EmulatorState } from '../api/state';
import { createRecord } from './sobjects';

/**
 * REST API Developer Guide, "Get a List of Deleted Records Within a Given Timeframe" and
 * "Get a List of Updated Records Within a Given Timeframe" (sObject Get Deleted / Get Updated):
 * not emulated (501), never a misleading 404 for a record named "deleted".
 */
export function changedRecordsNotEmulated(
    kind: 'deleted' | 'updated'
): (state: EmulatorState, request: ApiRequest) => Promise<ApiResponse> {
    const api =
        kind === 'deleted'
            ? 'sObject Get Deleted (/sobjects/X/deleted)'
            : 'sObject Get Updated (/sobjects/X/updated)';
    return async (_state, request) => {
        throw notEmulated(api, request.path);
    };
}

/** API 37.0: REST API Developer Guide, "Create Records Using sObject Rows by External ID". */
const POST_BY_ID_SINCE = 37;

/**
 * "As a special case, in API version 37.0 and later, you can create a record with a POST request
 * to /services/data/vXX.X/sobjects/sObjectName/Id." Other POSTs to a record path keep the 405
 * the router gives (GET, PATCH, DELETE are the record's methods).
 */
export async function createById(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    if (
        (request.params.id ?? '').toLowerCase() !== 'id' ||
        Number(request.version) < POST_BY_ID_SINCE
    ) {
        throw methodNotAllowed('POST', ['HEAD', 'GET', 'PATCH', 'DELETE']);
    }
    return createRecord(state, request);
}
