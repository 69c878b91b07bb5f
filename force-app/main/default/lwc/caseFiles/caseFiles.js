import { LightningElement, api } from 'lwc';
import { generateUrl } from 'lightning/fileDownload';
import attachFiles from '@salesforce/apex/CasePortalController.attachFiles';
import LOCALE from '@salesforce/i18n/locale';
import TIME_ZONE from '@salesforce/i18n/timeZone';
import { errorMessage, formatLabel } from 'c/casePortalUtils';

import FILES from '@salesforce/label/c.CasePortal_Files';
import EMPTY from '@salesforce/label/c.CasePortal_FilesEmpty';
import UPLOAD from '@salesforce/label/c.CasePortal_FilesUpload';
import RULES from '@salesforce/label/c.CasePortal_FilesRules';
import DOWNLOAD from '@salesforce/label/c.CasePortal_FilesDownload';
import ATTACHED from '@salesforce/label/c.CasePortal_FilesAttached';
import DETAILS from '@salesforce/label/c.CasePortal_FilesDetails';
import CHECKING from '@salesforce/label/c.CasePortal_FilesChecking';
import AUTHOR_YOU from '@salesforce/label/c.CasePortal_AuthorYou';
import AUTHOR_SUPPORT from '@salesforce/label/c.CasePortal_AuthorSupport';

/**
 * A file's date as lightning-formatted-date-time shows the conversation's (same options, the
 * user's Salesforce locale and time zone), formatted once here: a case may list 200 files.
 */
const DATE_FORMAT = new Intl.DateTimeFormat(LOCALE, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: TIME_ZONE
});

/** CasePortalFiles.ATTACH_LIMIT: files one attachFiles call may review. */
const ATTACH_LIMIT = 10;
const UNITS = [
    ['gigabyte', 1024 ** 3],
    ['megabyte', 1024 ** 2],
    ['kilobyte', 1024]
];

/**
 * A file size in the user's locale: 512 bytes, 47 kB, 1.2 MB (1 kB = 1,024 bytes, as
 * Max_File_Size_MB__c counts them).
 */
export function formatSize(bytes, locale = LOCALE) {
    const size = Number(bytes) || 0;
    for (const [unit, factor] of UNITS) {
        if (size >= factor) {
            return new Intl.NumberFormat(locale, {
                style: 'unit',
                unit,
                unitDisplay: 'short',
                maximumFractionDigits: size >= 10 * factor ? 0 : 1
            }).format(size / factor);
        }
    }
    return new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'byte',
        unitDisplay: 'long'
    }).format(size);
}

/**
 * The files of one case (from getCaseDetail: no call of its own to show them) with a download
 * link each, and, on an open case the user may update, lightning-file-upload (supported on LWR
 * sites: Experience Cloud LWR guide, "Base Lightning Component Limitations in LWR Sites", no
 * longer lists it). The upload links each file to the case; then one attachFiles call has the
 * server check each file (the user's own upload, allowed type and size), share the accepted ones
 * with customers and delete the others, and answers with the case's files and each refusal.
 *
 * Download links come from lightning/fileDownload's generateUrl ("Download a file in an LWR
 * site in Experience Cloud", LWC Developer Guide), computed in the browser: in lightning-base-
 * components it builds /sfc/servlet.shepherd/document/download/<Id> under the site's path
 * prefix, a plain link that keyboard and screen reader users follow as any other. Type and size
 * are written out; the result of an upload is announced (role status, refusals role alert).
 */
export default class CaseFiles extends LightningElement {
    @api caseId;

    /** FileItem[] from the case detail. */
    @api
    get files() {
        return this._files;
    }
    set files(value) {
        this._files = value ?? [];
        this.resolveUrls();
    }

    /** FileUpload from the case detail: canUpload, allowedExtensions, maxFileSize. */
    @api upload;

    labels = { FILES, EMPTY, UPLOAD, CHECKING };
    _files = [];
    urls = {};
    isAttaching = false;
    refusals = [];
    status = '';
    error;

    /**
     * Download URLs for files that have none yet, in one update: generateUrl answers a string
     * (lightning-base-components); an answer that is a promise (the sfdx-lwc-jest stub's shape)
     * is awaited, all of them together.
     */
    resolveUrls() {
        const next = { ...this.urls };
        const pending = [];
        let changed = false;
        for (const file of this._files) {
            const id = file.documentId;
            if (!id || Object.hasOwn(next, id)) {
                continue;
            }
            let result;
            try {
                result = generateUrl(id);
            } catch {
                result = undefined;
            }
            if (typeof result?.then === 'function') {
                pending.push(
                    result.then(
                        (url) => [id, url],
                        () => [id, undefined]
                    )
                );
            } else if (typeof result === 'string' && result) {
                next[id] = result;
                changed = true;
            }
        }
        if (changed) {
            this.urls = next;
        }
        if (pending.length > 0) {
            Promise.all(pending).then((pairs) => {
                const merged = { ...this.urls };
                for (const [id, url] of pairs) {
                    if (typeof url === 'string' && url) {
                        merged[id] = url;
                    }
                }
                this.urls = merged;
            });
        }
    }

    get items() {
        return this._files.map((file) => {
            const fileName = file.fileExtension
                ? `${file.title}.${file.fileExtension}`
                : file.title;
            const size = formatSize(file.contentSize);
            return {
                ...file,
                fileName,
                url: this.urls[file.documentId],
                downloadLabel: formatLabel(DOWNLOAD, fileName),
                details: file.fileExtension
                    ? formatLabel(
                          DETAILS,
                          file.fileExtension.toUpperCase(),
                          size
                      )
                    : size,
                author: file.isMine
                    ? AUTHOR_YOU
                    : file.authorName || AUTHOR_SUPPORT,
                addedOn: file.createdDate
                    ? DATE_FORMAT.format(new Date(file.createdDate))
                    : ''
            };
        });
    }

    get hasFiles() {
        return this._files.length > 0;
    }

    get hasRefusals() {
        return this.refusals.length > 0;
    }

    get canUpload() {
        return Boolean(this.caseId && this.upload?.canUpload);
    }

    get extensions() {
        return this.upload?.allowedExtensions ?? [];
    }

    /** lightning-file-upload's accept: ".png,.pdf". */
    get accept() {
        return this.extensions.map((extension) => `.${extension}`).join(',');
    }

    get rulesText() {
        return formatLabel(
            RULES,
            this.extensions.join(', '),
            formatSize(this.upload?.maxFileSize)
        );
    }

    /** uploadfinished: event.detail.files [{ name, documentId }]; review them on the server. */
    async handleUploadFinished(event) {
        const uploaded = (event.detail?.files ?? []).filter(
            (file) => file?.documentId
        );
        if (uploaded.length === 0) {
            return;
        }
        this.isAttaching = true;
        this.refusals = [];
        this.status = '';
        this.error = undefined;
        const accepted = [];
        const refusals = [];
        try {
            for (let i = 0; i < uploaded.length; i += ATTACH_LIMIT) {
                const batch = uploaded.slice(i, i + ATTACH_LIMIT);
                // One batch after another on purpose: each answer carries the case's whole file
                // list after that batch, so parallel calls could leave an older list on screen,
                // and the server reviews at most ATTACH_LIMIT files per call.
                // eslint-disable-next-line no-await-in-loop
                const result = await attachFiles({
                    caseId: this.caseId,
                    documentIds: batch.map((file) => file.documentId)
                });
                this._files = result?.files ?? [];
                this.resolveUrls();
                const listed = new Set(
                    this._files.map((file) => file.documentId)
                );
                batch
                    .filter((file) => listed.has(file.documentId))
                    .forEach((file) => accepted.push(file.name));
                (result?.refused ?? []).forEach((refusal) =>
                    refusals.push({
                        key: `${i}-${refusals.length}`,
                        message: refusal.message
                    })
                );
            }
        } catch (error) {
            this.error = errorMessage(error);
        } finally {
            this.isAttaching = false;
            this.refusals = refusals;
            this.status =
                accepted.length > 0
                    ? formatLabel(ATTACHED, accepted.join(', '))
                    : '';
        }
    }
}
