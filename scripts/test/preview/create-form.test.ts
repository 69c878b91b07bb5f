import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
    CreateForm,
    DENIED_FIELDS,
    STANDARD_FIELDS,
    caseDescribe,
    type CaseDescribe
} from '../../preview/backend/create-form';
import { invokeApex } from '../../preview/backend/invoke';
import { PreviewBackend, Refusal } from '../../preview/backend/service';
import { PreviewStore } from '../../preview/backend/store';
import { formatMessage } from '../../shared/message-format';
import { field } from '../../emulator/schema/fields';
import { loadDefaultSettings } from '../../preview/metadata';
import { callContext } from '../../preview/query';
import { loadLabels } from '../../shared/labels';
import { DEFAULT_DIR } from '../../preview/paths';

/**
 * The configurable create form in the preview backend: the same deny-list and standard fields as
 * CasePortalCreateForm.cls, the form built from Create_Fields__c over the describe stand-in, the
 * notes only internal users see, and every value check (the Apex tests cover the standard
 * fields; custom number, date and checkbox fields exist only in an org that adds them, so their
 * checks are proved here on a describe with such fields).
 */

const APEX = readFileSync(
    path.join(DEFAULT_DIR, 'classes/CasePortalCreateForm.cls'),
    'utf8'
);
const LABELS = loadLabels();
const DEFAULTS = loadDefaultSettings();

function label(name: string, ...args: (string | number)[]): string {
    return formatMessage(LABELS.get(name) ?? name, ...args);
}

const refusal = (name: string, ...args: (string | number)[]) =>
    new Refusal(
        label(
            name,
            ...args.map((a) =>
                typeof a === 'number' ? a.toLocaleString('en-US') : a
            )
        )
    );

function setup(): PreviewBackend {
    return new PreviewBackend(
        new PreviewStore(() => Date.UTC(2026, 4, 1)).seed({ cases: 5 }),
        LABELS
    );
}

const as = (query: string) => callContext(query, DEFAULTS);

/** The Apex block between `name = new ...{` and its closing `};`, its quoted keys in order. */
function apexKeys(name: string): string[] {
    const start = APEX.indexOf(`${name} = new`);
    const body = APEX.slice(start, APEX.indexOf('};', start));
    return [...body.matchAll(/^\s*'([a-z]+)'/gm)].map((m) => m[1] ?? '');
}

describe('the create form rules, in step with CasePortalCreateForm.cls', () => {
    it('denies the same fields and allows the same standard fields', () => {
        expect(Object.keys(DENIED_FIELDS)).toEqual(apexKeys('DENIED_FIELDS'));
        expect([...STANDARD_FIELDS]).toEqual(apexKeys('STANDARD_FIELDS'));
        expect(APEX).toContain(
            "DEFAULT_FIELDS = 'Subject, Description, Type, Priority'"
        );
    });

    it('describes Case from the emulator, with the documented labels', () => {
        const describe = caseDescribe();
        expect(describe.fields.get('type')?.label).toBe('Case Type');
        expect(describe.fields.get('subject')?.length).toBe(255);
        expect(describe.fields.get('description')?.length).toBe(32000);
        // Case_Portal_User grants read on Reason, not on SuppliedEmail.
        expect(describe.readable.has('reason')).toBe(true);
        expect(describe.readable.has('suppliedemail')).toBe(false);
    });
});

describe('building the form from Create_Fields__c', () => {
    it('is Subject, Description, Type and Priority by default', () => {
        const form = new CreateForm('', '');
        expect(form.fields.map((f) => f.apiName)).toEqual([
            'Subject',
            'Description',
            'Type',
            'Priority'
        ]);
        expect(form.fields[0]).toMatchObject({
            type: 'text',
            required: true,
            maxLength: 255
        });
        expect(form.fields[2]?.options?.map((o) => o.value)).toContain('Other');
        expect(form.notes).toEqual([]);
    });

    it('keeps the configured order, marks * required, leaves out what it must, with notes', () => {
        const form = new CreateForm(
            'Reason *; Priority\nOwnerId, No_Such_Field__c, SuppliedEmail, CaseNumber, ParentId, Priority',
            'Web_Case'
        );
        expect(form.fields.map((f) => [f.apiName, f.required])).toEqual([
            ['Subject', true],
            ['Reason', true],
            ['Priority', false]
        ]);
        const notes = form.notes.join('\n');
        for (const expected of [
            'Record type Web_Case ignored',
            'OwnerId left out: never set from the portal',
            'No_Such_Field__c left out: Case has no such field',
            'SuppliedEmail left out: the portal user cannot read it',
            'CaseNumber left out: a standard field the portal does not set',
            'ParentId left out: never set from the portal',
            'Priority is listed twice',
            'Subject added first'
        ]) {
            expect(notes).toContain(expected);
        }
    });

    it('shows the notes to internal users only, in the portal context', () => {
        const service = setup();
        const query = '?createFields=Subject,OwnerId';
        expect(service.getPortalContext(as(query)).createFormNotes).toEqual([]);
        expect(
            service.getPortalContext(as(`${query}&internal=on`)).createFormNotes
        ).toEqual([
            expect.stringContaining('OwnerId left out')
        ] as unknown as string[]);
        expect(
            service.getPortalContext(as('?create=off')).createFields
        ).toEqual([]);
    });
});

/** A describe with custom fields of each supported type, all readable. */
function customDescribe(): CaseDescribe {
    const base = caseDescribe();
    const fields = new Map(base.fields);
    const readable = new Set(base.readable);
    for (const def of [
        field('Score__c', 'double', { label: 'Score' }),
        field('Visits__c', 'int', { label: 'Visits' }),
        field('Due__c', 'date', { label: 'Due' }),
        field('Agree__c', 'boolean', { label: 'Agree' }),
        field('Work_Email__c', 'email', { label: 'Work Email', length: 80 }),
        field('Code__c', 'string', { label: 'Code', length: 5 }),
        field('Account__c', 'reference', { referenceTo: ['Account'] })
    ]) {
        fields.set(def.name.toLowerCase(), def);
        readable.add(def.name.toLowerCase());
    }
    return { fields, readable };
}

describe('checking a submitted form', () => {
    const form = new CreateForm(
        'Subject, Score__c, Visits__c, Due__c, Agree__c, Work_Email__c, Code__c*, Account__c',
        '',
        customDescribe()
    );
    const submit = (fields: Record<string, string | null>) =>
        form.validate({ subject: 'S', fields }, refusal);

    it('leaves out a custom lookup like a standard one', () => {
        expect(form.fields.map((f) => f.apiName)).not.toContain('Account__c');
        expect(() => submit({ Code__c: 'A', Account__c: 'x' })).toThrow(
            label('CasePortal_Error_FieldNotAllowed', 'Account__c')
        );
    });

    it('types numbers, dates and checkboxes', () => {
        expect(
            submit({
                Score__c: '12.5',
                Visits__c: '3',
                Due__c: '2026-02-28',
                Agree__c: 'true',
                Work_Email__c: ' ann@example.com ',
                Code__c: ' ABC '
            })
        ).toEqual({
            Subject: 'S',
            Score__c: 12.5,
            Visits__c: 3,
            Due__c: '2026-02-28',
            Agree__c: true,
            Work_Email__c: 'ann@example.com',
            Code__c: 'ABC'
        });
    });

    it.each([
        ['Score__c', '1.234', 'Score'],
        ['Score__c', '1e5', 'Score'],
        ['Visits__c', '1.5', 'Visits'],
        ['Due__c', '2026-02-30', 'Due'],
        ['Due__c', '28/02/2026', 'Due'],
        ['Agree__c', 'yes', 'Agree'],
        ['Work_Email__c', 'ann@', 'Work Email']
    ])('refuses %s = %s', (name, value, fieldLabel) => {
        expect(() => submit({ Code__c: 'A', [name]: value })).toThrow(
            label('CasePortal_Error_FieldInvalid', fieldLabel)
        );
    });

    it('refuses a missing required value and one too long, naming the field', () => {
        expect(() => submit({})).toThrow(
            label('CasePortal_Error_FieldRequired', 'Code')
        );
        expect(() => submit({ Code__c: 'ABCDEF' })).toThrow(
            label('CasePortal_Error_FieldTooLong', 'Code', 5)
        );
    });
});

describe('createCase with a configured extra field', () => {
    it('saves it, and refuses it when the form does not show it', () => {
        const service = setup();
        const call = as('?createFields=Subject,Description,Reason*');
        const created = service.createCase(call, {
            subject: 'Router',
            fields: { Reason: 'Breakdown' }
        });
        expect(service.store.cases.get(created.recordId)?.fields).toEqual({
            Reason: 'Breakdown'
        });
        expect(() => service.createCase(call, { subject: 'Router' })).toThrow(
            label('CasePortal_Error_FieldRequired', 'Case Reason')
        );
        expect(() =>
            service.createCase(as(''), {
                subject: 'Router',
                fields: { Reason: 'Breakdown' }
            })
        ).toThrow(label('CasePortal_Error_FieldNotOnForm', 'Reason'));
    });

    it('reads NewCaseInput.fields from the wire as a Map<String, String>', () => {
        const service = setup();
        const call = as('?createFields=Subject,Reason');
        expect(
            invokeApex(service, call, 'createCase', {
                input: { subject: 'Wire', fields: { Reason: 'Breakdown' } }
            }).status
        ).toBe(200);
        const bad = invokeApex(service, call, 'createCase', {
            input: { subject: 'Wire', fields: { Reason: 3 } }
        });
        expect(bad.status).toBe(500);
        expect(JSON.stringify(bad.body)).toContain('expected String');
    });
});
