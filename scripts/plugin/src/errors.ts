// Every error a command raises, as a named kit error: the sf envelope's `name`, `message`,
// `exitCode` (1) and `actions`. Errors the kit raises by name pass through; the others are named
// here by what they are, never as `Error` or `TypeError`.
import { KitError, type KitErrorName } from '../../src/lib/errors.js';

const BY_CLASS: Record<string, KitErrorName> = {
    ConnectionError: 'Connection',
    AmbiguousWriteError: 'AmbiguousWrite',
    QueryError: 'Query',
    AccessQueryError: 'Query',
    StateQueryError: 'Query',
    ContractError: 'BadContract',
    DefinitionError: 'BadDefinition',
    VerifyError: 'BadArgument',
    InputError: 'BadArgument',
    AssignError: 'NotFound',
    ProvisionError: 'ProvisionBlocked',
    // Least privilege from evidence (scripts/src/usage): a CSV that is not an ApiTotalUsage log or
    // cannot be read is bad input; a store or rows that are not there are not found.
    ImportError: 'BadArgument',
    NotApiTotalUsageError: 'BadArgument',
    StoreError: 'NotFound',
    SuggestError: 'NotFound'
};

/** The credentials codes (CredentialsError.errorCode), kept as `code`, and their names. */
const CREDENTIALS: Record<string, KitErrorName> = {
    UNKNOWN_USER: 'NotFound',
    NOT_API_ONLY: 'NotApiOnly',
    PASSWORD_REJECTED: 'PasswordRejected',
    NO_OAUTH_GRANT: 'NoOAuthGrant',
    BAD_ARGUMENT: 'BadArgument',
    SECRET_FILE: 'SecretFile',
    OPENSSL_FAILED: 'OpenSsl',
    DEPLOY_FAILED: 'DeployFailed'
};

const ACTIONS: Partial<Record<KitErrorName, string[]>> = {
    Connection: [
        'Check the instance URL (SF_INSTANCE_URL or the org behind -o), the network and any proxy, then run the command again.'
    ],
    AmbiguousWrite: [
        'Run the same command again: it re-reads the org and writes only what is missing.'
    ],
    BadContract: [
        'Fix the contract at the path named; its schema is config/access/contract.schema.json.'
    ],
    BadDefinition: [
        'Fix the user definition (config/api-user.json by default) at the field named.'
    ]
};

/** True for oclif's flag and argument parsing errors (unknown flag, missing value, ...). */
function isParseError(error: Error): boolean {
    // A flag value its parser refuses (Flags.integer's min, Flags.file's exists, ...): oclif
    // rewrites the message to "Parsing --<flag> \n\t<reason>" (@oclif/core lib/parser/parse.js).
    return (
        ('parse' in error && 'oclif' in error) ||
        /^Parsing --[\w-]+ \n\t/.test(error.message)
    );
}

/** The error as a named kit error; `command` is the id for the help action, e.g. "casekit verify". */
export function toKitError(error: unknown, command: string): KitError {
    if (error instanceof KitError) {
        return error;
    }
    if (!(error instanceof Error)) {
        return new KitError('Unexpected', String(error));
    }
    const help = `sf ${command} --help (or npm run <script> -- --help) lists the flags`;
    if (isParseError(error)) {
        return new KitError('BadArgument', error.message, { actions: [help] });
    }
    const errorCode = (error as { errorCode?: unknown }).errorCode;
    const className = error.constructor.name;
    if (className === 'CredentialsError' && typeof errorCode === 'string') {
        const name = CREDENTIALS[errorCode] ?? 'Unexpected';
        return new KitError(name, error.message, {
            code: errorCode,
            actions: name === 'BadArgument' ? [help] : undefined
        });
    }
    const name = BY_CLASS[className];
    if (name) {
        return new KitError(name, error.message, {
            code: typeof errorCode === 'string' ? errorCode : undefined,
            actions:
                ACTIONS[name] ?? (name === 'BadArgument' ? [help] : undefined)
        });
    }
    return new KitError('Unexpected', `${error.name}: ${error.message}`, {
        actions: [
            'This is a bug in the kit: report it with this message and the command you ran.'
        ]
    });
}
