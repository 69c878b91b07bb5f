// Bulk API 2.0 ingest resources under /jobs/ingest.

import { ApiError } from '../core/errors';
import {
    isPlainObject,
    noContent,
    ok,
    parseJsonBody,
    type ApiRequest,
    type ApiResponse,
    type JsonValue
} from '../core/http';
import type { IngestJob } from '../api/bulk-jobs';
import { dataBase, type EmulatorState } from '../api/state';

function info(
    job: IngestJob,
    version: string,
    full: boolean
): { [key: string]: JsonValue } {
    const base: { [key: string]: JsonValue } = {
        id: job.id,
        operation: job.operation,
        object: job.object,
        createdById: job.createdById,
        createdDate: job.createdDate,
        systemModstamp: job.systemModstamp,
        state: job.state,
        ...(job.externalIdFieldName
            ? { externalIdFieldName: job.externalIdFieldName }
            : {}),
        concurrencyMode: 'Parallel',
        contentType: 'CSV',
        apiVersion: job.apiVersion,
        contentUrl: `${dataBase(version).slice(1)}/jobs/ingest/${job.id}/batches`,
        lineEnding: job.lineEnding,
        columnDelimiter: job.columnDelimiter
    };
    if (!full) {
        return base;
    }
    return {
        ...base,
        jobType: 'V2Ingest',
        numberRecordsProcessed: job.successful.length + job.failed.length,
        numberRecordsFailed: job.failed.length,
        retries: 0,
        totalProcessingTime: job.totalProcessingTime,
        apiActiveProcessingTime: job.totalProcessingTime,
        apexProcessingTime: 0,
        ...(job.errorMessage ? { errorMessage: job.errorMessage } : {})
    };
}

function bodyObject(request: ApiRequest): Record<string, unknown> {
    const body = parseJsonBody(request);
    if (!isPlainObject(body)) {
        throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            'The request body must be a JSON object'
        );
    }
    return body;
}

const text = (value: unknown): string | undefined =>
    typeof value === 'string' ? value : undefined;

export async function createJob(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const body = bodyObject(request);
    const job = state.bulk.create({
        object: text(body.object) ?? '',
        operation: text(body.operation) ?? '',
        externalIdFieldName: text(body.externalIdFieldName),
        lineEnding: text(body.lineEnding),
        columnDelimiter: text(body.columnDelimiter),
        version: request.version
    });
    return ok(info(job, request.version, false));
}

export async function listJobs(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    return ok({
        done: true,
        records: state.bulk
            .list()
            .map((job) => info(job, request.version, false)),
        nextRecordsUrl: null
    });
}

export async function getJob(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    return ok(
        info(state.bulk.get(request.params.id ?? ''), request.version, true)
    );
}

export async function uploadData(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    state.bulk.upload(request.params.id ?? '', request.body);
    return { status: 201 };
}

export async function patchJob(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    const body = bodyObject(request);
    const job = state.bulk.changeState(
        request.params.id ?? '',
        text(body.state) ?? ''
    );
    return ok(info(job, request.version, false));
}

export async function deleteJob(
    state: EmulatorState,
    request: ApiRequest
): Promise<ApiResponse> {
    state.bulk.delete(request.params.id ?? '');
    return noContent();
}

export function jobResults(kind: 'successful' | 'failed' | 'unprocessed') {
    return async (
        state: EmulatorState,
        request: ApiRequest
    ): Promise<ApiResponse> => ({
        status: 200,
        text: {
            body: state.bulk.results(request.params.id ?? '', kind),
            contentType: 'text/csv'
        }
    });
}
