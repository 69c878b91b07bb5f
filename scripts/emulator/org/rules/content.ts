// ContentVersion: a version without a ContentDocumentId creates its document, and the file is
// linked where it was first published. Object Reference for the Salesforce Platform:
// "ContentDocument" ("To create a document, create a new version via the ContentVersion object
// without setting ContentDocumentId. This automatically creates a parent document record");
// "ContentVersion" › FirstPublishLocationId ("If FirstPublishLocationId is left blank, it defaults
// to the user's ID"; "When a file is created, it's automatically linked to the record, and
// PublishStatus will change to Public from Pending/Personal"), IsLatest, ContentSize ("Size of
// the document in bytes"), FileExtension, PublishStatus ("P" public library, "R" personal
// library). What these pages do not give (FileType's values, the automatic link's ShareType and
// Visibility, version numbers) is FIDELITY.md's "not emulated".

import { formatDateTime } from '../../core/dates';
import type { SObjectRecord } from '../../schema/types';
import type { Org } from '../org';
import type { ObjectRules } from './types';

const SYSTEM = { system: true } as const;

function extensionOf(path: unknown): string | null {
    if (typeof path !== 'string') {
        return null;
    }
    const match = /\.([^./\\]+)$/.exec(path);
    return match?.[1] ? match[1].toLowerCase() : null;
}

function isUserId(org: Org, id: unknown): boolean {
    return (
        typeof id === 'string' && org.schema.objectForId(id)?.name === 'User'
    );
}

export const contentVersionRules: ObjectRules = {
    beforeInsert(org, record) {
        const extension = extensionOf(record.PathOnClient);
        record.FileExtension = extension;
        // The emulator's own FileType: the upper-cased extension, LINK for a ContentUrl.
        record.FileType =
            typeof record.ContentUrl === 'string'
                ? 'LINK'
                : (extension?.toUpperCase() ?? 'UNKNOWN');
        record.ContentSize =
            typeof record.VersionData === 'string'
                ? Buffer.from(record.VersionData, 'base64').length
                : 0;
        record.IsLatest = true;
        if (record.ContentDocumentId === null) {
            record.FirstPublishLocationId =
                record.FirstPublishLocationId ?? record.OwnerId ?? null;
            record.PublishStatus = isUserId(org, record.FirstPublishLocationId)
                ? 'R'
                : 'P';
        } else {
            const document = org.get(
                'ContentDocument',
                String(record.ContentDocumentId)
            );
            record.PublishStatus = document?.PublishStatus ?? 'R';
        }
        record.ContentModifiedDate ??= formatDateTime(org.now());
    },
    afterInsert(org, record) {
        const versionId = String(record.Id);
        const shared: SObjectRecord = {};
        for (const name of [
            'Title',
            'FileType',
            'FileExtension',
            'ContentSize',
            'PublishStatus',
            'ContentModifiedDate'
        ]) {
            shared[name] = record[name] ?? null;
        }
        if (record.ContentDocumentId !== null) {
            const documentId = String(record.ContentDocumentId);
            for (const previous of org.find(
                'ContentVersion',
                (row) =>
                    row.ContentDocumentId === documentId && row.Id !== versionId
            )) {
                org.store.update('ContentVersion', String(previous.Id), {
                    IsLatest: false
                });
            }
            org.store.update('ContentDocument', documentId, {
                ...shared,
                LatestPublishedVersionId: versionId
            });
            return;
        }
        const documentId = org.dml.create(
            'ContentDocument',
            {
                ...shared,
                OwnerId: record.OwnerId ?? null,
                SharingOption: record.SharingOption ?? null,
                SharingPrivacy: record.SharingPrivacy ?? null
            },
            SYSTEM
        );
        org.store.update('ContentDocument', documentId, {
            LatestPublishedVersionId: versionId
        });
        const update: SObjectRecord = { ContentDocumentId: documentId };
        org.store.update('ContentVersion', versionId, update);
        record.ContentDocumentId = documentId;
        org.dml.create(
            'ContentDocumentLink',
            {
                ContentDocumentId: documentId,
                LinkedEntityId: record.FirstPublishLocationId
            },
            SYSTEM
        );
    }
};
