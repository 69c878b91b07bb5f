// Standard objects the emulator builds entirely from sourced schemas (issue #24): Event,
// EmailMessage, ContentVersion, ContentDocument and ContentDocumentLink. The field list is
// jsforce's (`Fields$<Object>` and `ParentReferences$<Object>` of @jsforce/jsforce-node
// lib/types/standard-schema.d.ts, generated from an org's describe); each field's type and
// properties are the Object Reference's (schema/documented-fields.ts) where it documents the
// field, jsforce's otherwise (schema/sourced-fields.ts). Object-level calls are each page's
// "Supported Calls". Key prefixes: Event 00U from Salesforce's ID prefix decoder (Knowledge
// Article 000005995, as public copies list it); EmailMessage 02s, ContentVersion 068,
// ContentDocument 069 and ContentDocumentLink 06A as public Apex and sf plugins test ids for them
// (e.g. `startsWith('02s')` "EmailMessage Id prefix").

import { documentedField } from './documented-fields';
import { field, systemFields } from './fields';
import { sourcedObject, toField } from './sourced-fields';
import { objectDef } from './standard-objects';
import type { FieldDef, ObjectDef } from './types';

/** jsforce's objects with a `ContentDocumentLinks` child relationship that the emulator models. */
const LINKABLE = [
    'Account',
    'Case',
    'Contact',
    'EmailMessage',
    'Event',
    'Organization',
    'Task',
    'User'
];

/**
 * Polymorphic references (jsforce: `SObjectDefinition$Name`) narrowed to the emulated objects
 * jsforce gives the matching child relationship (`ChildRelationships$<Parent>`), and the child
 * relationships and cascades the Object Reference describes.
 */
const REFERENCES: Record<string, Record<string, Partial<FieldDef>>> = {
    Event: {
        // Contact.Events (WhoId: Contact, Lead); Account.Events, Case.Events (WhatId).
        WhoId: { referenceTo: ['Contact'], childRelationshipName: 'Events' },
        WhatId: {
            referenceTo: ['Account', 'Case'],
            childRelationshipName: 'Events'
        }
    },
    EmailMessage: {
        // Case.EmailMessages (ParentId, "Parent Case"); Account.Emails, Case.Emails (RelatedToId).
        ParentId: { childRelationshipName: 'EmailMessages' },
        RelatedToId: {
            referenceTo: ['Account', 'Case'],
            childRelationshipName: 'Emails'
        }
    },
    ContentVersion: {
        // ContentDocument.ContentVersions. "To create a document, create a new version via the
        // ContentVersion object without setting ContentDocumentId" (Object Reference,
        // "ContentDocument"): the platform sets it, so it is defaulted here, not required.
        ContentDocumentId: {
            childRelationshipName: 'ContentVersions',
            cascadeDelete: true,
            defaultedOnCreate: true
        },
        FirstPublishLocationId: { referenceTo: LINKABLE }
    },
    ContentDocumentLink: {
        // "When a file is deleted ... the cascaded ContentDocumentLink delete" (Usage).
        ContentDocumentId: {
            childRelationshipName: 'ContentDocumentLinks',
            cascadeDelete: true
        },
        LinkedEntityId: {
            referenceTo: LINKABLE,
            childRelationshipName: 'ContentDocumentLinks',
            cascadeDelete: true
        }
    }
};

const SYSTEM_FIELDS = new Set([
    'Id',
    'IsDeleted',
    'CreatedDate',
    'CreatedById',
    'LastModifiedDate',
    'LastModifiedById',
    'SystemModstamp'
]);

/** The object's fields: system fields, then each sourced field as documented. */
export function sourcedFields(name: string): FieldDef[] {
    const source = sourcedObject(name);
    if (!source) {
        return [];
    }
    const audit = source.fields.some((f) => f.name === 'CreatedDate');
    // System fields keep their read-only shape; their documented SOQL properties apply.
    const fields = systemFields(audit).map((definition) => {
        const documented = documentedField(name, definition.name)?.options;
        return documented
            ? {
                  ...definition,
                  filterable: documented.filterable,
                  sortable: documented.sortable,
                  groupable: documented.groupable
              }
            : definition;
    });
    for (const candidate of source.fields) {
        if (SYSTEM_FIELDS.has(candidate.name)) {
            continue;
        }
        const extra = REFERENCES[name]?.[candidate.name] ?? {};
        const documented = documentedField(name, candidate.name);
        if (!documented) {
            const fallback = toField(name, candidate, source.parents);
            if (fallback) {
                fields.push({ ...fallback, ...extra });
            }
            continue;
        }
        const relationshipName = candidate.name.endsWith('Id')
            ? candidate.name.slice(0, -2)
            : undefined;
        const parent = relationshipName
            ? source.parents.get(relationshipName)
            : undefined;
        const reference: Partial<FieldDef> =
            documented.type === 'reference' && relationshipName
                ? {
                      relationshipName,
                      referenceTo: parent && parent !== 'Name' ? [parent] : []
                  }
                : {};
        fields.push(
            field(candidate.name, documented.type, {
                ...(documented.type === 'boolean'
                    ? { defaultValue: false }
                    : {}),
                ...documented.options,
                ...reference,
                ...extra
            })
        );
    }
    return fields;
}

export function sourcedObjects(): ObjectDef[] {
    return [
        objectDef('Event', '00U', sourcedFields('Event'), {
            recycleBin: true
        }),
        objectDef('EmailMessage', '02s', sourcedFields('EmailMessage'), {
            recycleBin: true,
            label: 'Email Message'
        }),
        // Supported calls: no delete() (a version goes with its document).
        objectDef('ContentVersion', '068', sourcedFields('ContentVersion'), {
            deletable: false,
            label: 'Content Version'
        }),
        // Supported calls: no create() (a document is created by its first version).
        objectDef('ContentDocument', '069', sourcedFields('ContentDocument'), {
            createable: false,
            recycleBin: true,
            label: 'Content Document'
        }),
        objectDef(
            'ContentDocumentLink',
            '06A',
            sourcedFields('ContentDocumentLink'),
            { label: 'Content Document Link' }
        )
    ];
}
