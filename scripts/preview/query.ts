import {
    isScope,
    splitStatuses,
    toPageSize,
    toReopenDays,
    type PortalSettings
} from './metadata';
import { splitExtensions, toMaxFileSizeMb } from './backend/files';
import {
    PERMISSION_NAMES,
    type CallContext,
    type PermissionKey
} from './backend/service';

/**
 * The preview's switches, all in the page's query string so a test (or a person) can open any
 * combination by URL; the settings panel on the page writes the same parameters.
 *
 *   read, create, close        the user's custom permissions: on | off (default on)
 *   portal, creation, update   Case_Portal_Settings__mdt switches: on | off (default: the Default record)
 *   scope                      Contact | Account | CreatedBy
 *   pageSize                   cases per page (1-200, as the Apex clamps it)
 *   closeStatuses              ';'-separated Case Status values admins allow for closing
 *   reopenDays                 days after closing a customer may reopen (0: off)
 *   createFields               Create_Fields__c: the create form's fields, e.g. Subject,Reason*
 *   createRecordType           Create_Record_Type__c (the preview org has none: always a note)
 *   internal                   on: the user is internal and sees the create form's notes
 *   fileExtensions             ';'-separated extensions customers may attach (empty: off)
 *   maxFileSizeMb              largest file customers may attach, in MB (0: off)
 *
 * A parameter given twice counts by its last value (the panel sends a hidden "off" before each
 * checkbox's "on").
 */

export const SWITCHES = {
    read: 'Read and reply to own cases (Case_Portal_Read_Reply_Own_Cases)',
    create: 'Create cases (Case_Portal_Create_Case)',
    close: 'Close own cases (Case_Portal_Close_Own_Case)',
    portal: 'Portal enabled',
    creation: 'Case creation enabled',
    update: 'Case update (replies) enabled'
} as const;

function last(params: URLSearchParams, name: string): string | undefined {
    const values = params.getAll(name);
    return values.length > 0 ? values[values.length - 1] : undefined;
}

function flag(
    params: URLSearchParams,
    name: string,
    fallback: boolean
): boolean {
    const value = last(params, name)?.toLowerCase();
    if (value === undefined || value === '') {
        return fallback;
    }
    return value === 'on' || value === 'true' || value === '1';
}

export interface QueryOptions {
    /** Preview only: allow getMyCases pages larger than the Apex's 200 (benchmarks). */
    maxPageSize?: number;
}

/** The call context a request runs under, from the page's query string. */
export function callContext(
    query: string | URLSearchParams,
    defaults: PortalSettings,
    options: QueryOptions = {}
): CallContext {
    const params =
        typeof query === 'string' ? new URLSearchParams(query) : query;
    const scope = last(params, 'scope');
    const pageSize = last(params, 'pageSize');
    const closeStatuses = last(params, 'closeStatuses');
    const reopenDays = last(params, 'reopenDays');
    const createFields = last(params, 'createFields');
    const createRecordType = last(params, 'createRecordType');
    const maxPageSize = options.maxPageSize;
    const fileExtensions = last(params, 'fileExtensions');
    const maxFileSizeMb = last(params, 'maxFileSizeMb');
    const settings: PortalSettings = {
        allowedFileExtensions:
            fileExtensions === undefined
                ? defaults.allowedFileExtensions
                : splitExtensions(fileExtensions),
        maxFileSizeMb:
            maxFileSizeMb === undefined
                ? defaults.maxFileSizeMb
                : toMaxFileSizeMb(maxFileSizeMb),
        portalEnabled: flag(params, 'portal', defaults.portalEnabled),
        caseCreationEnabled: flag(
            params,
            'creation',
            defaults.caseCreationEnabled
        ),
        caseUpdateEnabled: flag(params, 'update', defaults.caseUpdateEnabled),
        closeStatuses:
            closeStatuses === undefined
                ? defaults.closeStatuses
                : splitStatuses(closeStatuses),
        scope: isScope(scope) ? scope : defaults.scope,
        pageSize:
            pageSize === undefined
                ? defaults.pageSize
                : maxPageSize && Number(pageSize) > 0
                  ? Math.min(Math.trunc(Number(pageSize)), maxPageSize)
                  : toPageSize(Number(pageSize)),
        customerStatuses: defaults.customerStatuses,
        caseOrigin: defaults.caseOrigin,
        reopenDays:
            reopenDays === undefined
                ? defaults.reopenDays
                : toReopenDays(reopenDays),
        createFields: createFields ?? defaults.createFields,
        createRecordType: createRecordType ?? defaults.createRecordType
    };
    const permissions = {} as Record<PermissionKey, boolean>;
    for (const key of Object.keys(PERMISSION_NAMES) as PermissionKey[]) {
        permissions[key] = flag(params, key, true);
    }
    const call: CallContext = maxPageSize
        ? { settings, permissions, maxPageSize }
        : { settings, permissions };
    if (flag(params, 'internal', false)) {
        call.internalUser = true;
    }
    return call;
}

/** What the page itself needs: which custom permissions `@salesforce/customPermission/*` grant. */
export function clientPermissions(call: CallContext): Record<string, boolean> {
    const granted: Record<string, boolean> = {};
    for (const [key, name] of Object.entries(PERMISSION_NAMES)) {
        granted[name] = call.permissions[key as PermissionKey];
    }
    return granted;
}
