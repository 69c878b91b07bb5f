// The kit's named errors: what a command reports as the `name` of the sf CLI's JSON error
// envelope, with what to run next (`actions`). The names are a contract: scripts and CI match
// on them, so a name never changes meaning.

/** Every name a kit command reports, and what it means. */
export const ERROR_NAMES = {
    BadArgument:
        'a flag or its value is wrong (unknown flag, missing value, bad format)',
    NoOrg: 'no org to work on: no --target-org, no default org, no SF_INSTANCE_URL + SF_ACCESS_TOKEN',
    OrgNotFound:
        'the --target-org alias or username is not in the sf CLI auth store',
    NotFound: 'a user, file or component the command needs does not exist',
    Connection: 'the org could not be reached; nothing was sent',
    AmbiguousWrite:
        'a write was sent and its answer lost; the org was re-read where possible',
    Query: 'a query the command needs failed in the org',
    BadContract:
        'an access contract file is invalid (names the file and the path)',
    BadDefinition: 'the API user definition file is invalid',
    BadProject:
        'sfdx-project.json is missing or invalid (names the file and the field)',
    ProvisionBlocked:
        'provision cannot go on without a decision from the admin (licence, user)',
    AccessFindings: 'verify found rules that fail: the report is in `result`',
    AssignFailed: 'no assignment landed: the report is in `result`',
    MetadataFindings:
        'validate metadata found problems: the report is in `result`',
    ApexFindings: 'validate apex found problems: the report is in `result`',
    CredentialsCheckFailed:
        'a credentials action ran and its check failed: the outcome is in `result`',
    PasswordRejected: 'the org rejected the new password under its policy',
    NotApiOnly:
        'the user is not API-only, so the kit will not touch its password',
    NoOAuthGrant: 'no OAuth grant to revoke for that token',
    SecretFile: 'a secret file could not be read or written safely',
    ReportFile:
        'a report file a flag names (--junit, --out) could not be written; the report is still printed',
    OpenSsl: 'openssl failed while making a certificate',
    DeployFailed: 'a deploy the command ran failed',
    ScratchValidationFailed:
        'a step of the scratch-org validation failed: the report is in `result`',
    CoverageGate:
        'Apex tests failed or coverage is under the minimum: the verdict is in `result`',
    Unexpected:
        'an error the kit did not expect (a bug: please report it with the message)'
} as const;

export type KitErrorName = keyof typeof ERROR_NAMES;

export interface KitErrorOptions {
    /** What to run or change next, one sentence each. */
    actions?: string[];
    /** The command's result when it ran to the end and failed (verify's report, ...). */
    result?: unknown;
    /** A finer code where one exists (Salesforce's errorCode, the credentials codes). */
    code?: string;
    /** 1 unless said otherwise. */
    exitCode?: number;
}

/** An error a kit command reports by name, with what to do next. */
export class KitError extends Error {
    readonly actions: string[] | undefined;
    readonly result: unknown;
    readonly code: string | undefined;
    readonly exitCode: number;

    constructor(
        name: KitErrorName,
        message: string,
        options: KitErrorOptions = {}
    ) {
        super(message);
        this.name = name;
        this.actions = options.actions;
        this.result = options.result;
        this.code = options.code;
        this.exitCode = options.exitCode ?? 1;
    }
}

/** `new KitError('BadArgument', ...)`, the most common one. */
export function badArgument(message: string, actions?: string[]): KitError {
    return new KitError('BadArgument', message, { actions });
}
