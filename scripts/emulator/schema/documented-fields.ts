// The field properties Salesforce documents for the objects the emulator builds from a sourced
// schema (schema/sourced-objects.ts): Object Reference for the Salesforce Platform (API v63.0,
// Spring '25), each object's "Fields" table, "Type" and "Properties" (Create, Update, Nillable,
// Filter, Sort, Group, Defaulted on create, Restricted picklist, idLookup). Lengths come from the
// Field Reference ("salesforce_field_reference_<Object>": Length column) where it gives them;
// picklist values from the field descriptions. Only what those pages say is here: a field they do
// not describe keeps what jsforce's schema gives (FIDELITY.md says which).

import type { FieldDef, FieldType } from './types';

/** `<type>: <properties>` per field, as the Object Reference lists them. */
export const DOCUMENTED_FIELDS: Record<string, Record<string, string>> = {
    ContentDocument: {
        ArchivedById: 'reference: Filter, Group, Nillable, Sort',
        ArchivedDate: 'date: Filter, Group, Nillable, Sort',
        ContentAssetId: 'reference: Filter, Group, Nillable, Sort, Update',
        ContentModifiedDate: 'datetime: Filter, Nillable, Sort',
        ContentSize: 'int: Filter, Group, Nillable, Sort',
        Description: 'textarea: Filter, Nillable, Sort, Update',
        FileExtension: 'string: Filter, Group, Nillable, Sort',
        FileType: 'string: Filter, Group, Nillable, Sort',
        IsArchived: 'boolean: Defaulted on create, Filter, Group, Sort, Update',
        LastReferencedDate: 'datetime: Filter, Nillable, Sort',
        LastViewedDate: 'datetime: Filter, Nillable, Sort',
        LatestPublishedVersionId: 'reference: Filter, Group, Nillable, Sort',
        OwnerId: 'reference: Filter, Group, Sort, Update',
        ParentId: 'reference: Filter, Group, Nillable, Sort, Update',
        PublishStatus:
            'picklist: Defaulted on create, Filter, Group, Restricted picklist, Sort',
        SharingOption:
            'picklist: Defaulted on create, Filter, Group, Nillable, Restricted picklist, Sort, Update',
        SharingPrivacy:
            'picklist: Defaulted on create, Filter, Group, Nillable, Restricted picklist, Sort, Update'
    },
    ContentDocumentLink: {
        ContentDocumentId: 'reference: Create, Filter, Group, Sort',
        LinkedEntityId: 'reference: Create, Filter, Group, Sort',
        ShareType:
            'picklist: Create, Filter, Group, Nillable, Restricted picklist, Sort, Update',
        Visibility: 'picklist: Create, Filter, Group, Nillable, Sort, Update'
    },
    ContentVersion: {
        Checksum: 'string: Filter, Group, Nillable, Sort',
        ContentBodyId: 'reference: Create, Filter, Group, Nillable, Sort',
        ContentDocumentId: 'reference: Create, Filter, Group, Sort',
        ContentLocation:
            'picklist: Create, Defaulted on create, Filter, Group, Restricted picklist, Sort',
        ContentModifiedById: 'reference: Filter, Group, Nillable, Sort',
        ContentModifiedDate: 'datetime: Create, Filter, Nillable, Sort',
        ContentSize: 'int: Filter, Group, Nillable, Sort',
        ContentUrl: 'url: Create, Filter, Nillable, Sort, Update',
        Description: 'textarea: Create, Filter, Nillable, Sort, Update',
        ExternalDataSourceId:
            'reference: Create, Filter, Group, Nillable, Sort, Update',
        ExternalDocumentInfo1: 'string: Create, Filter, Nillable, Sort, Update',
        ExternalDocumentInfo2: 'string: Create, Filter, Nillable, Sort, Update',
        FeaturedContentBoost: 'int: Filter, Group, Nillable, Sort',
        FeaturedContentDate: 'date: Filter, Group, Nillable, Sort',
        FileExtension: 'string: Filter, Group, Nillable, Sort',
        FileType: 'string: Filter, Group, Sort',
        FirstPublishLocationId:
            'reference: Create, Filter, Group, Nillable, Sort',
        IsAssetEnabled: 'boolean: Create, Group, Defaulted on create',
        IsLatest: 'boolean: Defaulted on create, Filter, Group, Sort',
        IsMajorVersion:
            'boolean: Create, Defaulted on create, Filter, Group, Sort',
        NegativeRatingCount: 'int: Filter, Group, Nillable, Sort',
        Origin: 'picklist: Create, Defaulted on create, Filter, Group, Restricted picklist, Sort',
        OwnerId:
            'reference: Create, Defaulted on create, Filter, Group, Sort, Update',
        PathOnClient: 'string: Create, Filter, Nillable, Sort',
        PositiveRatingCount: 'int: Filter, Group, Nillable, Sort',
        PublishStatus:
            'picklist: Defaulted on create, Filter, Group, Restricted picklist, Sort',
        RatingCount: 'int: Filter, Group, Nillable, Sort',
        ReasonForChange: 'string: Create, Filter, Nillable, Sort, Update',
        SharingOption:
            'picklist: Create, Defaulted on create, Filter, Group, Restricted picklist, Sort, Update',
        SharingPrivacy:
            'picklist: Create, Defaulted on create, Filter, Group, Restricted picklist, Sort, Update',
        TagCsv: 'textarea: Create, Nillable, Sort, Update',
        TextPreview: 'string: Nillable, Filter, Group, Sort',
        Title: 'string: Create, Filter, Group, idLookup, Sort, Update',
        VersionData: 'base64: Create, Nillable, Update'
    },
    EmailMessage: {
        ActivityId: 'reference: Create, Filter, Group, Nillable, Sort',
        BccAddress: 'string: Create, Filter, Nillable, Sort, Update',
        CcAddress: 'string: Create, Filter, Nillable, Sort, Update',
        FromAddress: 'email: Create, Filter, Nillable, Sort, Update',
        FromName: 'string: Create, Filter, Nillable, Sort, Update',
        HasAttachment: 'boolean: Defaulted on create, Filter, Group, Sort',
        Headers: 'textarea: Create, Nillable, Update',
        HtmlBody: 'textarea: Create, Nillable, Update',
        Incoming: 'boolean: Create, Defaulted on create, Filter, Group, Sort',
        IsClientManaged:
            'boolean: Create, Defaulted on create, Filter, Group, Sort',
        IsDeleted: 'boolean: Defaulted on create, Filter',
        IsExternallyVisible:
            'boolean: Defaulted on create, Filter, Group, Sort',
        IsPrivateDraft:
            'boolean: Create, Defaulted on create, Filter, Group, Sort',
        MessageDate: 'datetime: Create, Filter, Nillable, Sort, Update',
        MessageIdentifier:
            'string: Create, Filter, Group, idLookup, Nillable, Sort, Update',
        ParentId: 'reference: Create, Filter, Group, Nillable, Sort',
        RelatedToId: 'reference: Create, Filter, Group, Nillable, Sort, Update',
        ReplyToEmailMessageId:
            'reference: Create, Filter, Group, Nillable, Sort',
        Status: 'picklist: Create, Filter, Group, Restricted picklist, Sort, Update',
        Subject: 'string: Create, Filter, Nillable, Sort, Update',
        TextBody: 'textarea: Create, Nillable, Update',
        ThreadIdentifier:
            'string: Create, Filter, Group, idLookup, Nillable, Sort, Update',
        ToAddress: 'string: Create, Filter, Nillable, Sort, Update'
    },
    Event: {
        AccountId: 'reference: Filter, Group, Nillable, Sort',
        ActivityDate: 'date: Create, Filter, Group, Nillable, Sort, Update',
        ActivityDateTime: 'datetime: Create, Filter, Nillable, Sort, Update',
        Description: 'textarea: Create, Nillable, Update',
        DurationInMinutes: 'int: Create, Filter, Group, Nillable, Sort, Update',
        EndDateTime: 'datetime: Create, Filter, Nillable, Sort, Update',
        EventSubtype:
            'picklist: Create, Filter, Group, Nillable, Restricted picklist, Sort',
        GroupEventType:
            'picklist: Defaulted on create, Filter, Group, Nillable, Restricted picklist, Sort',
        IsAllDayEvent:
            'boolean: Create, Defaulted on create, Filter, Group, Sort, Update',
        IsArchived: 'boolean: Defaulted on create, Filter, Group, Sort',
        IsChild: 'boolean: Defaulted on create, Filter, Group, Sort',
        IsGroupEvent: 'boolean: Defaulted on create, Filter, Group, Sort',
        IsPrivate:
            'boolean: Create, Defaulted on create, Filter, Group, Sort, Update',
        IsRecurrence:
            'boolean: Create, Defaulted on create, Filter, Group, Sort',
        IsReminderSet:
            'boolean: Create, Defaulted on create, Filter, Group, Sort, Update',
        Location: 'string: Create, Filter, Group, Nillable, Sort, Update',
        OwnerId:
            'reference: Create, Defaulted on create, Filter, Group, Sort, Update',
        RecurrenceActivityId: 'reference: Filter, Group, Nillable, Sort',
        RecurrenceDayOfMonth:
            'int: Create, Filter, Group, Nillable, Sort, Update',
        RecurrenceDayOfWeekMask:
            'int: Create, Filter, Group, Nillable, Sort, Update',
        RecurrenceEndDateOnly:
            'date: Create, Filter, Group, Nillable, Sort, Update',
        RecurrenceInstance:
            'picklist: Create, Filter, Group, Nillable, Restricted picklist, Sort, Update',
        RecurrenceInterval:
            'int: Create, Filter, Group, Nillable, Sort, Update',
        RecurrenceMonthOfYear:
            'picklist: Create, Filter, Group, Nillable, Restricted picklist, Sort, Update',
        RecurrenceStartDateTime:
            'datetime: Create, Filter, Nillable, Sort, Update',
        RecurrenceTimeZoneSidKey:
            'picklist: Create, Filter, Group, Nillable, Restricted picklist, Sort, Update',
        RecurrenceType:
            'picklist: Create, Filter, Group, Nillable, Restricted picklist, Sort, Update',
        ReminderDateTime: 'datetime: Create, Filter, Nillable, Sort, Update',
        ShowAs: 'picklist: Create, Defaulted on create, Filter, Group, Nillable, Restricted picklist, Sort, Update',
        StartDateTime: 'datetime: Create, Filter, Nillable, Sort, Update',
        Subject: 'combobox: Create, Filter, Nillable, Sort, Update',
        WhatId: 'reference: Create, Filter, Group, Nillable, Sort, Update'
    }
};

/** Details the same pages give beyond Type and Properties. */
export const DOCUMENTED_DETAILS: Record<
    string,
    Record<string, Partial<FieldDef>>
> = {
    ContentDocumentLink: {
        // "V" Viewer, "C" Collaborator, "I" Inferred (ShareType); Visibility "AllUsers",
        // "InternalUsers", "SharedUsers" (not a restricted picklist in its Properties).
        ShareType: { picklistValues: ['V', 'C', 'I'], length: 40 },
        Visibility: {
            picklistValues: ['AllUsers', 'InternalUsers', 'SharedUsers'],
            length: 40
        }
    },
    ContentVersion: {
        // Field Reference lengths; ContentLocation "S", "E", "L"; Origin "C", "H" ("This field
        // defaults to C"); PublishStatus "P", "R", "U"; SharingOption "A" (Allowed, the
        // default) / "R" (Restricted); SharingPrivacy "N" (None, the default) / "P".
        Checksum: { length: 50 },
        ContentUrl: { length: 1333 },
        Description: { length: 1000 },
        ExternalDocumentInfo1: { length: 1000 },
        ExternalDocumentInfo2: { length: 1000 },
        FileExtension: { length: 40 },
        FileType: { length: 20 },
        ContentLocation: {
            picklistValues: ['S', 'E', 'L'],
            defaultValue: 'S',
            length: 40
        },
        Origin: { picklistValues: ['C', 'H'], defaultValue: 'C', length: 40 },
        PublishStatus: { picklistValues: ['P', 'R', 'U'], length: 40 },
        SharingOption: {
            picklistValues: ['A', 'R'],
            defaultValue: 'A',
            length: 40
        },
        SharingPrivacy: {
            picklistValues: ['N', 'P'],
            defaultValue: 'N',
            length: 40
        }
    },
    EmailMessage: {
        // Field Reference lengths; Status "0 (New)" ... "5 (Draft)".
        BccAddress: { length: 4000 },
        CcAddress: { length: 4000 },
        ToAddress: { length: 4000 },
        FromAddress: { length: 1000 },
        FromName: { length: 1000 },
        Subject: { length: 3000 },
        Headers: { length: 32000 },
        HtmlBody: { length: 131072 },
        TextBody: { length: 32000 },
        Status: {
            picklistValues: ['0', '1', '2', '3', '4', '5'],
            length: 40
        }
    },
    Event: {
        Description: { length: 32000 }
    }
};

const TYPES: Record<string, FieldType> = {
    reference: 'reference',
    picklist: 'picklist',
    string: 'string',
    textarea: 'textarea',
    boolean: 'boolean',
    int: 'int',
    double: 'double',
    date: 'date',
    datetime: 'datetime',
    email: 'email',
    url: 'url',
    combobox: 'combobox',
    base64: 'base64'
};

export interface DocumentedField {
    type: FieldType;
    options: Partial<FieldDef>;
}

/** The documented type and properties of `object.field`, or undefined when not documented. */
export function documentedField(
    object: string,
    field: string
): DocumentedField | undefined {
    const entry = DOCUMENTED_FIELDS[object]?.[field];
    if (!entry) {
        return undefined;
    }
    const [typeName = '', list = ''] = entry.split(': ');
    const type = TYPES[typeName];
    if (!type) {
        return undefined;
    }
    const properties = new Set(list.split(', '));
    const textual = !['boolean', 'int', 'double', 'date', 'datetime'].includes(
        type
    );
    return {
        type,
        options: {
            createable: properties.has('Create'),
            updateable: properties.has('Update'),
            nillable: properties.has('Nillable'),
            filterable: properties.has('Filter'),
            sortable: properties.has('Sort'),
            groupable: properties.has('Group'),
            defaultedOnCreate: properties.has('Defaulted on create'),
            idLookup: properties.has('idLookup'),
            ...(properties.has('Restricted picklist')
                ? { restrictedPicklist: true }
                : {}),
            ...(type === 'reference' ? { length: 18 } : {}),
            ...(textual && type !== 'reference' && type !== 'base64'
                ? { length: 255 }
                : {}),
            ...DOCUMENTED_DETAILS[object]?.[field]
        }
    };
}
