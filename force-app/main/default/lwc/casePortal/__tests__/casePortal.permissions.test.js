// The custom-permission imports gate the UI on their own: with the permissions denied in the
// browser, actions stay hidden even when the (possibly cached) server context still allows them.
import { createElement } from 'lwc';
import CasePortal from 'c/casePortal';
import getPortalContext from '@salesforce/apex/CasePortalController.getPortalContext';
import getMyCases from '@salesforce/apex/CasePortalController.getMyCases';
import getCaseDetail from '@salesforce/apex/CasePortalController.getCaseDetail';

const CONTEXT = require('./data/portalContext.json');
const PAGE_1 = require('../../caseList/__tests__/data/casesPage1.json');
const DETAIL = require('../../caseDetail/__tests__/data/caseDetail.json');

jest.mock(
    '@salesforce/customPermission/Case_Portal_Create_Case',
    () => ({ default: false }),
    { virtual: true }
);
jest.mock(
    '@salesforce/customPermission/Case_Portal_Close_Own_Case',
    () => ({ default: false }),
    { virtual: true }
);
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

describe('c-case-portal without the create and close custom permissions', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('hides New case and Close case although the context allows them', async () => {
        getMyCases.mockResolvedValue(PAGE_1);
        getCaseDetail.mockResolvedValue(DETAIL);
        const element = createElement('c-case-portal', { is: CasePortal });
        document.body.appendChild(element);
        getPortalContext.emit(CONTEXT);
        await flushPromises();

        const list = element.shadowRoot.querySelector('c-case-list');
        expect(list.canCreate).toBe(false);
        expect(
            list.shadowRoot.querySelector('[data-id="new-case"]')
        ).toBeNull();

        list.dispatchEvent(
            new CustomEvent('select', {
                detail: { caseId: DETAIL.summary.recordId }
            })
        );
        await flushPromises();

        const detail = element.shadowRoot.querySelector('c-case-detail');
        expect(detail.canClose).toBe(false);
        expect(detail.canReply).toBe(true);
        expect(
            detail.shadowRoot.querySelector('[data-id="close-case"]')
        ).toBeNull();
        expect(
            detail.shadowRoot.querySelector('[data-id="reply-box"]')
        ).not.toBeNull();
    });
});
