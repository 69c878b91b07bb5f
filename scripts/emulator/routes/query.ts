// GET query, queryAll and tooling/query, and their nextRecordsUrl pages.

import { ApiError } from '../core/errors';
import { header, ok, type ApiRequest, type ApiResponse } from '../core/http';
import { columnMetadata } from '../soql/columns';
import { compileQuery } from '../soql/compile';
import { batchSizeFrom } from '../soql/cursors';
import { runQuery } from '../soql/execute';
import { parseSoql } from '../soql/parse';
import { dataBase, type EmulatorState } from '../api/state';
import { toolingVirtualFields } from './tooling-profile';

export type QueryResource = 'query' | 'queryAll' | 'tooling/query';

function resourcePath(version: string, resource: QueryResource): string {
    return `${dataBase(version)}/${resource}`;
}

export async function runSoql(
    state: EmulatorState,
    request: ApiRequest,
    resource: QueryResource
): Promise<ApiResponse> {
    const soql = request.query.get('q');
    if (soql === null) {
        throw new ApiError(
            400,
            'MALFORMED_QUERY',
            'A query string has to be specified'
        );
    }
    const tooling = resource === 'tooling/query';
    const compiled = compileQuery(
        {
            org: state.org,
            soql,
            includeDeleted: resource === 'queryAll',
            apiVersion: request.version,
            userId: request.session?.userId,
            virtualFields: tooling ? toolingVirtualFields(state.org) : undefined
        },
        parseSoql(soql)
    );
    if (request.query.get('columns') === 'true') {
        return ok(columnMetadata(compiled));
    }
    const sobjectsBase = tooling
        ? `${dataBase(request.version)}/tooling`
        : dataBase(request.version);
    const result = runQuery(compiled, { sobjectsBase });
    if (
        compiled.columns.some((column) => column.kind === 'virtual') &&
        result.records.length > 1
    ) {
        throw new ApiError(
            400,
            'MALFORMED_QUERY',
            `When retrieving results with Metadata or FullName fields, the query qualifications must specify no more than one row for retrieval. Result size: ${result.records.length}`
        );
    }
    if (compiled.countOnly) {
        return ok({ totalSize: result.totalSize, done: true, records: [] });
    }
    if (compiled.aggregate) {
        // SOQL and SOSL Reference, "Considerations for GROUP BY": "In REST API, queries that
        // include a GROUP BY clause can't use the query locator to get more results."
        return ok({
            totalSize: result.records.length,
            done: true,
            records: result.records
        });
    }
    const batchSize = batchSizeFrom(header(request, 'sforce-query-options'));
    const page = state.cursors.open(
        result.records,
        batchSize,
        resourcePath(request.version, resource)
    );
    return ok({ ...page });
}

export async function nextPage(
    state: EmulatorState,
    request: ApiRequest,
    resource: QueryResource
): Promise<ApiResponse> {
    const page = state.cursors.next(
        resourcePath(request.version, resource),
        request.params.locator ?? ''
    );
    return ok({ ...page });
}
