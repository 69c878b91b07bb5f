import { createElement } from 'lwc';
import { registerSa11yMatcher } from '@sa11y/jest';
import CaseCreateForm from 'c/caseCreateForm';
import createCase from '@salesforce/apex/CasePortalController.createCase';

const PICKLISTS = require('./data/picklists.json');
const CREATED = require('./data/createdCase.json');

jest.mock(
    '@salesforce/apex/CasePortalController.createCase',
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

describe('c-case-create-form', () => {
    beforeAll(() => {
        registerSa11yMatcher();
    });

    afterEach(() => {
        jest.restoreAllMocks();
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    async function renderForm(props = {}) {
        const element = createElement('c-case-create-form', {
            is: CaseCreateForm
        });
        Object.assign(element, { ...PICKLISTS, canCancel: true }, props);
        document.body.appendChild(element);
        await flushPromises();
        return element;
    }

    function fill(element, field, value) {
        const input = $(element, `[data-field="${field}"]`);
        input.value = value;
        input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    }

    const problems = (element) =>
        $$(element, '[data-id="problems"] li').map((item) =>
            item.textContent.trim()
        );

    it('shows subject, description, type and priority with the given choices', async () => {
        const element = await renderForm();

        const subject = $(element, '[data-field="subject"]');
        expect(subject.required).toBe(true);
        expect(subject.maxLength).toBe(255);
        expect($(element, '[data-field="description"]')).not.toBeNull();
        const type = $(element, '[data-field="caseType"]');
        expect(type.options.map((option) => option.value)).toEqual([
            '',
            'Question',
            'Problem',
            'Feature Request'
        ]);
        expect(
            $(element, '[data-field="priority"]').options.map(
                (option) => option.value
            )
        ).toEqual(['', 'High', 'Medium', 'Low']);
    });

    it('hides type and priority when the user may not set them', async () => {
        const element = await renderForm({
            typeOptions: [],
            priorityOptions: []
        });

        expect($(element, '[data-field="caseType"]')).toBeNull();
        expect($(element, '[data-field="priority"]')).toBeNull();
    });

    it('lists what to fix before any server call', async () => {
        const element = await renderForm();

        const subject = $(element, '[data-field="subject"]');
        const focus = jest.spyOn(subject, 'focus');
        fill(element, 'subject', '   ');
        $(element, '[data-id="submit"]').click();
        await flushPromises();

        expect(problems(element)).toEqual([
            'c.CasePortal_Error_SubjectRequired'
        ]);
        expect($(element, '[data-id="problems"]').getAttribute('role')).toBe(
            'alert'
        );
        expect(focus).toHaveBeenCalled();
        expect(createCase).not.toHaveBeenCalled();
    });

    it('refuses a description over the limit', async () => {
        const element = await renderForm({ descriptionMaxLength: 10 });

        fill(element, 'subject', 'Printer jammed');
        fill(element, 'description', 'x'.repeat(11));
        $(element, '[data-id="submit"]').click();
        await flushPromises();

        expect(problems(element)).toEqual([
            'c.CasePortal_Error_DescriptionTooLong'
        ]);
        expect(createCase).not.toHaveBeenCalled();
    });

    it('opens the case and reports it', async () => {
        createCase.mockResolvedValue(CREATED);
        const element = await renderForm();
        const handler = jest.fn();
        element.addEventListener('created', handler);

        fill(element, 'subject', '  Router keeps rebooting ');
        fill(element, 'description', 'Every ten minutes.');
        fill(element, 'caseType', 'Problem');
        fill(element, 'priority', 'Medium');
        $(element, '[data-id="submit"]').click();
        await flushPromises();

        expect(createCase).toHaveBeenCalledTimes(1);
        expect(createCase).toHaveBeenCalledWith({
            input: {
                subject: 'Router keeps rebooting',
                description: 'Every ten minutes.',
                caseType: 'Problem',
                priority: 'Medium'
            }
        });
        expect(handler).toHaveBeenCalledTimes(1);
        expect(handler.mock.calls[0][0].detail).toEqual(CREATED);
        expect(problems(element)).toEqual([]);
    });

    it('sends no type or priority when none is chosen', async () => {
        createCase.mockResolvedValue(CREATED);
        const element = await renderForm();

        fill(element, 'subject', 'Question about my bill');
        $(element, '[data-id="submit"]').click();
        await flushPromises();

        expect(createCase).toHaveBeenCalledWith({
            input: {
                subject: 'Question about my bill',
                description: '',
                caseType: null,
                priority: null
            }
        });
    });

    it('shows the server refusal and keeps the input', async () => {
        createCase.mockRejectedValue({
            body: {
                message:
                    'Opening new cases from the portal is turned off right now.'
            }
        });
        const element = await renderForm();
        const handler = jest.fn();
        element.addEventListener('created', handler);

        fill(element, 'subject', 'Printer jammed');
        $(element, '[data-id="submit"]').click();
        await flushPromises();

        const alert = $(element, '[data-id="error"]');
        expect(alert.getAttribute('role')).toBe('alert');
        expect(alert.textContent).toContain('turned off');
        expect(handler).not.toHaveBeenCalled();
        expect($(element, '[data-field="subject"]').value).toBe(
            'Printer jammed'
        );
        expect($(element, '[data-id="submit"]').disabled).toBe(false);
    });

    it('offers Cancel only when there is a list to go back to', async () => {
        const withList = await renderForm();
        const handler = jest.fn();
        withList.addEventListener('cancel', handler);
        $(withList, '[data-id="cancel"]').click();
        expect(handler).toHaveBeenCalledTimes(1);

        const alone = await renderForm({ canCancel: false });
        expect($(alone, '[data-id="cancel"]')).toBeNull();
    });

    it('empties on reset and focuses its heading', async () => {
        const element = await renderForm();
        fill(element, 'subject', '');
        $(element, '[data-id="submit"]').click();
        await flushPromises();
        fill(element, 'subject', 'Draft');
        await flushPromises();
        expect(problems(element)).toHaveLength(1);

        element.reset();
        element.focusHeading();
        await flushPromises();

        expect($(element, '[data-field="subject"]').value).toBe('');
        expect(problems(element)).toEqual([]);
        expect(element.shadowRoot.activeElement.tagName).toBe('H2');
    });

    it('is accessible, also with problems listed', async () => {
        const element = await renderForm();
        await expect(element).toBeAccessible();

        $(element, '[data-id="submit"]').click();
        await flushPromises();
        await expect(element).toBeAccessible();
    });
});
