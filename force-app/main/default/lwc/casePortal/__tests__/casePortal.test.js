import { createElement } from 'lwc';
import { registerSa11yMatcher } from '@sa11y/jest';
import CasePortal from 'c/casePortal';
import getPortalContext from '@salesforce/apex/CasePortalController.getPortalContext';
import getMyCases from '@salesforce/apex/CasePortalController.getMyCases';
import getCaseDetail from '@salesforce/apex/CasePortalController.getCaseDetail';
import createCase from '@salesforce/apex/CasePortalController.createCase';
import addComment from '@salesforce/apex/CasePortalController.addComment';

const CONTEXT = require('./data/portalContext.json');
const PAGE_1 = require('../../caseList/__tests__/data/casesPage1.json');
const NEW_CASE = require('../../caseCreateForm/__tests__/data/createdCase.json');
const DETAIL = require('../../caseDetail/__tests__/data/caseDetail.json');

jest.mock(
    '@salesforce/apex/CasePortalController.getPortalContext',
    () => {
        const {
            createApexTestWireAdapter
        } = require('@salesforce/sfdx-lwc-jest');
        return { default: createApexTestWireAdapter(jest.fn()) };
    },
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/CasePortalController.getCaseDetail',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/CasePortalController.getMyCases',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/CasePortalController.createCase',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/CasePortalController.addComment',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/CasePortalController.closeCase',
    () => ({ default: jest.fn() }),
    { virtual: true }
);

// Resolves once pending promises (the Apex mocks) and the re-render they cause have run: one
// macrotask later. Node's own setImmediate, so fake timers in a test do not stop it.
const { setImmediate: nextMacrotask } = jest.requireActual('timers');
function flushPromises() {
    return new Promise((resolve) => nextMacrotask(resolve));
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const list = (element) => $(element, 'c-case-list');
const detail = (element) => $(element, 'c-case-detail');
const form = (element) => $(element, 'c-case-create-form');
const inList = (element, selector) =>
    list(element).shadowRoot.querySelector(selector);

describe('c-case-portal', () => {
    let contextRequests;

    beforeAll(() => {
        registerSa11yMatcher();
    });

    beforeEach(() => {
        // Each update of a wire's configuration is one Apex request.
        contextRequests = jest.spyOn(
            getPortalContext.adapter.prototype,
            'update'
        );
        getMyCases.mockResolvedValue(PAGE_1);
        getCaseDetail.mockResolvedValue(DETAIL);
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.restoreAllMocks();
        jest.clearAllMocks();
    });

    async function renderPortal(context = CONTEXT) {
        const element = createElement('c-case-portal', { is: CasePortal });
        document.body.appendChild(element);
        if (context) {
            getPortalContext.emit(context);
        }
        await flushPromises();
        return element;
    }

    /** Apex requests so far: the view rendered with exactly these. */
    function serverCalls() {
        return {
            context: contextRequests.mock.calls.length,
            cases: getMyCases.mock.calls.length,
            detail: getCaseDetail.mock.calls.length
        };
    }

    async function openCase(element, caseId) {
        list(element).dispatchEvent(
            new CustomEvent('select', { detail: { caseId } })
        );
        await flushPromises();
    }

    it('reads the context once and renders the list with one getMyCases call', async () => {
        const element = await renderPortal();

        expect(serverCalls()).toEqual({ context: 1, cases: 1, detail: 0 });
        expect(list(element)).not.toBeNull();
        expect(list(element).canCreate).toBe(true);
        expect(list(element).scope).toBe('Contact');
        expect(detail(element)).toBeNull();
        expect(form(element)).toBeNull();
        expect(element.shadowRoot.activeElement).toBeNull();
    });

    it('shows a spinner until the context arrives, and the reason when it fails', async () => {
        const element = await renderPortal(null);
        expect($(element, 'lightning-spinner')).not.toBeNull();
        expect(list(element)).toBeNull();

        getPortalContext.error({ message: 'Server unavailable' });
        await flushPromises();

        expect($(element, 'lightning-spinner')).toBeNull();
        const alert = $(element, '[data-id="context-error"]');
        expect(alert.getAttribute('role')).toBe('alert');
        expect(alert.textContent).toContain('Server unavailable');
        expect(getMyCases).not.toHaveBeenCalled();
    });

    it('says the portal is off, and asks the server for nothing else', async () => {
        const element = await renderPortal({
            ...CONTEXT,
            portalEnabled: false,
            canRead: false,
            canReply: false,
            canCreate: false,
            canClose: false
        });

        expect($(element, '[data-id="portal-disabled"]').textContent).toContain(
            'c.CasePortal_Error_PortalDisabled'
        );
        expect(list(element)).toBeNull();
        expect(serverCalls()).toEqual({ context: 1, cases: 0, detail: 0 });
    });

    it('says so when the user may neither read nor create', async () => {
        const element = await renderPortal({
            ...CONTEXT,
            canRead: false,
            canReply: false,
            canCreate: false,
            canClose: false
        });

        expect($(element, '[data-id="no-access"]')).not.toBeNull();
        expect(list(element)).toBeNull();
        expect(form(element)).toBeNull();
    });

    it('shows only the form to a user who may create but not read', async () => {
        createCase.mockResolvedValue(NEW_CASE);
        const element = await renderPortal({
            ...CONTEXT,
            canRead: false,
            canReply: false
        });

        expect(list(element)).toBeNull();
        expect(form(element)).not.toBeNull();
        expect(form(element).canCancel).toBe(false);
        expect(getMyCases).not.toHaveBeenCalled();

        form(element).dispatchEvent(
            new CustomEvent('created', { detail: NEW_CASE })
        );
        await flushPromises();

        expect(form(element)).not.toBeNull();
        expect(detail(element)).toBeNull();
        expect($(element, '[data-id="announcement"]').textContent.trim()).toBe(
            'c.CasePortal_CaseCreated'
        );
    });

    it('opens a case with one getCaseDetail request and focuses its heading', async () => {
        const element = await renderPortal();

        await openCase(element, DETAIL.summary.recordId);

        expect(serverCalls()).toEqual({ context: 1, cases: 1, detail: 1 });
        expect(getCaseDetail.mock.calls[0][0]).toEqual({
            caseId: DETAIL.summary.recordId
        });
        const caseDetail = detail(element);
        expect(caseDetail.caseId).toBe(DETAIL.summary.recordId);
        expect(caseDetail.canReply).toBe(true);
        expect(caseDetail.canClose).toBe(true);
        expect(caseDetail.closeStatuses).toEqual(CONTEXT.closeStatuses);
        // The list stays loaded but hidden.
        expect(list(element).parentElement.classList).toContain('slds-hide');
        expect(caseDetail.shadowRoot.activeElement.tagName).toBe('H2');
    });

    it('goes back to the list, reads it again (fresh data, one call) and focuses the case', async () => {
        const element = await renderPortal();
        const caseId = PAGE_1.cases[1].recordId;
        await openCase(element, caseId);

        detail(element).dispatchEvent(new CustomEvent('back'));
        await flushPromises();

        expect(detail(element)).toBeNull();
        expect(list(element).parentElement.classList).not.toContain(
            'slds-hide'
        );
        expect(serverCalls()).toEqual({ context: 1, cases: 2, detail: 1 });
        expect(list(element).shadowRoot.activeElement.dataset.caseId).toBe(
            caseId
        );
    });

    it('passes a closed case back to the list', async () => {
        const element = await renderPortal();
        await openCase(element, PAGE_1.cases[0].recordId);

        detail(element).dispatchEvent(
            new CustomEvent('caseupdated', {
                detail: { ...PAGE_1.cases[0], status: 'Closed', isClosed: true }
            })
        );
        await flushPromises();

        // The list shows open cases: the closed one leaves it, with no reload.
        expect(
            list(element).shadowRoot.querySelectorAll('tbody tr')
        ).toHaveLength(2);
        expect(getMyCases).toHaveBeenCalledTimes(1);
    });

    it('opens the form from the list, cancels back to it', async () => {
        const element = await renderPortal();

        inList(element, '[data-id="new-case"]').click();
        await flushPromises();

        expect(form(element)).not.toBeNull();
        expect(form(element).typeOptions).toEqual(CONTEXT.typeOptions);
        expect(form(element).priorityOptions).toEqual(CONTEXT.priorityOptions);
        expect(form(element).canCancel).toBe(true);
        expect(form(element).shadowRoot.activeElement.tagName).toBe('H2');

        form(element).dispatchEvent(new CustomEvent('cancel'));
        await flushPromises();

        expect(form(element)).toBeNull();
        expect(list(element).shadowRoot.activeElement.tagName).toBe('H2');
        expect(serverCalls()).toEqual({ context: 1, cases: 1, detail: 0 });
    });

    it('shows a new case in its detail and at the top of the list', async () => {
        const element = await renderPortal();
        inList(element, '[data-id="new-case"]').click();
        await flushPromises();

        form(element).dispatchEvent(
            new CustomEvent('created', { detail: NEW_CASE })
        );
        await flushPromises();

        expect(detail(element).caseId).toBe(NEW_CASE.recordId);
        expect(
            list(element)
                .shadowRoot.querySelector('tbody button')
                .textContent.trim()
        ).toBe(NEW_CASE.subject);
        expect(serverCalls()).toEqual({ context: 1, cases: 1, detail: 1 });
        expect($(element, '[data-id="announcement"]').textContent.trim()).toBe(
            'c.CasePortal_CaseCreated'
        );
    });

    it('clears the "case opened" message when the case is closed or the view changes', async () => {
        const element = await renderPortal();
        const announcement = () =>
            $(element, '[data-id="announcement"]').textContent.trim();
        inList(element, '[data-id="new-case"]').click();
        await flushPromises();
        form(element).dispatchEvent(
            new CustomEvent('created', { detail: NEW_CASE })
        );
        await flushPromises();
        expect(announcement()).toBe('c.CasePortal_CaseCreated');

        detail(element).dispatchEvent(
            new CustomEvent('caseupdated', {
                detail: { ...NEW_CASE, status: 'Closed', isClosed: true }
            })
        );
        await flushPromises();
        expect(announcement()).toBe('');

        // And a view change clears it too.
        detail(element).dispatchEvent(new CustomEvent('back'));
        await flushPromises();
        expect(announcement()).toBe('');
    });

    it('hides what the settings turn off', async () => {
        const element = await renderPortal({
            ...CONTEXT,
            caseCreationEnabled: false,
            caseUpdateEnabled: false,
            canCreate: false,
            canReply: false,
            canClose: false,
            closeStatuses: []
        });

        expect(list(element).canCreate).toBe(false);
        expect(inList(element, '[data-id="new-case"]')).toBeNull();

        await openCase(element, DETAIL.summary.recordId);

        const caseDetail = detail(element);
        expect(caseDetail.canReply).toBe(false);
        expect(caseDetail.canClose).toBe(false);
        expect(
            caseDetail.shadowRoot.querySelector('[data-id="reply-box"]')
        ).toBeNull();
        expect(
            caseDetail.shadowRoot.querySelector('[data-id="close-case"]')
        ).toBeNull();
        expect(addComment).not.toHaveBeenCalled();
    });

    it('keeps the view when the context is provided again', async () => {
        const element = await renderPortal();
        await openCase(element, DETAIL.summary.recordId);

        getPortalContext.emit({ ...CONTEXT });
        await flushPromises();

        expect(detail(element)).not.toBeNull();
    });

    it('is accessible in each view', async () => {
        const element = await renderPortal();
        await expect(element).toBeAccessible();

        await openCase(element, DETAIL.summary.recordId);
        await expect(element).toBeAccessible();

        detail(element).dispatchEvent(new CustomEvent('back'));
        await flushPromises();
        inList(element, '[data-id="new-case"]').click();
        await flushPromises();
        await expect(element).toBeAccessible();
        // axe on three views: slow on a shared machine.
    }, 20000);
});
