import {
    CONTROLLER_METHODS,
    isMethodName,
    type CaseFilter,
    type NewCaseInput
} from './dtos';
import {
    ContractError,
    fromWire,
    idListParam,
    scalarParam,
    toWire
} from './serialize';
import { Refusal, type CallContext, type PreviewBackend } from './service';

/** What the preview server answers to one `@salesforce/apex/CasePortalController.*` call. */
export interface ApexResponse {
    status: number;
    body: unknown;
}

/** The body of an AuraHandledException as a component receives it in error.body. */
function auraError(message: string, exceptionType: string): ApexResponse {
    return {
        status: 500,
        body: { message, exceptionType, isUserDefinedException: false }
    };
}

function params(
    method: keyof typeof CONTROLLER_METHODS,
    body: unknown
): Record<string, unknown> {
    if (body === null || body === undefined) {
        return {};
    }
    if (typeof body !== 'object' || Array.isArray(body)) {
        throw new ContractError(`${method}: parameters must be a JSON object`);
    }
    const declared = new Set<string>(
        CONTROLLER_METHODS[method].params.map(([name]) => name)
    );
    for (const name of Object.keys(body)) {
        if (!declared.has(name)) {
            throw new ContractError(
                `CasePortalController.${method} has no parameter "${name}"`
            );
        }
    }
    return body as Record<string, unknown>;
}

function run(
    backend: PreviewBackend,
    call: CallContext,
    method: keyof typeof CONTROLLER_METHODS,
    args: Record<string, unknown>
): unknown {
    const id = (name: string) =>
        scalarParam('Id', args[name], `${method}.${name}`);
    const text = (name: string) =>
        scalarParam('String', args[name], `${method}.${name}`);
    switch (method) {
        case 'getPortalContext':
            return backend.getPortalContext(call);
        case 'getMyCases':
            return backend.getMyCases(
                call,
                fromWire('CaseFilter', args.filter, 'filter') as CaseFilter
            );
        case 'getCaseDetail':
            return backend.getCaseDetail(call, id('caseId'));
        case 'createCase':
            return backend.createCase(
                call,
                fromWire('NewCaseInput', args.input, 'input') as NewCaseInput
            );
        case 'addComment':
            return backend.addComment(call, id('caseId'), text('body'));
        case 'closeCase':
            return backend.closeCase(
                call,
                id('caseId'),
                text('status'),
                text('comment')
            );
        case 'reopenCase':
            return backend.reopenCase(call, id('caseId'), text('reason'));
        case 'attachFiles':
            return backend.attachFiles(
                call,
                id('caseId'),
                idListParam(args.documentIds, `${method}.documentIds`)
            );
    }
}

/** Runs a controller method; the result goes through the DTO contract on its way out. */
export function invokeApex(
    backend: PreviewBackend,
    call: CallContext,
    methodName: string,
    body: unknown
): ApexResponse {
    if (!isMethodName(methodName)) {
        return {
            status: 404,
            body: {
                message: `CasePortalController has no @AuraEnabled method ${methodName}`
            }
        };
    }
    try {
        const result = run(backend, call, methodName, params(methodName, body));
        const returns = CONTROLLER_METHODS[methodName].returns;
        return { status: 200, body: toWire(returns, result) ?? null };
    } catch (error) {
        if (error instanceof Refusal) {
            return auraError(error.message, 'System.AuraHandledException');
        }
        if (error instanceof ContractError) {
            return auraError(
                `Preview contract error: ${error.message}`,
                'System.JSONException'
            );
        }
        throw error;
    }
}
