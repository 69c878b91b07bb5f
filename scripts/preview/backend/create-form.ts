import path from 'node:path';
import { standardObjects } from '../../emulator/schema/standard-objects';
import { withSourcedFields } from '../../emulator/schema/sourced-fields';
import type { FieldDef } from '../../emulator/schema/types';
import { children, flag, readMetadata, text } from '../../shared/metadata-xml';
import { DEFAULT_DIR } from '../paths';
import type { FormField, NewCaseInput, Option } from './dtos';

/**
 * CasePortalCreateForm over a describe stand-in: the configurable create form (Create_Fields__c,
 * Create_Record_Type__c) built and enforced with the Apex's rules, refusal for refusal.
 *
 * The describe is the emulator's Case (scripts/emulator/schema/standard-objects.ts, completed
 * from jsforce's standard schema by sourced-fields.ts), with the labels and lengths Salesforce's
 * Field Reference ("Case") documents where the emulator has none of its own. Field-level
 * security (isAccessible) is what the portal user's permission set grants: Case_Portal_User's
 * readable Case fields as deployed. The preview org has no Case record types, so a configured
 * one is always ignored with a note, as the Apex does for a record type the user cannot use.
 *
 * DENIED_FIELDS and STANDARD_FIELDS equal the Apex's (scripts/test/preview/create-form.test.ts
 * reads both from CasePortalCreateForm.cls).
 */

export type FormFieldType = FormField['type'];

/** The Apex's DEFAULT_FIELDS: the form when Create_Fields__c is blank. */
export const DEFAULT_FIELDS = 'Subject, Description, Type, Priority';

/** Standard Case fields a customer may fill in (lower case), as in the Apex. */
export const STANDARD_FIELDS: readonly string[] = [
    'subject',
    'description',
    'type',
    'priority',
    'reason',
    'suppliedname',
    'suppliedemail',
    'suppliedphone',
    'suppliedcompany'
];

/** Fields the portal never lets a customer set (lower case), with the Apex's reasons. */
export const DENIED_FIELDS: Readonly<Record<string, string>> = {
    ownerid: 'who works the case is for assignment rules and agents',
    accountid:
        'stamped from the user: it decides whose case it is (sharing set, scope)',
    contactid:
        'stamped from the user: it decides whose case it is (sharing set, scope)',
    status: 'set by support; customers close through the configured close statuses',
    origin: 'stamped from Case_Origin__c for routing',
    isescalated: 'escalation is for support',
    comments: "Internal Comments: agents' notes, never a customer's",
    recordtypeid: 'set from Create_Record_Type__c',
    parentid: 'case hierarchy is for support',
    isvisibleinselfservice: 'visibility is for support',
    isstopped: 'entitlement milestones are for support',
    currencyisocode: 'set by the org'
};

/**
 * Salesforce Field Reference, "Case" (label, type, length): where it documents what the
 * emulator's definition lacks. SuppliedName and SuppliedPhone are not in the excerpt we have:
 * they keep the sourced definition (string, length not verified).
 */
const DOCUMENTED: Record<string, Partial<FieldDef>> = {
    Origin: { label: 'Case Origin' },
    Reason: { label: 'Case Reason' },
    Type: { label: 'Case Type' },
    SuppliedCompany: { label: 'Company', type: 'string', length: 80 },
    SuppliedEmail: { label: 'Email Address', type: 'email', length: 80 },
    Comments: { label: 'Internal Comments', type: 'textarea', length: 4000 }
};

const PERMISSION_SET_FILE = path.join(
    DEFAULT_DIR,
    'permissionsets/Case_Portal_User.permissionset-meta.xml'
);

/** One describe of Case, as the preview's org has it. */
export interface CaseDescribe {
    fields: Map<string, FieldDef>;
    /** Lower-case names of the Case fields the portal user may read. */
    readable: Set<string>;
}

let cached: CaseDescribe | undefined;

/** The Case describe stand-in (built once). */
export function caseDescribe(): CaseDescribe {
    if (cached) {
        return cached;
    }
    const caseObject = withSourcedFields(standardObjects()).find(
        (object) => object.name === 'Case'
    );
    if (!caseObject) {
        throw new Error('the emulator defines no Case object');
    }
    const fields = new Map<string, FieldDef>();
    for (const field of caseObject.fields) {
        fields.set(field.name.toLowerCase(), {
            ...field,
            ...DOCUMENTED[field.name]
        });
    }
    const readable = new Set<string>();
    const permissionSet = readMetadata(PERMISSION_SET_FILE, 'PermissionSet');
    for (const grant of children(permissionSet, 'fieldPermissions')) {
        const name = text(grant, 'field') ?? '';
        if (name.startsWith('Case.') && flag(grant, 'readable')) {
            readable.add(name.slice(5).toLowerCase());
        }
    }
    // Fields without field-level security (not permissionable) are readable by everyone.
    for (const [key, field] of fields) {
        if (!field.permissionable) {
            readable.add(key);
        }
    }
    cached = { fields, readable };
    return cached;
}

/** A refusal as the backend raises it: a custom label and its arguments. */
export type RefusalFactory = (
    label: string,
    ...args: (string | number)[]
) => Error;

function formType(field: FieldDef): FormFieldType | null {
    switch (field.type) {
        case 'string':
            return 'text';
        case 'textarea':
            return 'textarea';
        case 'picklist':
            return 'picklist';
        case 'email':
            return 'email';
        case 'phone':
            return 'phone';
        case 'date':
            return 'date';
        case 'boolean':
            return 'checkbox';
        case 'int':
        case 'double':
            return 'number';
        default:
            return null;
    }
}

/** Why the portal never sets this field, or null (CasePortalCreateForm.deniedReason). */
export function deniedReason(field: FieldDef): string | null {
    const key = field.name.toLowerCase();
    const denied = DENIED_FIELDS[key];
    if (denied) {
        return `never set from the portal (${denied})`;
    }
    if (field.type === 'reference') {
        return 'a lookup, never set from the portal (the portal writes in system mode, which would not check the user may see the record)';
    }
    if (!field.custom && !STANDARD_FIELDS.includes(key)) {
        return 'a standard field the portal does not set';
    }
    return null;
}

function unsupportedReason(
    field: FieldDef,
    describe: CaseDescribe
): string | null {
    if (field.calculated || !field.createable) {
        return 'calculated or auto-number, not writable';
    }
    if (formType(field) === null) {
        return `its type (${field.type.toUpperCase()}) is not supported`;
    }
    const key = field.name.toLowerCase();
    if (key !== 'subject' && !describe.readable.has(key)) {
        return 'the portal user cannot read it (field-level security)';
    }
    return null;
}

/** The form as CasePortalCreateForm builds it from the settings. */
export class CreateForm {
    readonly fields: FormField[] = [];
    readonly notes: string[] = [];
    /** The preview org has no Case record types: always null. */
    readonly recordTypeId: string | null = null;
    private readonly byName = new Map<string, FormField>();
    private readonly defs = new Map<string, FieldDef>();

    constructor(
        createFields: string | undefined,
        createRecordType: string | undefined,
        private readonly describe: CaseDescribe = caseDescribe()
    ) {
        if (createRecordType?.trim()) {
            this.notes.push(
                `Record type ${createRecordType.trim()} ignored: no active Case record type of that name is available to the user; the user's default applies.`
            );
        }
        const configured = createFields?.trim() ? createFields : DEFAULT_FIELDS;
        for (const entry of configured
            .replace(/\s+\*/g, '*')
            .split(/[,;\s]+/)) {
            if (entry.trim()) {
                this.add(entry.trim());
            }
        }
        if (!this.byName.has('subject')) {
            this.add('Subject');
            const subject = this.fields.pop();
            if (subject) {
                this.fields.unshift(subject);
            }
            if (createFields?.trim()) {
                this.notes.push(
                    'Subject added first: the portal always asks for it.'
                );
            }
        }
    }

    private add(entry: string): void {
        const markedRequired = entry.endsWith('*');
        const name = entry.replace(/\*$/, '').trim();
        const key = name.toLowerCase();
        if (this.byName.has(key)) {
            this.notes.push(`${name} is listed twice: shown once.`);
            return;
        }
        const def = this.describe.fields.get(key);
        if (!def) {
            this.notes.push(`${name} left out: Case has no such field.`);
            return;
        }
        const type = formType(def);
        let problem =
            deniedReason(def) ?? unsupportedReason(def, this.describe);
        const options: Option[] | null =
            type === 'picklist'
                ? (def.picklistValues ?? []).map((value) => ({
                      label: value,
                      value
                  }))
                : null;
        if (problem === null && options !== null && options.length === 0) {
            problem = 'the picklist has no active values';
        }
        if (problem !== null || type === null) {
            this.notes.push(`${def.name} left out: ${problem}.`);
            return;
        }
        const field: FormField = {
            apiName: def.name,
            label: def.label,
            type,
            required:
                type !== 'checkbox' &&
                (key === 'subject' ||
                    markedRequired ||
                    (!def.nillable && !def.defaultedOnCreate)),
            maxLength:
                type === 'text' ||
                type === 'textarea' ||
                type === 'email' ||
                type === 'phone'
                    ? (def.length ?? 255)
                    : null,
            scale: type === 'number' ? (def.type === 'int' ? 0 : 2) : null,
            helpText: null,
            options
        };
        this.fields.push(field);
        this.byName.set(key, field);
        this.defs.set(key, def);
    }

    /** CasePortalCreateForm.validate: the typed values by API name, or a refusal. */
    validate(
        input: NewCaseInput | null,
        refusal: RefusalFactory
    ): Record<string, string | number | boolean> {
        const submitted = new Map<string, string | null>();
        const putNamed = (
            apiName: string,
            value: string | null | undefined
        ) => {
            if (value === null || value === undefined) {
                return;
            }
            const key = apiName.toLowerCase();
            if (!this.byName.has(key) && value.trim() !== '') {
                throw refusal('CasePortal_Error_FieldNotOnForm', apiName);
            }
            submitted.set(key, value);
        };
        if (input) {
            putNamed('Subject', input.subject);
            putNamed('Description', input.description);
            putNamed('Type', input.caseType);
            putNamed('Priority', input.priority);
            for (const [name, value] of Object.entries(input.fields ?? {})) {
                const key = name.trim().toLowerCase();
                const def = this.describe.fields.get(key);
                if (def && deniedReason(def) !== null) {
                    throw refusal('CasePortal_Error_FieldNotAllowed', name);
                }
                if (!def || !this.byName.has(key)) {
                    throw refusal('CasePortal_Error_FieldNotOnForm', name);
                }
                submitted.set(key, value);
            }
        }
        const values: Record<string, string | number | boolean> = {};
        for (const field of this.fields) {
            const value = this.convert(
                field,
                submitted.get(field.apiName.toLowerCase()) ?? null,
                refusal
            );
            if (value !== null) {
                values[field.apiName] = value;
            }
        }
        return values;
    }

    private convert(
        field: FormField,
        raw: string | null,
        refusal: RefusalFactory
    ): string | number | boolean | null {
        const blank = raw === null || raw.trim() === '';
        const invalid = () =>
            refusal('CasePortal_Error_FieldInvalid', field.label);
        if (field.type === 'checkbox') {
            if (blank) {
                return null;
            }
            if (raw === 'true' || raw === 'false') {
                return raw === 'true';
            }
            throw invalid();
        }
        if (blank) {
            if (field.required) {
                throw field.apiName === 'Subject'
                    ? refusal('CasePortal_Error_SubjectRequired')
                    : refusal('CasePortal_Error_FieldRequired', field.label);
            }
            return null;
        }
        const value = field.type === 'textarea' ? raw : raw.trim();
        if (field.maxLength !== null && value.length > field.maxLength) {
            if (field.apiName === 'Subject') {
                throw refusal(
                    'CasePortal_Error_SubjectTooLong',
                    field.maxLength
                );
            }
            if (field.apiName === 'Description') {
                throw refusal(
                    'CasePortal_Error_DescriptionTooLong',
                    field.maxLength
                );
            }
            throw refusal(
                'CasePortal_Error_FieldTooLong',
                field.label,
                field.maxLength
            );
        }
        if (field.type === 'picklist') {
            if (!(field.options ?? []).some((o) => o.value === value)) {
                throw refusal('CasePortal_Error_InvalidChoice', field.label);
            }
            return value;
        }
        if (
            field.type === 'email' &&
            !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
        ) {
            throw invalid();
        }
        if (field.type === 'date') {
            const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
            const date = match ? new Date(`${value}T00:00:00Z`) : null;
            if (
                !match ||
                !date ||
                Number.isNaN(date.getTime()) ||
                date.toISOString().slice(0, 10) !== value
            ) {
                throw invalid();
            }
            return value;
        }
        if (field.type === 'number') {
            const match = /^-?(\d+)(?:\.(\d+))?$/.exec(value);
            const def = this.defs.get(field.apiName.toLowerCase());
            // Precision is not in the emulator's describe: int 9 digits, double 18 (16+2).
            const integerDigits = def?.type === 'int' ? 9 : 16;
            if (
                !match ||
                (match[2]?.length ?? 0) > (field.scale ?? 0) ||
                (match[1] ?? '').replace(/^0+(?=\d)/, '').length > integerDigits
            ) {
                throw invalid();
            }
            return Number(value);
        }
        return value;
    }
}
