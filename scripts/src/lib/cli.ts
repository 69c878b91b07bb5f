// What credentials/context.ts still shares with the old command shape (its own flag parsing and
// report); every command now runs through scripts/plugin (SfCommand), which prints the envelope.

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
