import { LightningElement, api } from 'lwc';
import closeCase from '@salesforce/apex/CasePortalController.closeCase';
import LOCALE from '@salesforce/i18n/locale';
import { errorMessage, formatLabel, utf8Length } from 'c/casePortalUtils';

import CLOSE_TITLE from '@salesforce/label/c.CasePortal_CloseTitle';
import CLOSE_INTRO from '@salesforce/label/c.CasePortal_CloseIntro';
import STATUS_LABEL from '@salesforce/label/c.CasePortal_CloseStatusLabel';
import STATUS_REQUIRED from '@salesforce/label/c.CasePortal_CloseStatusRequired';
import COMMENT_LABEL from '@salesforce/label/c.CasePortal_CloseCommentLabel';
import COMMENT_TOO_LONG from '@salesforce/label/c.CasePortal_Error_CommentTooLong';
import CANCEL from '@salesforce/label/c.CasePortal_Cancel';
import CONFIRM from '@salesforce/label/c.CasePortal_CloseConfirm';
import SAVING from '@salesforce/label/c.CasePortal_Saving';

const NUMBER_FORMAT = new Intl.NumberFormat(LOCALE);

/**
 * The inline close confirmation, shown inside the case view (no LightningModal: "Using panels or
 * modals" is unsupported in LWR sites). Pick one of the allowed closed statuses and, if the user
 * may reply, add a closing comment. It saves (closeCase) itself, so a refusal shows here and the
 * user can try again.
 *
 * Keyboard and screen readers: a labelled group whose heading takes focus when it appears;
 * Escape anywhere inside cancels. Events: `closed` (detail: the updated case summary) and
 * `cancel`; the case view then moves focus (heading, or back to its close button).
 */
export default class CaseCloseConfirm extends LightningElement {
    @api caseId;
    /** Allowed close statuses: [{ label, value }]. */
    @api statuses = [];
    /** Offer the optional closing comment (the user may reply). */
    @api canComment = false;
    @api commentMaxBytes = 4000;

    labels = {
        CLOSE_TITLE,
        CLOSE_INTRO,
        STATUS_LABEL,
        STATUS_REQUIRED,
        COMMENT_LABEL,
        CANCEL,
        CONFIRM,
        SAVING
    };

    selectedStatus;
    comment = '';
    isSaving = false;
    error;
    focused = false;

    renderedCallback() {
        if (!this.focused) {
            this.focused = true;
            this.focusHeading();
        }
    }

    /** Focuses the confirmation's heading (it has just appeared). */
    @api
    focusHeading() {
        this.refs.heading?.focus();
    }

    get status() {
        return this.selectedStatus ?? this.statuses?.[0]?.value;
    }

    get commentTooLong() {
        return utf8Length(this.comment) > this.commentMaxBytes;
    }

    handleStatusChange(event) {
        this.selectedStatus = event.detail.value;
    }

    handleCommentChange(event) {
        this.comment = event.detail.value ?? '';
    }

    /**
     * Escape cancels. An open status list closes first: lightning-combobox stops the Escape
     * that closes its dropdown (baseCombobox keyboard.js, handleEscapeKey), so a second Escape
     * is needed to cancel.
     */
    handleKeydown(event) {
        if (event.key === 'Escape' && !this.isSaving) {
            event.preventDefault();
            event.stopPropagation();
            this.handleCancel();
        }
    }

    /** Shows what is wrong on each field; returns the first field to fix, if any. */
    validate() {
        const statusField = this.refs.status;
        const statusProblem = this.status ? '' : STATUS_REQUIRED;
        statusField.setCustomValidity(statusProblem);
        statusField.reportValidity();
        const commentField = this.refs.comment;
        const commentProblem =
            commentField && this.commentTooLong
                ? formatLabel(
                      COMMENT_TOO_LONG,
                      NUMBER_FORMAT.format(this.commentMaxBytes)
                  )
                : '';
        if (commentField) {
            commentField.setCustomValidity(commentProblem);
            commentField.reportValidity();
        }
        if (statusProblem) {
            return statusField;
        }
        return commentProblem ? commentField : undefined;
    }

    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    async handleConfirm() {
        const invalid = this.validate();
        if (invalid) {
            invalid.focus();
            return;
        }
        this.isSaving = true;
        this.error = undefined;
        try {
            const closed = await closeCase({
                caseId: this.caseId,
                status: this.status,
                comment: this.canComment ? this.comment : null
            });
            this.dispatchEvent(new CustomEvent('closed', { detail: closed }));
        } catch (error) {
            this.error = errorMessage(error);
            this.isSaving = false;
        }
    }
}
