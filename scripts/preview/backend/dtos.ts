/**
 * The JSON contract of CasePortalController, written down once: every DTO class of
 * CasePortalDtos.cls with its @AuraEnabled fields and their Apex types, and every controller
 * method with its parameters. The preview backend serializes through this table, and
 * scripts/test/preview/dto-contract.test.ts parses the Apex to prove the two are the same.
 */

/** Field name to Apex type, as written in CasePortalDtos.cls (without the outer class). */
export type DtoFields = Readonly<Record<string, string>>;

export const DTO_FIELDS = {
    Option: { label: 'String', value: 'String' },
    Permissions: {
        readReplyOwnCases: 'Boolean',
        createCase: 'Boolean',
        closeOwnCase: 'Boolean'
    },
    PortalContext: {
        portalEnabled: 'Boolean',
        caseCreationEnabled: 'Boolean',
        caseUpdateEnabled: 'Boolean',
        permissions: 'Permissions',
        canRead: 'Boolean',
        canReply: 'Boolean',
        canCreate: 'Boolean',
        canClose: 'Boolean',
        scope: 'String',
        pageSize: 'Integer',
        closeStatuses: 'List<Option>',
        typeOptions: 'List<Option>',
        priorityOptions: 'List<Option>',
        subjectMaxLength: 'Integer',
        descriptionMaxLength: 'Integer',
        commentMaxBytes: 'Integer',
        reopenDays: 'Integer',
        canReopen: 'Boolean',
        createFields: 'List<FormField>',
        createFormNotes: 'List<String>'
    },
    FormField: {
        apiName: 'String',
        label: 'String',
        type: 'String',
        required: 'Boolean',
        maxLength: 'Integer',
        scale: 'Integer',
        helpText: 'String',
        options: 'List<Option>'
    },
    CaseFilter: {
        status: 'String',
        searchTerm: 'String',
        sortBy: 'String',
        sortDirection: 'String',
        cursor: 'String'
    },
    CasePage: {
        cases: 'List<CaseSummary>',
        hasMore: 'Boolean',
        nextCursor: 'String',
        pageSize: 'Integer'
    },
    CaseSummary: {
        recordId: 'Id',
        caseNumber: 'String',
        subject: 'String',
        status: 'String',
        statusLabel: 'String',
        isClosed: 'Boolean',
        priority: 'String',
        priorityLabel: 'String',
        createdDate: 'Datetime',
        lastModifiedDate: 'Datetime'
    },
    CaseDetail: {
        summary: 'CaseSummary',
        description: 'String',
        caseType: 'String',
        caseTypeLabel: 'String',
        closedDate: 'Datetime',
        canReopen: 'Boolean',
        comments: 'List<CommentItem>',
        files: 'List<FileItem>',
        fileUpload: 'FileUpload'
    },
    FileItem: {
        documentId: 'Id',
        versionId: 'Id',
        title: 'String',
        fileExtension: 'String',
        contentSize: 'Long',
        createdDate: 'Datetime',
        authorName: 'String',
        isMine: 'Boolean'
    },
    FileUpload: {
        canUpload: 'Boolean',
        allowedExtensions: 'List<String>',
        maxFileSize: 'Long'
    },
    FileRefusal: { title: 'String', reason: 'String', message: 'String' },
    FileAttachResult: {
        files: 'List<FileItem>',
        refused: 'List<FileRefusal>'
    },
    CommentItem: {
        recordId: 'Id',
        body: 'String',
        createdDate: 'Datetime',
        authorName: 'String',
        isMine: 'Boolean',
        source: 'String'
    },
    NewCaseInput: {
        subject: 'String',
        description: 'String',
        caseType: 'String',
        priority: 'String',
        fields: 'Map<String,String>'
    }
} as const satisfies Record<string, DtoFields>;

export type DtoName = keyof typeof DTO_FIELDS;

export interface MethodContract {
    /** Parameter name and Apex type, in order. */
    params: readonly (readonly [string, string])[];
    returns: string;
    cacheable: boolean;
}

/** CasePortalController's @AuraEnabled methods. */
export const CONTROLLER_METHODS = {
    getPortalContext: { params: [], returns: 'PortalContext', cacheable: true },
    getMyCases: {
        params: [['filter', 'CaseFilter']],
        returns: 'CasePage',
        cacheable: false
    },
    getCaseDetail: {
        params: [['caseId', 'Id']],
        returns: 'CaseDetail',
        cacheable: false
    },
    createCase: {
        params: [['input', 'NewCaseInput']],
        returns: 'CaseSummary',
        cacheable: false
    },
    addComment: {
        params: [
            ['caseId', 'Id'],
            ['body', 'String']
        ],
        returns: 'CommentItem',
        cacheable: false
    },
    closeCase: {
        params: [
            ['caseId', 'Id'],
            ['status', 'String'],
            ['comment', 'String']
        ],
        returns: 'CaseSummary',
        cacheable: false
    },
    reopenCase: {
        params: [
            ['caseId', 'Id'],
            ['reason', 'String']
        ],
        returns: 'CaseSummary',
        cacheable: false
    },
    attachFiles: {
        params: [
            ['caseId', 'Id'],
            ['documentIds', 'List<Id>']
        ],
        returns: 'FileAttachResult',
        cacheable: false
    }
} as const satisfies Record<string, MethodContract>;

export type MethodName = keyof typeof CONTROLLER_METHODS;

export function isMethodName(name: string): name is MethodName {
    return Object.hasOwn(CONTROLLER_METHODS, name);
}

// ---- TypeScript shapes of the same DTOs (what the backend builds) -----------------------------

export interface Option {
    label: string;
    value: string;
}

export interface Permissions {
    readReplyOwnCases: boolean;
    createCase: boolean;
    closeOwnCase: boolean;
}

export interface PortalContext {
    portalEnabled: boolean;
    caseCreationEnabled: boolean;
    caseUpdateEnabled: boolean;
    permissions: Permissions;
    canRead: boolean;
    canReply: boolean;
    canCreate: boolean;
    canClose: boolean;
    scope: string | null;
    pageSize: number;
    closeStatuses: Option[];
    typeOptions: Option[];
    priorityOptions: Option[];
    subjectMaxLength: number;
    descriptionMaxLength: number;
    commentMaxBytes: number;
    reopenDays: number;
    canReopen: boolean;
    createFields: FormField[];
    createFormNotes: string[];
}

/** CasePortalDtos.FormField: one field of the create form. */
export interface FormField {
    apiName: string;
    label: string;
    type:
        | 'text'
        | 'textarea'
        | 'picklist'
        | 'email'
        | 'phone'
        | 'date'
        | 'checkbox'
        | 'number';
    required: boolean;
    maxLength: number | null;
    scale: number | null;
    helpText: string | null;
    options: Option[] | null;
}

export interface CaseFilter {
    status?: string | null;
    searchTerm?: string | null;
    sortBy?: string | null;
    sortDirection?: string | null;
    cursor?: string | null;
}

export interface CaseSummary {
    recordId: string;
    caseNumber: string;
    subject: string | null;
    status: string;
    statusLabel: string;
    isClosed: boolean;
    priority: string | null;
    priorityLabel: string | null;
    createdDate: string;
    lastModifiedDate: string;
}

export interface CasePage {
    cases: CaseSummary[];
    hasMore: boolean;
    nextCursor: string | null;
    pageSize: number;
}

export interface CommentItem {
    recordId: string;
    body: string;
    createdDate: string;
    authorName: string | null;
    isMine: boolean;
    /** comment (published CaseComment) or email (EmailMessage). */
    source: 'comment' | 'email';
}

export interface CaseDetail {
    summary: CaseSummary;
    description: string | null;
    caseType: string | null;
    caseTypeLabel: string | null;
    closedDate: string | null;
    canReopen: boolean;
    comments: CommentItem[];
    files: FileItem[];
    fileUpload: FileUpload;
}

export interface FileItem {
    documentId: string;
    versionId: string;
    title: string;
    /** Lower case, without the dot. */
    fileExtension: string | null;
    /** Bytes. */
    contentSize: number;
    createdDate: string;
    authorName: string | null;
    isMine: boolean;
}

export interface FileUpload {
    canUpload: boolean;
    allowedExtensions: string[];
    /** Bytes. */
    maxFileSize: number;
}

export interface FileRefusal {
    title: string | null;
    /** type, size or notFound. */
    reason: 'type' | 'size' | 'notFound';
    message: string;
}

export interface FileAttachResult {
    files: FileItem[];
    refused: FileRefusal[];
}

export interface NewCaseInput {
    subject?: string | null;
    description?: string | null;
    caseType?: string | null;
    priority?: string | null;
    /** Other configured fields by API name, as text. */
    fields?: Record<string, string | null> | null;
}
