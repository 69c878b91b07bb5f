import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
    PreviewBackend,
    Refusal,
    type CallContext,
    type PermissionKey
} from '../../preview/backend/service';
import { PreviewStore, type CaseRecord } from '../../preview/backend/store';
import {
    filesOf,
    storeFile,
    type FileRecord
} from '../../preview/backend/files';
import type { CaseDetail, FileAttachResult } from '../../preview/backend/dtos';
import { statusOf } from '../../preview/backend/picklists';
import type { PortalSettings } from '../../preview/metadata';
import { loadLabels } from '../../shared/labels';
import { DEFAULT_DIR } from '../../preview/paths';
import { formatMessage } from '../../shared/message-format';

/**
 * The shared rule table (force-app/main/default/staticresources/CasePortalRules.json), run
 * against the preview backend. The Apex test CasePortalRulesTest runs the same table against
 * CasePortalService in an org, so the two answer to one list of rules; the last block checks that
 * the Apex test still reads this table and knows every refusal it expects.
 */

const RULES_FILE = path.join(
    DEFAULT_DIR,
    'staticresources/CasePortalRules.json'
);
const APEX_TEST_FILE = path.join(
    DEFAULT_DIR,
    'classes/CasePortalRulesTest.cls'
);

const Rule = z.object({
    name: z.string(),
    action: z.enum([
        'list',
        'detail',
        'reply',
        'close',
        'create',
        'reopen',
        'files',
        'attach'
    ]),
    case: z.enum(['own', 'ownClosed', 'other']).nullable(),
    settings: z
        .object({
            portalEnabled: z.boolean(),
            caseCreationEnabled: z.boolean(),
            caseUpdateEnabled: z.boolean(),
            closeStatuses: z.array(z.string()),
            reopenDays: z.number().int().min(0),
            createFields: z.string(),
            allowedFileExtensions: z.array(z.string()),
            maxFileSizeMb: z.number().min(0)
        })
        .partial()
        .strict(),
    missingPermission: z.enum(['read', 'create', 'close']).nullable(),
    comment: z.string().optional(),
    /** Create rows: NewCaseInput.fields; {repeat, times} is the text repeated. */
    fields: z
        .record(
            z.string(),
            z.union([
                z.string(),
                z
                    .object({
                        repeat: z.string(),
                        times: z.number().int().min(1)
                    })
                    .strict()
            ])
        )
        .optional(),
    file: z.object({ name: z.string(), bytes: z.number().int() }).optional(),
    refused: z.enum(['type', 'size']).optional(),
    expect: z.string(),
    /** The refusal's {0}, {1}: numbers shown as Integer.format() does (4,000). */
    expectArgs: z.array(z.union([z.string(), z.number()])).optional()
});
const Table = z.object({
    description: z.string(),
    closeStatus: z.string(),
    replyBody: z.string(),
    newCaseSubject: z.string(),
    reopenReason: z.string(),
    uploadFile: z.object({ name: z.string(), bytes: z.number().int() }),
    rules: z.array(Rule).min(1)
});
type Rule = z.infer<typeof Rule>;

const TABLE = Table.parse(JSON.parse(readFileSync(RULES_FILE, 'utf8')));
const LABELS = loadLabels();

/** What the Apex test starts from: CasePortalTestFactory.settings(). */
const BASE_SETTINGS: PortalSettings = {
    allowedFileExtensions: ['png', 'jpg', 'pdf', 'txt', 'log'],
    maxFileSizeMb: 1,
    portalEnabled: true,
    caseCreationEnabled: true,
    caseUpdateEnabled: true,
    closeStatuses: ['Closed'],
    scope: 'Contact',
    pageSize: 25,
    customerStatuses: {},
    caseOrigin: 'Web',
    reopenDays: 7
};

function callFor(rule: Rule): CallContext {
    const permissions: Record<PermissionKey, boolean> = {
        read: true,
        create: true,
        close: true
    };
    if (rule.missingPermission) {
        permissions[rule.missingPermission] = false;
    }
    return { settings: { ...BASE_SETTINGS, ...rule.settings }, permissions };
}

function isClosed(record: CaseRecord): boolean {
    return statusOf(record.status)?.isClosed === true;
}

/** The row's case in a fresh store: the user's open or closed case, or a colleague's. */
function caseFor(store: PreviewStore, which: Rule['case']): string | null {
    if (which === null) {
        return null;
    }
    const cases = [...store.cases.values()];
    const found =
        which === 'other'
            ? cases.find(
                  (c) => c.contactId !== store.me.contactId && !isClosed(c)
              )
            : cases.find(
                  (c) =>
                      c.contactId === store.me.contactId &&
                      isClosed(c) === (which === 'ownClosed')
              );
    if (!found) {
        throw new Error(`the seeded store has no "${which}" case`);
    }
    if (which === 'ownClosed') {
        // The Apex fixture inserts its closed case in the test's setup: closed just now.
        found.closedDate = store.now();
    }
    return found.id;
}

/** The row's NewCaseInput.fields, {repeat, times} spelled out. */
function fieldValues(rule: Rule): Record<string, string> {
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(rule.fields ?? {})) {
        values[name] =
            typeof value === 'string'
                ? value
                : value.repeat.repeat(value.times);
    }
    return values;
}

/** The refusal the row expects: its label, filled with expectArgs as the Apex fills it. */
function expectedMessage(rule: Rule): string | undefined {
    const label = LABELS.get(rule.expect);
    if (label === undefined || !rule.expectArgs) {
        return label;
    }
    return formatMessage(
        label,
        ...rule.expectArgs.map((arg) =>
            typeof arg === 'number' ? arg.toLocaleString('en-US') : arg
        )
    );
}

/** The file the last attach row uploaded as the user. */
let lastUpload: FileRecord | undefined;
/** Read through a call: TypeScript cannot see that perform() sets it. */
function uploaded(): FileRecord | undefined {
    return lastUpload;
}

function perform(
    backend: PreviewBackend,
    call: CallContext,
    rule: Rule,
    caseId: string | null
): unknown {
    switch (rule.action) {
        case 'files':
            return backend.getCaseDetail(call, caseId);
        case 'attach': {
            // As lightning-file-upload does: linked to the case (another customer's case: a
            // private file), with the org's default visibility.
            const file = rule.file ?? TABLE.uploadFile;
            lastUpload = storeFile(backend.store, {
                caseId: rule.case === 'other' ? null : caseId,
                name: file.name,
                size: file.bytes,
                content: Buffer.alloc(0),
                createdById: backend.store.me.id,
                visibility: 'InternalUsers'
            });
            return backend.attachFiles(call, caseId, [lastUpload.documentId]);
        }
        case 'list':
            return backend.getMyCases(call, {});
        case 'detail':
            return backend.getCaseDetail(call, caseId);
        case 'reply':
            return backend.addComment(call, caseId, TABLE.replyBody);
        case 'close':
            return backend.closeCase(
                call,
                caseId,
                TABLE.closeStatus,
                rule.comment ?? null
            );
        case 'create':
            return backend.createCase(call, {
                subject: TABLE.newCaseSubject,
                fields: fieldValues(rule)
            });
        case 'reopen':
            return backend.reopenCase(call, caseId, TABLE.reopenReason);
    }
}

describe('the shared rule table, run against the preview backend', () => {
    it.each(TABLE.rules.map((rule) => [rule.name, rule] as const))(
        '%s',
        (_name, rule) => {
            const store = new PreviewStore(() => Date.UTC(2026, 4, 1)).seed({
                cases: 30
            });
            const backend = new PreviewBackend(store, LABELS);
            const caseId = caseFor(store, rule.case);
            if (caseId !== null) {
                // The Apex fixture: an agent's file on the case, shared with customers.
                storeFile(store, {
                    caseId,
                    name: 'agent-notes.txt',
                    size: 64,
                    content: Buffer.alloc(0),
                    createdById: store.agent.id,
                    visibility: 'AllUsers'
                });
            }
            const comments = store.comments.length;
            const cases = store.cases.size;
            const before =
                caseId === null
                    ? undefined
                    : { ...(store.cases.get(caseId) as CaseRecord) };

            let outcome: string;
            let result: unknown;
            lastUpload = undefined;
            try {
                result = perform(backend, callFor(rule), rule, caseId);
                outcome = 'ok';
            } catch (error) {
                if (!(error instanceof Refusal)) {
                    throw error;
                }
                outcome = error.message;
            }

            if (rule.expect !== 'ok') {
                expect(outcome).toBe(expectedMessage(rule));
                // A refusal writes nothing.
                expect(store.comments.length).toBe(comments);
                expect(store.cases.size).toBe(cases);
                if (caseId !== null) {
                    expect(store.cases.get(caseId)).toEqual(before);
                }
                const upload = uploaded();
                if (upload) {
                    // A refused call deletes nothing and shares nothing.
                    expect(filesOf(store)).toContain(upload);
                    expect(upload.visibility).toBe('InternalUsers');
                }
                return;
            }
            expect(outcome).toBe('ok');
            const record =
                caseId === null ? undefined : store.cases.get(caseId);
            if (rule.action === 'reply') {
                expect(store.comments.length).toBe(comments + 1);
            } else if (rule.action === 'close') {
                expect(record && isClosed(record)).toBe(true);
                expect(store.comments.length).toBe(
                    comments + (rule.comment ? 1 : 0)
                );
            } else if (rule.action === 'attach') {
                const attached = result as FileAttachResult;
                const upload = uploaded() as FileRecord;
                if (rule.refused) {
                    expect(attached.refused.map((r) => r.reason)).toEqual([
                        rule.refused
                    ]);
                    expect(filesOf(store)).not.toContain(upload);
                } else {
                    expect(attached.refused).toEqual([]);
                    expect(upload.visibility).toBe('AllUsers');
                }
            } else if (rule.action === 'files') {
                expect((result as CaseDetail).files).toHaveLength(1);
            } else if (rule.action === 'create') {
                expect(store.cases.size).toBe(cases + 1);
                const created = [...store.cases.values()].at(-1);
                const saved = created?.fields ?? {};
                for (const [name, value] of Object.entries(fieldValues(rule))) {
                    // Subject, Description, Type and Priority are columns of their own.
                    expect(
                        saved[name] ??
                            (name === 'Subject' ? created?.subject : undefined)
                    ).toBe(value);
                }
            } else if (rule.action === 'reopen') {
                expect(record && isClosed(record)).toBe(false);
                expect(store.comments.length).toBe(comments + 1);
            } else {
                expect(store.comments.length).toBe(comments);
                expect(record).toEqual(before);
            }
        }
    );
});

describe('the rule table and the Apex test stay in step', () => {
    const apex = readFileSync(APEX_TEST_FILE, 'utf8');

    it('every expectation is ok or a custom label, which the Apex test maps', () => {
        for (const rule of TABLE.rules) {
            if (rule.expect === 'ok') {
                continue;
            }
            expect(LABELS.has(rule.expect)).toBe(true);
            expect(apex).toContain(
                `'${rule.expect}' => System.Label.${rule.expect}`
            );
        }
    });

    it('the Apex test reads this static resource and runs every action', () => {
        expect(apex).toContain("RESOURCE = 'CasePortalRules'");
        for (const action of new Set(TABLE.rules.map((rule) => rule.action))) {
            expect(apex).toContain(`runRules('${action}')`);
        }
    });
});
