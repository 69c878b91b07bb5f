import { customerStatus, type PortalSettings, type Scope } from '../metadata';
import type {
    CaseDetail,
    CaseFilter,
    CasePage,
    CaseSummary,
    CommentItem,
    FileAttachResult,
    NewCaseInput,
    Option,
    PortalContext
} from './dtos';
import {
    CASE_PRIORITIES,
    CASE_STATUSES,
    CASE_TYPES,
    labelOf,
    statusOf
} from './picklists';
import { formatMessage } from '../../shared/message-format';
import { CreateForm } from './create-form';
import {
    ATTACH_LIMIT,
    filesEnabled,
    filesForCase,
    reviewUploads,
    uploadRules
} from './files';
import {
    MY_EMAIL,
    type CaseRecord,
    type PreviewStore,
    type UserRecord
} from './store';

/**
 * CasePortalService's rules over the in-memory store, refusal for refusal: settings and custom
 * permissions checked on every call, only the cases the scope makes the user's, keyset paging
 * with the same opaque cursor, the same limits and the same custom label messages (filled as
 * String.format does), statuses in the customer's words (Customer_Statuses__c). The rule table
 * force-app/main/default/staticresources/CasePortalRules.json, which the Apex tests also run,
 * keeps the two in step (scripts/test/preview/rules.test.ts).
 */

export const SUBJECT_MAX_LENGTH = 255;
export const DESCRIPTION_MAX_LENGTH = 32000;
export const COMMENT_MAX_BYTES = 4000;
export const SEARCH_MAX_LENGTH = 255;
export const COMMENT_LIMIT = 500;
/** The org's default Case status (CaseStatus.IsDefault), where a reopened case goes. */
export const DEFAULT_OPEN_STATUS = 'New';

/** The three portal custom permissions, by the preview's short names. */
export const PERMISSION_NAMES = {
    read: 'Case_Portal_Read_Reply_Own_Cases',
    create: 'Case_Portal_Create_Case',
    close: 'Case_Portal_Close_Own_Case'
} as const;
export type PermissionKey = keyof typeof PERMISSION_NAMES;

/** Who calls and under which settings: what the Apex reads from the org for each request. */
export interface CallContext {
    settings: PortalSettings;
    permissions: Record<PermissionKey, boolean>;
    /** Preview only: the largest page getMyCases may return (Apex: the settings' 200 cap). */
    maxPageSize?: number;
    /**
     * The user is internal (UserInfo.getUserType() Standard): sees the create form's notes.
     * The preview's user is a customer unless the query says otherwise.
     */
    internalUser?: boolean;
}

/** An AuraHandledException: its message is shown to the user as is. */
export class Refusal extends Error {}

const SORT_FIELDS = ['CreatedDate', 'LastModifiedDate', 'CaseNumber'] as const;
type SortField = (typeof SORT_FIELDS)[number];
const STATUS_FILTERS = ['open', 'closed', 'all'] as const;
const DIRECTIONS = ['ASC', 'DESC'] as const;
type Direction = (typeof DIRECTIONS)[number];

interface PageCursor {
    sortBy: string;
    direction: string;
    value: string;
    lastId: string;
}

function iso(ms: number): string {
    return new Date(ms).toISOString();
}

/** The label with {0} filled as the Apex does; numbers as Integer.format() in en_US: 4,000. */
function format(label: string, argument: number | string): string {
    const text =
        typeof argument === 'number'
            ? argument.toLocaleString('en-US')
            : argument;
    return formatMessage(label, text);
}

function utf8Bytes(text: string): number {
    return Buffer.byteLength(text, 'utf8');
}

/**
 * HtmlBody as text, like Apex String.stripHtmlTags ("Removes HTML markup and returns plain
 * text", Apex Reference, String Class): an approximation (tags removed, block ends as line
 * breaks, the common entities decoded); Salesforce's exact output is not documented.
 */
export function stripHtmlTags(html: string): string {
    return html
        .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
        .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6])>/gi, '\n')
        .replace(/<[^>]*>/g, '')
        .replace(/&nbsp;/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&')
        .trim();
}

function sameAddress(address: string | null, mine: string): boolean {
    return address !== null && address.trim().toLowerCase() === mine;
}

/** Whether a "; "-separated address list (ToAddress, CcAddress) holds the address. */
function hasAddress(addresses: string | null, mine: string): boolean {
    return (addresses ?? '')
        .split(/[;,]/)
        .some((address) => sameAddress(address, mine));
}

function isBlank(value: string | null | undefined): boolean {
    return value === null || value === undefined || value.trim() === '';
}

export class PreviewBackend {
    constructor(
        readonly store: PreviewStore,
        private readonly labels: Map<string, string>
    ) {}

    private label(name: string): string {
        const value = this.labels.get(name);
        if (value === undefined) {
            throw new Error(`custom label ${name} is not in CustomLabels`);
        }
        return value;
    }

    private refusal(name: string, argument?: number | string): Refusal {
        const label = this.label(name);
        return new Refusal(
            argument === undefined ? label : format(label, argument)
        );
    }

    /** A refusal with any number of arguments, numbers as Integer.format() (en_US). */
    private readonly formRefusal = (
        name: string,
        ...args: (string | number)[]
    ): Refusal =>
        new Refusal(
            formatMessage(
                this.label(name),
                ...args.map((arg) =>
                    typeof arg === 'number' ? arg.toLocaleString('en-US') : arg
                )
            )
        );

    /** The create form of these settings (CasePortalCreateForm). */
    private createForm(settings: PortalSettings): CreateForm {
        return new CreateForm(settings.createFields, settings.createRecordType);
    }

    // ---- entry points ----------------------------------------------------------------------

    getPortalContext(call: CallContext): PortalContext {
        const { settings } = call;
        const permissions = {
            readReplyOwnCases: call.permissions.read,
            createCase: call.permissions.create,
            closeOwnCase: call.permissions.close
        };
        const enabled = settings.portalEnabled;
        const closeStatuses =
            enabled && permissions.closeOwnCase
                ? this.closeStatusOptions(settings)
                : [];
        const canRead = enabled && permissions.readReplyOwnCases;
        const canCreate =
            enabled && settings.caseCreationEnabled && permissions.createCase;
        const form = canCreate ? this.createForm(settings) : null;
        return {
            portalEnabled: settings.portalEnabled,
            caseCreationEnabled: settings.caseCreationEnabled,
            caseUpdateEnabled: settings.caseUpdateEnabled,
            permissions,
            canRead,
            canReply: canRead && settings.caseUpdateEnabled,
            canCreate,
            canClose: closeStatuses.length > 0,
            scope: enabled ? this.ownership(settings).name : null,
            pageSize: settings.pageSize,
            closeStatuses,
            typeOptions: canCreate ? [...CASE_TYPES] : [],
            priorityOptions: canCreate ? [...CASE_PRIORITIES] : [],
            subjectMaxLength: SUBJECT_MAX_LENGTH,
            descriptionMaxLength: DESCRIPTION_MAX_LENGTH,
            commentMaxBytes: COMMENT_MAX_BYTES,
            reopenDays: settings.reopenDays,
            canReopen:
                canRead &&
                settings.caseUpdateEnabled &&
                settings.reopenDays > 0,
            createFields: form?.fields ?? [],
            createFormNotes: form && call.internalUser ? form.notes : []
        };
    }

    getMyCases(call: CallContext, filter: CaseFilter | null): CasePage {
        this.requireReadAccess(call);
        const criteria = filter ?? {};
        const status = this.choose(criteria.status, STATUS_FILTERS, 'all');
        const sortBy = this.choose(criteria.sortBy, SORT_FIELDS, 'CreatedDate');
        const direction = this.choose(
            criteria.sortDirection?.toUpperCase(),
            DIRECTIONS,
            'DESC'
        );
        const pageSize = Math.min(
            call.settings.pageSize,
            call.maxPageSize ?? call.settings.pageSize
        );
        const searchTerm = (criteria.searchTerm ?? '')
            .trim()
            .slice(0, SEARCH_MAX_LENGTH)
            .toLowerCase();
        const cursor = isBlank(criteria.cursor)
            ? undefined
            : this.decodeCursor(criteria.cursor ?? '', sortBy, direction);

        const sign = direction === 'DESC' ? -1 : 1;
        const key = (record: CaseRecord): string | number =>
            sortValue(record, sortBy);
        const compare = (a: CaseRecord, b: CaseRecord): number => {
            const ka = key(a);
            const kb = key(b);
            if (ka !== kb) {
                return (ka < kb ? -1 : 1) * sign;
            }
            return (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * sign;
        };
        const cursorValue =
            cursor === undefined
                ? undefined
                : sortBy === 'CaseNumber'
                  ? cursor.value
                  : Number(cursor.value);
        const rows = this.ownCases(call)
            .filter((record) => {
                const closed = isClosed(record);
                if (status === 'open' && closed) {
                    return false;
                }
                if (status === 'closed' && !closed) {
                    return false;
                }
                if (
                    searchTerm &&
                    !(record.subject ?? '')
                        .toLowerCase()
                        .includes(searchTerm) &&
                    !record.caseNumber.toLowerCase().includes(searchTerm)
                ) {
                    return false;
                }
                if (cursor !== undefined && cursorValue !== undefined) {
                    const value = key(record);
                    const after =
                        sign < 0
                            ? value < cursorValue ||
                              (value === cursorValue &&
                                  record.id < cursor.lastId)
                            : value > cursorValue ||
                              (value === cursorValue &&
                                  record.id > cursor.lastId);
                    if (!after) {
                        return false;
                    }
                }
                return true;
            })
            .sort(compare)
            .slice(0, pageSize + 1);

        const hasMore = rows.length > pageSize;
        const shown = rows.slice(0, pageSize);
        const last = shown[shown.length - 1];
        return {
            cases: shown.map((record) => this.toSummary(record, call.settings)),
            hasMore,
            nextCursor:
                hasMore && last ? encodeCursor(last, sortBy, direction) : null,
            pageSize
        };
    }

    getCaseDetail(call: CallContext, caseId: string | null): CaseDetail {
        this.requireReadAccess(call);
        const record = this.findOwnCase(call, caseId);
        const me = this.store.me.id;
        // Each source newest first (date, then Id, descending), as the Apex selects them.
        const comments = this.store.comments
            .filter((c) => c.parentId === record.id && c.isPublished)
            .sort(
                (a, b) =>
                    b.createdDate - a.createdDate || (a.id < b.id ? 1 : -1)
            )
            .map((comment): CommentItem => ({
                recordId: comment.id,
                body: comment.body,
                createdDate: iso(comment.createdDate),
                authorName: this.store.userName(comment.createdById),
                isMine: comment.createdById === me,
                source: 'comment'
            }));
        const emails = this.store.emails
            .filter((e) => e.parentId === record.id && e.status !== '5')
            .sort(
                (a, b) =>
                    b.messageDate - a.messageDate || (a.id < b.id ? 1 : -1)
            )
            .flatMap((email): CommentItem[] => {
                const fromMe =
                    email.incoming && sameAddress(email.fromAddress, MY_EMAIL);
                const toMe =
                    !email.incoming &&
                    (hasAddress(email.toAddress, MY_EMAIL) ||
                        hasAddress(email.ccAddress, MY_EMAIL));
                if (!fromMe && !toMe) {
                    return [];
                }
                return [
                    {
                        recordId: email.id,
                        body: isBlank(email.textBody)
                            ? stripHtmlTags(email.htmlBody ?? '')
                            : (email.textBody ?? ''),
                        createdDate: iso(email.messageDate),
                        authorName: email.fromName ?? email.fromAddress,
                        isMine: fromMe,
                        source: 'email'
                    }
                ];
            });
        // Merged newest first (a stable sort: on a tie the comment comes first, as in the Apex
        // merge), the newest COMMENT_LIMIT kept, shown oldest first.
        const thread = [...comments, ...emails]
            .map((item, index) => ({ item, index }))
            .sort(
                (a, b) =>
                    Date.parse(b.item.createdDate) -
                        Date.parse(a.item.createdDate) || a.index - b.index
            )
            .slice(0, COMMENT_LIMIT)
            .map(({ item }) => item)
            .reverse();
        return {
            summary: this.toSummary(record, call.settings),
            description: record.description,
            caseType: record.type,
            caseTypeLabel: labelOf(CASE_TYPES, record.type),
            closedDate:
                record.closedDate === null ? null : iso(record.closedDate),
            canReopen:
                call.settings.caseUpdateEnabled &&
                this.withinReopenWindow(call, record),
            comments: thread,
            files: filesForCase(this.store, record.id),
            fileUpload: uploadRules(
                call.settings,
                call.settings.caseUpdateEnabled &&
                    statusOf(record.status)?.isClosed !== true
            )
        };
    }

    /**
     * CasePortalService.attachFiles: the user's new uploads on one of their open cases, shared
     * with customers or (wrong type, too large) deleted, each refusal with its message.
     */
    attachFiles(
        call: CallContext,
        caseId: string | null,
        documentIds: readonly string[] | null
    ): FileAttachResult {
        this.requireReplyAccess(call);
        if (!filesEnabled(call.settings)) {
            throw this.refusal('CasePortal_Error_FilesDisabled');
        }
        const requested = [...new Set(documentIds ?? [])];
        if (requested.length === 0 || requested.length > ATTACH_LIMIT) {
            throw this.refusal('CasePortal_Error_InvalidRequest');
        }
        const record = this.findOwnOpenCase(call, caseId);
        const fill = (name: string, ...args: string[]) =>
            formatMessage(this.label(name), ...args);
        return reviewUploads(this.store, call.settings, record.id, requested, {
            notFound: () => fill('CasePortal_Error_FileNotFound'),
            type: (title, extensions) =>
                fill('CasePortal_Error_FileType', title, extensions),
            size: (title, megabytes) =>
                fill('CasePortal_Error_FileTooLarge', title, megabytes)
        });
    }

    createCase(call: CallContext, input: NewCaseInput | null): CaseSummary {
        this.requirePortalEnabled(call);
        if (!call.settings.caseCreationEnabled) {
            throw this.refusal('CasePortal_Error_CreateDisabled');
        }
        // As in the Apex: the custom permission is the gate, not the user's own Case Create.
        if (!call.permissions.create) {
            throw this.refusal('CasePortal_Error_NoCreateAccess');
        }
        // Every submitted field checked against the configured form, as the Apex does.
        const form = this.createForm(call.settings);
        const values = form.validate(input, this.formRefusal);
        const text = (name: string): string | null => {
            const value = values[name];
            delete values[name];
            return typeof value === 'string' ? value : null;
        };
        const subject = text('Subject') ?? '';
        const description = text('Description');
        const type = text('Type');
        const priority = text('Priority');
        const me = this.store.me;
        const now = this.store.now();
        const record: CaseRecord = {
            id: this.store.caseIds.next(),
            caseNumber: this.store.nextCaseNumber(),
            subject,
            description,
            status: 'New',
            // The org's Priority picklist default (Medium) applies when the form leaves it empty.
            priority: priority ?? 'Medium',
            type,
            contactId: me.contactId,
            accountId: me.accountId,
            createdById: me.id,
            createdDate: now,
            lastModifiedDate: now,
            closedDate: null,
            origin: call.settings.caseOrigin,
            fields: values
        };
        this.store.cases.set(record.id, record);
        return this.toSummary(record, call.settings);
    }

    addComment(
        call: CallContext,
        caseId: string | null,
        body: string | null
    ): CommentItem {
        this.requireReplyAccess(call);
        this.validateCommentBody(body);
        const record = this.findOwnOpenCase(call, caseId);
        const now = this.store.now();
        const comment = this.insertComment(record, body ?? '', now);
        return {
            recordId: comment.id,
            body: comment.body,
            createdDate: iso(now),
            authorName: this.store.me.name,
            isMine: true,
            source: 'comment'
        };
    }

    closeCase(
        call: CallContext,
        caseId: string | null,
        status: string | null,
        comment: string | null
    ): CaseSummary {
        this.requirePortalEnabled(call);
        if (!call.permissions.close) {
            throw this.refusal('CasePortal_Error_NoCloseAccess');
        }
        const closeStatus = this.closeStatusOptions(call.settings).find(
            (option) => option.value === status
        )?.value;
        if (!closeStatus) {
            throw this.refusal('CasePortal_Error_InvalidStatus');
        }
        const withComment = !isBlank(comment);
        if (withComment) {
            this.requireReplyAccess(call);
            this.validateCommentBody(comment);
        }
        const record = this.findOwnOpenCase(call, caseId);
        const now = this.store.now();
        if (withComment) {
            this.insertComment(record, comment ?? '', now);
        }
        record.status = closeStatus;
        record.lastModifiedDate = now;
        record.closedDate = now;
        return this.toSummary(record, call.settings);
    }

    /**
     * CasePortalService.reopenCase: a closed case of the user's, closed within reopenDays, back
     * to the default open status (New), the reason published as a comment.
     */
    reopenCase(
        call: CallContext,
        caseId: string | null,
        reason: string | null
    ): CaseSummary {
        this.requireReplyAccess(call);
        if (call.settings.reopenDays <= 0) {
            throw this.refusal('CasePortal_Error_ReopenNotAllowed');
        }
        this.validateCommentBody(reason);
        const record = this.findOwnCase(call, caseId);
        if (!this.withinReopenWindow(call, record)) {
            throw this.refusal('CasePortal_Error_ReopenNotAllowed');
        }
        const now = this.store.now();
        this.insertComment(record, reason ?? '', now);
        record.status = DEFAULT_OPEN_STATUS;
        record.closedDate = null;
        record.lastModifiedDate = now;
        return this.toSummary(record, call.settings);
    }

    private withinReopenWindow(call: CallContext, record: CaseRecord): boolean {
        const { settings } = call;
        return (
            settings.portalEnabled &&
            settings.reopenDays > 0 &&
            call.permissions.read &&
            isClosed(record) &&
            record.closedDate !== null &&
            record.closedDate >=
                this.store.now() - settings.reopenDays * 24 * 3600 * 1000
        );
    }

    // ---- access --------------------------------------------------------------------------

    private requirePortalEnabled(call: CallContext): void {
        if (!call.settings.portalEnabled) {
            throw this.refusal('CasePortal_Error_PortalDisabled');
        }
    }

    private requireReadAccess(call: CallContext): void {
        this.requirePortalEnabled(call);
        if (!call.permissions.read) {
            throw this.refusal('CasePortal_Error_NoReadAccess');
        }
    }

    private requireReplyAccess(call: CallContext): void {
        this.requireReadAccess(call);
        if (!call.settings.caseUpdateEnabled) {
            throw this.refusal('CasePortal_Error_UpdateDisabled');
        }
    }

    /** The scope in effect, with the Apex fallbacks (Account without account, Contact without contact). */
    ownership(settings: PortalSettings): {
        name: Scope;
        matches: (r: CaseRecord) => boolean;
    } {
        const me: UserRecord = this.store.me;
        let scope = settings.scope;
        if (scope === 'Account' && !me.accountId) {
            scope = 'Contact';
        }
        if (scope === 'Contact' && !me.contactId) {
            scope = 'CreatedBy';
        }
        const matches =
            scope === 'Account'
                ? (r: CaseRecord) => r.accountId === me.accountId
                : scope === 'Contact'
                  ? (r: CaseRecord) => r.contactId === me.contactId
                  : (r: CaseRecord) => r.createdById === me.id;
        return { name: scope, matches };
    }

    private ownCases(call: CallContext): CaseRecord[] {
        const { matches } = this.ownership(call.settings);
        return [...this.store.cases.values()].filter(matches);
    }

    private findOwnCase(call: CallContext, caseId: string | null): CaseRecord {
        const record = caseId ? this.store.cases.get(caseId) : undefined;
        if (!record || !this.ownership(call.settings).matches(record)) {
            throw this.refusal('CasePortal_Error_CaseNotFound');
        }
        return record;
    }

    private findOwnOpenCase(
        call: CallContext,
        caseId: string | null
    ): CaseRecord {
        const record = this.findOwnCase(call, caseId);
        if (isClosed(record)) {
            throw this.refusal('CasePortal_Error_CaseClosed');
        }
        return record;
    }

    // ---- helpers --------------------------------------------------------------------------

    /** Configured close statuses that are closed in the org, in picklist order. */
    private closeStatusOptions(settings: PortalSettings): Option[] {
        const configured = new Set(
            settings.closeStatuses.map((status) => status.toLowerCase())
        );
        return CASE_STATUSES.filter(
            (status) =>
                status.isClosed && configured.has(status.value.toLowerCase())
        ).map(({ label, value }) => ({
            label: customerStatus(settings, value, label),
            value
        }));
    }

    private choose<T extends string>(
        requested: string | null | undefined,
        allowed: readonly T[],
        fallback: T
    ): T {
        if (isBlank(requested)) {
            return fallback;
        }
        const found = allowed.find((value) => value === requested);
        if (!found) {
            throw this.refusal('CasePortal_Error_InvalidRequest');
        }
        return found;
    }

    private validateCommentBody(body: string | null): void {
        if (isBlank(body)) {
            throw this.refusal('CasePortal_Error_CommentRequired');
        }
        if (utf8Bytes(body ?? '') > COMMENT_MAX_BYTES) {
            throw this.refusal(
                'CasePortal_Error_CommentTooLong',
                COMMENT_MAX_BYTES
            );
        }
    }

    private insertComment(record: CaseRecord, body: string, now: number) {
        const comment = {
            id: this.store.commentIds.next(),
            parentId: record.id,
            body,
            isPublished: true,
            createdById: this.store.me.id,
            createdDate: now
        };
        this.store.comments.push(comment);
        record.lastModifiedDate = now;
        return comment;
    }

    private decodeCursor(
        encoded: string,
        sortBy: SortField,
        direction: Direction
    ): PageCursor {
        let cursor: Partial<PageCursor>;
        try {
            cursor = JSON.parse(
                Buffer.from(encoded, 'base64').toString('utf8')
            ) as Partial<PageCursor>;
        } catch {
            throw this.refusal('CasePortal_Error_InvalidRequest');
        }
        if (
            cursor.sortBy !== sortBy ||
            cursor.direction !== direction ||
            !cursor.lastId ||
            cursor.value === undefined ||
            cursor.value === null ||
            (sortBy !== 'CaseNumber' && !/^\d+$/.test(cursor.value))
        ) {
            throw this.refusal('CasePortal_Error_InvalidRequest');
        }
        return cursor as PageCursor;
    }

    toSummary(record: CaseRecord, settings: PortalSettings): CaseSummary {
        return {
            recordId: record.id,
            caseNumber: record.caseNumber,
            subject: record.subject,
            status: record.status,
            statusLabel: customerStatus(
                settings,
                record.status,
                labelOf(CASE_STATUSES, record.status) ?? record.status
            ),
            isClosed: isClosed(record),
            priority: record.priority,
            priorityLabel: labelOf(CASE_PRIORITIES, record.priority),
            createdDate: iso(record.createdDate),
            lastModifiedDate: iso(record.lastModifiedDate)
        };
    }
}

function isClosed(record: CaseRecord): boolean {
    return statusOf(record.status)?.isClosed === true;
}

function sortValue(record: CaseRecord, sortBy: SortField): string | number {
    if (sortBy === 'CaseNumber') {
        return record.caseNumber;
    }
    return sortBy === 'CreatedDate'
        ? record.createdDate
        : record.lastModifiedDate;
}

/** The Apex PageCursor: base64 of {sortBy, direction, value, lastId}; Datetime as epoch ms. */
function encodeCursor(
    record: CaseRecord,
    sortBy: SortField,
    direction: Direction
): string {
    const cursor: PageCursor = {
        sortBy,
        direction,
        value: String(sortValue(record, sortBy)),
        lastId: record.id
    };
    return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64');
}
