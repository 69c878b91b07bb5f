import { LightningElement, wire } from 'lwc';
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
 * The customer case portal: the list of the user's cases, a case's detail and the new case form.
 * It reads the portal context once (one getPortalContext wire) and hands each view what it needs,
 * so no view asks the server for settings or permissions again.
 *
 * An action shows only when both the custom permission (imported, checked in the browser) and the
 * server's context (the same permission plus the portal settings, as the Apex enforces them)
 * allow it: a cached context can lag a permission change, and the import knows no settings.
 */
export default class CasePortal extends LightningElement {
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

    @wire(getPortalContext)
    handleContext({ data, error }) {
        if (data) {
            const first = !this.context;
            this.context = data;
            this.contextError = undefined;
            if (first) {
                // A later refresh of the context keeps the user where they are.
                this.view = this.canRead ? LIST : CREATE;
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

    handleSelect(event) {
        this.selectedCaseId = event.detail.caseId;
        this.show(DETAIL);
    }

    handleNewCase() {
        this.show(CREATE);
    }

    handleBack() {
        this.show(LIST, this.selectedCaseId);
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
            this.selectedCaseId = created.recordId;
            this.show(DETAIL);
            this.announcement = formatLabel(CASE_CREATED, created.caseNumber);
        } else {
            this.announcement = formatLabel(CASE_CREATED, created.caseNumber);
            // Creating without read access: stay on a fresh form, say which case was opened.
            this.refs.form?.reset();
            this.pendingFocus = { view: CREATE };
        }
    }
}
