import { createElement } from 'lwc';
import { registerSa11yMatcher } from '@sa11y/jest';
import CaseCloseConfirm from 'c/caseCloseConfirm';
import closeCase from '@salesforce/apex/CasePortalController.closeCase';

const CLOSE_STATUSES = require('./data/closeStatuses.json');
const CLOSED_SUMMARY = require('./data/closedSummary.json');

const CASE_ID = CLOSED_SUMMARY.recordId;

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

describe('c-case-close-confirm', () => {
    beforeAll(() => {
        registerSa11yMatcher();
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    async function renderConfirm(props = {}) {
        const element = createElement('c-case-close-confirm', {
            is: CaseCloseConfirm
        });
        Object.assign(
            element,
            { caseId: CASE_ID, statuses: CLOSE_STATUSES, canComment: true },
            props
        );
        const closed = jest.fn();
        const cancelled = jest.fn();
        element.addEventListener('closed', closed);
        element.addEventListener('cancel', cancelled);
        document.body.appendChild(element);
        await flushPromises();
        return { element, closed, cancelled };
    }

    function change(element, dataId, value) {
        $(element, `[data-id="${dataId}"]`).dispatchEvent(
            new CustomEvent('change', { detail: { value } })
        );
    }

    it('offers the allowed statuses, the first chosen, and the closing comment', async () => {
        const { element } = await renderConfirm();

        const status = $(element, '[data-id="status"]');
        expect(status.options).toEqual(CLOSE_STATUSES);
        expect(status.value).toBe('Closed');
        expect(status.required).toBe(true);
        expect($(element, '[data-id="comment"]')).not.toBeNull();
        const group = $(element, '[data-id="close-confirm"]');
        expect(group.getAttribute('role')).toBe('group');
        expect(group.getAttribute('aria-labelledby')).toBeTruthy();
        expect($(element, 'h3').textContent.trim()).toBe(
            'c.CasePortal_CloseTitle'
        );
    });

    it('hides the closing comment when the user may not reply', async () => {
        const { element } = await renderConfirm({ canComment: false });

        expect($(element, '[data-id="comment"]')).toBeNull();
    });

    it('closes the case with the chosen status and comment, and returns it', async () => {
        closeCase.mockResolvedValue(CLOSED_SUMMARY);
        const { element, closed } = await renderConfirm();

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
        const { element } = await renderConfirm({ canComment: false });

        $(element, '[data-id="confirm"]').click();
        await flushPromises();

        expect(closeCase).toHaveBeenCalledWith({
            caseId: CASE_ID,
            status: 'Closed',
            comment: null
        });
    });

    it('takes focus on its heading when it appears', async () => {
        const { element } = await renderConfirm();

        expect(element.shadowRoot.activeElement).toBe($(element, 'h3'));
    });

    it('keeps the confirmation open with the server message when closing fails', async () => {
        closeCase.mockRejectedValue({
            body: {
                message: "We couldn't find that case, or it isn't one of yours."
            }
        });
        const { element, closed } = await renderConfirm();

        $(element, '[data-id="confirm"]').click();
        await flushPromises();

        const alert = $(element, '[data-id="error"]');
        expect(alert.getAttribute('role')).toBe('alert');
        expect(alert.textContent).toContain("isn't one of yours");
        expect(closed).not.toHaveBeenCalled();
        expect($(element, '[data-id="confirm"]').disabled).toBe(false);
    });

    it('refuses to save without a status or with a comment that is too long', async () => {
        const noStatuses = await renderConfirm({ statuses: [] });
        $(noStatuses.element, '[data-id="confirm"]').click();
        await flushPromises();

        const tooLong = await renderConfirm();
        change(tooLong.element, 'comment', '€'.repeat(1334));
        $(tooLong.element, '[data-id="confirm"]').click();
        await flushPromises();

        expect(closeCase).not.toHaveBeenCalled();
        expect(noStatuses.closed).not.toHaveBeenCalled();
        expect(tooLong.closed).not.toHaveBeenCalled();
    });

    it('cancels with the Cancel button', async () => {
        const { element, closed, cancelled } = await renderConfirm();

        $(element, '[data-id="cancel"]').click();

        expect(cancelled).toHaveBeenCalledTimes(1);
        expect(closed).not.toHaveBeenCalled();
        expect(closeCase).not.toHaveBeenCalled();
    });

    it('cancels with Escape from anywhere inside it', async () => {
        const { element, cancelled } = await renderConfirm();

        $(element, '[data-id="comment"]').dispatchEvent(
            new KeyboardEvent('keydown', {
                key: 'Escape',
                bubbles: true,
                composed: true
            })
        );

        expect(cancelled).toHaveBeenCalledTimes(1);
        expect(closeCase).not.toHaveBeenCalled();
    });

    it('is accessible', async () => {
        const { element } = await renderConfirm();

        await expect(element).toBeAccessible();
    });
});
