import type { Finding } from './findings';
import { formatFinding } from './findings';

/** sf CLI exit codes: 0 success, 1 failure, 68 partial success. */
export const EXIT = { ok: 0, failure: 1, partial: 68 } as const;

/** Prints one sf-style JSON document: `{ status, result, warnings }`. */
export function printJson(
    status: number,
    result: unknown,
    warnings: string[] = []
): void {
    process.stdout.write(
        `${JSON.stringify({ status, result, warnings }, null, 2)}\n`
    );
}

/** Prints findings one a line, then a summary line. */
export function printFindings(
    title: string,
    findings: Finding[],
    checked: string
): void {
    for (const finding of findings) {
        process.stdout.write(`${formatFinding(finding)}\n`);
    }
    const summary =
        findings.length === 0
            ? `${title}: ok (${checked})`
            : `${title}: ${findings.length} problem${findings.length === 1 ? '' : 's'} (${checked})`;
    process.stdout.write(`${summary}\n`);
}

/**
 * Runs a command's main, turning an uncaught error into a clear message and exit 1; with
 * `--json`, the error is the one JSON document on stdout, as the sf CLI prints it.
 */
export function runMain(main: () => Promise<number>): void {
    main().then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            const message =
                error instanceof Error ? error.message : String(error);
            const name =
                (error as { errorCode?: string }).errorCode ??
                (error instanceof Error ? error.name : 'Error');
            if (process.argv.includes('--json')) {
                const document = {
                    status: EXIT.failure,
                    name,
                    message,
                    exitCode: EXIT.failure,
                    warnings: []
                };
                process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
            } else {
                process.stderr.write(`Error (${name}): ${message}\n`);
            }
            process.exitCode = EXIT.failure;
        }
    );
}
