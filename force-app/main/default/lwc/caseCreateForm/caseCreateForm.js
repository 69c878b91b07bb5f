import { LightningElement, api } from 'lwc';
import createCase from '@salesforce/apex/CasePortalController.createCase';
import LOCALE from '@salesforce/i18n/locale';
import { errorMessage, formatLabel } from 'c/casePortalUtils';

import TITLE from '@salesforce/label/c.CasePortal_CreateTitle';
import INTRO from '@salesforce/label/c.CasePortal_CreateIntro';
import SUBJECT from '@salesforce/label/c.CasePortal_ColumnSubject';
import SUBJECT_REQUIRED from '@salesforce/label/c.CasePortal_Error_SubjectRequired';
import SUBJECT_TOO_LONG from '@salesforce/label/c.CasePortal_Error_SubjectTooLong';
import DESCRIPTION from '@salesforce/label/c.CasePortal_FieldDescription';
import DESCRIPTION_TOO_LONG from '@salesforce/label/c.CasePortal_Error_DescriptionTooLong';
import TYPE from '@salesforce/label/c.CasePortal_FieldType';
import PRIORITY from '@salesforce/label/c.CasePortal_ColumnPriority';
import NONE from '@salesforce/label/c.CasePortal_ChooseNone';
import SUBMIT from '@salesforce/label/c.CasePortal_CreateSubmit';
import CANCEL from '@salesforce/label/c.CasePortal_Cancel';
import SAVING from '@salesforce/label/c.CasePortal_Saving';
import FIX_ERRORS from '@salesforce/label/c.CasePortal_FixErrors';
import CREATE_ERROR from '@salesforce/label/c.CasePortal_CreateError';
import FIELD_REQUIRED from '@salesforce/label/c.CasePortal_Error_FieldRequired';
import FIELD_TOO_LONG from '@salesforce/label/c.CasePortal_Error_FieldTooLong';
import FIELD_INVALID from '@salesforce/label/c.CasePortal_Error_FieldInvalid';
import FORM_NOTES from '@salesforce/label/c.CasePortal_CreateFormNotes';

const NUMBER_FORMAT = new Intl.NumberFormat(LOCALE);

/**
 * The standard fields travel in NewCaseInput's own properties (as before the form was
 * configurable); every other configured field in NewCaseInput.fields by its API name.
 */
const INPUT_KEYS = {
    Subject: 'subject',
    Description: 'description',
    Type: 'caseType',
    Priority: 'priority'
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^-?(\d+)(?:\.(\d+))?$/;

/**
 * The new case form. Its fields come from the server (getPortalContext().createFields: the
 * configured Create_Fields__c, checked against the Case describe), in that order, each with the
 * base component for its type; without them, the form before it was configurable (subject,
 * description, type and priority). Each field says what is wrong as soon as it loses focus, and
 * again on submit, before any server call, with the same rules the server enforces.
 */
export default class CaseCreateForm extends LightningElement {
    /** The form's fields (CasePortalDtos.FormField); null: subject, description, type, priority. */
    @api fields;
    /** Why configured fields were left out (internal users only). */
    @api notes = [];
    /** Case Type choices (form without fields); hidden when empty. */
    @api typeOptions = [];
    /** Case Priority choices (form without fields); hidden when empty. */
    @api priorityOptions = [];
    @api subjectMaxLength = 255;
    @api descriptionMaxLength = 32000;
    /** Offer Cancel (there is a list to go back to). */
    @api canCancel = false;

    labels = {
        TITLE,
        INTRO,
        SUBMIT,
        CANCEL,
        SAVING,
        CREATE_ERROR,
        FIX_ERRORS,
        FORM_NOTES
    };

    /** Entered values by input key (subject, caseType, Reason, ...). */
    values = {};
    isSaving = false;
    error;
    /** Problems found on submit, listed above the form: { key (the field), text }. */
    problemMessages = [];

    /** Focuses the form heading (view change). */
    @api
    focusHeading() {
        this.refs.heading?.focus();
    }

    /** Empties the form for another case. */
    @api
    reset() {
        this.values = {};
        this.error = undefined;
        this.problemMessages = [];
    }

    get hasProblems() {
        return this.problemMessages.length > 0;
    }

    get hasNotes() {
        return this.notes?.length > 0;
    }

    /** The field definitions in order: the server's, or the form before it was configurable. */
    get definitions() {
        if (Array.isArray(this.fields)) {
            return this.fields;
        }
        const legacy = [
            {
                apiName: 'Subject',
                label: SUBJECT,
                type: 'text',
                required: true,
                maxLength: this.subjectMaxLength
            },
            {
                apiName: 'Description',
                label: DESCRIPTION,
                type: 'textarea',
                required: false,
                maxLength: this.descriptionMaxLength
            }
        ];
        if (this.typeOptions?.length > 0) {
            legacy.push({
                apiName: 'Type',
                label: TYPE,
                type: 'picklist',
                required: false,
                options: this.typeOptions
            });
        }
        if (this.priorityOptions?.length > 0) {
            legacy.push({
                apiName: 'Priority',
                label: PRIORITY,
                type: 'picklist',
                required: false,
                options: this.priorityOptions
            });
        }
        return legacy;
    }

    /** What the template renders: one entry per field with its component and messages. */
    get formFields() {
        return this.definitions.map((field) => {
            const key = INPUT_KEYS[field.apiName] ?? field.apiName;
            const type = field.type;
            const value = this.values[key];
            const wide = type === 'text' || type === 'textarea';
            return {
                ...field,
                key,
                isTextarea: type === 'textarea',
                isPicklist: type === 'picklist',
                isCheckbox: type === 'checkbox',
                inputType:
                    {
                        email: 'email',
                        phone: 'tel',
                        date: 'date',
                        number: 'number'
                    }[type] ?? 'text',
                step:
                    type === 'number'
                        ? field.scale > 0
                            ? `0.${'0'.repeat(field.scale - 1)}1`
                            : '1'
                        : undefined,
                value: value ?? '',
                checked: value === 'true',
                choices: field.required
                    ? (field.options ?? [])
                    : [{ label: NONE, value: '' }, ...(field.options ?? [])],
                requiredMessage: this.requiredMessage(field),
                tooLongMessage: field.maxLength
                    ? this.tooLongMessage(field)
                    : undefined,
                cellClass: wide
                    ? 'slds-col slds-size_1-of-1'
                    : 'slds-col slds-size_1-of-1 slds-medium-size_1-of-2'
            };
        });
    }

    requiredMessage(field) {
        return field.apiName === 'Subject'
            ? SUBJECT_REQUIRED
            : formatLabel(FIELD_REQUIRED, field.label);
    }

    tooLongMessage(field) {
        const limit = NUMBER_FORMAT.format(field.maxLength);
        if (field.apiName === 'Subject') {
            return formatLabel(SUBJECT_TOO_LONG, limit);
        }
        if (field.apiName === 'Description') {
            return formatLabel(DESCRIPTION_TOO_LONG, limit);
        }
        return formatLabel(FIELD_TOO_LONG, field.label, limit);
    }

    handleChange(event) {
        const key = event.target.dataset.field;
        const value =
            event.target.type === 'checkbox'
                ? String(Boolean(event.detail?.checked ?? event.target.checked))
                : (event.detail?.value ?? '');
        this.values = { ...this.values, [key]: value };
        // A fixed field stops saying it is wrong at once, not only when it loses focus (its
        // message would then vanish under the pointer on the way to the submit button).
        const field = this.formFields.find((entry) => entry.key === key);
        if (field && !this.problemOf(field)) {
            this.showProblem(event.target, undefined);
        }
    }

    /** Checks a field when it loses focus, so the user learns of a problem before submitting. */
    handleBlur(event) {
        const key = event.target.dataset.field;
        this.showProblem(event.target, this.problems()[key]);
    }

    /** What is wrong with each field, by input key (the same rules as the server). */
    problems() {
        const problems = {};
        for (const field of this.formFields) {
            const problem = this.problemOf(field);
            if (problem) {
                problems[field.key] = problem;
            }
        }
        return problems;
    }

    problemOf(field) {
        if (field.isCheckbox) {
            return undefined;
        }
        const raw = this.values[field.key] ?? '';
        const value = field.isTextarea ? raw : raw.trim();
        if (!value.trim()) {
            return field.required ? field.requiredMessage : undefined;
        }
        if (field.maxLength && value.length > field.maxLength) {
            return field.tooLongMessage;
        }
        const invalid = formatLabel(FIELD_INVALID, field.label);
        if (field.type === 'email' && !EMAIL.test(value)) {
            return invalid;
        }
        if (field.type === 'date' && !DATE.test(value)) {
            return invalid;
        }
        if (field.type === 'number') {
            const match = NUMBER.exec(value);
            if (!match || (match[2]?.length ?? 0) > (field.scale ?? 0)) {
                return invalid;
            }
        }
        return undefined;
    }

    showProblem(element, problem) {
        element.setCustomValidity(problem ?? '');
        element.reportValidity();
    }

    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    /** NewCaseInput: the standard fields in their properties, the others in fields. */
    input() {
        const input = {};
        const fields = {};
        for (const field of this.formFields) {
            const raw = this.values[field.key];
            if (field.key === 'subject') {
                input.subject = (raw ?? '').trim();
            } else if (field.key === 'description') {
                input.description = raw ?? '';
            } else if (field.key === 'caseType' || field.key === 'priority') {
                input[field.key] = raw || null;
            } else if (field.isCheckbox) {
                fields[field.key] = raw === 'true' ? 'true' : 'false';
            } else if (raw?.trim()) {
                fields[field.key] = field.isTextarea ? raw : raw.trim();
            }
        }
        if (Object.keys(fields).length > 0) {
            input.fields = fields;
        }
        return input;
    }

    async handleSubmit() {
        this.error = undefined;
        const problems = this.problems();
        let firstInvalid;
        for (const element of this.template.querySelectorAll('[data-field]')) {
            const problem = problems[element.dataset.field];
            this.showProblem(element, problem);
            if (problem && !firstInvalid) {
                firstInvalid = element;
            }
        }
        this.problemMessages = Object.entries(problems).map(([key, text]) => ({
            key,
            text
        }));
        if (firstInvalid) {
            firstInvalid.focus();
            return;
        }
        this.isSaving = true;
        try {
            const created = await createCase({ input: this.input() });
            this.dispatchEvent(new CustomEvent('created', { detail: created }));
        } catch (error) {
            this.error = errorMessage(error);
        } finally {
            this.isSaving = false;
        }
    }
}
