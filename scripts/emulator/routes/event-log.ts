// GET /services/data/vXX.X/sobjects/EventLogFile/<id>/LogFile: a log file's content (REST API
// Developer Guide, "Get Event Monitoring Content from a Record": the sObject Blob Retrieve
// resource; "Content-Type: application/octetstream", the CSV as the body).
// POST /_emulator/event-log/close (emulator-only; no Salesforce API): writes the ApiTotalUsage
// file of a day, which a real org does by itself after the day ends. Body {"date":"YYYY-MM-DD"}
// (optional; default the org's current UTC day). Answers {id, logDate, rows}; id is null when the
// day had no API requests (an org writes no file then).

import { ApiError, notFound } from '../core/errors';
import {
    isPlainObject,
    ok,
    parseJsonBody,
    type ApiRequest,
    type ApiResponse
} from '../core/http';
import type { EmulatorState } from '../api/state';

export async function eventLogFile(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const csv = state.usageLog.file(request.params.id ?? '');
    if (csv === undefined) {
        throw notFound();
    }
    return {
        status: 200,
        text: { body: csv, contentType: 'application/octetstream' }
    };
}

export async function closeEventLogDay(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const body = parseJsonBody(request);
    const date = isPlainObject(body) ? body.date : undefined;
    if (date !== undefined && typeof date !== 'string') {
        throw new ApiError(400, 'INVALID_FIELD', 'date must be "YYYY-MM-DD"');
    }
    try {
        const closed = state.usageLog.closeDay(date);
        return ok({ ...closed });
    } catch (error) {
        throw new ApiError(400, 'INVALID_FIELD', (error as Error).message);
    }
}
