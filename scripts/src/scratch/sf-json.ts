/**
 * Reading the JSON documents that `sf … --json` (and the project's own commands with `--json`)
 * print: `{status, result, warnings}` on success, `{name, message, status, exitCode, actions, …}`
 * on error.
 */

export type JsonValue =
    | null
    | boolean
    | number
    | string
    | JsonValue[]
    | { [key: string]: JsonValue };

export type JsonObject = { [key: string]: JsonValue };

export function isObject(value: unknown): value is JsonObject {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * The JSON document in a command's output. sf prints exactly one; tolerate colour codes and lines
 * some tools print before it (npm notices, warnings), by trying from each line that starts with `{`.
 */
export function parseJsonOutput(text: string): JsonObject | undefined {
    const clean = text.replace(ANSI, '').trim();
    if (clean === '') {
        return undefined;
    }
    const candidates = [clean];
    const lines = clean.split('\n');
    lines.forEach((line, index) => {
        if (index > 0 && line.startsWith('{')) {
            candidates.push(lines.slice(index).join('\n'));
        }
    });
    for (const candidate of candidates) {
        try {
            const parsed: unknown = JSON.parse(candidate);
            if (isObject(parsed)) {
                return parsed as JsonObject;
            }
        } catch {
            // try the next candidate
        }
    }
    return undefined;
}

/** The value at a dotted path (`result.summary.orgWideCoverage`), or undefined. */
export function valueAt(
    document: JsonValue | undefined,
    dottedPath: string
): JsonValue | undefined {
    let current: JsonValue | undefined = document;
    for (const key of dottedPath.split('.')) {
        if (!isObject(current)) {
            return undefined;
        }
        current = current[key];
    }
    return current;
}

function text(value: JsonValue | undefined): string | undefined {
    return typeof value === 'string' && value.trim() !== ''
        ? value.trim()
        : undefined;
}

function firstLines(lines: string[], limit = 5): string {
    const shown = lines.slice(0, limit);
    const more =
        lines.length > limit ? [`… and ${lines.length - limit} more`] : [];
    return [...shown, ...more].join('\n');
}

/** Component failures of `sf project deploy start --json`. */
function deployFailures(result: JsonObject): string[] {
    const files = result.files;
    const fromFiles = Array.isArray(files)
        ? files.filter(isObject).filter((file) => file.state === 'Failed')
        : [];
    return fromFiles.map((file) => {
        const where = [text(file.type), text(file.fullName)]
            .filter(Boolean)
            .join(' ');
        const line =
            typeof file.lineNumber === 'number' ? `:${file.lineNumber}` : '';
        const path = text(file.filePath);
        return `${where}${path ? ` (${path}${line})` : ''}: ${text(file.error) ?? 'failed'}`;
    });
}

/** Failed test methods of `sf apex run test --json`. */
function apexFailures(result: JsonObject): string[] {
    const tests = Array.isArray(result.tests)
        ? result.tests.filter(isObject)
        : [];
    return tests
        .filter(
            (test) => test.Outcome === 'Fail' || test.Outcome === 'CompileFail'
        )
        .map(
            (test) =>
                `${text(test.FullName) ?? 'test'}: ${text(test.Message) ?? 'failed'}`
        );
}

/** Failed rules of `npm run verify -- --json`. */
function verifyFailures(result: JsonObject): string[] {
    const users = Array.isArray(result.users)
        ? result.users.filter(isObject)
        : [];
    return users.flatMap((user) => {
        const results = Array.isArray(user.results)
            ? user.results.filter(isObject)
            : [];
        return results
            .filter((rule) => rule.status === 'fail')
            .map(
                (rule) =>
                    `${text(user.username) ?? 'user'} ${text(rule.rule) ?? 'rule'}: expected ${text(rule.expected) ?? '?'}, actual ${text(rule.actual) ?? '?'}`
            );
    });
}

/**
 * The command's own explanation of a failure: sf's error `name: message` (and its first
 * suggested action), else what its result says failed (deploy components, Apex tests, verify rules).
 */
export function failureMessage(
    document: JsonObject | undefined
): string | undefined {
    if (!document) {
        return undefined;
    }
    const message = text(document.message);
    if (message) {
        const name = text(document.name);
        const actions = Array.isArray(document.actions)
            ? document.actions.map((action) => text(action)).filter(Boolean)
            : [];
        const action = actions.length > 0 ? `\nTry this: ${actions[0]}` : '';
        return `${name && name !== 'Error' ? `${name}: ` : ''}${message}${action}`;
    }
    const result = document.result;
    if (!isObject(result)) {
        return undefined;
    }
    const deploy = deployFailures(result);
    if (deploy.length > 0) {
        return `Deploy failed:\n${firstLines(deploy)}`;
    }
    const summary = result.summary;
    if (isObject(summary) && summary.outcome === 'Failed') {
        const failing =
            typeof summary.failing === 'number' ? summary.failing : '?';
        const ran =
            typeof summary.testsRan === 'number' ? summary.testsRan : '?';
        return `Apex tests failed: ${failing} of ${ran} failing\n${firstLines(apexFailures(result))}`;
    }
    const verify = verifyFailures(result);
    if (verify.length > 0) {
        return `Access verification failed:\n${firstLines(verify)}`;
    }
    if (typeof result.status === 'string' && result.status !== 'Succeeded') {
        return `status ${result.status}`;
    }
    return undefined;
}

/** Whether a parsed document reports failure (non-zero `status`). */
export function reportsFailure(document: JsonObject | undefined): boolean {
    return typeof document?.status === 'number' && document.status !== 0;
}
