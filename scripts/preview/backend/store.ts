import { IdGenerator } from './ids';
import { CASE_PRIORITIES, CASE_STATUSES, CASE_TYPES } from './picklists';

/** The preview's in-memory "org": users, cases and case comments. */

export interface UserRecord {
    id: string;
    name: string;
    contactId: string | null;
    accountId: string | null;
}

export interface CaseRecord {
    id: string;
    caseNumber: string;
    subject: string | null;
    description: string | null;
    status: string;
    priority: string | null;
    type: string | null;
    contactId: string | null;
    accountId: string | null;
    createdById: string;
    /** Epoch milliseconds. */
    createdDate: number;
    lastModifiedDate: number;
    closedDate: number | null;
    /** Case.Origin; seeded cases have none. */
    origin?: string;
    /** The create form's other configured fields, by API name. */
    fields?: Record<string, string | number | boolean>;
}

/** An EmailMessage on a case (Email-to-Case): Status 5 is Draft. */
export interface EmailRecord {
    id: string;
    parentId: string;
    incoming: boolean;
    fromName: string | null;
    fromAddress: string;
    toAddress: string;
    ccAddress: string | null;
    textBody: string | null;
    htmlBody: string | null;
    status: '0' | '1' | '2' | '3' | '4' | '5';
    /** Epoch milliseconds. */
    messageDate: number;
}

/** The preview user's email address (User.Email), to which support writes. */
export const MY_EMAIL = 'pat.customer@example.com';
const SUPPORT_EMAIL = 'support@example.com';

export interface CommentRecord {
    id: string;
    parentId: string;
    body: string;
    isPublished: boolean;
    createdById: string;
    createdDate: number;
}

export interface SeedOptions {
    /** Cases of the portal user's contact; default 14. */
    cases?: number;
    /** The clock of "now"; default the system clock. */
    now?: number;
}

const SUBJECTS = [
    'Cannot log in to the customer portal',
    'Invoice shows the wrong billing address',
    'Replacement part arrived damaged',
    'How do I export my order history?',
    'Firmware update fails at 80%',
    'Request to change the delivery date',
    'Warranty claim for model X-200',
    'Error 504 when uploading documents',
    'Please add a second administrator',
    'Noise from the cooling unit after service',
    'Refund not received yet',
    'Password reset email never arrives',
    'Installation manual missing pages',
    'Sensor readings drift overnight',
    'Question about the maintenance contract',
    'Order confirmation in the wrong language'
];

const DESCRIPTIONS = [
    'Steps to reproduce are below. It started after the last update.',
    'We need this resolved before the end of the month, see https://example.com/ticket for details.',
    'Happens on every device we tried.',
    null
];

/** A small deterministic generator, so every run seeds the same cases. */
function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function pick<T>(items: readonly T[], next: () => number): T {
    return items[Math.floor(next() * items.length)] as T;
}

const HOUR = 3_600_000;

export class PreviewStore {
    readonly caseIds = new IdGenerator('500');
    readonly commentIds = new IdGenerator('00a');
    readonly cases = new Map<string, CaseRecord>();
    readonly comments: CommentRecord[] = [];
    readonly emails: EmailRecord[] = [];
    readonly emailIds = new IdGenerator('02s');
    private lastCaseNumber = 1000;

    /** The portal user the preview runs as. */
    readonly me: UserRecord;
    /** A support agent who answers. */
    readonly agent: UserRecord;
    /** Another contact at the same account (visible with the Account scope only). */
    readonly colleague: UserRecord;

    constructor(private readonly clock: () => number = Date.now) {
        const users = new IdGenerator('005');
        const contacts = new IdGenerator('003');
        const accounts = new IdGenerator('001');
        const account = accounts.next();
        this.me = {
            id: users.next(),
            name: 'Pat Customer',
            contactId: contacts.next(),
            accountId: account
        };
        this.agent = {
            id: users.next(),
            name: 'Sam Rivera',
            contactId: null,
            accountId: null
        };
        this.colleague = {
            id: users.next(),
            name: 'Alex Colleague',
            contactId: contacts.next(),
            accountId: account
        };
    }

    now(): number {
        return this.clock();
    }

    nextCaseNumber(): string {
        this.lastCaseNumber++;
        return String(this.lastCaseNumber).padStart(8, '0');
    }

    userName(id: string): string | null {
        return (
            [this.me, this.agent, this.colleague].find((user) => user.id === id)
                ?.name ?? null
        );
    }

    /**
     * Sample cases: the user's own (some opened by support on their behalf), a colleague's at
     * the same account, and a conversation on most of them. Dates go back from now.
     */
    seed(options: SeedOptions = {}): this {
        const count = options.cases ?? 14;
        const now = options.now ?? this.clock();
        const next = random(20260501);
        const openStatuses = CASE_STATUSES.filter((s) => !s.isClosed);
        for (let i = 0; i < count + 3; i++) {
            const owner = i < count ? this.me : this.colleague;
            // Spread over time: newest first in creation order reversed.
            const created = now - (count + 3 - i) * 7 * HOUR - next() * HOUR;
            const closed = next() < 0.3;
            const modified = Math.min(
                now - 60_000,
                created + next() * 48 * HOUR
            );
            const record: CaseRecord = {
                id: this.caseIds.next(),
                caseNumber: this.nextCaseNumber(),
                subject: SUBJECTS[(i * 7) % SUBJECTS.length] ?? null,
                description: pick(DESCRIPTIONS, next),
                status: closed ? 'Closed' : pick(openStatuses, next).value,
                priority: pick(CASE_PRIORITIES, next).value,
                type: next() < 0.8 ? pick(CASE_TYPES, next).value : null,
                contactId: owner.contactId,
                accountId: owner.accountId,
                createdById: next() < 0.7 ? owner.id : this.agent.id,
                createdDate: Math.round(created),
                lastModifiedDate: Math.round(modified),
                closedDate: closed ? Math.round(modified) : null
            };
            this.cases.set(record.id, record);
            if (count <= 200 || i >= count - 50) {
                this.seedComments(record, next);
                if (i % 4 === 1) {
                    this.seedEmails(record);
                }
            }
        }
        return this;
    }

    /**
     * What a support agent does in the org meanwhile (preview and e2e only): a published reply
     * and, optionally, a new status. The portal shows it the next time the view is shown.
     */
    agentUpdate(
        caseId: string,
        body: string,
        status?: string,
        channel: 'comment' | 'email' = 'comment'
    ): boolean {
        const record = this.cases.get(caseId);
        if (!record) {
            return false;
        }
        const now = this.now();
        if (channel === 'email') {
            // An HTML-only email to the customer, as Email-to-Case replies often are.
            this.emails.push({
                id: this.emailIds.next(),
                parentId: caseId,
                incoming: false,
                fromName: this.agent.name,
                fromAddress: SUPPORT_EMAIL,
                toAddress: MY_EMAIL,
                ccAddress: null,
                textBody: null,
                htmlBody: body,
                status: '3',
                messageDate: now
            });
        } else {
            this.comments.push({
                id: this.commentIds.next(),
                parentId: caseId,
                body,
                isPublished: true,
                createdById: this.agent.id,
                createdDate: now
            });
        }
        const value = CASE_STATUSES.find((s) => s.value === status);
        if (value) {
            record.status = value.value;
            record.closedDate = value.isClosed ? now : null;
        }
        record.lastModifiedDate = now;
        return true;
    }

    /**
     * Emails on a case: the customer's own message, support's HTML answer to them, and two the
     * portal must not show (support writing to a vendor; an unsent draft).
     */
    private seedEmails(record: CaseRecord): void {
        const at = record.createdDate + 30 * 60_000;
        const email = (
            values: Omit<EmailRecord, 'id' | 'parentId'>
        ): EmailRecord => ({
            id: this.emailIds.next(),
            parentId: record.id,
            ...values
        });
        this.emails.push(
            email({
                incoming: true,
                fromName: this.me.name,
                fromAddress: MY_EMAIL,
                toAddress: SUPPORT_EMAIL,
                ccAddress: null,
                textBody:
                    'Sending this by email as well: the issue is still there.',
                htmlBody: null,
                status: '2',
                messageDate: at
            }),
            email({
                incoming: false,
                fromName: this.agent.name,
                fromAddress: SUPPORT_EMAIL,
                toAddress: `${MY_EMAIL}; team@example.com`,
                ccAddress: null,
                textBody: null,
                htmlBody:
                    '<p>Thanks, we are on it.</p><p><b>Tip:</b> restart the unit first.</p>',
                status: '3',
                messageDate: at + 60_000
            }),
            email({
                incoming: false,
                fromName: this.agent.name,
                fromAddress: SUPPORT_EMAIL,
                toAddress: 'vendor@example.com',
                ccAddress: null,
                textBody: 'Vendor escalation: internal only.',
                htmlBody: null,
                status: '3',
                messageDate: at + 120_000
            }),
            email({
                incoming: false,
                fromName: this.agent.name,
                fromAddress: SUPPORT_EMAIL,
                toAddress: MY_EMAIL,
                ccAddress: null,
                textBody: 'Draft: not sent yet.',
                htmlBody: null,
                status: '5',
                messageDate: at + 180_000
            })
        );
    }

    private seedComments(record: CaseRecord, next: () => number): void {
        const replies = Math.floor(next() * 4);
        let at = record.createdDate;
        for (let i = 0; i < replies; i++) {
            at = Math.min(record.lastModifiedDate, at + next() * 6 * HOUR);
            const fromSupport = i % 2 === 0;
            this.comments.push({
                id: this.commentIds.next(),
                parentId: record.id,
                body: fromSupport
                    ? 'Thanks for reaching out. Could you send us the serial number of the unit?'
                    : 'Sure, it is SN-4471-22. Thank you!',
                isPublished: true,
                createdById: fromSupport ? this.agent.id : this.me.id,
                createdDate: Math.round(at)
            });
        }
        if (next() < 0.2) {
            this.comments.push({
                id: this.commentIds.next(),
                parentId: record.id,
                body: 'Internal note: check the returns queue.',
                isPublished: false,
                createdById: this.agent.id,
                createdDate: Math.round(at + 1000)
            });
        }
    }
}
