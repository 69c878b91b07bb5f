import { LightningElement, api } from 'lwc';
import getMyCases from '@salesforce/apex/CasePortalController.getMyCases';
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import { errorMessage, formatLabel } from 'c/casePortalUtils';

import TITLE from '@salesforce/label/c.CasePortal_ListTitle';
import SCOPE_CONTACT from '@salesforce/label/c.CasePortal_ScopeContact';
import SCOPE_ACCOUNT from '@salesforce/label/c.CasePortal_ScopeAccount';
import SCOPE_CREATED_BY from '@salesforce/label/c.CasePortal_ScopeCreatedBy';
import FILTER_LABEL from '@salesforce/label/c.CasePortal_FilterLabel';
import FILTER_OPEN from '@salesforce/label/c.CasePortal_FilterOpen';
import FILTER_CLOSED from '@salesforce/label/c.CasePortal_FilterClosed';
import FILTER_ALL from '@salesforce/label/c.CasePortal_FilterAll';
import SEARCH_LABEL from '@salesforce/label/c.CasePortal_SearchLabel';
import SEARCH_PLACEHOLDER from '@salesforce/label/c.CasePortal_SearchPlaceholder';
import SORT_LABEL from '@salesforce/label/c.CasePortal_SortLabel';
import SORT_NEWEST from '@salesforce/label/c.CasePortal_SortNewest';
import SORT_OLDEST from '@salesforce/label/c.CasePortal_SortOldest';
import SORT_UPDATED from '@salesforce/label/c.CasePortal_SortUpdated';
import SORT_NUMBER from '@salesforce/label/c.CasePortal_SortCaseNumber';
import NEW_CASE from '@salesforce/label/c.CasePortal_NewCase';
import COLUMN_NUMBER from '@salesforce/label/c.CasePortal_ColumnCaseNumber';
import COLUMN_SUBJECT from '@salesforce/label/c.CasePortal_ColumnSubject';
import COLUMN_STATUS from '@salesforce/label/c.CasePortal_ColumnStatus';
import COLUMN_PRIORITY from '@salesforce/label/c.CasePortal_ColumnPriority';
import COLUMN_UPDATED from '@salesforce/label/c.CasePortal_ColumnUpdated';
import COLUMN_OPENED from '@salesforce/label/c.CasePortal_FieldOpened';
import NO_SUBJECT from '@salesforce/label/c.CasePortal_NoSubject';
import LOAD_MORE from '@salesforce/label/c.CasePortal_LoadMore';
import LOADING from '@salesforce/label/c.CasePortal_LoadingCases';
import EMPTY_OPEN from '@salesforce/label/c.CasePortal_EmptyOpen';
import EMPTY_CLOSED from '@salesforce/label/c.CasePortal_EmptyClosed';
import EMPTY_ALL from '@salesforce/label/c.CasePortal_EmptyAll';
import EMPTY_SEARCH from '@salesforce/label/c.CasePortal_EmptySearch';
import LIST_ERROR from '@salesforce/label/c.CasePortal_ListError';
import RETRY from '@salesforce/label/c.CasePortal_Retry';
import SHOWING from '@salesforce/label/c.CasePortal_ShowingCases';
import SHOWING_MORE from '@salesforce/label/c.CasePortal_ShowingCasesMore';
import STATE_OPEN from '@salesforce/label/c.CasePortal_StateOpen';
import STATE_CLOSED from '@salesforce/label/c.CasePortal_StateClosed';

/** Wait this long after the last keystroke before searching. */
export const SEARCH_DELAY_MS = 300;

/** Each sort, and the column it sorts by (that column's header carries aria-sort). */
const SORTS = {
    newest: { sortBy: 'CreatedDate', sortDirection: 'DESC', column: 'opened' },
    oldest: { sortBy: 'CreatedDate', sortDirection: 'ASC', column: 'opened' },
    updated: {
        sortBy: 'LastModifiedDate',
        sortDirection: 'DESC',
        column: 'updated'
    },
    number: { sortBy: 'CaseNumber', sortDirection: 'DESC', column: 'number' }
};
const COLUMNS = [
    { key: 'number', label: COLUMN_NUMBER },
    { key: 'subject', label: COLUMN_SUBJECT },
    { key: 'status', label: COLUMN_STATUS },
    { key: 'priority', label: COLUMN_PRIORITY },
    { key: 'opened', label: COLUMN_OPENED },
    { key: 'updated', label: COLUMN_UPDATED }
];
const SCOPE_LABELS = {
    Contact: SCOPE_CONTACT,
    Account: SCOPE_ACCOUNT,
    CreatedBy: SCOPE_CREATED_BY
};

// One formatter for every row: 1,000 rows must render fast, so dates are formatted here rather
// than by a lightning-formatted-date-time per row. The same options, locale and time zone (the
// user's Salesforce one, @salesforce/i18n/timeZone) as the case view's
// lightning-formatted-date-time, so the list and the case show the same time.
const DATE_FORMAT = new Intl.DateTimeFormat(LOCALE, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE
});

/**
 * The user's cases: status filter, debounced search, sort, and "load more" paging (one
 * getMyCases call per page). Rendered as an SLDS table of plain markup, not lightning-datatable,
 * so a thousand loaded rows stay fast. The sorted column's header says so (aria-sort and an
 * arrow); on a narrow screen (below 48em) each case is a stacked block (caseList.css), so
 * nothing scrolls sideways.
 */
export default class CaseList extends LightningElement {
    /** Show the "New case" button. */
    @api canCreate = false;
    /** The ownership scope in effect (Contact, Account, CreatedBy), described under the title. */
    @api scope;

    labels = {
        TITLE,
        FILTER_LABEL,
        SEARCH_LABEL,
        SEARCH_PLACEHOLDER,
        SORT_LABEL,
        NEW_CASE,
        COLUMN_NUMBER,
        COLUMN_SUBJECT,
        COLUMN_STATUS,
        COLUMN_PRIORITY,
        COLUMN_UPDATED,
        COLUMN_OPENED,
        LOAD_MORE,
        LOADING,
        LIST_ERROR,
        RETRY
    };
    statusOptions = [
        { label: FILTER_OPEN, value: 'open' },
        { label: FILTER_CLOSED, value: 'closed' },
        { label: FILTER_ALL, value: 'all' }
    ];
    sortOptions = [
        { label: SORT_NEWEST, value: 'newest' },
        { label: SORT_OLDEST, value: 'oldest' },
        { label: SORT_UPDATED, value: 'updated' },
        { label: SORT_NUMBER, value: 'number' }
    ];

    status = 'open';
    searchTerm = '';
    sort = 'newest';
    rows = [];
    hasMore = false;
    nextCursor;
    isLoading = false;
    loaded = false;
    error;
    announcement = '';

    requestId = 0;
    searchTimer;
    focusRowAfterRender;

    connectedCallback() {
        this.loadPage(false);
    }

    disconnectedCallback() {
        clearTimeout(this.searchTimer);
    }

    renderedCallback() {
        if (this.focusRowAfterRender) {
            const id = this.focusRowAfterRender;
            this.focusRowAfterRender = undefined;
            this.focusCase(id);
        }
    }

    // ---- public API (used by the casePortal shell) -------------------------------------------

    /** Focuses the list heading (view change). */
    @api
    focusHeading() {
        this.refs.heading?.focus();
    }

    /** Focuses a case's link (back from its detail), or the heading if it is not listed. */
    @api
    focusCase(caseId) {
        const link = this.template.querySelector(
            `button[data-case-id="${caseId}"]`
        );
        if (link) {
            link.focus();
        } else {
            this.focusHeading();
        }
    }

    /** Shows a case the user just changed; drops it if it no longer matches the filter. */
    @api
    updateCase(summary) {
        const index = this.rows.findIndex(
            (row) => row.recordId === summary.recordId
        );
        if (index < 0) {
            return;
        }
        const rows = [...this.rows];
        if (this.matchesFilter(summary)) {
            rows[index] = toRow(summary);
        } else {
            rows.splice(index, 1);
        }
        this.rows = rows;
    }

    /**
     * Reads the first page again with the same filters (the list is shown again): agents'
     * replies and status changes show. The rows stay on screen until the answer replaces them,
     * so focus on a case row is kept (rows are keyed by record Id). One getMyCases call.
     */
    @api
    refresh() {
        this.loadPage(false, true);
    }

    /** Puts a case the user just created at the top, if it matches the filter. */
    @api
    addCase(summary) {
        if (this.matchesFilter(summary)) {
            this.rows = [
                toRow(summary),
                ...this.rows.filter((row) => row.recordId !== summary.recordId)
            ];
        }
    }

    // ---- template getters ----------------------------------------------------------------------

    /** The table headers; the sorted one has aria-sort and shows its direction. */
    get columns() {
        const { column, sortDirection } = SORTS[this.sort];
        return COLUMNS.map(({ key, label }) => {
            const sorted = key === column;
            const ascending = sortDirection === 'ASC';
            return {
                key,
                label,
                ariaSort: sorted
                    ? ascending
                        ? 'ascending'
                        : 'descending'
                    : undefined,
                arrow: sorted ? (ascending ? '▲' : '▼') : '',
                className: sorted ? 'slds-is-sorted' : ''
            };
        });
    }

    get scopeDescription() {
        return SCOPE_LABELS[this.scope] ?? '';
    }

    get hasRows() {
        return this.rows.length > 0;
    }

    get showEmpty() {
        return this.loaded && !this.error && !this.isLoading && !this.hasRows;
    }

    get emptyMessage() {
        if (this.searchTerm) {
            return formatLabel(EMPTY_SEARCH, this.searchTerm);
        }
        return (
            { open: EMPTY_OPEN, closed: EMPTY_CLOSED }[this.status] ?? EMPTY_ALL
        );
    }

    get showLoadMore() {
        return this.hasMore && !this.error;
    }

    get ariaBusy() {
        return String(this.isLoading);
    }

    get isFirstPageLoading() {
        return this.isLoading && !this.hasRows;
    }

    get isMoreLoading() {
        return this.isLoading && this.hasRows;
    }

    // ---- handlers ----------------------------------------------------------------------------

    handleStatusChange(event) {
        this.status = event.detail.value;
        this.loadPage(false);
    }

    handleSortChange(event) {
        this.sort = event.detail.value;
        this.loadPage(false);
    }

    handleSearchChange(event) {
        this.searchTerm = (event.detail.value ?? '').trim();
        clearTimeout(this.searchTimer);
        // A timer is the only way to debounce typing; no LWC API does it, hence the exception.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.searchTimer = setTimeout(
            () => this.loadPage(false),
            SEARCH_DELAY_MS
        );
    }

    handleLoadMore() {
        this.loadPage(true);
    }

    handleRetry() {
        this.loadPage(this.hasRows);
    }

    handleOpenCase(event) {
        this.dispatchEvent(
            new CustomEvent('select', {
                detail: { caseId: event.currentTarget.dataset.caseId }
            })
        );
    }

    handleNewCase() {
        this.dispatchEvent(new CustomEvent('newcase'));
    }

    // ---- data ----------------------------------------------------------------------------

    /**
     * Loads the first page (filters changed, or keepRows: the same filters again) or the next
     * one. Only the latest request counts: an answer to an older filter that arrives late is
     * dropped. getMyCases is not cacheable, so every call reads the server.
     */
    async loadPage(append, keepRows = false) {
        clearTimeout(this.searchTimer);
        const requestId = ++this.requestId;
        this.isLoading = true;
        this.error = undefined;
        if (!append && !keepRows) {
            this.rows = [];
            this.hasMore = false;
            this.nextCursor = undefined;
        }
        try {
            const page = await getMyCases({
                filter: {
                    status: this.status,
                    searchTerm: this.searchTerm,
                    sortBy: SORTS[this.sort].sortBy,
                    sortDirection: SORTS[this.sort].sortDirection,
                    cursor: append ? this.nextCursor : null
                }
            });
            if (requestId !== this.requestId) {
                return;
            }
            const newRows = (page?.cases ?? []).map(toRow);
            this.rows = append ? [...this.rows, ...newRows] : newRows;
            this.hasMore = Boolean(page?.hasMore);
            this.nextCursor = page?.nextCursor;
            this.announcement = formatLabel(
                this.hasMore ? SHOWING_MORE : SHOWING,
                this.rows.length
            );
            if (append && newRows.length > 0) {
                // Keep keyboard users where the new rows start.
                this.focusRowAfterRender = newRows[0].recordId;
            }
        } catch (error) {
            if (requestId === this.requestId) {
                this.error = errorMessage(error);
                this.announcement = '';
            }
        } finally {
            if (requestId === this.requestId) {
                this.isLoading = false;
                this.loaded = true;
            }
        }
    }

    matchesFilter(summary) {
        if (this.status === 'open') {
            return !summary.isClosed;
        }
        if (this.status === 'closed') {
            return Boolean(summary.isClosed);
        }
        return true;
    }
}

function toRow(summary) {
    return {
        recordId: summary.recordId,
        caseNumber: summary.caseNumber,
        subject: summary.subject || NO_SUBJECT,
        statusLabel: summary.statusLabel || summary.status,
        stateLabel: summary.isClosed ? STATE_CLOSED : STATE_OPEN,
        stateClass: summary.isClosed
            ? 'slds-badge slds-badge_lightest'
            : 'slds-badge slds-badge_inverse',
        priorityLabel: summary.priorityLabel || summary.priority || '',
        opened: formatDate(summary.createdDate),
        updated: formatDate(summary.lastModifiedDate)
    };
}

function formatDate(value) {
    return value ? DATE_FORMAT.format(new Date(value)) : '';
}
