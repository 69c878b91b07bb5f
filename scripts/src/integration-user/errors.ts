/** A credentials failure with a code for the JSON error document (`name`) and a clear message. */
export class CredentialsError extends Error {
    constructor(
        readonly errorCode:
            | 'UNKNOWN_USER'
            | 'NOT_API_ONLY'
            | 'PASSWORD_REJECTED'
            | 'NO_OAUTH_GRANT'
            | 'BAD_ARGUMENT'
            | 'SECRET_FILE'
            | 'OPENSSL_FAILED'
            | 'DEPLOY_FAILED',
        message: string
    ) {
        super(message);
        this.name = errorCode;
    }
}
