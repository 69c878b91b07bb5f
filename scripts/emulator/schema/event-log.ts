// EventLogFile (Object Reference for the Salesforce Platform, "EventLogFile"; Field Reference,
// "EventLogFile"): API 32.0+, Interval and Sequence 37.0+; supported calls describeSObjects(),
// query() and retrieve() only. Fields as the Field Reference lists them: ApiVersion (double),
// EventType (picklist), Interval (picklist: Daily, Hourly), LogDate (datetime), LogFile
// (base64: a query answers its URL, the content comes from GET .../sobjects/EventLogFile/<id>/
// LogFile, REST API Developer Guide, "Get Event Monitoring Content from a Record"),
// LogFileContentType, LogFileFieldNames and LogFileFieldTypes (string, 1333), LogFileLength
// (double), Sequence (int). The emulator writes ApiTotalUsage files only (api/usage-log.ts);
// EventType lists a few of Salesforce's values, not all.

import { field, picklist, readOnly, systemFields } from './fields';
import { objectDef } from './standard-objects';
import type { ObjectDef } from './types';

export const EVENT_LOG_FILE = 'EventLogFile';

const EVENT_TYPES = [
    'API',
    'ApiTotalUsage',
    'BulkApi',
    'BulkApi2',
    'Login',
    'Logout',
    'RestApi',
    'URI'
];

export function eventLogObjects(): ObjectDef[] {
    const notWritable = { createable: false, updateable: false };
    return [
        objectDef(
            EVENT_LOG_FILE,
            '0AT',
            [
                ...systemFields(),
                readOnly('ApiVersion', 'double', { label: 'API Version' }),
                picklist('EventType', EVENT_TYPES, {
                    ...notWritable,
                    nillable: false,
                    restrictedPicklist: true
                }),
                picklist('Interval', ['Daily', 'Hourly'], {
                    ...notWritable,
                    restrictedPicklist: true
                }),
                readOnly('LogDate', 'datetime', { nillable: false }),
                readOnly('LogFile', 'base64', { nillable: false }),
                readOnly('LogFileContentType', 'string', { length: 255 }),
                readOnly('LogFileFieldNames', 'string', { length: 1333 }),
                readOnly('LogFileFieldTypes', 'string', { length: 1333 }),
                readOnly('LogFileLength', 'double', { nillable: false }),
                field('Sequence', 'int', notWritable)
            ],
            {
                createable: false,
                updateable: false,
                deletable: false,
                label: 'Event Log File'
            }
        )
    ];
}
