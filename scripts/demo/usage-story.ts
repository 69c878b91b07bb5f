import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { Connection } from '@jsforce/jsforce-node';
import type { EmulatorHandle, OauthAppSettings } from '../emulator';
import type { VerifyReport } from '../src/access/run-verify';
import { contractSuggestCommand } from '../src/commands/contract';
import { usageCollectCommand } from '../src/commands/usage';
import { verifyCommand } from '../src/commands/verify';
import type { CommandOutcome } from '../src/lib/command';

/**
 * The demo's last act (issue #22, "least privilege from evidence"): two weeks of the integration's
 * nightly sync, replayed on the emulator's clock AS the integration user through the OAuth JWT
 * bearer flow of the repo's External Client App, each day's ApiTotalUsage log file written
 * (emulator-only: a real org does it by itself); then the kit collects the logs, suggests a
 * contract from them and `verify --usage` finds the grant the demo gave on purpose unused.
 */

export const DAY_MS = 86_400_000;
/** Days of nightly syncs replayed: the window `verify --usage` wants by default. */
export const SYNC_DAYS = 14;
export const APP = 'Case_Portal_Integration';
/** The grant the demo gives on purpose, "because the vendor's setup guide asked for it". */
export const EXTRA_SET = 'Vendor_Requested_Access';
const CONSUMER_KEY = 'DEMO-CASE-PORTAL-CONSUMER-KEY';

/** The org's clock, set back to replay past days: `daysAgo(n)` then `now()`. */
export class DemoClock {
    private offsetMs: number;

    constructor(daysAgo: number) {
        this.offsetMs = -daysAgo * DAY_MS;
    }

    now(): Date {
        return new Date(Date.now() + this.offsetMs);
    }

    daysAgo(days: number): void {
        this.offsetMs = -days * DAY_MS;
    }
}

/** The JWT bearer credentials of the repo's app: a key pair made for this run, never written. */
export interface DemoCredentials {
    app: OauthAppSettings;
    privateKey: KeyObject;
}

export function demoCredentials(): DemoCredentials {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
        modulusLength: 2048
    });
    return {
        app: {
            app: APP,
            consumerKey: CONSUMER_KEY,
            certificate: publicKey
                .export({ type: 'spki', format: 'pem' })
                .toString()
        },
        privateKey
    };
}

const part = (value: unknown): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');

/** OAuth 2.0 JWT bearer flow: an RS256 assertion for the user, posted to the token endpoint. */
async function jwtLogin(
    emulator: EmulatorHandle,
    credentials: DemoCredentials,
    username: string,
    now: Date,
    version: string
): Promise<Connection> {
    const input = `${part({ alg: 'RS256' })}.${part({
        iss: CONSUMER_KEY,
        sub: username,
        aud: 'https://login.salesforce.com',
        exp: Math.floor(now.getTime() / 1000) + 180
    })}`;
    const signature = sign(
        'RSA-SHA256',
        Buffer.from(input),
        credentials.privateKey
    );
    const response = await fetch(`${emulator.url}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
            grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
            assertion: `${input}.${signature.toString('base64url')}`
        }).toString()
    });
    const body = (await response.json()) as {
        access_token?: string;
        instance_url?: string;
        error?: string;
        error_description?: string;
    };
    if (!response.ok || !body.access_token) {
        throw new Error(
            `JWT bearer login as ${username} refused: ${body.error ?? response.status} ${body.error_description ?? ''}`
        );
    }
    return new Connection({
        instanceUrl: body.instance_url ?? emulator.url,
        accessToken: body.access_token,
        version
    });
}

/**
 * The grant given on purpose: a permission set with Delete on cases and Edit on contacts, as a
 * vendor's setup guide might ask, assigned to the integration user.
 */
export async function grantExtraAccess(
    admin: Connection,
    userId: string
): Promise<void> {
    const set = (await admin.sobject('PermissionSet').create({
        Name: EXTRA_SET,
        Label: 'Vendor Requested Access',
        Description:
            "Asked for by the vendor's setup guide: delete cases, edit contacts."
    })) as { id: string };
    await admin.sobject('ObjectPermissions').create([
        {
            ParentId: set.id,
            SobjectType: 'Case',
            PermissionsRead: true,
            PermissionsEdit: true,
            PermissionsDelete: true
        },
        {
            ParentId: set.id,
            SobjectType: 'Contact',
            PermissionsRead: true,
            PermissionsEdit: true
        }
    ]);
    await admin
        .sobject('PermissionSetAssignment')
        .create({ AssigneeId: userId, PermissionSetId: set.id });
}

/** A few customer accounts and contacts for the sync to read (the admin's, not the integration's). */
async function seedCustomers(admin: Connection): Promise<void> {
    const accounts = (await admin.sobject('Account').create(
        ['Acme', 'Globex', 'Initech'].map((Name) => ({
            Name,
            Industry: 'Manufacturing'
        }))
    )) as Array<{ id: string }>;
    await admin.sobject('Contact').create(
        accounts.map((account, i) => ({
            LastName: `Customer ${i + 1}`,
            Email: `customer${i + 1}@example.com`,
            AccountId: account.id
        }))
    );
}

interface SyncState {
    openCases: string[];
}

/** One night's sync as the integration user: read users, accounts, contacts; create, update cases. */
async function nightlySync(
    conn: Connection,
    day: number,
    state: SyncState
): Promise<void> {
    await conn.query('SELECT Id, Name, Email FROM User WHERE IsActive = true');
    await conn.query(
        'SELECT Id, Name, Industry FROM Account ORDER BY Name LIMIT 200'
    );
    const contacts = await conn.query<{
        Id: string;
        Email: string;
        AccountId: string;
    }>('SELECT Id, Email, AccountId FROM Contact LIMIT 200');
    const contact = contacts.records[day % contacts.records.length];
    for (let i = 0; i < 2; i++) {
        const created = (await conn.sobject('Case').create({
            Subject: `Portal request ${day}.${i + 1}`,
            Description: 'Raised in the customer portal',
            Origin: 'Web',
            ContactId: contact?.Id ?? null,
            AccountId: contact?.AccountId ?? null
        })) as { id: string };
        state.openCases.push(created.id);
    }
    const previous = state.openCases.splice(0, 2);
    if (previous.length > 0 && day > 0) {
        await conn.sobject('Case').update(
            previous.map((Id) => ({ Id, Priority: 'High' })),
            { allOrNone: false }
        );
    }
}

export interface SyncSummary {
    days: number;
    requests: number;
    files: number;
}

/**
 * Replays SYNC_DAYS nights of the sync, each as the integration user through the JWT bearer
 * flow, and writes each day's ApiTotalUsage file (emulator-only day close).
 */
export async function replaySyncs(input: {
    emulator: EmulatorHandle;
    admin: Connection;
    clock: DemoClock;
    credentials: DemoCredentials;
    username: string;
    version: string;
}): Promise<SyncSummary> {
    const { emulator, clock } = input;
    await seedCustomers(input.admin);
    const state: SyncState = { openCases: [] };
    let requests = 0;
    let files = 0;
    for (let daysAgo = SYNC_DAYS; daysAgo >= 1; daysAgo--) {
        clock.daysAgo(daysAgo);
        const day = clock.now().toISOString().slice(0, 10);
        const conn = await jwtLogin(
            emulator,
            input.credentials,
            input.username,
            clock.now(),
            input.version
        );
        await nightlySync(conn, SYNC_DAYS - daysAgo, state);
        const closed = emulator.eventLog.closeDay(day);
        requests += closed.rows;
        files += closed.id ? 1 : 0;
    }
    clock.daysAgo(0);
    return { days: SYNC_DAYS, requests, files };
}

export interface StoryContext {
    emulator: EmulatorHandle;
    admin: Connection;
    clock: DemoClock;
    credentials: DemoCredentials;
    username: string;
    version: string;
    /** A fresh folder for the usage store and the suggested contract. */
    workDir: string;
    say: (line?: string) => void;
    heading: (title: string) => void;
}

/**
 * Runs a kit command's work in-process against the emulator (SF_INSTANCE_URL + SF_ACCESS_TOKEN),
 * as `npm run <name> -- <argv>` runs it (the plugin's command class calls the same function), and
 * prints its report as the command does.
 */
async function runCommand<R>(
    context: StoryContext,
    display: string,
    work: () => Promise<CommandOutcome<R>>
): Promise<CommandOutcome<R>> {
    context.say(`$ ${display}`);
    const saved = {
        url: process.env.SF_INSTANCE_URL,
        token: process.env.SF_ACCESS_TOKEN
    };
    process.env.SF_INSTANCE_URL = context.emulator.url;
    process.env.SF_ACCESS_TOKEN = context.emulator.accessToken;
    try {
        const outcome = await work();
        process.stdout.write(outcome.human);
        return outcome;
    } finally {
        restore('SF_INSTANCE_URL', saved.url);
        restore('SF_ACCESS_TOKEN', saved.token);
    }
}

function restore(name: string, value: string | undefined): void {
    if (value === undefined) {
        delete process.env[name];
    } else {
        process.env[name] = value;
    }
}

/** The whole story; true when verify --usage names the grant given on purpose as unused. */
export async function runUsageStory(context: StoryContext): Promise<boolean> {
    const { say, heading } = context;
    const storyStarted = performance.now();
    heading('Least privilege from evidence (ApiTotalUsage logs)');
    const userId = (
        await context.admin.query<{ Id: string }>(
            `SELECT Id FROM User WHERE Username = '${context.username}'`
        )
    ).records[0]?.Id;
    if (!userId) {
        throw new Error(`no user ${context.username} to run the sync as`);
    }
    context.clock.daysAgo(SYNC_DAYS + 1);
    await grantExtraAccess(context.admin, userId);
    say(
        `${SYNC_DAYS + 1} days ago, "because the vendor's setup guide asked for it", the user also got`
    );
    say(
        `permission set ${EXTRA_SET}: Delete on Case, Edit on Contact (given on purpose).`
    );
    const started = performance.now();
    const sync = await replaySyncs({ ...context });
    const replayMs = performance.now() - started;
    say(
        `Replayed ${sync.days} nightly syncs on the emulator's clock, each as ${context.username}`
    );
    say(
        `through the JWT bearer flow of the ${APP} app: read User, Account, Contact; create and`
    );
    say(
        `update Cases. ${sync.requests} API requests, ${sync.files} daily ApiTotalUsage log files (each day closed`
    );
    say(
        `with the emulator-only close; a real org writes them by itself) in ${(replayMs / 1000).toFixed(1)} s.`
    );
    say();
    const store = `${context.workDir}/store`;
    const collected = await runCommand(
        context,
        `npm run usage -- collect --store ${store}`,
        () => usageCollectCommand({ store })
    );
    say();
    const suggested = `${context.workDir}/usage-contract.json`;
    const suggestion = await runCommand(
        context,
        `npm run contract -- suggest --user ${context.username} --store ${store} --app ${APP} --out ${suggested}`,
        () =>
            contractSuggestCommand({
                user: context.username,
                store,
                app: APP,
                out: suggested
            })
    );
    say();
    const unused = await verifyWithUsage(context, store, suggested);
    say();
    if (unused.length > 0) {
        say(
            `The grant given on purpose shows up as granted but unused: ${unused.join(', ')}.`
        );
        say(
            'Review the suggested contract, remove the unused grants at their source, verify again.'
        );
    }
    say(
        `(This part of the demo took ${((performance.now() - storyStarted) / 1000).toFixed(1)} s.)`
    );
    return collected.code === 0 && suggestion.code === 0 && unused.length > 0;
}

/**
 * `npm run verify -- --user <u> --contract <suggested> --usage --store <store>`, keeping the report
 * to find the usage findings that name the permission set given on purpose.
 */
async function verifyWithUsage(
    context: StoryContext,
    store: string,
    contractFile: string
): Promise<string[]> {
    const { result: report }: CommandOutcome<VerifyReport> = await runCommand(
        context,
        `npm run verify -- --user ${context.username} --contract ${contractFile} --usage --store ${store}`,
        () =>
            verifyCommand({
                user: [context.username],
                contract: [contractFile],
                usage: true,
                store
            })
    );
    return report.users
        .flatMap((user) => user.results)
        .filter(
            (result) =>
                result.rule.startsWith('usage.unused.') &&
                result.grantedBy.some((grant) =>
                    JSON.stringify(grant).includes(EXTRA_SET)
                )
        )
        .map((result) => result.rule);
}
