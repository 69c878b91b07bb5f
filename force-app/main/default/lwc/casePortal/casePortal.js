import { LightningElement, wire } from 'lwc';
import { CurrentPageReference, NavigationMixin } from 'lightning/navigation';
import getPortalContext from '@salesforce/apex/CasePortalController.getPortalContext';
import HAS_READ_REPLY from '@salesforce/customPermission/Case_Portal_Read_Reply_Own_Cases';
import HAS_CREATE from '@salesforce/customPermission/Case_Portal_Create_Case';
import HAS_CLOSE from '@salesforce/customPermission/Case_Portal_Close_Own_Case';
import { errorMessage, formatLabel } from 'c/casePortalUtils';

import PORTAL_TITLE from '@salesforce/label/c.CasePortal_PortalTitle';
import LOADING from '@salesforce/label/c.CasePortal_Loading';
import CONTEXT_ERROR from '@salesforce/label/c.CasePortal_ContextError';
import PORTAL_DISABLED from '@salesforce/label/c.CasePortal_Error_PortalDisabled';
import NO_ACCESS from '@salesforce/label/c.CasePortal_NoAccess';
import CASE_CREATED from '@salesforce/label/c.CasePortal_CaseCreated';

const LIST = 'list';
const DETAIL = 'detail';
const CREATE = 'create';
/**
 * The open case's page-reference state key. State keys need a namespace prefix (c__ outside a
 * managed package) and string values; they are serialized to the URL's query string (LWC
 * Developer Guide, "Add Query Parameters"), so a link, a bookmark or a reload opens the case.
 */
export const CASE_STATE_KEY = 'c__caseId';

/**
 * The customer case portal: the list of the user's cases, a case's detail and the new case form.
 * It reads the portal context once (one getPortalContext wire) and hands each view what it needs,
 * so no view asks the server for settings or permissions again.
 *
 * An action shows only when both the custom permission (imported, checked in the browser) and the
 * server's context (the same permission plus the portal settings, as the Apex enforces them)
 * allow it: a cached context can lag a permission change, and the import knows no settings.
 *
 * The open case lives in the page URL (state c__caseId): opening a case navigates to the same
 * page with that state, Back (the button or the browser's) to the page without it. The view
 * follows the CurrentPageReference wire, which emits on every state change ("Add Query
 * Parameters": the page does not re-render for a query-string change, components observe
 * CurrentPageReference). Where no page reference is provided, the view changes in place.
 */
export default class CasePortal extends NavigationMixin(LightningElement) {
    labels = {
        PORTAL_TITLE,
        LOADING,
        CONTEXT_ERROR,
        PORTAL_DISABLED,
        NO_ACCESS
    };

    context;
    contextError;
    view = LIST;
    selectedCaseId;
    announcement = '';
    /** What to focus after the next render: { view, caseId }. */
    pendingFocus;
    pageRef;
    /** The case the URL names (c__caseId), until the context says whether the user may read. */
    urlCaseId;
    /** The case whose detail was shown last, to focus its row back in the list. */
    lastCaseId;
    /** Said once the case the user just created is open: { caseId, text }. */
    openAnnouncement;

    @wire(CurrentPageReference)
    handlePageReference(pageRef) {
        this.pageRef = pageRef;
        this.applyCaseId(pageRef?.state?.[CASE_STATE_KEY]);
    }

    @wire(getPortalContext)
    handleContext({ data, error }) {
        if (data) {
            const first = !this.context;
            this.context = data;
            this.contextError = undefined;
            if (first) {
                // A later refresh of the context keeps the user where they are.
                this.view = this.canRead
                    ? this.urlCaseId
                        ? DETAIL
                        : LIST
                    : CREATE;
            }
        } else if (error) {
            this.context = undefined;
            this.contextError = errorMessage(error);
        }
    }

    renderedCallback() {
        if (!this.pendingFocus) {
            return;
        }
        const { view, caseId } = this.pendingFocus;
        this.pendingFocus = undefined;
        if (view === LIST) {
            const list = this.refs.list;
            if (caseId) {
                list?.focusCase(caseId);
            } else {
                list?.focusHeading();
            }
        } else if (view === DETAIL) {
            this.refs.detail?.focusHeading();
        } else {
            this.refs.form?.focusHeading();
        }
    }

    // ---- what the user may do ----------------------------------------------------------------

    get canRead() {
        return Boolean(HAS_READ_REPLY) && Boolean(this.context?.canRead);
    }

    get canReply() {
        return Boolean(HAS_READ_REPLY) && Boolean(this.context?.canReply);
    }

    get canCreate() {
        return Boolean(HAS_CREATE) && Boolean(this.context?.canCreate);
    }

    get canClose() {
        return Boolean(HAS_CLOSE) && Boolean(this.context?.canClose);
    }

    // ---- template state ------------------------------------------------------------------------

    get isLoading() {
        return !this.context && !this.contextError;
    }

    get portalDisabled() {
        return Boolean(this.context) && !this.context.portalEnabled;
    }

    get noAccess() {
        return (
            Boolean(this.context?.portalEnabled) &&
            !this.canRead &&
            !this.canCreate
        );
    }

    get showPortal() {
        return (
            Boolean(this.context?.portalEnabled) &&
            (this.canRead || this.canCreate)
        );
    }

    get announcementClass() {
        return this.announcement
            ? 'slds-p-horizontal_medium slds-p-top_small slds-text-color_success'
            : 'slds-assistive-text';
    }

    get listClass() {
        // The list stays mounted (loaded pages, filters, scroll) while a case is open.
        return this.view === LIST ? '' : 'slds-hide';
    }

    get isDetailView() {
        return this.view === DETAIL && this.canRead;
    }

    get isCreateView() {
        return this.view === CREATE && this.canCreate;
    }

    // ---- navigation --------------------------------------------------------------------------

    /** Changes the view; a message about the previous view does not follow the user. */
    show(view, caseId) {
        this.view = view;
        this.announcement = '';
        this.pendingFocus = { view, caseId };
    }

    /**
     * Shows what the URL's c__caseId names: that case, or the list when there is none. Going
     * back to the list reloads it, so agents' replies and status changes show (one call). Any
     * id is passed on: c-case-detail shows "case not found" for one the user cannot see.
     */
    applyCaseId(caseId) {
        const id = caseId ? String(caseId) : undefined;
        const unchanged =
            id === this.urlCaseId &&
            (id ? this.view === DETAIL : this.view !== DETAIL);
        this.urlCaseId = id;
        if (unchanged) {
            // The same page reference again: the user stays where they are.
            return;
        }
        if (id) {
            this.selectedCaseId = id;
            this.lastCaseId = id;
            if (this.context) {
                this.show(this.canRead ? DETAIL : CREATE);
            }
            if (this.openAnnouncement?.caseId === id) {
                this.announcement = this.openAnnouncement.text;
                this.openAnnouncement = undefined;
            }
        } else if (this.view === DETAIL) {
            this.selectedCaseId = undefined;
            this.show(LIST, this.lastCaseId);
            this.refs.list?.refresh();
        }
    }

    /** Changes the URL's case (undefined: the list); without a page reference, in place. */
    navigateToCase(caseId) {
        if (!this.pageRef) {
            this.applyCaseId(caseId);
            return;
        }
        this[NavigationMixin.Navigate]({
            ...this.pageRef,
            state: { ...this.pageRef.state, [CASE_STATE_KEY]: caseId }
        });
    }

    handleSelect(event) {
        this.navigateToCase(event.detail.caseId);
    }

    handleNewCase() {
        this.show(CREATE);
    }

    handleBack() {
        this.navigateToCase(undefined);
    }

    handleCancel() {
        this.show(LIST);
    }

    handleCaseUpdated(event) {
        // The case view announces the change itself; "case opened" no longer applies.
        this.announcement = '';
        this.refs.list?.updateCase(event.detail);
    }

    handleCreated(event) {
        const created = event.detail;
        if (this.canRead) {
            this.refs.list?.addCase(created);
            // Said when the new case's view opens (the page reference may change later).
            this.openAnnouncement = {
                caseId: created.recordId,
                text: formatLabel(CASE_CREATED, created.caseNumber)
            };
            this.navigateToCase(created.recordId);
        } else {
            this.announcement = formatLabel(CASE_CREATED, created.caseNumber);
            // Creating without read access: stay on a fresh form, say which case was opened.
            this.refs.form?.reset();
            this.pendingFocus = { view: CREATE };
        }
    }
}
