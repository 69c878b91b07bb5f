import { createElement } from 'lwc';
import { registerSa11yMatcher } from '@sa11y/jest';
import CaseCloseModal from 'c/caseCloseModal';
import closeCase from '@salesforce/apex/CasePortalController.closeCase';

const CLOSE_STATUSES = require('./data/closeStatuses.json');
const CLOSED_SUMMARY = require('./data/closedSummary.json');

const CASE_ID = CLOSED_SUMMARY.recordId;

// sfdx-lwc-jest has no lightning/modal stub: use the project's (force-app/test/jest-mocks).
jest.mock(
    'lightning/modal',
    () => jest.requireActual('../../../../../test/jest-mocks/lightning/modal'),
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

describe('c-case-close-modal', () => {
    beforeAll(() => {
        registerSa11yMatcher();
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    async function renderModal(props = {}) {
        const element = createElement('c-case-close-modal', {
            is: CaseCloseModal
        });
        Object.assign(
            element,
            { caseId: CASE_ID, statuses: CLOSE_STATUSES, canComment: true },
            props
        );
        const closed = jest.fn();
        element.addEventListener('close', closed);
        document.body.appendChild(element);
        await flushPromises();
        return { element, closed };
    }

    function change(element, dataId, value) {
        $(element, `[data-id="${dataId}"]`).dispatchEvent(
            new CustomEvent('change', { detail: { value } })
        );
    }

    it('offers the allowed statuses, the first chosen, and the closing comment', async () => {
        const { element } = await renderModal();

        const status = $(element, '[data-id="status"]');
        expect(status.options).toEqual(CLOSE_STATUSES);
        expect(status.value).toBe('Closed');
        expect(status.required).toBe(true);
        expect($(element, '[data-id="comment"]')).not.toBeNull();
        expect($(element, 'lightning-modal-header').label).toBe(
            'c.CasePortal_CloseTitle'
        );
    });

    it('hides the closing comment when the user may not reply', async () => {
        const { element } = await renderModal({ canComment: false });

        expect($(element, '[data-id="comment"]')).toBeNull();
    });

    it('closes the case with the chosen status and comment, and returns it', async () => {
        closeCase.mockResolvedValue(CLOSED_SUMMARY);
        const { element, closed } = await renderModal();

        change(element, 'status', 'Resolved');
        change(element, 'comment', 'Solved, thanks.');
        $(element, '[data-id="confirm"]').click();
        await flushPromises();

        expect(closeCase).toHaveBeenCalledTimes(1);
        expect(closeCase).toHaveBeenCalledWith({
            caseId: CASE_ID,
            status: 'Resolved',
            comment: 'Solved, thanks.'
        });
        expect(closed).toHaveBeenCalledTimes(1);
        expect(closed.mock.calls[0][0].detail).toEqual(CLOSED_SUMMARY);
    });

    it('sends no comment when the user may not reply', async () => {
        closeCase.mockResolvedValue(CLOSED_SUMMARY);
        const { element } = await renderModal({ canComment: false });

        $(element, '[data-id="confirm"]').click();
        await flushPromises();

        expect(closeCase).toHaveBeenCalledWith({
            caseId: CASE_ID,
            status: 'Closed',
            comment: null
        });
    });

    it('keeps the dialog open with the server message when closing fails', async () => {
        closeCase.mockRejectedValue({
            body: {
                message: "We couldn't find that case, or it isn't one of yours."
            }
        });
        const { element, closed } = await renderModal();

        $(element, '[data-id="confirm"]').click();
        await flushPromises();

        const alert = $(element, '[data-id="error"]');
        expect(alert.getAttribute('role')).toBe('alert');
        expect(alert.textContent).toContain("isn't one of yours");
        expect(closed).not.toHaveBeenCalled();
        expect($(element, '[data-id="confirm"]').disabled).toBe(false);
    });

    it('refuses to save without a status or with a comment that is too long', async () => {
        const noStatuses = await renderModal({ statuses: [] });
        $(noStatuses.element, '[data-id="confirm"]').click();
        await flushPromises();

        const tooLong = await renderModal();
        change(tooLong.element, 'comment', '€'.repeat(1334));
        $(tooLong.element, '[data-id="confirm"]').click();
        await flushPromises();

        expect(closeCase).not.toHaveBeenCalled();
        expect(noStatuses.closed).not.toHaveBeenCalled();
        expect(tooLong.closed).not.toHaveBeenCalled();
    });

    it('closes with nothing when cancelled', async () => {
        const { element, closed } = await renderModal();

        $(element, '[data-id="cancel"]').click();

        expect(closed).toHaveBeenCalledTimes(1);
        expect(closed.mock.calls[0][0].detail).toBeNull();
        expect(closeCase).not.toHaveBeenCalled();
    });

    it('is accessible', async () => {
        const { element } = await renderModal();

        await expect(element).toBeAccessible();
    });
});
