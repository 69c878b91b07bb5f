// Exit codes and the plain JSON document for the scratch-org CI steps (scripts/src/commands/
// scratch-portal-*.ts); every admin command runs through scripts/plugin (SfCommand), which prints
// the sf envelope itself.

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
