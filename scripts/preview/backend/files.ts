import type { PortalSettings } from '../metadata';
import type {
    FileAttachResult,
    FileItem,
    FileRefusal,
    FileUpload
} from './dtos';
import { IdGenerator } from './ids';
import type { CaseRecord, PreviewStore } from './store';

/**
 * Files on cases, as CasePortalFiles and CasePortalFilesWriter handle them: ContentDocuments
 * linked to a case with a Visibility (AllUsers: customers see it; InternalUsers: the default for
 * a file shared with a record in an org with an Experience Cloud site, Salesforce Help
 * 000384243), the upload rules of a case view, and the review of the user's new uploads (own
 * upload on that case, allowed extension, size) that shares or deletes them.
 *
 * The upload itself is lightning-file-upload's, not Apex: in the preview,
 * `POST /preview/upload` (the stand-in component client/lwc/preview/fileUpload) stores the file
 * linked to the case as the platform would, to any case the user can read (Salesforce Help
 * 005232634: users with Read access to a record can upload files to it), whatever the portal's
 * rules: those are enforced afterwards by attachFiles, as in the org.
 */

export type Visibility = 'AllUsers' | 'InternalUsers';

export interface FileRecord {
    /** ContentDocument Id (069). */
    documentId: string;
    /** Latest ContentVersion Id (068). */
    versionId: string;
    /** The case it is linked to (ContentDocumentLink.LinkedEntityId); null: private. */
    caseId: string | null;
    visibility: Visibility;
    title: string;
    /** Lower case, without the dot; null when the name has none. */
    extension: string | null;
    size: number;
    createdById: string;
    /** Epoch milliseconds. */
    createdDate: number;
    /** The first bytes (at most UPLOAD_KEEP_BYTES), served as the download. */
    content: Buffer;
}

/** CasePortalFiles.FILE_LIMIT: the newest files shown on a case. */
export const FILE_LIMIT = 200;
/** CasePortalFiles.ATTACH_LIMIT: files one attachFiles call may review. */
export const ATTACH_LIMIT = 10;
/** Bytes of an upload the preview keeps (the size is counted in full). */
export const UPLOAD_KEEP_BYTES = 1_000_000;
const MB = 1_048_576;

const documentIds = new WeakMap<PreviewStore, IdGenerator>();
const versionIds = new WeakMap<PreviewStore, IdGenerator>();
const records = new WeakMap<PreviewStore, FileRecord[]>();

/** The store's files (created empty on first use). */
export function filesOf(store: PreviewStore): FileRecord[] {
    let files = records.get(store);
    if (!files) {
        files = [];
        records.set(store, files);
        documentIds.set(store, new IdGenerator('069'));
        versionIds.set(store, new IdGenerator('068'));
    }
    return files;
}

/** Allowed_File_Extensions__c as CasePortalSettings.splitExtensions reads it. */
export function splitExtensions(configured: string | undefined): string[] {
    const extensions: string[] = [];
    for (const entry of (configured ?? '').split(/[;,\s]/)) {
        const extension = entry.trim().replace(/^\./, '').toLowerCase();
        if (extension && !extensions.includes(extension)) {
            extensions.push(extension);
        }
    }
    return extensions;
}

/** Max_File_Size_MB__c as CasePortalSettings reads it: blank or not above 0 is 0 (off). */
export function toMaxFileSizeMb(configured: string | undefined): number {
    const value = Number(configured);
    return configured === undefined || configured === '' || !(value > 0)
        ? 0
        : value;
}

/** CasePortalSettings.maxFileSizeBytes: MB times 1,048,576, rounded down. */
export function maxFileSizeBytes(settings: PortalSettings): number {
    return Math.floor(settings.maxFileSizeMb * MB);
}

/** CasePortalFiles.enabled(). */
export function filesEnabled(settings: PortalSettings): boolean {
    return (
        settings.allowedFileExtensions.length > 0 &&
        maxFileSizeBytes(settings) > 0
    );
}

function splitName(name: string): { title: string; extension: string | null } {
    const dot = name.lastIndexOf('.');
    return dot > 0
        ? {
              title: name.slice(0, dot),
              extension: name.slice(dot + 1).toLowerCase() || null
          }
        : { title: name, extension: null };
}

/** A file as the platform stores an upload (lightning-file-upload, or an agent's). */
export function storeFile(
    store: PreviewStore,
    values: {
        caseId: string | null;
        name: string;
        size: number;
        content: Buffer;
        createdById: string;
        visibility: Visibility;
        createdDate?: number;
    }
): FileRecord {
    const files = filesOf(store);
    const record: FileRecord = {
        documentId: (documentIds.get(store) as IdGenerator).next(),
        versionId: (versionIds.get(store) as IdGenerator).next(),
        caseId: values.caseId,
        visibility: values.visibility,
        ...splitName(values.name),
        size: values.size,
        createdById: values.createdById,
        createdDate: values.createdDate ?? store.now(),
        content: values.content.subarray(0, UPLOAD_KEEP_BYTES)
    };
    files.push(record);
    return record;
}

/**
 * Whether the user can read the case, so lightning-file-upload may link a file to it: cases of
 * the user's contact and, through the sharing set's account mapping, of their account.
 */
export function canReadCase(store: PreviewStore, record: CaseRecord): boolean {
    return (
        record.contactId === store.me.contactId ||
        (record.accountId !== null && record.accountId === store.me.accountId)
    );
}

/**
 * Sample files: on every third of the user's first cases (the second, fifth, ...) an agent's
 * answer shared with customers (AllUsers) and an internal one the portal must not show
 * (InternalUsers); on every sixth the customer's own screenshot.
 */
export function seedFiles(store: PreviewStore, limit = 40): void {
    const own = [...store.cases.values()]
        .filter((record) => record.contactId === store.me.contactId)
        .slice(0, limit);
    own.forEach((record, index) => {
        // From the second case on, so the first case with emails (the README picture) has files.
        if (index % 3 !== 1) {
            return;
        }
        const at = record.createdDate + 45 * 60_000;
        storeFile(store, {
            caseId: record.id,
            name: 'troubleshooting-guide.pdf',
            size: 184_320,
            content: Buffer.from('%PDF-1.4 preview sample\n'),
            createdById: store.agent.id,
            visibility: 'AllUsers',
            createdDate: at
        });
        storeFile(store, {
            caseId: record.id,
            name: 'internal-diagnostics.txt',
            size: 2_048,
            content: Buffer.from('Internal only.\n'),
            createdById: store.agent.id,
            visibility: 'InternalUsers',
            createdDate: at + 60_000
        });
        if (index % 6 === 1) {
            storeFile(store, {
                caseId: record.id,
                name: 'screenshot.png',
                size: 48_213,
                content: Buffer.from('preview sample image\n'),
                createdById: store.me.id,
                visibility: 'AllUsers',
                createdDate: at - 10 * 60_000
            });
        }
    });
}

/** CasePortalFiles.forCase: AllUsers links of the case, newest first, FILE_LIMIT of them. */
export function filesForCase(store: PreviewStore, caseId: string): FileItem[] {
    return filesOf(store)
        .filter(
            (file) => file.caseId === caseId && file.visibility === 'AllUsers'
        )
        .sort(
            (a, b) =>
                b.createdDate - a.createdDate ||
                (a.documentId < b.documentId ? 1 : -1)
        )
        .slice(0, FILE_LIMIT)
        .map((file): FileItem => ({
            documentId: file.documentId,
            versionId: file.versionId,
            title: file.title,
            fileExtension: file.extension,
            contentSize: file.size,
            createdDate: new Date(file.createdDate).toISOString(),
            authorName: store.userName(file.createdById),
            isMine: file.createdById === store.me.id
        }));
}

/** CasePortalFiles.uploadRules. */
export function uploadRules(
    settings: PortalSettings,
    canAttach: boolean
): FileUpload {
    return {
        canUpload: canAttach && filesEnabled(settings),
        allowedExtensions: [...settings.allowedFileExtensions],
        maxFileSize: maxFileSizeBytes(settings)
    };
}

/** The custom labels attach refusals use, filled by the caller (String.format). */
export interface RefusalMessages {
    notFound: () => string;
    type: (title: string, extensions: string) => string;
    size: (title: string, megabytes: string) => string;
}

/** Decimal.stripTrailingZeros().toPlainString() of the configured MB: 10, 0.01, 2.5. */
function plainMb(value: number): string {
    return String(Number(value.toFixed(2)));
}

/**
 * CasePortalFiles.review plus CasePortalFilesWriter: the user's uploads on the case with an
 * allowed extension and size become AllUsers; the others the user uploaded are deleted; an Id
 * that is not the user's upload on that case is refused and left alone.
 */
export function reviewUploads(
    store: PreviewStore,
    settings: PortalSettings,
    caseId: string,
    requested: readonly string[],
    messages: RefusalMessages
): FileAttachResult {
    const files = filesOf(store);
    const refused: FileRefusal[] = [];
    const remove = new Set<string>();
    for (const documentId of requested) {
        const file = files.find(
            (f) =>
                f.documentId === documentId &&
                f.caseId === caseId &&
                f.createdById === store.me.id
        );
        if (!file) {
            refused.push({
                title: null,
                reason: 'notFound',
                message: messages.notFound()
            });
            continue;
        }
        if (!settings.allowedFileExtensions.includes(file.extension ?? '')) {
            refused.push({
                title: file.title,
                reason: 'type',
                message: messages.type(
                    file.title,
                    settings.allowedFileExtensions.join(', ')
                )
            });
            remove.add(file.documentId);
        } else if (file.size > maxFileSizeBytes(settings)) {
            refused.push({
                title: file.title,
                reason: 'size',
                message: messages.size(
                    file.title,
                    plainMb(settings.maxFileSizeMb)
                )
            });
            remove.add(file.documentId);
        } else {
            file.visibility = 'AllUsers';
        }
    }
    for (let i = files.length - 1; i >= 0; i--) {
        if (remove.has((files[i] as FileRecord).documentId)) {
            files.splice(i, 1);
        }
    }
    return { files: filesForCase(store, caseId), refused };
}

/** The file the download servlet would serve the user: linked AllUsers to a case they can read. */
export function downloadable(
    store: PreviewStore,
    documentId: string
): FileRecord | undefined {
    const file = filesOf(store).find((f) => f.documentId === documentId);
    if (!file) {
        return undefined;
    }
    if (file.caseId === null) {
        return file.createdById === store.me.id ? file : undefined;
    }
    const record = store.cases.get(file.caseId);
    return record &&
        canReadCase(store, record) &&
        (file.visibility === 'AllUsers' || file.createdById === store.me.id)
        ? file
        : undefined;
}
