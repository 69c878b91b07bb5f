// The org layer's own errors: what a caller can act on beyond Salesforce's error bodies.

/** A query inside a composite call failed: which one, and Salesforce's error. */
export class QueryError extends Error {
    constructor(
        readonly referenceId: string,
        readonly errorCode: string,
        readonly detail: string
    ) {
        super(`${referenceId}: ${errorCode}: ${detail}`);
    }
}

/** The org could not be reached at all: nothing was sent. Names the URL and the cause. */
export class ConnectionError extends Error {
    constructor(
        readonly url: string,
        readonly reason: string
    ) {
        super(
            `Cannot reach the org at ${url}: ${reason}. Check the instance URL (SF_INSTANCE_URL or the ` +
                'org behind -o), the network and any proxy. Nothing was sent.'
        );
        this.name = 'ConnectionError';
    }
}

/**
 * A write whose answer was lost: the request was sent, then the connection dropped or a 502/503/504
 * came back, so it may or may not have been applied. Retrying blindly could duplicate it or report
 * a false error; the caller re-reads the org instead (DESIGN.md section 5).
 */
export class AmbiguousWriteError extends Error {
    constructor(
        readonly method: string,
        readonly path: string,
        readonly reason: string
    ) {
        super(
            `${method} ${path}: the answer was lost (${reason}) after the request was sent, so it may or may not have been applied.`
        );
        this.name = 'AmbiguousWriteError';
    }
}
