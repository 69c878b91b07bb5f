/** ApiTotalUsage CSV rows for tests, in the documented column names (Object Reference, "API Total Usage"). */

export const HEADER = [
    'EVENT_TYPE',
    'TIMESTAMP',
    'REQUEST_ID',
    'ORGANIZATION_ID',
    'USER_ID',
    'API_FAMILY',
    'API_VERSION',
    'API_RESOURCE',
    'CLIENT_NAME',
    'HTTP_METHOD',
    'CLIENT_IP',
    'COUNTS_AGAINST_API_LIMIT',
    'CONNECTED_APP_ID',
    'CONNECTED_APP_NAME',
    'ENTITY_NAME',
    'TIMESTAMP_DERIVED',
    'USER_ID_DERIVED'
];

export const ORG = '00D000000000123';

export interface Row {
    user: string;
    at: string;
    family?: string;
    method?: string;
    resource?: string;
    entity?: string;
    appId?: string;
    app?: string;
    client?: string;
}

/** One RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function field(value: string): string {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

let request = 0;

/** A full row as a record of column → value (user ids: USER_ID 15, USER_ID_DERIVED 18). */
export function record(row: Row): Record<string, string> {
    const user18 = row.user.length === 18 ? row.user : `${row.user}AAA`;
    const at = row.at;
    return {
        EVENT_TYPE: 'ApiTotalUsage',
        TIMESTAMP: at.replace(/[-:T]/g, '').replace('Z', '').slice(0, 18),
        REQUEST_ID: `req${++request}`,
        ORGANIZATION_ID: ORG,
        USER_ID: user18.slice(0, 15),
        API_FAMILY: row.family ?? 'REST',
        API_VERSION: '66.0',
        API_RESOURCE: row.resource ?? '',
        CLIENT_NAME: row.client ?? '',
        HTTP_METHOD: row.method ?? 'GET',
        CLIENT_IP: '10.0.0.1',
        COUNTS_AGAINST_API_LIMIT: 'true',
        CONNECTED_APP_ID: row.app ? (row.appId ?? '0H4000000000001') : '',
        CONNECTED_APP_NAME: row.app ?? '',
        ENTITY_NAME: row.entity ?? '',
        TIMESTAMP_DERIVED: at,
        USER_ID_DERIVED: user18
    };
}

export function csv(rows: Row[], header: string[] = HEADER): string {
    const lines = [header.map(field).join(',')];
    for (const row of rows) {
        const r = record(row);
        lines.push(header.map((h) => field(r[h] ?? '')).join(','));
    }
    return `${lines.join('\r\n')}\r\n`;
}
