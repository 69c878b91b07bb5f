import { createElement } from 'lwc';
import { registerSa11yMatcher } from '@sa11y/jest';
import CaseCreateForm from 'c/caseCreateForm';
import createCase from '@salesforce/apex/CasePortalController.createCase';

const FORM = require('./data/formFields.json');
const CREATED = require('./data/createdCase.json');

jest.mock(
    '@salesforce/apex/CasePortalController.createCase',
    () => ({ default: jest.fn() }),
    { virtual: true }
);

const { setImmediate: nextMacrotask } = jest.requireActual('timers');
function flushPromises() {
    return new Promise((resolve) => nextMacrotask(resolve));
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [
    ...element.shadowRoot.querySelectorAll(selector)
];

/** The form as getPortalContext().createFields configures it (Create_Fields__c). */
describe('c-case-create-form with configured fields', () => {
    beforeAll(() => {
        registerSa11yMatcher();
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    async function renderForm(props = {}) {
        const element = createElement('c-case-create-form', {
            is: CaseCreateForm
        });
        Object.assign(element, { fields: FORM.fields, canCancel: true }, props);
        document.body.appendChild(element);
        await flushPromises();
        return element;
    }

    function fill(element, field, value) {
        const input = $(element, `[data-field="${field}"]`);
        input.value = value;
        input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    }

    function tick(element, field, checked) {
        const input = $(element, `[data-field="${field}"]`);
        input.checked = checked;
        input.dispatchEvent(new CustomEvent('change', { detail: { checked } }));
    }

    const problems = (element) =>
        $$(element, '[data-id="problems"] li').map((item) =>
            item.textContent.trim()
        );

    it('renders each field in the configured order with its base component', async () => {
        const element = await renderForm();

        const rendered = $$(element, '[data-field]');
        expect(rendered.map((node) => node.dataset.field)).toEqual([
            'subject',
            'Reason',
            'description',
            'Serial_Number__c',
            'Score__c',
            'Purchase_Date__c',
            'Under_Warranty__c',
            'Work_Email__c'
        ]);
        expect(rendered.map((node) => node.tagName.toLowerCase())).toEqual([
            'lightning-input',
            'lightning-combobox',
            'lightning-textarea',
            'lightning-input',
            'lightning-input',
            'lightning-input',
            'lightning-input',
            'lightning-input'
        ]);
        const reason = $(element, '[data-field="Reason"]');
        expect(reason.label).toBe('Case Reason');
        expect(reason.required).toBe(true);
        expect(reason.fieldLevelHelp).toBe('Why you are contacting us.');
        // A required picklist offers no --None--.
        expect(reason.options.map((option) => option.value)).toEqual([
            'Breakdown',
            'Installation'
        ]);
        expect($(element, '[data-field="Serial_Number__c"]').maxLength).toBe(8);
        const score = $(element, '[data-field="Score__c"]');
        expect(score.type).toBe('number');
        expect(score.step).toBe('0.1');
        expect($(element, '[data-field="Purchase_Date__c"]').type).toBe('date');
        expect($(element, '[data-field="Under_Warranty__c"]').type).toBe(
            'checkbox'
        );
        expect($(element, '[data-field="Work_Email__c"]').type).toBe('email');
    });

    it("lists the configured fields' problems before any server call", async () => {
        const element = await renderForm();

        fill(element, 'subject', 'Printer jammed');
        fill(element, 'Serial_Number__c', '123456789');
        fill(element, 'Score__c', '4.25');
        fill(element, 'Work_Email__c', 'ann@');
        $(element, '[data-id="submit"]').click();
        await flushPromises();

        expect(problems(element)).toEqual([
            'c.CasePortal_Error_FieldRequired',
            'c.CasePortal_Error_FieldTooLong',
            'c.CasePortal_Error_FieldInvalid',
            'c.CasePortal_Error_FieldInvalid'
        ]);
        expect(createCase).not.toHaveBeenCalled();
    });

    it('sends the standard fields in their properties and the others in fields', async () => {
        createCase.mockResolvedValue(CREATED);
        const element = await renderForm();
        const handler = jest.fn();
        element.addEventListener('created', handler);

        fill(element, 'subject', ' Router keeps rebooting ');
        fill(element, 'Reason', 'Breakdown');
        fill(element, 'Score__c', '4.5');
        fill(element, 'Purchase_Date__c', '2026-03-01');
        tick(element, 'Under_Warranty__c', true);
        $(element, '[data-id="submit"]').click();
        await flushPromises();

        expect(createCase).toHaveBeenCalledWith({
            input: {
                subject: 'Router keeps rebooting',
                description: '',
                fields: {
                    Reason: 'Breakdown',
                    Score__c: '4.5',
                    Purchase_Date__c: '2026-03-01',
                    Under_Warranty__c: 'true'
                }
            }
        });
        expect(handler).toHaveBeenCalledTimes(1);
    });

    it("clears a field's error as soon as it is fixed, before it loses focus", async () => {
        const element = await renderForm();
        fill(element, 'subject', 'Printer jammed');
        $(element, '[data-id="submit"]').click();
        await flushPromises();
        const reason = $(element, '[data-field="Reason"]');
        const validity = jest.spyOn(reason, 'setCustomValidity');

        fill(element, 'Reason', 'Breakdown');

        expect(validity).toHaveBeenLastCalledWith('');
    });

    it('shows the notes for internal users, and none when there are none', async () => {
        const withNotes = await renderForm({ notes: FORM.notes });
        const box = $(withNotes, '[data-id="notes"]');
        expect(box.getAttribute('role')).toBe('note');
        expect(box.textContent).toContain('OwnerId left out');

        const without = await renderForm({ notes: [] });
        expect($(without, '[data-id="notes"]')).toBeNull();
    });

    it('empties every configured field on reset', async () => {
        const element = await renderForm();
        fill(element, 'Reason', 'Breakdown');
        tick(element, 'Under_Warranty__c', true);
        await flushPromises();

        element.reset();
        await flushPromises();

        expect($(element, '[data-field="Reason"]').value).toBe('');
        expect($(element, '[data-field="Under_Warranty__c"]').checked).toBe(
            false
        );
    });

    it('is accessible, with notes and with problems listed', async () => {
        const element = await renderForm({ notes: FORM.notes });
        await expect(element).toBeAccessible();

        $(element, '[data-id="submit"]').click();
        await flushPromises();
        await expect(element).toBeAccessible();
    });
});
