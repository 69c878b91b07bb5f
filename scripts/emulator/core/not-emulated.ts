// What the emulator does not model answers one clear, Salesforce-shaped error naming the
// API, never 401 (the token is fine), 500 or a silently wrong result. HTTP 501 says "not
// implemented" without inviting the retries jsforce makes on 500/502/503/504. The error
// code is Salesforce's FUNCTIONALITY_NOT_ENABLED; the message says "not emulated".

import { ApiError } from './errors';

export const NOT_EMULATED_STATUS = 501;
export const NOT_EMULATED_CODE = 'FUNCTIONALITY_NOT_ENABLED';

export function notEmulatedMessage(api: string, path: string): string {
    return `${api} is not emulated by the local Salesforce API emulator (${path}).`;
}

export function notEmulated(api: string, path: string): ApiError {
    return new ApiError(
        NOT_EMULATED_STATUS,
        NOT_EMULATED_CODE,
        notEmulatedMessage(api, path)
    );
}

/** APIs outside /services/data, by path prefix; SOAP ones carry their session in the body. */
const OUTSIDE_DATA: Array<{ pattern: RegExp; api: string; soap: boolean }> = [
    {
        pattern: /^\/services\/Soap\/m\//i,
        api: 'The Metadata API (SOAP)',
        soap: true
    },
    {
        pattern: /^\/services\/Soap\/T\//,
        api: 'The Tooling API (SOAP)',
        soap: true
    },
    {
        pattern: /^\/services\/Soap\/u\//i,
        api: 'The SOAP API (partner WSDL)',
        soap: true
    },
    {
        pattern: /^\/services\/Soap\/c\//i,
        api: 'The SOAP API (enterprise WSDL)',
        soap: true
    },
    {
        pattern: /^\/services\/Soap\/s\//i,
        api: 'The Apex SOAP API',
        soap: true
    },
    {
        pattern: /^\/services\/Soap\/class\//i,
        api: 'Apex SOAP web services',
        soap: true
    },
    { pattern: /^\/services\/Soap(\/|$)/i, api: 'The SOAP API', soap: true },
    { pattern: /^\/services\/async(\/|$)/i, api: 'Bulk API 1.0', soap: false },
    { pattern: /^\/services\/apexrest(\/|$)/i, api: 'Apex REST', soap: false }
];

/** The API an outside-/services/data path belongs to, when it is one the emulator lacks. */
export function unemulatedOutsideApi(
    path: string
): { api: string; soap: boolean } | undefined {
    const entry = OUTSIDE_DATA.find((candidate) =>
        candidate.pattern.test(path)
    );
    return entry ? { api: entry.api, soap: entry.soap } : undefined;
}

/** REST API resources (relative to /services/data/vXX.X) the emulator does not serve. */
const DATA_RESOURCES: Array<{ pattern: RegExp; api: string }> = [
    {
        pattern: /^\/composite\/batch(\/|$)/i,
        api: 'The Composite Batch resource'
    },
    { pattern: /^\/composite\/tree(\/|$)/i, api: 'The sObject Tree resource' },
    {
        pattern: /^\/composite\/graph(\/|$)/i,
        api: 'The Composite Graph resource'
    },
    {
        pattern: /^\/composite\/sobjects\/[^/]+\/[^/]+/i,
        api: 'sObject Collections upsert'
    },
    { pattern: /^\/(search|parameterizedSearch)(\/|$)/i, api: 'Search (SOSL)' },
    { pattern: /^\/jobs\/query(\/|$)/i, api: 'Bulk API 2.0 query jobs' },
    { pattern: /^\/tooling(\/|$)/i, api: 'The Tooling API (other than query)' },
    {
        pattern: /^\/(actions|process)(\/|$)/i,
        api: 'Invocable actions and processes'
    },
    {
        pattern: /^\/(analytics|wave|smartdatadiscovery)(\/|$)/i,
        api: 'The Analytics REST API'
    },
    { pattern: /^\/(chatter|connect)(\/|$)/i, api: 'The Connect REST API' },
    { pattern: /^\/ui-api(\/|$)/i, api: 'The User Interface API' },
    { pattern: /^\/metadata(\/|$)/i, api: 'The Metadata REST resources' },
    {
        pattern:
            /^\/sobjects\/[^/]+\/(updated|deleted|listviews|quickActions|layouts|compactLayouts|eventSchema|describe\/.+)(\/|$)/i,
        api: 'This sObject resource'
    },
    {
        pattern: /^\/sobjects\/[^/]+\/[^/]+\/[^/]+/i,
        api: 'This sObject sub-resource (relationships, blobs, external ids)'
    },
    {
        pattern:
            /^\/(recent|limits\/.+|licensing|appMenu|consent|event|scheduling|support|knowledgeManagement|dedupe|localizedvalue|async-queries)(\/|$)/i,
        api: 'This REST API resource'
    }
];

export function unemulatedDataResource(
    relativePath: string
): string | undefined {
    return DATA_RESOURCES.find((entry) => entry.pattern.test(relativePath))
        ?.api;
}

/** A SOAP fault body (what SOAP clients such as jsforce's metadata API parse). */
export function soapFault(api: string, path: string): string {
    const message = `${NOT_EMULATED_CODE}: ${notEmulatedMessage(api, path)}`
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
    return (
        '<?xml version="1.0" encoding="UTF-8"?>' +
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com">' +
        '<soapenv:Body><soapenv:Fault>' +
        `<faultcode>sf:${NOT_EMULATED_CODE}</faultcode>` +
        `<faultstring>${message}</faultstring>` +
        '</soapenv:Fault></soapenv:Body></soapenv:Envelope>'
    );
}
