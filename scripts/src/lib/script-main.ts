// The scratch-org CI job's own steps (npm run scratch:portal-site, scratch:portal-smoke) are not
// admin commands (those are `sf casekit ...` classes in scripts/plugin): they run only inside the
// workflow, so a plain main with one clear error line is all they need.

/** A CI step: its argv in, its exit code out. */
export type ScriptMain = (argv: string[]) => Promise<number>;

/** Runs `main` when `mod` is the file Node was started with (`tsx <file>`), never on import. */
export function runScript(mod: NodeModule, main: ScriptMain): void {
    if (require.main !== mod) {
        return;
    }
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (error: unknown) => {
            process.stderr.write(
                `Error: ${error instanceof Error ? error.message : String(error)}\n`
            );
            process.exitCode = 1;
        }
    );
}
