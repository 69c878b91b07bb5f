import { LightningElement, api } from 'lwc';
import getCaseDetail from '@salesforce/apex/CasePortalController.getCaseDetail';
import addComment from '@salesforce/apex/CasePortalController.addComment';
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import { errorMessage, formatLabel, utf8Length } from 'c/casePortalUtils';

import BACK from '@salesforce/label/c.CasePortal_BackToList';
import DETAIL_TITLE from '@salesforce/label/c.CasePortal_DetailTitle';
import CASE_HEADING from '@salesforce/label/c.CasePortal_CaseHeading';
import LOADING from '@salesforce/label/c.CasePortal_LoadingCase';
import LOAD_ERROR from '@salesforce/label/c.CasePortal_DetailError';
import FIELD_STATUS from '@salesforce/label/c.CasePortal_ColumnStatus';
import FIELD_PRIORITY from '@salesforce/label/c.CasePortal_ColumnPriority';
import FIELD_TYPE from '@salesforce/label/c.CasePortal_FieldType';
import FIELD_OPENED from '@salesforce/label/c.CasePortal_FieldOpened';
import FIELD_UPDATED from '@salesforce/label/c.CasePortal_ColumnUpdated';
import FIELD_CLOSED from '@salesforce/label/c.CasePortal_FieldClosedDate';
import FIELD_DESCRIPTION from '@salesforce/label/c.CasePortal_FieldDescription';
import STATE_OPEN from '@salesforce/label/c.CasePortal_StateOpen';
import STATE_CLOSED from '@salesforce/label/c.CasePortal_StateClosed';
import CONVERSATION from '@salesforce/label/c.CasePortal_Conversation';
import NO_COMMENTS from '@salesforce/label/c.CasePortal_NoComments';
import AUTHOR_YOU from '@salesforce/label/c.CasePortal_AuthorYou';
import AUTHOR_SUPPORT from '@salesforce/label/c.CasePortal_AuthorSupport';
import REPLY_LABEL from '@salesforce/label/c.CasePortal_ReplyLabel';
import REPLY_HELP from '@salesforce/label/c.CasePortal_ReplyHelp';
import REPLY_COUNTER from '@salesforce/label/c.CasePortal_ReplyCounter';
import REPLY_REQUIRED from '@salesforce/label/c.CasePortal_Error_CommentRequired';
import REPLY_TOO_LONG from '@salesforce/label/c.CasePortal_Error_CommentTooLong';
import SEND from '@salesforce/label/c.CasePortal_SendReply';
import REPLY_SENT from '@salesforce/label/c.CasePortal_ReplySent';
import CLOSED_NOTICE from '@salesforce/label/c.CasePortal_ClosedNotice';
import CLOSE_CASE from '@salesforce/label/c.CasePortal_CloseCase';
import CASE_CLOSED from '@salesforce/label/c.CasePortal_CaseClosedMessage';
import CASE_NOT_FOUND from '@salesforce/label/c.CasePortal_Error_CaseNotFound';
import SOURCE_EMAIL from '@salesforce/label/c.CasePortal_SourceEmail';
import reopenCase from '@salesforce/apex/CasePortalController.reopenCase';
import REOPEN_CASE from '@salesforce/label/c.CasePortal_ReopenCase';
import REOPEN_NOTICE from '@salesforce/label/c.CasePortal_ReopenNotice';
import REOPEN_REASON from '@salesforce/label/c.CasePortal_ReopenReason';
import REOPEN_SUBMIT from '@salesforce/label/c.CasePortal_ReopenSubmit';
import CASE_REOPENED from '@salesforce/label/c.CasePortal_CaseReopened';
import CANCEL from '@salesforce/label/c.CasePortal_Cancel';

/** CaseComment.CommentBody holds 4,000 bytes (the server checks it too). */
const DEFAULT_COMMENT_MAX_BYTES = 4000;
const NUMBER_FORMAT = new Intl.NumberFormat(LOCALE);
/** A 15- or 18-character record Id (a URL can hold anything). */
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/**
 * One case: its fields, status, the conversation (published comments and the emails to or from
 * the customer, oldest first, each body shown as text: lightning-formatted-text escapes markup
 * and only links URLs), a reply box with a
 * byte counter, its files (c-case-files: download links and, on an open case, uploads; they come
 * in the same getCaseDetail answer), and the close action with its inline confirmation (c-case-close-confirm; no
 * modal, so it works on LWR and Aura sites). Rendering takes one server call: getCaseDetail,
 * called imperatively and not cacheable, so each time the case is shown it is as the server has
 * it now (an agent's reply, a status change). A cacheable method is answered from the client's
 * cache first (LWC Developer Guide, "Call Apex Methods Imperatively" and "Client-Side Caching of
 * Apex Method Results"). After a reply or a close the case is read again. An id that is not a
 * record Id shows "case not found" without a call, as the server answers for a case that does
 * not exist or is not the user's. Dates show in the user's Salesforce time zone
 * (@salesforce/i18n/timeZone), as the list shows them.
 */
export default class CaseDetail extends LightningElement {
    /** The case to show; a new case starts with a clean slate (no old messages). */
    @api
    get caseId() {
        return this._caseId;
    }
    set caseId(value) {
        if (value !== this._caseId) {
            this.actionError = undefined;
            this.announcement = '';
            this.isConfirmingClose = false;
            this.replyBody = '';
            this.isReopening = false;
            this.reopenReason = '';
            this._caseId = value;
            if (this.connected) {
                this.load(false);
            }
        }
    }
    /** Show the reply box (settings and permission allow replies). */
    @api canReply = false;
    /** Show the close action (permission held, close statuses configured). */
    @api canClose = false;
    /** Allowed close statuses: [{ label, value }]. */
    @api closeStatuses = [];
    @api commentMaxBytes = DEFAULT_COMMENT_MAX_BYTES;

    labels = {
        BACK,
        LOADING,
        LOAD_ERROR,
        FIELD_STATUS,
        FIELD_PRIORITY,
        FIELD_TYPE,
        FIELD_OPENED,
        FIELD_UPDATED,
        FIELD_CLOSED,
        FIELD_DESCRIPTION,
        CONVERSATION,
        NO_COMMENTS,
        REPLY_LABEL,
        REPLY_HELP,
        SEND,
        CLOSED_NOTICE,
        CLOSE_CASE,
        SOURCE_EMAIL,
        REOPEN_CASE,
        REOPEN_NOTICE,
        REOPEN_REASON,
        REOPEN_SUBMIT,
        CANCEL
    };

    timeZone = TIME_ZONE;
    _caseId;
    detail;
    loadError;
    isConfirmingClose = false;
    /** Where focus goes after the next render: 'heading' or 'close'. */
    pendingFocus;
    replyBody = '';
    isReopening = false;
    reopenReason = '';
    connected = false;
    requestId = 0;
    isSending = false;
    actionError;
    announcement = '';

    connectedCallback() {
        this.connected = true;
        this.load(false);
    }

    disconnectedCallback() {
        this.connected = false;
    }

    /**
     * Reads the case (one getCaseDetail call). keep: the case stays on screen while it is read
     * again (after a reply or a close). Only the latest request counts.
     */
    async load(keep) {
        const caseId = this._caseId;
        const requestId = ++this.requestId;
        if (!keep) {
            this.detail = undefined;
            this.loadError = undefined;
        }
        if (!caseId) {
            return;
        }
        if (!RECORD_ID.test(caseId)) {
            this.detail = undefined;
            this.loadError = CASE_NOT_FOUND;
            return;
        }
        try {
            const data = await getCaseDetail({ caseId });
            if (requestId === this.requestId) {
                this.detail = data;
                this.loadError = undefined;
            }
        } catch (error) {
            if (requestId === this.requestId && !keep) {
                this.detail = undefined;
                this.loadError = errorMessage(error);
            }
        }
    }

    /** Focuses the case heading (view change). */
    @api
    focusHeading() {
        this.refs.heading?.focus();
    }

    renderedCallback() {
        const target = this.pendingFocus;
        this.pendingFocus = undefined;
        if (target === 'close') {
            this.refs.closeButton?.focus();
        } else if (target === 'reopen') {
            this.refs.reopenButton?.focus();
        } else if (target === 'reopenReason') {
            this.refs.reopenReason?.focus();
        } else if (target === 'heading') {
            this.focusHeading();
        }
    }

    // ---- template getters ----------------------------------------------------------------------

    get isLoading() {
        return !this.detail && !this.loadError;
    }

    get summary() {
        return this.detail?.summary;
    }

    get heading() {
        return this.summary
            ? formatLabel(
                  CASE_HEADING,
                  this.summary.caseNumber,
                  this.summary.subject ?? ''
              )
            : DETAIL_TITLE;
    }

    get isClosed() {
        return Boolean(this.summary?.isClosed);
    }

    get statusText() {
        return this.summary?.statusLabel || this.summary?.status;
    }

    get stateText() {
        return this.isClosed ? STATE_CLOSED : STATE_OPEN;
    }

    get priorityText() {
        return this.summary?.priorityLabel || this.summary?.priority;
    }

    get typeText() {
        return this.detail?.caseTypeLabel || this.detail?.caseType;
    }

    get comments() {
        return (this.detail?.comments ?? []).map((comment) => ({
            ...comment,
            author: comment.isMine
                ? AUTHOR_YOU
                : comment.authorName || AUTHOR_SUPPORT,
            isEmail: comment.source === 'email',
            itemClass: comment.isMine
                ? 'slds-box slds-box_small slds-m-bottom_small slds-theme_shade'
                : 'slds-box slds-box_small slds-m-bottom_small'
        }));
    }

    get hasComments() {
        return this.detail?.comments?.length > 0;
    }

    get showReply() {
        return this.canReply && !this.isClosed;
    }

    get canCloseCase() {
        return (
            this.canClose && !this.isClosed && this.closeStatuses?.length > 0
        );
    }

    get showClose() {
        return this.canCloseCase && !this.isConfirmingClose;
    }

    get showCloseConfirm() {
        return this.canCloseCase && this.isConfirmingClose;
    }

    /** Offered by the server (closed within the reopen window) and replies allowed here. */
    get canReopenCase() {
        return (
            this.canReply && this.isClosed && Boolean(this.detail?.canReopen)
        );
    }

    get showReopenButton() {
        return this.canReopenCase && !this.isReopening;
    }

    get showReopenForm() {
        return this.canReopenCase && this.isReopening;
    }

    get replyBytes() {
        return utf8Length(this.replyBody);
    }

    get replyTooLong() {
        return this.replyBytes > this.commentMaxBytes;
    }

    get counterText() {
        return formatLabel(
            REPLY_COUNTER,
            NUMBER_FORMAT.format(this.replyBytes),
            NUMBER_FORMAT.format(this.commentMaxBytes)
        );
    }

    get counterClass() {
        return this.replyTooLong
            ? 'slds-text-body_small slds-text-color_error'
            : 'slds-text-body_small slds-text-color_weak';
    }

    get sendDisabled() {
        return this.isSending;
    }

    // ---- handlers ----------------------------------------------------------------------------

    handleBack() {
        this.dispatchEvent(new CustomEvent('back'));
    }

    handleReplyChange(event) {
        this.replyBody = event.detail.value ?? '';
        const textarea = event.target;
        textarea.setCustomValidity(
            this.replyTooLong
                ? formatLabel(
                      REPLY_TOO_LONG,
                      NUMBER_FORMAT.format(this.commentMaxBytes)
                  )
                : ''
        );
        textarea.reportValidity();
    }

    async handleSend() {
        const textarea = this.refs.reply;
        if (!this.replyBody.trim()) {
            textarea.setCustomValidity(REPLY_REQUIRED);
            textarea.reportValidity();
            return;
        }
        if (this.replyTooLong) {
            textarea.reportValidity();
            return;
        }
        this.isSending = true;
        this.actionError = undefined;
        this.announcement = '';
        try {
            await addComment({ caseId: this.caseId, body: this.replyBody });
            this.replyBody = '';
            textarea.setCustomValidity('');
            this.announcement = REPLY_SENT;
            // Show the thread as the server has it (agents may have answered meanwhile).
            await this.load(true);
        } catch (error) {
            this.actionError = errorMessage(error);
        } finally {
            this.isSending = false;
        }
    }

    handleReopen() {
        this.actionError = undefined;
        this.announcement = '';
        this.isReopening = true;
        this.pendingFocus = 'reopenReason';
    }

    handleReopenCancel() {
        this.isReopening = false;
        this.reopenReason = '';
        this.pendingFocus = 'reopen';
    }

    handleReopenReasonChange(event) {
        this.reopenReason = event.detail.value ?? '';
    }

    /** Reopens with the reason (a published comment); the case is then read again. */
    async handleReopenSubmit() {
        const field = this.refs.reopenReason;
        if (!this.reopenReason.trim()) {
            field.setCustomValidity(REPLY_REQUIRED);
            field.reportValidity();
            return;
        }
        field.setCustomValidity('');
        this.isSending = true;
        this.actionError = undefined;
        try {
            const reopened = await reopenCase({
                caseId: this.caseId,
                reason: this.reopenReason
            });
            this.isReopening = false;
            this.reopenReason = '';
            this.detail = { ...this.detail, summary: reopened };
            this.announcement = CASE_REOPENED;
            this.pendingFocus = 'heading';
            this.dispatchEvent(
                new CustomEvent('caseupdated', { detail: reopened })
            );
            await this.load(true);
        } catch (error) {
            this.actionError = errorMessage(error);
        } finally {
            this.isSending = false;
        }
    }

    /** Shows the inline confirmation; it takes focus itself. */
    handleClose() {
        this.actionError = undefined;
        this.announcement = '';
        this.isConfirmingClose = true;
    }

    /** Cancelled (button or Escape): focus returns to the close button. */
    handleCloseCancel() {
        this.isConfirmingClose = false;
        this.pendingFocus = 'close';
    }

    async handleClosed(event) {
        const closed = event.detail;
        this.isConfirmingClose = false;
        // Show the new status at once; the refresh then brings the closing comment and date.
        this.detail = { ...this.detail, summary: closed };
        this.announcement = formatLabel(
            CASE_CLOSED,
            closed.statusLabel || closed.status
        );
        // The close button is gone now: keep focus on the case.
        this.pendingFocus = 'heading';
        this.dispatchEvent(new CustomEvent('caseupdated', { detail: closed }));
        await this.load(true);
    }
}
