import { createElement } from 'lwc';
import { registerSa11yMatcher } from '@sa11y/jest';
import CaseList, { SEARCH_DELAY_MS } from 'c/caseList';
import getMyCases from '@salesforce/apex/CasePortalController.getMyCases';

const PAGE_1 = require('./data/casesPage1.json');
const PAGE_2 = require('./data/casesPage2.json');
const EMPTY = require('./data/casesEmpty.json');
const CLOSED_CASE = require('../../caseCloseConfirm/__tests__/data/closedSummary.json');
const NEW_CASE = require('../../caseCreateForm/__tests__/data/createdCase.json');

jest.mock(
    '@salesforce/apex/CasePortalController.getMyCases',
    () => ({ default: jest.fn() }),
    { virtual: true }
);

const FIRST_PAGE_FILTER = {
    status: 'open',
    searchTerm: '',
    sortBy: 'CreatedDate',
    sortDirection: 'DESC',
    cursor: null
};

// Resolves once pending promises (the Apex mocks) and the re-render they cause have run: one
// macrotask later. Node's own setImmediate, so fake timers in a test do not stop it.
const { setImmediate: nextMacrotask } = jest.requireActual('timers');
function flushPromises() {
    return new Promise((resolve) => nextMacrotask(resolve));
}

async function renderList(props = {}) {
    const element = createElement('c-case-list', { is: CaseList });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [
    ...element.shadowRoot.querySelectorAll(selector)
];
const rowSubjects = (element) =>
    $$(element, 'tbody button').map((button) => button.textContent.trim());

function change(element, dataId, value) {
    $(element, `[data-id="${dataId}"]`).dispatchEvent(
        new CustomEvent('change', { detail: { value } })
    );
}

describe('c-case-list', () => {
    beforeAll(() => {
        registerSa11yMatcher();
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
        jest.useRealTimers();
    });

    it('renders the first page with one server call and announces the count', async () => {
        getMyCases.mockResolvedValue(PAGE_1);
        const element = await renderList();

        expect(getMyCases).toHaveBeenCalledTimes(1);
        expect(getMyCases).toHaveBeenCalledWith({ filter: FIRST_PAGE_FILTER });
        expect(rowSubjects(element)).toEqual([
            'Printer jammed',
            'Invoice missing',
            'c.CasePortal_NoSubject'
        ]);
        const firstRow = $(element, 'tbody tr');
        expect(firstRow.textContent).toContain('00001003');
        // Status is text (the org's label and open/closed), never colour alone.
        expect(firstRow.textContent).toContain('Working');
        expect(firstRow.textContent).toContain('c.CasePortal_StateOpen');
        expect(firstRow.textContent).toContain('High');
        expect($(element, '[data-id="announcement"]').textContent.trim()).toBe(
            'c.CasePortal_ShowingCasesMore'
        );
        expect($(element, '[data-id="load-more"]')).not.toBeNull();
    });

    it('loads the next page with the cursor, one call per page, and focuses the first new row', async () => {
        getMyCases.mockResolvedValueOnce(PAGE_1).mockResolvedValueOnce(PAGE_2);
        const element = await renderList();

        $(element, '[data-id="load-more"]').click();
        await flushPromises();

        expect(getMyCases).toHaveBeenCalledTimes(2);
        expect(getMyCases).toHaveBeenLastCalledWith({
            filter: { ...FIRST_PAGE_FILTER, cursor: PAGE_1.nextCursor }
        });
        expect(rowSubjects(element)).toHaveLength(4);
        expect(rowSubjects(element)[3]).toBe('Login does not work');
        expect($(element, '[data-id="load-more"]')).toBeNull();
        expect(element.shadowRoot.activeElement.dataset.caseId).toBe(
            PAGE_2.cases[0].recordId
        );
        expect($(element, '[data-id="announcement"]').textContent.trim()).toBe(
            'c.CasePortal_ShowingCases'
        );
    });

    it('reloads from the first page when the status filter changes', async () => {
        getMyCases.mockResolvedValueOnce(PAGE_1).mockResolvedValueOnce(PAGE_2);
        const element = await renderList();

        change(element, 'status-filter', 'closed');
        await flushPromises();

        expect(getMyCases).toHaveBeenCalledTimes(2);
        expect(getMyCases).toHaveBeenLastCalledWith({
            filter: { ...FIRST_PAGE_FILTER, status: 'closed' }
        });
        expect(rowSubjects(element)).toEqual(['Login does not work']);
    });

    it('sorts on the server when the sort changes', async () => {
        getMyCases.mockResolvedValue(PAGE_1);
        const element = await renderList();

        change(element, 'sort', 'number');
        await flushPromises();

        expect(getMyCases).toHaveBeenLastCalledWith({
            filter: {
                ...FIRST_PAGE_FILTER,
                sortBy: 'CaseNumber',
                sortDirection: 'DESC'
            }
        });
    });

    it('marks the column it sorts by with aria-sort, and follows the sort', async () => {
        getMyCases.mockResolvedValue(PAGE_1);
        const element = await renderList();
        const sorted = () =>
            $$(element, 'thead th[aria-sort]').map((th) => [
                th.dataset.column,
                th.getAttribute('aria-sort')
            ]);

        // "Newest first" sorts by the Opened column it shows.
        expect(sorted()).toEqual([['opened', 'descending']]);

        change(element, 'sort', 'oldest');
        await flushPromises();
        expect(sorted()).toEqual([['opened', 'ascending']]);

        change(element, 'sort', 'updated');
        await flushPromises();
        expect(sorted()).toEqual([['updated', 'descending']]);

        change(element, 'sort', 'number');
        await flushPromises();
        expect(sorted()).toEqual([['number', 'descending']]);
    });

    it('shows dates in the user time zone, as the case view formats them', async () => {
        getMyCases.mockResolvedValue(PAGE_1);
        const element = await renderList();

        const first = PAGE_1.cases[0];
        const expected = (value) =>
            new Intl.DateTimeFormat('en-US', {
                year: 'numeric',
                month: 'short',
                day: 'numeric',
                hour: '2-digit',
                minute: '2-digit',
                timeZone: 'America/Los_Angeles'
            }).format(new Date(value));
        expect($(element, 'tbody [data-id="opened"]').textContent.trim()).toBe(
            expected(first.createdDate)
        );
        expect($(element, 'tbody [data-id="updated"]').textContent.trim()).toBe(
            expected(first.lastModifiedDate)
        );
    });

    it('debounces the search: one call after typing stops', async () => {
        getMyCases.mockResolvedValue(PAGE_1);
        const element = await renderList();
        jest.useFakeTimers();

        change(element, 'search', 'pri');
        change(element, 'search', 'prin');
        change(element, 'search', ' printer ');
        jest.advanceTimersByTime(SEARCH_DELAY_MS - 1);
        expect(getMyCases).toHaveBeenCalledTimes(1);

        jest.advanceTimersByTime(1);
        jest.useRealTimers();
        await flushPromises();

        expect(getMyCases).toHaveBeenCalledTimes(2);
        expect(getMyCases).toHaveBeenLastCalledWith({
            filter: { ...FIRST_PAGE_FILTER, searchTerm: 'printer' }
        });
    });

    it('shows the empty state for the filter, and for a search', async () => {
        getMyCases.mockResolvedValue(EMPTY);
        const element = await renderList();

        expect($(element, 'table')).toBeNull();
        expect($(element, '[data-id="empty"]').textContent.trim()).toBe(
            'c.CasePortal_EmptyOpen'
        );

        jest.useFakeTimers();
        change(element, 'search', 'nothing');
        jest.advanceTimersByTime(SEARCH_DELAY_MS);
        jest.useRealTimers();
        await flushPromises();

        expect($(element, '[data-id="empty"]').textContent.trim()).toBe(
            'c.CasePortal_EmptySearch'
        );
    });

    it('shows the server message when loading fails, and retries', async () => {
        getMyCases
            .mockRejectedValueOnce({
                body: { message: 'The case portal is off.' }
            })
            .mockResolvedValueOnce(PAGE_1);
        const element = await renderList();

        const alert = $(element, '[data-id="error"]');
        expect(alert.getAttribute('role')).toBe('alert');
        expect(alert.textContent).toContain('The case portal is off.');
        expect($(element, 'table')).toBeNull();
        expect($(element, '[data-id="empty"]')).toBeNull();

        $(element, '[data-id="retry"]').click();
        await flushPromises();

        expect(getMyCases).toHaveBeenCalledTimes(2);
        expect($(element, '[data-id="error"]')).toBeNull();
        expect(rowSubjects(element)).toHaveLength(3);
    });

    it('shows a generic message for an unexpected error', async () => {
        getMyCases.mockRejectedValue(new Error('network down'));
        const element = await renderList();

        expect($(element, '[data-id="error"]').textContent).toContain(
            'c.CasePortal_ErrorGeneric'
        );
    });

    it('keeps only the answer to the latest request', async () => {
        let resolveFirst;
        getMyCases
            .mockReturnValueOnce(
                new Promise((resolve) => {
                    resolveFirst = resolve;
                })
            )
            .mockResolvedValueOnce(PAGE_2);
        const element = await renderList();

        change(element, 'status-filter', 'all');
        await flushPromises();
        resolveFirst(PAGE_1);
        await flushPromises();

        expect(rowSubjects(element)).toEqual(['Login does not work']);
    });

    it('fires select with the case id when a case is opened', async () => {
        getMyCases.mockResolvedValue(PAGE_1);
        const element = await renderList();
        const handler = jest.fn();
        element.addEventListener('select', handler);

        $$(element, 'tbody button')[1].click();

        expect(handler).toHaveBeenCalledTimes(1);
        expect(handler.mock.calls[0][0].detail).toEqual({
            caseId: '500000000000002AAA'
        });
    });

    it('shows New case only when the user may create cases', async () => {
        getMyCases.mockResolvedValue(PAGE_1);
        const hidden = await renderList({ canCreate: false });
        expect($(hidden, '[data-id="new-case"]')).toBeNull();

        const shown = await renderList({ canCreate: true });
        const handler = jest.fn();
        shown.addEventListener('newcase', handler);
        $(shown, '[data-id="new-case"]').click();
        expect(handler).toHaveBeenCalledTimes(1);
    });

    it('describes the scope in effect', async () => {
        getMyCases.mockResolvedValue(PAGE_1);
        const element = await renderList({ scope: 'Account' });

        expect(element.shadowRoot.textContent).toContain(
            'c.CasePortal_ScopeAccount'
        );
    });

    it('updates and adds cases the user changed without a server call', async () => {
        getMyCases.mockResolvedValue(PAGE_1);
        const element = await renderList();

        // Closed while the filter shows open cases: it leaves the list.
        element.updateCase(CLOSED_CASE);
        element.addCase(NEW_CASE);
        await flushPromises();

        expect(rowSubjects(element)).toEqual([
            'Router keeps rebooting',
            'Invoice missing',
            'c.CasePortal_NoSubject'
        ]);
        expect(getMyCases).toHaveBeenCalledTimes(1);
    });

    it('keeps a closed case, now shown as closed, when all cases are listed', async () => {
        getMyCases.mockResolvedValue(PAGE_1);
        const element = await renderList();
        change(element, 'status-filter', 'all');
        await flushPromises();

        element.updateCase(CLOSED_CASE);
        await flushPromises();

        const firstRow = $(element, 'tbody tr');
        expect(firstRow.textContent).toContain('c.CasePortal_StateClosed');
    });

    it('moves focus to the heading, or to a listed case', async () => {
        getMyCases.mockResolvedValue(PAGE_1);
        const element = await renderList();

        element.focusHeading();
        expect(element.shadowRoot.activeElement.tagName).toBe('H2');

        element.focusCase('500000000000002AAA');
        expect(element.shadowRoot.activeElement.dataset.caseId).toBe(
            '500000000000002AAA'
        );

        element.focusCase('500000000000099AAA');
        expect(element.shadowRoot.activeElement.tagName).toBe('H2');
    });

    it('is accessible with cases', async () => {
        getMyCases.mockResolvedValue(PAGE_1);
        const element = await renderList({ canCreate: true, scope: 'Contact' });

        await expect(element).toBeAccessible();
    });

    it('is accessible when empty or failed', async () => {
        getMyCases.mockResolvedValueOnce(EMPTY);
        const empty = await renderList();
        await expect(empty).toBeAccessible();

        getMyCases.mockRejectedValueOnce({ body: { message: 'No access.' } });
        const failed = await renderList();
        await expect(failed).toBeAccessible();
    });
});
