import { createElement } from 'lwc';
import CasePortal from 'c/casePortal';
import { CurrentPageReference, navigate } from 'lightning/navigation';
import getPortalContext from '@salesforce/apex/CasePortalController.getPortalContext';
import getMyCases from '@salesforce/apex/CasePortalController.getMyCases';
import getCaseDetail from '@salesforce/apex/CasePortalController.getCaseDetail';

const CONTEXT = require('./data/portalContext.json');
const PAGE_1 = require('../../caseList/__tests__/data/casesPage1.json');
const DETAIL = require('../../caseDetail/__tests__/data/caseDetail.json');

// The page-reference convention (LWC Developer Guide, "Add Query Parameters"): the open case is
// the state key c__caseId; opening a case navigates to the same page with it, Back without it,
// and the view follows CurrentPageReference. Navigate is recorded; the test plays the router.
jest.mock('lightning/navigation', () => {
    const { createTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
    const Navigate = Symbol('Navigate');
    const GenerateUrl = Symbol('GenerateUrl');
    const navigateCalls = jest.fn();
    const NavigationMixin = (Base) =>
        class extends Base {
            [Navigate](pageReference, replace) {
                navigateCalls(pageReference, replace);
            }
            [GenerateUrl]() {
                return Promise.resolve('/s/cases');
            }
        };
    NavigationMixin.Navigate = Navigate;
    NavigationMixin.GenerateUrl = GenerateUrl;
    return {
        CurrentPageReference: createTestWireAdapter(jest.fn()),
        NavigationMixin,
        navigate: navigateCalls
    };
});
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

const { setImmediate: nextMacrotask } = jest.requireActual('timers');
function flushPromises() {
    return new Promise((resolve) => nextMacrotask(resolve));
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const list = (element) => $(element, 'c-case-list');
const detail = (element) => $(element, 'c-case-detail');

function pageRef(state = {}) {
    return {
        type: 'comm__namedPage',
        attributes: { name: 'Home' },
        state
    };
}

describe('c-case-portal: a URL per case (c__caseId)', () => {
    beforeEach(() => {
        getMyCases.mockResolvedValue(PAGE_1);
        getCaseDetail.mockResolvedValue(DETAIL);
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    async function renderAt(state) {
        const element = createElement('c-case-portal', { is: CasePortal });
        document.body.appendChild(element);
        CurrentPageReference.emit(pageRef(state));
        getPortalContext.emit(CONTEXT);
        await flushPromises();
        return element;
    }

    it('opens the case a link or a reload names', async () => {
        const element = await renderAt({ c__caseId: DETAIL.summary.recordId });

        expect(detail(element).caseId).toBe(DETAIL.summary.recordId);
        expect(getCaseDetail).toHaveBeenCalledWith({
            caseId: DETAIL.summary.recordId
        });
        expect(list(element).parentElement.classList).toContain('slds-hide');
    });

    it('opening a case navigates to the same page with c__caseId, keeping other state', async () => {
        const element = await renderAt({ c__tab: 'support' });
        const caseId = PAGE_1.cases[1].recordId;

        list(element).dispatchEvent(
            new CustomEvent('select', { detail: { caseId } })
        );
        await flushPromises();

        expect(navigate).toHaveBeenCalledTimes(1);
        expect(navigate.mock.calls[0][0]).toEqual(
            pageRef({ c__tab: 'support', c__caseId: caseId })
        );
        // The router answers with the new page reference: the case opens.
        CurrentPageReference.emit(pageRef({ c__caseId: caseId }));
        await flushPromises();
        expect(detail(element).caseId).toBe(caseId);
    });

    it('Back (button) navigates without c__caseId; the browser Back shows the list, read again', async () => {
        const caseId = PAGE_1.cases[1].recordId;
        const element = await renderAt({ c__caseId: caseId });
        expect(getMyCases).toHaveBeenCalledTimes(1);

        detail(element).dispatchEvent(new CustomEvent('back'));
        expect(navigate.mock.calls[0][0].state).toEqual({
            c__caseId: undefined
        });

        CurrentPageReference.emit(pageRef({}));
        await flushPromises();

        expect(detail(element)).toBeNull();
        expect(list(element).parentElement.classList).not.toContain(
            'slds-hide'
        );
        expect(getMyCases).toHaveBeenCalledTimes(2);
    });

    it('shows "case not found" for an id that is not a record Id', async () => {
        const element = await renderAt({ c__caseId: '<script>' });

        expect(getCaseDetail).not.toHaveBeenCalled();
        expect(
            detail(element).shadowRoot.querySelector('[data-id="load-error"]')
                .textContent
        ).toContain('c.CasePortal_Error_CaseNotFound');
    });

    it('the same page reference again keeps the view and asks nothing', async () => {
        const element = await renderAt({ c__caseId: DETAIL.summary.recordId });

        CurrentPageReference.emit(
            pageRef({ c__caseId: DETAIL.summary.recordId })
        );
        await flushPromises();

        expect(detail(element)).not.toBeNull();
        expect(getCaseDetail).toHaveBeenCalledTimes(1);
    });
});
