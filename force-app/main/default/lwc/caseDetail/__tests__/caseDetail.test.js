import { createElement } from 'lwc';
import { registerSa11yMatcher } from '@sa11y/jest';
import CaseDetail from 'c/caseDetail';
import getCaseDetail from '@salesforce/apex/CasePortalController.getCaseDetail';
import addComment from '@salesforce/apex/CasePortalController.addComment';
import reopenCase from '@salesforce/apex/CasePortalController.reopenCase';

const DETAIL = require('./data/caseDetail.json');
const DETAIL_CLOSED = require('./data/caseDetailClosed.json');
const DETAIL_WITH_EMAIL = require('./data/caseDetailWithEmail.json');
const CLOSED_SUMMARY = require('../../caseCloseConfirm/__tests__/data/closedSummary.json');
const CLOSE_STATUSES = require('../../caseCloseConfirm/__tests__/data/closeStatuses.json');
const NEW_COMMENT = require('./data/newComment.json');
const DETAIL_WITH_FILES = require('./data/caseDetailWithFiles.json');

const CASE_ID = DETAIL.summary.recordId;

jest.mock(
    '@salesforce/apex/CasePortalController.getCaseDetail',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/CasePortalController.addComment',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
jest.mock(
    '@salesforce/apex/CasePortalController.reopenCase',
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
const $$ = (element, selector) => [
    ...element.shadowRoot.querySelectorAll(selector)
];

describe('c-case-detail', () => {
    beforeAll(() => {
        registerSa11yMatcher();
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.restoreAllMocks();
        jest.clearAllMocks();
    });

    /** data: the case getCaseDetail answers; null: an answer the test gives (returned). */
    async function renderDetail(data, props = {}) {
        const element = createElement('c-case-detail', { is: CaseDetail });
        Object.assign(
            element,
            {
                caseId: CASE_ID,
                canReply: true,
                canClose: true,
                closeStatuses: CLOSE_STATUSES
            },
            props
        );
        if (data) {
            getCaseDetail.mockResolvedValue(data);
        }
        document.body.appendChild(element);
        await flushPromises();
        return element;
    }

    function typeReply(element, value) {
        const textarea = $(element, '[data-id="reply"]');
        textarea.value = value;
        textarea.dispatchEvent(
            new CustomEvent('change', { detail: { value } })
        );
    }

    it('renders the case from one getCaseDetail request', async () => {
        const element = await renderDetail(DETAIL);

        expect(getCaseDetail).toHaveBeenCalledTimes(1);
        expect(getCaseDetail).toHaveBeenCalledWith({ caseId: CASE_ID });
        expect($(element, 'h2').textContent).toContain(
            'c.CasePortal_CaseHeading'
        );
        const status = $(element, '[data-id="status"]').textContent;
        expect(status).toContain('Working');
        expect(status).toContain('c.CasePortal_StateOpen');
        expect($(element, '[data-id="fields"]').textContent).toContain('High');
        expect($(element, '[data-id="fields"]').textContent).toContain(
            'Problem'
        );
        expect(
            $(element, '[data-id="description"] lightning-formatted-text').value
        ).toBe(DETAIL.description);
    });

    it('shows the published comments oldest first, naming who wrote them', async () => {
        const element = await renderDetail(DETAIL);

        const items = $$(element, '[data-id="comments"] li');
        expect(items).toHaveLength(3);
        expect(items[0].textContent).toContain('c.CasePortal_AuthorYou');
        expect(items[1].textContent).toContain('Sam Agent');
        expect(items[2].textContent).toContain('c.CasePortal_AuthorSupport');
        expect(
            items.map(
                (item) => item.querySelector('lightning-formatted-text').value
            )
        ).toEqual(DETAIL.comments.map((comment) => comment.body));
    });

    it('shows emails in the same thread, marked as email, their bodies as text', async () => {
        const element = await renderDetail(DETAIL_WITH_EMAIL);

        const items = $$(element, '[data-id="comments"] li');
        expect(items).toHaveLength(4);
        expect(
            items.map((item) =>
                Boolean(item.querySelector('[data-id="email-badge"]'))
            )
        ).toEqual([false, false, true, false]);
        expect(items[2].textContent).toContain('Sam Agent');
        expect(items[2].textContent).toContain('c.CasePortal_SourceEmail');
        // Markup in a body stays text: it goes to lightning-formatted-text, never to innerHTML.
        expect(items[2].querySelector('lightning-formatted-text').value).toBe(
            DETAIL_WITH_EMAIL.comments[2].body
        );
        expect(items[2].querySelector('b')).toBeNull();
    });

    it('shows a spinner until the case arrives, then the server message on failure', async () => {
        let fail;
        getCaseDetail.mockReturnValue(
            new Promise((resolve, reject) => {
                fail = reject;
            })
        );
        const element = await renderDetail(null);
        expect($(element, 'lightning-spinner')).not.toBeNull();

        fail({ body: { message: "We couldn't find that case." } });
        await flushPromises();

        expect($(element, 'lightning-spinner')).toBeNull();
        const alert = $(element, '[data-id="load-error"]');
        expect(alert.getAttribute('role')).toBe('alert');
        expect(alert.textContent).toContain("We couldn't find that case.");
        expect($(element, '[data-id="reply-box"]')).toBeNull();
    });

    it('says "case not found" for an id that is no record Id, without a call', async () => {
        const element = await renderDetail(null, { caseId: 'not-an-id' });

        expect(getCaseDetail).not.toHaveBeenCalled();
        expect($(element, '[data-id="load-error"]').textContent).toContain(
            'c.CasePortal_Error_CaseNotFound'
        );
        expect($(element, 'lightning-spinner')).toBeNull();
    });

    it('reads the case again each time it is shown (fresh agent replies)', async () => {
        await renderDetail(DETAIL);
        const again = await renderDetail({
            ...DETAIL,
            summary: { ...DETAIL.summary, statusLabel: 'Waiting for you' }
        });

        expect(getCaseDetail).toHaveBeenCalledTimes(2);
        expect($(again, '[data-id="status"]').textContent).toContain(
            'Waiting for you'
        );
    });

    it('sends a reply, announces it and refreshes the case', async () => {
        addComment.mockResolvedValue(NEW_COMMENT);
        const element = await renderDetail(DETAIL);

        typeReply(element, 'Thanks, it works again.');
        $(element, '[data-id="send"]').click();
        await flushPromises();

        expect(addComment).toHaveBeenCalledTimes(1);
        expect(addComment).toHaveBeenCalledWith({
            caseId: CASE_ID,
            body: 'Thanks, it works again.'
        });
        // The case is read again after the reply: the first read and this one.
        expect(getCaseDetail).toHaveBeenCalledTimes(2);
        expect($(element, '[data-id="announcement"]').textContent.trim()).toBe(
            'c.CasePortal_ReplySent'
        );
        expect($(element, '[data-id="reply"]').value).toBe('');
    });

    it('counts the reply in bytes and refuses one that is too long or empty', async () => {
        const element = await renderDetail(DETAIL);

        typeReply(element, 'é'.repeat(2000));
        await flushPromises();
        expect(
            $(element, '[data-id="counter"]').classList.contains(
                'slds-text-color_error'
            )
        ).toBe(false);

        typeReply(element, 'é'.repeat(2001));
        await flushPromises();
        expect(
            $(element, '[data-id="counter"]').classList.contains(
                'slds-text-color_error'
            )
        ).toBe(true);
        $(element, '[data-id="send"]').click();

        typeReply(element, '   ');
        $(element, '[data-id="send"]').click();
        await flushPromises();

        expect(addComment).not.toHaveBeenCalled();
    });

    it('shows the server refusal when a reply fails', async () => {
        addComment.mockRejectedValue({
            body: { message: "This case is closed, so it can't be changed." }
        });
        const element = await renderDetail(DETAIL);

        typeReply(element, 'Hello?');
        $(element, '[data-id="send"]').click();
        await flushPromises();

        const alert = $(element, '[data-id="action-error"]');
        expect(alert.getAttribute('role')).toBe('alert');
        expect(alert.textContent).toContain('closed');
        expect(getCaseDetail).toHaveBeenCalledTimes(1);
    });

    it('hides the reply box without reply access', async () => {
        const element = await renderDetail(DETAIL, { canReply: false });

        expect($(element, '[data-id="reply-box"]')).toBeNull();
        expect($(element, '[data-id="closed-notice"]')).toBeNull();
    });

    it('hides the close action without close access or close statuses', async () => {
        const noPermission = await renderDetail(DETAIL, { canClose: false });
        expect($(noPermission, '[data-id="close-case"]')).toBeNull();

        const noStatuses = await renderDetail(DETAIL, { closeStatuses: [] });
        expect($(noStatuses, '[data-id="close-case"]')).toBeNull();
    });

    it('offers neither reply nor close on a closed case, and says why', async () => {
        const element = await renderDetail(DETAIL_CLOSED);

        expect($(element, '[data-id="status"]').textContent).toContain(
            'c.CasePortal_StateClosed'
        );
        expect($(element, '[data-id="reply-box"]')).toBeNull();
        expect($(element, '[data-id="close-case"]')).toBeNull();
        expect($(element, '[data-id="closed-notice"]')).not.toBeNull();
        expect($(element, '[data-id="no-comments"]')).not.toBeNull();
    });

    it('closes the case through the inline confirmation and reports the change', async () => {
        const element = await renderDetail(DETAIL);
        const updated = jest.fn();
        element.addEventListener('caseupdated', updated);

        expect($(element, 'c-case-close-confirm')).toBeNull();
        $(element, '[data-id="close-case"]').click();
        await flushPromises();

        const confirm = $(element, 'c-case-close-confirm');
        expect(confirm).not.toBeNull();
        expect(confirm.caseId).toBe(CASE_ID);
        expect(confirm.statuses).toEqual(CLOSE_STATUSES);
        expect(confirm.canComment).toBe(true);
        expect(confirm.commentMaxBytes).toBe(4000);
        // While it is open, the close button is replaced by it.
        expect($(element, '[data-id="close-case"]')).toBeNull();

        // The server now has the case closed; the view reads it again.
        getCaseDetail.mockResolvedValue({ ...DETAIL, summary: CLOSED_SUMMARY });
        confirm.dispatchEvent(
            new CustomEvent('closed', { detail: CLOSED_SUMMARY })
        );
        await flushPromises();

        expect(updated).toHaveBeenCalledTimes(1);
        expect(updated.mock.calls[0][0].detail).toEqual(CLOSED_SUMMARY);
        expect(getCaseDetail).toHaveBeenCalledTimes(2);
        expect($(element, 'c-case-close-confirm')).toBeNull();
        expect($(element, '[data-id="status"]').textContent).toContain(
            'c.CasePortal_StateClosed'
        );
        expect($(element, '[data-id="close-case"]')).toBeNull();
        expect($(element, '[data-id="announcement"]').textContent.trim()).toBe(
            'c.CasePortal_CaseClosedMessage'
        );
        expect(element.shadowRoot.activeElement.tagName).toBe('H2');
    });

    it('changes nothing when the confirmation is cancelled, and focus returns to the close button', async () => {
        const element = await renderDetail(DETAIL);
        const updated = jest.fn();
        element.addEventListener('caseupdated', updated);

        $(element, '[data-id="close-case"]').click();
        await flushPromises();
        // The lightning-button stub is not focusable in jsdom: record focus() calls instead.
        const focused = [];
        jest.spyOn(HTMLElement.prototype, 'focus').mockImplementation(
            function recordFocus() {
                focused.push(this);
            }
        );
        $(element, 'c-case-close-confirm').dispatchEvent(
            new CustomEvent('cancel')
        );
        await flushPromises();

        expect(updated).not.toHaveBeenCalled();
        expect(getCaseDetail).toHaveBeenCalledTimes(1);
        expect($(element, 'c-case-close-confirm')).toBeNull();
        const closeButton = $(element, '[data-id="close-case"]');
        expect(closeButton).not.toBeNull();
        expect(focused).toEqual([closeButton]);
    });

    it('shows every date in the user time zone', async () => {
        const element = await renderDetail(DETAIL);

        const dates = $$(element, 'lightning-formatted-date-time');
        expect(dates.length).toBeGreaterThan(0);
        for (const date of dates) {
            expect(date.timeZone).toBeTruthy();
        }
    });

    it('clears old messages when another case is shown', async () => {
        addComment.mockRejectedValue({ body: { message: 'Nope.' } });
        const element = await renderDetail(DETAIL);
        typeReply(element, 'Hello');
        $(element, '[data-id="send"]').click();
        await flushPromises();
        expect($(element, '[data-id="action-error"]')).not.toBeNull();

        element.caseId = '500000000000009AAA';
        await flushPromises();

        expect($(element, '[data-id="action-error"]')).toBeNull();
    });

    it('fires back', async () => {
        const element = await renderDetail(DETAIL);
        const handler = jest.fn();
        element.addEventListener('back', handler);

        $(element, '[data-id="back"]').click();

        expect(handler).toHaveBeenCalledTimes(1);
    });

    it('offers reopening only where the server allows it, and reopens with a reason', async () => {
        const notOffered = await renderDetail(DETAIL_CLOSED);
        expect($(notOffered, '[data-id="reopen-case"]')).toBeNull();

        const reopenable = { ...DETAIL_CLOSED, canReopen: true };
        const noReply = await renderDetail(reopenable, { canReply: false });
        expect($(noReply, '[data-id="reopen-case"]')).toBeNull();

        const reopened = {
            ...DETAIL_CLOSED.summary,
            isClosed: false,
            status: 'New',
            statusLabel: 'New'
        };
        reopenCase.mockResolvedValue(reopened);
        const element = await renderDetail(reopenable);
        const updated = jest.fn();
        element.addEventListener('caseupdated', updated);
        $(element, '[data-id="reopen-case"]').click();
        await flushPromises();

        // An empty reason is refused before any call.
        $(element, '[data-id="reopen-submit"]').click();
        await flushPromises();
        expect(reopenCase).not.toHaveBeenCalled();

        const reason = $(element, '[data-id="reopen-reason"]');
        reason.value = 'It broke again.';
        reason.dispatchEvent(
            new CustomEvent('change', { detail: { value: 'It broke again.' } })
        );
        getCaseDetail.mockResolvedValue({
            ...DETAIL_CLOSED,
            summary: reopened,
            canReopen: false
        });
        $(element, '[data-id="reopen-submit"]').click();
        await flushPromises();

        expect(reopenCase).toHaveBeenCalledWith({
            caseId: DETAIL_CLOSED.summary.recordId,
            reason: 'It broke again.'
        });
        expect(updated.mock.calls[0][0].detail).toEqual(reopened);
        expect($(element, '[data-id="announcement"]').textContent.trim()).toBe(
            'c.CasePortal_CaseReopened'
        );
        expect($(element, '[data-id="reopen-form"]')).toBeNull();
        expect($(element, '[data-id="reply-box"]')).not.toBeNull();
    });

    it('shows the server refusal when reopening fails', async () => {
        reopenCase.mockRejectedValue({
            body: { message: "This case can't be reopened." }
        });
        const element = await renderDetail({
            ...DETAIL_CLOSED,
            canReopen: true
        });
        $(element, '[data-id="reopen-case"]').click();
        await flushPromises();
        const reason = $(element, '[data-id="reopen-reason"]');
        reason.dispatchEvent(
            new CustomEvent('change', { detail: { value: 'Again' } })
        );
        $(element, '[data-id="reopen-submit"]').click();
        await flushPromises();

        expect($(element, '[data-id="action-error"]').textContent).toContain(
            "can't be reopened"
        );
        expect($(element, '[data-id="reopen-form"]')).not.toBeNull();
    });

    it('is accessible, open and closed', async () => {
        const open = await renderDetail(DETAIL);
        await expect(open).toBeAccessible();

        const closed = await renderDetail(DETAIL_CLOSED);
        await expect(closed).toBeAccessible();
    });
    it('passes the files and upload rules of the same getCaseDetail answer to c-case-files (one call)', async () => {
        const element = await renderDetail(DETAIL_WITH_FILES);
        const files = $(element, 'c-case-files');
        expect(files).not.toBeNull();
        expect(files.caseId).toBe(CASE_ID);
        expect(files.files).toEqual(DETAIL_WITH_FILES.files);
        expect(files.upload).toEqual(DETAIL_WITH_FILES.fileUpload);
        expect(getCaseDetail).toHaveBeenCalledTimes(1);
        await expect(element).toBeAccessible();
    });
});
