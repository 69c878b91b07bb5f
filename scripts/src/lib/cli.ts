import type { Finding } from './findings';
import { formatFinding } from './findings';

/**
 * The flags every org command takes, as the sf CLI spells them: `-o/--target-org`, `--dry-run`,
 * `--json`, `-h/--help`. Spread into a command's `parseArgs` options.
 */
export const ORG_COMMAND_FLAGS = {
    'target-org': { type: 'string', short: 'o' },
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false }
} as const;

/** sf CLI exit codes: 0 success, 1 failure, 68 partial success. */
// 130: stopped by SIGINT (128 + 2, the shell convention), after printing what was written.
export const EXIT = {
    ok: 0,
    failure: 1,
    partial: 68,
    interrupted: 130
} as const;

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

/** A command: parses its own argv, writes to stdout/stderr, returns its exit code. */
export type Command = (argv: string[]) => Promise<number>;

/** The one JSON error document every command prints under `--json`, as the sf CLI prints it. */
export function errorDocument(error: unknown): {
    status: number;
    name: string;
    message: string;
    exitCode: number;
    warnings: string[];
} {
    const message = error instanceof Error ? error.message : String(error);
    const name =
        (error as { errorCode?: string } | undefined)?.errorCode ??
        (error instanceof Error ? error.name : 'Error');
    return {
        status: EXIT.failure,
        name,
        message,
        exitCode: EXIT.failure,
        warnings: []
    };
}

/**
 * Runs a command in-process and returns its exit code: an uncaught error becomes a clear message
 * and exit 1; with `--json` in argv the error is the one JSON document on stdout. Tests call this.
 */
export async function execute(
    command: Command,
    argv: string[]
): Promise<number> {
    try {
        return await command(argv);
    } catch (error) {
        const document = errorDocument(error);
        if (argv.includes('--json')) {
            process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
        } else {
            process.stderr.write(
                `Error (${document.name}): ${document.message}\n`
            );
        }
        return EXIT.failure;
    }
}

/**
 * Runs a command's main, turning an uncaught error into a clear message and exit 1; with
 * `--json`, the error is the one JSON document on stdout, as the sf CLI prints it.
 */
export function runMain(main: () => Promise<number>): void {
    void execute(() => main(), process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}

/**
 * The shape of every command module: `export const run: Command`, then
 * `runIfMain(module, run)`: it runs only when the file is executed (`tsx <file>`), never when a
 * test imports it, so tests call `execute(run, argv)` in-process.
 */
export function runIfMain(mod: NodeModule, command: Command): void {
    if (require.main === mod) {
        void execute(command, process.argv.slice(2)).then((code) => {
            process.exitCode = code;
        });
    }
}
