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

const NUMBER_FORMAT = new Intl.NumberFormat(LOCALE);

/**
 * The new case form: subject (required), description, and type and priority when the user may set
 * them. Each field says what is wrong as soon as it loses focus, and again on submit, before any
 * server call; createCase is called only with a valid form.
 */
export default class CaseCreateForm extends LightningElement {
    /** Case Type choices; the field is hidden when empty. */
    @api typeOptions = [];
    /** Case Priority choices; the field is hidden when empty. */
    @api priorityOptions = [];
    @api subjectMaxLength = 255;
    @api descriptionMaxLength = 32000;
    /** Offer Cancel (there is a list to go back to). */
    @api canCancel = false;

    labels = {
        TITLE,
        INTRO,
        SUBJECT,
        SUBJECT_REQUIRED,
        DESCRIPTION,
        TYPE,
        PRIORITY,
        SUBMIT,
        CANCEL,
        SAVING,
        CREATE_ERROR,
        FIX_ERRORS
    };

    subject = '';
    description = '';
    caseType = '';
    priority = '';
    isSaving = false;
    error;
    /** Problems found on submit, listed above the form. */
    problemMessages = [];

    /** Focuses the form heading (view change). */
    @api
    focusHeading() {
        this.refs.heading?.focus();
    }

    /** Empties the form for another case. */
    @api
    reset() {
        this.subject = '';
        this.description = '';
        this.caseType = '';
        this.priority = '';
        this.error = undefined;
        this.problemMessages = [];
    }

    get hasProblems() {
        return this.problemMessages.length > 0;
    }

    get hasTypes() {
        return this.typeOptions?.length > 0;
    }

    get hasPriorities() {
        return this.priorityOptions?.length > 0;
    }

    get typeChoices() {
        return [{ label: NONE, value: '' }, ...(this.typeOptions ?? [])];
    }

    get priorityChoices() {
        return [{ label: NONE, value: '' }, ...(this.priorityOptions ?? [])];
    }

    get subjectTooLongMessage() {
        return formatLabel(
            SUBJECT_TOO_LONG,
            NUMBER_FORMAT.format(this.subjectMaxLength)
        );
    }

    get descriptionTooLongMessage() {
        return formatLabel(
            DESCRIPTION_TOO_LONG,
            NUMBER_FORMAT.format(this.descriptionMaxLength)
        );
    }

    handleChange(event) {
        const field = event.target.dataset.field;
        this[field] = event.detail.value ?? '';
    }

    /** Checks a field when it loses focus, so the user learns of a problem before submitting. */
    handleBlur(event) {
        const field = event.target.dataset.field;
        this.showProblem(event.target, this.problems()[field]);
    }

    /** What is wrong with each field, by field name (the same rules as the server). */
    problems() {
        const problems = {};
        const subject = this.subject.trim();
        if (!subject) {
            problems.subject = SUBJECT_REQUIRED;
        } else if (subject.length > this.subjectMaxLength) {
            problems.subject = this.subjectTooLongMessage;
        }
        if (this.description.length > this.descriptionMaxLength) {
            problems.description = this.descriptionTooLongMessage;
        }
        return problems;
    }

    showProblem(element, problem) {
        element.setCustomValidity(problem ?? '');
        element.reportValidity();
    }

    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
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
        this.problemMessages = Object.values(problems);
        if (firstInvalid) {
            firstInvalid.focus();
            return;
        }
        this.isSaving = true;
        try {
            const created = await createCase({
                input: {
                    subject: this.subject.trim(),
                    description: this.description,
                    caseType: this.caseType || null,
                    priority: this.priority || null
                }
            });
            this.dispatchEvent(new CustomEvent('created', { detail: created }));
        } catch (error) {
            this.error = errorMessage(error);
        } finally {
            this.isSaving = false;
        }
    }
}
