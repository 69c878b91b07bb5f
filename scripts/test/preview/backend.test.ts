import { invokeApex } from '../../preview/backend/invoke';
import {
    PreviewBackend,
    stripHtmlTags,
    type CallContext
} from '../../preview/backend/service';
import { PreviewStore } from '../../preview/backend/store';
import {
    loadDefaultSettings,
    parseCustomerStatuses
} from '../../preview/metadata';
import { loadLabels } from '../../shared/labels';
import { formatMessage } from '../../shared/message-format';
import { callContext } from '../../preview/query';

/** The preview backend follows CasePortalService's rules, refusal for refusal. */

const LABELS = loadLabels();
const DEFAULTS = loadDefaultSettings();

function label(name: string): string {
    return LABELS.get(`CasePortal_${name}`) ?? `missing ${name}`;
}

function setup(cases = 14): PreviewBackend {
    return new PreviewBackend(
        new PreviewStore(() => Date.UTC(2026, 4, 1)).seed({ cases }),
        LABELS
    );
}

const as = (query: string): CallContext => callContext(query, DEFAULTS);

describe('preview settings', () => {
    it('start from the Default custom metadata record', () => {
        expect(DEFAULTS).toEqual({
            allowedFileExtensions: [
                'png',
                'jpg',
                'jpeg',
                'gif',
                'pdf',
                'txt',
                'log',
                'csv',
                'zip'
            ],
            maxFileSizeMb: 10,
            portalEnabled: true,
            caseCreationEnabled: true,
            caseUpdateEnabled: true,
            closeStatuses: ['Closed'],
            scope: 'Contact',
            pageSize: 25,
            customerStatuses: {
                working: 'In progress',
                escalated: 'In progress'
            },
            caseOrigin: 'Web',
            reopenDays: 14,
            createFields: 'Subject, Description, Type, Priority',
            createRecordType: ''
        });
    });

    it('read Customer_Statuses__c as CasePortalSettings does', () => {
        expect(
            parseCustomerStatuses(
                ' Escalated = In progress ;;Working=In progress\nOn Hold=Waiting for you' +
                    ';no separator;=Orphan;Empty=;escalated=Ignored;Formula=a=b;constructor=Built'
            )
        ).toEqual({
            escalated: 'In progress',
            working: 'In progress',
            'on hold': 'Waiting for you',
            formula: 'a=b',
            constructor: 'Built'
        });
        expect(parseCustomerStatuses(undefined)).toEqual({});
    });

    it('switch by query string; the last value of a parameter wins', () => {
        const call = as(
            '?read=off&portal=off&create=off&create=on&scope=Account&pageSize=500'
        );
        expect(call.permissions).toEqual({
            read: false,
            create: true,
            close: true
        });
        expect(call.settings).toMatchObject({
            portalEnabled: false,
            scope: 'Account',
            pageSize: 200
        });
    });
});

describe('getMyCases', () => {
    it('pages with the keyset cursor through every own case exactly once', () => {
        const service = setup(60);
        const call = as('?pageSize=7');
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let i = 0; i < 20; i++) {
            const page = service.getMyCases(call, {
                status: 'all',
                sortBy: 'CaseNumber',
                sortDirection: 'ASC',
                cursor
            });
            seen.push(...page.cases.map((c) => c.caseNumber));
            cursor = page.nextCursor;
            if (!page.hasMore) {
                break;
            }
        }
        expect(seen).toHaveLength(60);
        expect([...seen].sort()).toEqual(seen);
    });

    it('filters open and closed, searches subject and number, and keeps to the scope', () => {
        const service = setup(30);
        const open = service.getMyCases(as('?pageSize=200'), {
            status: 'open'
        }).cases;
        const closed = service.getMyCases(as('?pageSize=200'), {
            status: 'closed'
        }).cases;
        expect(open.every((c) => !c.isClosed)).toBe(true);
        expect(closed.every((c) => c.isClosed)).toBe(true);
        expect(open.length + closed.length).toBe(30);
        const account = service.getMyCases(as('?pageSize=200&scope=Account'), {
            status: 'all'
        }).cases;
        expect(account.length).toBe(33);
        const number = open[0]?.caseNumber ?? '';
        expect(
            service
                .getMyCases(as(''), { searchTerm: number.slice(-4) })
                .cases.map((c) => c.caseNumber)
        ).toContain(number);
    });

    it('refuses a cursor for another sort and unknown filter values', () => {
        const service = setup(30);
        const page = service.getMyCases(as('?pageSize=5'), {
            sortBy: 'CreatedDate'
        });
        expect(() =>
            service.getMyCases(as('?pageSize=5'), {
                sortBy: 'CaseNumber',
                cursor: page.nextCursor
            })
        ).toThrow(label('Error_InvalidRequest'));
        expect(() => service.getMyCases(as(''), { status: 'mine' })).toThrow(
            label('Error_InvalidRequest')
        );
    });
});

describe('customer-facing statuses', () => {
    it('show internal statuses in the customer words the settings give', () => {
        const service = setup(40);
        const cases = service.getMyCases(as('?pageSize=200'), {
            status: 'all'
        }).cases;
        const escalated = cases.find((c) => c.status === 'Escalated');
        const fresh = cases.find((c) => c.status === 'New');
        expect(escalated?.statusLabel).toBe('In progress');
        expect(fresh?.statusLabel).toBe('New');
    });
});

describe('labels filled as String.format (Java MessageFormat) fills them', () => {
    it('keeps a doubled apostrophe; the save failure is curated (no database text)', () => {
        const saveFailed = label('Error_SaveFailed');
        expect(saveFailed).toContain("''");
        expect(saveFailed).not.toContain('{0}');
        expect(formatMessage(saveFailed, 'REQUIRED_FIELD_MISSING')).toBe(
            "We couldn't save your changes. Please try again; if it keeps failing, contact support."
        );
    });

    it('stamps Case.Origin from the settings (Case_Origin__c, default Web)', () => {
        const service = setup();
        const created = service.createCase(as(''), { subject: 'Origin' });
        expect(service.store.cases.get(created.recordId)?.origin).toBe('Web');
    });

    it('loses the placeholder after a single apostrophe, as Apex would', () => {
        expect(formatMessage("We couldn't save: {0}", 'x')).toBe(
            'We couldnt save: {0}'
        );
    });
});

describe('refusals, as the Apex raises them', () => {
    it('checks settings and permissions on every call', () => {
        const service = setup();
        const id = service.getMyCases(as(''), {}).cases[0]?.recordId ?? '';
        expect(() => service.getMyCases(as('?portal=off'), {})).toThrow(
            label('Error_PortalDisabled')
        );
        expect(() => service.getMyCases(as('?read=off'), {})).toThrow(
            label('Error_NoReadAccess')
        );
        expect(() =>
            service.createCase(as('?creation=off'), { subject: 'x' })
        ).toThrow(label('Error_CreateDisabled'));
        expect(() =>
            service.createCase(as('?create=off'), { subject: 'x' })
        ).toThrow(label('Error_NoCreateAccess'));
        expect(() => service.addComment(as('?update=off'), id, 'x')).toThrow(
            label('Error_UpdateDisabled')
        );
        expect(() =>
            service.closeCase(as('?close=off'), id, 'Closed', null)
        ).toThrow(label('Error_NoCloseAccess'));
        expect(() => service.closeCase(as(''), id, 'Working', null)).toThrow(
            label('Error_InvalidStatus')
        );
    });

    it('validates input and ownership', () => {
        const service = setup();
        const other = [...service.store.cases.values()].find(
            (c) => c.contactId !== service.store.me.contactId
        );
        expect(() => service.getCaseDetail(as(''), other?.id ?? null)).toThrow(
            label('Error_CaseNotFound')
        );
        expect(() => service.createCase(as(''), { subject: '  ' })).toThrow(
            label('Error_SubjectRequired')
        );
        expect(() =>
            service.createCase(as(''), { subject: 'x'.repeat(256) })
        ).toThrow('255');
        expect(() =>
            service.createCase(as(''), { subject: 'x', priority: 'Urgent' })
        ).toThrow(/Priority/);
        const id = service.createCase(as(''), { subject: 'ok' }).recordId;
        expect(() => service.addComment(as(''), id, 'é'.repeat(2001))).toThrow(
            '4,000'
        );
        service.closeCase(as(''), id, 'Closed', null);
        expect(() => service.addComment(as(''), id, 'late')).toThrow(
            label('Error_CaseClosed')
        );
    });

    it('sends a refusal as an AuraHandledException body with status 500', () => {
        const response = invokeApex(setup(), as('?portal=off'), 'getMyCases', {
            filter: {}
        });
        expect(response).toEqual({
            status: 500,
            body: {
                message: label('Error_PortalDisabled'),
                exceptionType: 'System.AuraHandledException',
                isUserDefinedException: false
            }
        });
    });
});

describe('one conversation (CasePortalService.conversation)', () => {
    it('merges published comments with the emails to or from the customer, oldest first', () => {
        const service = setup();
        const withEmail = service.store.emails[0]?.parentId ?? '';
        const thread = service.getCaseDetail(as(''), withEmail).comments;
        const emails = thread.filter((item) => item.source === 'email');

        expect(emails.map((item) => [item.isMine, item.body])).toEqual([
            [true, 'Sending this by email as well: the issue is still there.'],
            [false, 'Thanks, we are on it.\nTip: restart the unit first.']
        ]);
        expect(emails[1]?.authorName).toBe('Sam Rivera');
        // No email to a third party, no draft, no internal note.
        const bodies = thread.map((item) => item.body).join('\n');
        expect(bodies).not.toContain('Vendor escalation');
        expect(bodies).not.toContain('Draft');
        expect(bodies).not.toContain('Internal note');
        const dates = thread.map((item) => Date.parse(item.createdDate));
        expect(dates).toEqual([...dates].sort((a, b) => a - b));
    });

    it('shows an HTML email as text (markup removed, never rendered)', () => {
        expect(
            stripHtmlTags(
                '<p>Hi &amp; welcome</p><script>alert(1)</script><img src=x onerror=alert(1)>Bye'
            )
        ).toBe('Hi & welcome\nBye');
    });
});

describe('reopen (CasePortalService.reopenCase)', () => {
    const DAY = 24 * 3600 * 1000;

    function closedCase(service: PreviewBackend, daysAgo: number): string {
        const record = [...service.store.cases.values()].find(
            (c) => c.contactId === service.store.me.contactId
        );
        if (!record) {
            throw new Error('the store seeds own cases');
        }
        record.status = 'Closed';
        record.closedDate = service.store.now() - daysAgo * DAY;
        return record.id;
    }

    it('reopens a case closed within the window, the reason a published comment', () => {
        const service = setup();
        const id = closedCase(service, 13);
        expect(service.getCaseDetail(as(''), id).canReopen).toBe(true);

        const reopened = service.reopenCase(as(''), id, 'It broke again.');

        expect(reopened.isClosed).toBe(false);
        expect(reopened.status).toBe('New');
        const thread = service.getCaseDetail(as(''), id).comments;
        expect(thread[thread.length - 1]).toMatchObject({
            body: 'It broke again.',
            isMine: true,
            source: 'comment'
        });
    });

    it('refuses after the window, on an open case, with a blank reason, when off or not yours', () => {
        const service = setup();
        const late = closedCase(service, 15);
        expect(service.getCaseDetail(as(''), late).canReopen).toBe(false);
        expect(() => service.reopenCase(as(''), late, 'Again')).toThrow(
            label('Error_ReopenNotAllowed')
        );
        expect(() =>
            service.reopenCase(as('?reopenDays=0'), late, 'Again')
        ).toThrow(label('Error_ReopenNotAllowed'));
        expect(() => service.reopenCase(as(''), late, '  ')).toThrow(
            label('Error_CommentRequired')
        );
        const open = service.getMyCases(as(''), { status: 'open' }).cases[0];
        expect(() =>
            service.reopenCase(as(''), open?.recordId ?? '', 'Again')
        ).toThrow(label('Error_ReopenNotAllowed'));
        const colleagues = [...service.store.cases.values()].find(
            (c) => c.contactId === service.store.colleague.contactId
        );
        if (colleagues) {
            colleagues.status = 'Closed';
            colleagues.closedDate = service.store.now();
        }
        expect(() =>
            service.reopenCase(as(''), colleagues?.id ?? '', 'Again')
        ).toThrow(label('Error_CaseNotFound'));
        expect(() => service.reopenCase(as('?update=off'), late, 'x')).toThrow(
            label('Error_UpdateDisabled')
        );
    });
});
