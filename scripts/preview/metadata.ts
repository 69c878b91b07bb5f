import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { SETTINGS_RECORD_FILE } from './paths';
import { splitExtensions, toMaxFileSizeMb } from './backend/files';

/**
 * What the preview reads from force-app besides the labels (scripts/shared/labels.ts): the
 * `Default` Case_Portal_Settings__mdt record (the backend's default settings), parsed from the
 * file that deploys.
 */

const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) => name === 'values'
});

export type Scope = 'Contact' | 'Account' | 'CreatedBy';
export const SCOPES: readonly Scope[] = ['Contact', 'Account', 'CreatedBy'];
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 200;
/** CasePortalSettings.DEFAULT_ORIGIN: Case.Origin when Case_Origin__c is blank. */
export const DEFAULT_ORIGIN = 'Web';

/** CasePortalSettings as the Apex reads it from the Default record. */
export interface PortalSettings {
    /** Allowed_File_Extensions__c: lower case, no dots, no repeats; empty: attaching is off. */
    allowedFileExtensions: string[];
    /** Max_File_Size_MB__c; 0 (or blank): attaching is off. */
    maxFileSizeMb: number;
    portalEnabled: boolean;
    caseCreationEnabled: boolean;
    caseUpdateEnabled: boolean;
    closeStatuses: string[];
    scope: Scope;
    pageSize: number;
    /** Customer_Statuses__c: lower-case internal Status API value -> the customer's name. */
    customerStatuses: Record<string, string>;
    /** Case_Origin__c: Case.Origin of portal-created cases (blank: Web). */
    caseOrigin: string;
    /** Reopen_Days__c: days after closing a case may be reopened; 0 (or blank) is off. */
    reopenDays: number;
    /** Create_Fields__c as configured (blank: the default create form). */
    createFields?: string;
    /** Create_Record_Type__c: developer name of new cases' record type. */
    createRecordType?: string;
}

interface RecordXml {
    CustomMetadata?: { values?: { field?: string; value?: string }[] };
}

export function isScope(value: string | undefined): value is Scope {
    return (SCOPES as readonly string[]).includes(value ?? '');
}

/** Close statuses as CasePortalSettings.splitStatuses reads them: ';'-separated, no blanks. */
export function splitStatuses(configured: string | undefined): string[] {
    return (configured ?? '')
        .split(';')
        .map((status) => status.trim())
        .filter(Boolean);
}

/**
 * Customer_Statuses__c as CasePortalSettings.parseCustomerStatuses reads it: "Internal=Customer"
 * pairs separated by ';' or line breaks; blanks, entries without '=' or with an empty side are
 * skipped; internal names match case-insensitively; the first mapping wins; only the first '='
 * splits.
 */
export function parseCustomerStatuses(
    configured: string | undefined
): Record<string, string> {
    const mapping: Record<string, string> = {};
    for (const entry of (configured ?? '').split(/[;\r\n]/)) {
        const separator = entry.indexOf('=');
        if (separator < 0) {
            continue;
        }
        const internalName = entry.slice(0, separator).trim().toLowerCase();
        const customerName = entry.slice(separator + 1).trim();
        if (
            !internalName ||
            !customerName ||
            Object.hasOwn(mapping, internalName)
        ) {
            continue;
        }
        mapping[internalName] = customerName;
    }
    return mapping;
}

/** The name customers see for a status, as CasePortalSettings.customerStatus gives it. */
export function customerStatus(
    settings: PortalSettings,
    status: string,
    label: string
): string {
    const key = status.trim().toLowerCase();
    return Object.hasOwn(settings.customerStatuses, key)
        ? (settings.customerStatuses[key] ?? label)
        : label;
}

/** Page size as CasePortalSettings.toPageSize clamps it. */
export function toPageSize(configured: number | undefined): number {
    if (
        configured === undefined ||
        Number.isNaN(configured) ||
        configured < 1
    ) {
        return DEFAULT_PAGE_SIZE;
    }
    return Math.min(Math.trunc(configured), MAX_PAGE_SIZE);
}

/** Reopen_Days__c as CasePortalSettings reads it: blank or below 1 is 0 (off). */
export function toReopenDays(configured: string | undefined): number {
    const days = Number(configured);
    return configured === undefined || configured === '' || !(days >= 1)
        ? 0
        : Math.trunc(days);
}

/** The Default record's settings, read the way CasePortalSettings reads them. */
export function loadDefaultSettings(
    file: string = SETTINGS_RECORD_FILE
): PortalSettings {
    const xml = parser.parse(readFileSync(file, 'utf8')) as RecordXml;
    const values = new Map<string, string>();
    for (const entry of xml.CustomMetadata?.values ?? []) {
        if (entry.field) {
            values.set(entry.field, String(entry.value ?? ''));
        }
    }
    const scope = values.get('My_Cases_Scope__c');
    const pageSize = values.get('Page_Size__c');
    return {
        allowedFileExtensions: splitExtensions(
            values.get('Allowed_File_Extensions__c')
        ),
        maxFileSizeMb: toMaxFileSizeMb(values.get('Max_File_Size_MB__c')),
        portalEnabled: values.get('Portal_Enabled__c') === 'true',
        caseCreationEnabled: values.get('Case_Creation_Enabled__c') === 'true',
        caseUpdateEnabled: values.get('Case_Update_Enabled__c') === 'true',
        closeStatuses: splitStatuses(values.get('Close_Statuses__c')),
        scope: isScope(scope) ? scope : 'Contact',
        pageSize: toPageSize(
            pageSize === undefined ? undefined : Number(pageSize)
        ),
        customerStatuses: parseCustomerStatuses(
            values.get('Customer_Statuses__c')
        ),
        caseOrigin: values.get('Case_Origin__c')?.trim() || DEFAULT_ORIGIN,
        reopenDays: toReopenDays(values.get('Reopen_Days__c')),
        createFields: values.get('Create_Fields__c') ?? '',
        createRecordType: values.get('Create_Record_Type__c')?.trim() ?? ''
    };
}
