// Bulk API 2.0 ingest jobs: Open -> (upload CSV) -> UploadComplete -> InProgress ->
// JobComplete | Failed, or Aborted. Rows are processed one by one, each on its own,
// like the Bulk API's partial success; results are kept as CSV rows.

import { ApiError, DmlError, toRecordError } from '../core/errors';
import { parseCsv, writeCsv } from '../core/csv';
import { formatDateTime } from '../core/dates';
import { to18 } from '../core/ids';
import type { Org } from '../org/org';
import {
    isSalesforceStandardObject,
    objectNotEmulated
} from '../schema/salesforce-objects';
import type { ObjectDef } from '../schema/types';

export type JobState =
    | 'Open'
    | 'UploadComplete'
    | 'InProgress'
    | 'JobComplete'
    | 'Failed'
    | 'Aborted';
export type Operation =
    'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete';

export interface IngestJob {
    id: string;
    object: string;
    operation: Operation;
    externalIdFieldName?: string;
    lineEnding: 'LF' | 'CRLF';
    columnDelimiter: string;
    state: JobState;
    createdById: string;
    createdDate: string;
    systemModstamp: string;
    apiVersion: number;
    csv?: string;
    header: string[];
    successful: string[][];
    failed: string[][];
    unprocessed: string[][];
    errorMessage?: string;
    startedAt?: number;
    totalProcessingTime: number;
}

const DELIMITERS: Record<string, string> = {
    COMMA: ',',
    TAB: '\t',
    PIPE: '|',
    SEMICOLON: ';',
    CARET: '^',
    BACKQUOTE: '`'
};
const RECORDS_PER_BATCH = 10_000;

function jobError(errorCode: string, message: string): ApiError {
    return new ApiError(400, errorCode, message);
}

/**
 * Upsert matches on Id or an External ID field (Bulk API 2.0 Developer Guide, "Create a
 * Job": externalIdFieldName "The external ID field in the object being updated"). A field
 * that is neither is refused when the job is created; the wording follows Data Loader's
 * report of it (github.com/theswamis/dataloadercliq issue 42: "external id field name
 * provided does not match an external id"), completed by the emulator. Salesforce also
 * accepts indexed idLookup fields, which the emulator's schema does not mark: not emulated.
 */
function checkUpsertKey(object: ObjectDef, name: string): void {
    if (name.toLowerCase() === 'id') {
        return;
    }
    const field = object.fields.find(
        (candidate) => candidate.name.toLowerCase() === name.toLowerCase()
    );
    if (!field?.externalId) {
        throw jobError(
            'INVALIDJOB',
            `Field name provided, ${name} does not match an External ID, Salesforce Id, or indexed field for ${object.name}`
        );
    }
}

export class BulkJobs {
    private readonly jobs = new Map<string, IngestJob>();
    batchesToday = 0;

    constructor(private readonly org: Org) {}

    create(input: {
        object: string;
        operation: string;
        externalIdFieldName?: string;
        lineEnding?: string;
        columnDelimiter?: string;
        version: string;
    }): IngestJob {
        const object = this.org.schema.object(input.object);
        if (!object && isSalesforceStandardObject(input.object)) {
            throw objectNotEmulated(input.object, 'Bulk API 2.0 ingest job');
        }
        if (!object) {
            throw jobError(
                'INVALIDENTITY',
                `sObject type '${input.object}' is not supported.`
            );
        }
        if (
            !['insert', 'update', 'upsert', 'delete', 'hardDelete'].includes(
                input.operation
            )
        ) {
            throw jobError(
                'INVALIDJOB',
                `Invalid operation: ${input.operation}`
            );
        }
        if (input.operation === 'upsert' && !input.externalIdFieldName) {
            throw jobError(
                'INVALIDJOB',
                'External ID was blank for upsert. Specify an External ID field for upsert.'
            );
        }
        if (input.operation === 'upsert' && input.externalIdFieldName) {
            checkUpsertKey(object, input.externalIdFieldName);
        }
        const delimiter = input.columnDelimiter ?? 'COMMA';
        if (!DELIMITERS[delimiter]) {
            throw jobError(
                'INVALIDJOB',
                `Invalid column delimiter: ${delimiter}`
            );
        }
        const now = formatDateTime(this.org.now());
        const job: IngestJob = {
            id: this.org.ids.next('750'),
            object: object.name,
            operation: input.operation as Operation,
            externalIdFieldName: input.externalIdFieldName,
            lineEnding: input.lineEnding === 'CRLF' ? 'CRLF' : 'LF',
            columnDelimiter: delimiter,
            state: 'Open',
            createdById: this.org.adminUserId,
            createdDate: now,
            systemModstamp: now,
            apiVersion: Number(input.version),
            header: [],
            successful: [],
            failed: [],
            unprocessed: [],
            totalProcessingTime: 0
        };
        this.jobs.set(job.id, job);
        return job;
    }

    get(id: string): IngestJob {
        const job = this.jobs.get(to18(id) ?? id);
        if (!job) {
            throw new ApiError(
                404,
                'NOT_FOUND',
                'The requested resource does not exist'
            );
        }
        return job;
    }

    list(): IngestJob[] {
        return [...this.jobs.values()];
    }

    upload(id: string, csv: string): void {
        const job = this.get(id);
        if (job.state !== 'Open') {
            throw jobError(
                'INVALIDJOBSTATE',
                `Job state is ${job.state}. Data can only be uploaded to an Open job.`
            );
        }
        if (job.csv !== undefined) {
            throw jobError(
                'BULK_API_ERROR',
                `Found multiple contents for job: <${job.id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`
            );
        }
        job.csv = csv;
    }

    /** PATCH { state }: UploadComplete starts processing (asynchronously), Aborted stops. */
    changeState(id: string, state: string): IngestJob {
        const job = this.get(id);
        const allowed =
            (state === 'UploadComplete' && job.state === 'Open') ||
            (state === 'Aborted' &&
                (job.state === 'Open' || job.state === 'UploadComplete'));
        if (!allowed) {
            throw jobError(
                'INVALIDJOBSTATE',
                `Cannot change the state of a job from ${job.state} to ${state}.`
            );
        }
        job.state = state as JobState;
        job.systemModstamp = formatDateTime(this.org.now());
        if (state === 'UploadComplete') {
            setImmediate(() => this.process(job));
        }
        return job;
    }

    delete(id: string): void {
        const job = this.get(id);
        if (job.state === 'Open' || job.state === 'InProgress') {
            throw jobError(
                'INVALIDJOBSTATE',
                `Cannot delete a job in state ${job.state}.`
            );
        }
        this.jobs.delete(job.id);
    }

    results(id: string, kind: 'successful' | 'failed' | 'unprocessed'): string {
        const job = this.get(id);
        const ending = job.lineEnding === 'CRLF' ? '\r\n' : '\n';
        const prefix =
            kind === 'successful'
                ? ['sf__Id', 'sf__Created']
                : kind === 'failed'
                  ? ['sf__Id', 'sf__Error']
                  : [];
        const rows =
            kind === 'successful'
                ? job.successful
                : kind === 'failed'
                  ? job.failed
                  : job.unprocessed;
        return writeCsv([[...prefix, ...job.header], ...rows], ending);
    }

    private process(job: IngestJob): void {
        if (job.state !== 'UploadComplete') {
            return;
        }
        job.state = 'InProgress';
        const started = Date.now();
        const rows = parseCsv(
            job.csv ?? '',
            DELIMITERS[job.columnDelimiter] ?? ','
        );
        const [header = [], ...data] = rows;
        job.header = header;
        const object = this.org.schema.require(job.object);
        const unknown = header.find(
            (column) => !this.org.schema.field(object, column)
        );
        if (job.csv === undefined || header.length === 0) {
            this.fail(
                job,
                'InvalidBatch : No content found in the uploaded data'
            );
        } else if (unknown !== undefined) {
            this.fail(job, `InvalidBatch : Field name not found : ${unknown}`);
        } else {
            this.batchesToday += Math.max(
                1,
                Math.ceil(data.length / RECORDS_PER_BATCH)
            );
            for (const row of data) {
                this.processRow(job, header, row);
            }
            job.state = 'JobComplete';
        }
        job.totalProcessingTime = Date.now() - started;
        job.systemModstamp = formatDateTime(this.org.now());
    }

    private fail(job: IngestJob, message: string): void {
        job.state = 'Failed';
        job.errorMessage = message;
    }

    private processRow(job: IngestJob, header: string[], row: string[]): void {
        const values: Record<string, string> = {};
        header.forEach((column, index) => {
            values[column] = row[index] ?? '';
        });
        const options = { fromCsv: true };
        const idColumn = header.find((column) => column.toLowerCase() === 'id');
        const givenId = idColumn ? (values[idColumn] ?? '') : '';
        try {
            switch (job.operation) {
                case 'insert':
                    job.successful.push([
                        this.org.dml.create(job.object, values, options),
                        'true',
                        ...row
                    ]);
                    break;
                case 'update': {
                    const { [idColumn ?? 'Id']: _id, ...changes } = values;
                    this.org.dml.update(
                        job.object,
                        this.requireId(givenId),
                        changes,
                        options
                    );
                    job.successful.push([
                        to18(givenId) ?? givenId,
                        'false',
                        ...row
                    ]);
                    break;
                }
                case 'delete':
                case 'hardDelete':
                    this.org.dml.delete(
                        job.object,
                        this.requireId(givenId),
                        options
                    );
                    job.successful.push([
                        to18(givenId) ?? givenId,
                        'false',
                        ...row
                    ]);
                    break;
                default:
                    this.upsert(job, values, row);
            }
        } catch (error) {
            const failure = toRecordError(error);
            job.failed.push([
                to18(givenId) ?? givenId,
                `${failure.statusCode}:${failure.message}:${failure.fields.join(',')} --`,
                ...row
            ]);
        }
    }

    private requireId(value: string): string {
        if (value === '') {
            throw new DmlError(
                'MISSING_ARGUMENT',
                'Id not specified in an update call'
            );
        }
        const id = to18(value);
        if (!id) {
            throw new DmlError('MALFORMED_ID', `malformed id ${value}`);
        }
        return id;
    }

    private upsert(
        job: IngestJob,
        values: Record<string, string>,
        row: string[]
    ): void {
        const key = job.externalIdFieldName ?? 'Id';
        const keyValue = values[key] ?? '';
        const matches =
            key.toLowerCase() === 'id'
                ? this.org.find(
                      job.object,
                      (record) => record.Id === to18(keyValue)
                  )
                : this.org.find(
                      job.object,
                      (record) => String(record[key] ?? '') === keyValue
                  );
        if (matches.length > 1) {
            throw new DmlError(
                'DUPLICATE_EXTERNAL_ID',
                `${key}: more than one record found for external id field: ${matches.map((match) => String(match.Id)).join(', ')}`,
                [key]
            );
        }
        const match = matches[0];
        if (match) {
            const { [key]: _key, ...changes } = values;
            this.org.dml.update(job.object, String(match.Id), changes, {
                fromCsv: true
            });
            job.successful.push([String(match.Id), 'false', ...row]);
        } else {
            const { Id: _id, ...fields } = values;
            job.successful.push([
                this.org.dml.create(job.object, fields, { fromCsv: true }),
                'true',
                ...row
            ]);
        }
    }
}
