/**
 * The ApiTotalUsage event log file's columns, as the Object Reference documents them ("EventLogFile
 * Supported Event Types", "API Total Usage":
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_eventlogfile_apitotalusage.htm):
 * API_FAMILY (REST, SOAP, Bulk, ApexREST; newer releases add DirectApexREST and DirectAura),
 * API_RESOURCE (e.g. `describeSObjects` for SOAP, `/v21.0/sobjects/Account/001xx000003DGQW` for
 * REST), API_VERSION, CLIENT_NAME, CONNECTED_APP_ID, CONNECTED_APP_NAME, COUNTS_AGAINST_API_LIMIT,
 * ENTITY_NAME (type Set: "the name of the object accessed by the API request"), EVENT_TYPE
 * ("always ApiTotalUsage"), HTTP_METHOD, ORGANIZATION_ID (15 characters), REQUEST_ID, TIMESTAMP
 * (GMT, `20130715233322.670`), TIMESTAMP_DERIVED (ISO 8601, GMT), USER_ID (15 characters) and the
 * derived 18-character USER_ID_DERIVED. The columns of one file are in the header (and in
 * EventLogFile.LogFileFieldNames): this code reads them by name, never by position.
 */

export const COLUMNS = {
    family: 'API_FAMILY',
    resource: 'API_RESOURCE',
    appId: 'CONNECTED_APP_ID',
    appName: 'CONNECTED_APP_NAME',
    entity: 'ENTITY_NAME',
    eventType: 'EVENT_TYPE',
    method: 'HTTP_METHOD',
    organization: 'ORGANIZATION_ID',
    timestamp: 'TIMESTAMP',
    timestampDerived: 'TIMESTAMP_DERIVED',
    userId: 'USER_ID',
    userIdDerived: 'USER_ID_DERIVED'
} as const;

export const EVENT_TYPE = 'ApiTotalUsage';

export type ColumnKey = keyof typeof COLUMNS;

/** Column positions in one file; -1 when the file does not have it. */
export type ColumnIndex = Record<ColumnKey, number>;

export class NotApiTotalUsageError extends Error {}

/**
 * Positions of the known columns from a header row (any order; unknown columns ignored). A file
 * without API_FAMILY, a user id column and a timestamp column is not an ApiTotalUsage log.
 */
export function indexColumns(header: string[], file: string): ColumnIndex {
    const names = header.map((name) =>
        name
            .replace(/^\uFEFF/, '')
            .trim()
            .toUpperCase()
    );
    const index = Object.fromEntries(
        Object.entries(COLUMNS).map(([key, name]) => [key, names.indexOf(name)])
    ) as ColumnIndex;
    const missing: string[] = [];
    if (index.family < 0) missing.push(COLUMNS.family);
    if (index.userId < 0 && index.userIdDerived < 0) {
        missing.push(`${COLUMNS.userId} or ${COLUMNS.userIdDerived}`);
    }
    if (index.timestamp < 0 && index.timestampDerived < 0) {
        missing.push(`${COLUMNS.timestampDerived} or ${COLUMNS.timestamp}`);
    }
    if (missing.length > 0) {
        throw new NotApiTotalUsageError(
            `${file}: not an ApiTotalUsage event log file: its header has no ${missing.join(', ')} ` +
                `(header: ${names.slice(0, 8).join(',')}${names.length > 8 ? ',...' : ''})`
        );
    }
    return index;
}

/** `20130715233322.670` (TIMESTAMP) or an ISO string (TIMESTAMP_DERIVED) → ISO 8601, UTC. */
export function isoTimestamp(
    derived: string | undefined,
    raw: string | undefined
): string | undefined {
    if (derived && derived.length >= 19) {
        return derived.endsWith('Z') ? derived : `${derived}Z`;
    }
    if (raw && /^\d{14}/.test(raw)) {
        const ms = raw.length > 15 ? raw.slice(15, 18).padEnd(3, '0') : '000';
        return `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}T${raw.slice(8, 10)}:${raw.slice(10, 12)}:${raw.slice(12, 14)}.${ms}Z`;
    }
    return undefined;
}

/** A Salesforce id in its 15-character, case-sensitive form (18-character ids add a suffix). */
export function id15(id: string): string {
    return id.length === 18 ? id.slice(0, 15) : id;
}
