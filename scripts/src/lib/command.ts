import type { KitErrorName } from './errors';

// What a command's work hands back to the command layer (scripts/plugin): the exit code, the
// `result` of the --json envelope, and the report people read. The command layer prints one or
// the other; the work never writes to stdout itself.

/** sf CLI exit codes: 0 success, 1 failure, 68 partial success; 130 stopped by SIGINT (128 + 2). */
export type ExitCode = 0 | 1 | 68 | 130;

export interface CommandOutcome<R> {
    code: ExitCode;
    /** The `result` of the --json envelope. */
    result: R;
    /** What people read without --json (ends with a newline, or is empty). */
    human: string;
    /** Warnings: in the envelope's `warnings`, and on stderr without --json. */
    warnings?: string[];
    /**
     * With code 1: its one-line message, what to do next, and its name when it is not the
     * command's usual failure (a --junit file that cannot be written is ReportFile).
     */
    failure?: { message: string; actions?: string[]; name?: KitErrorName };
}

/** How long work reports progress: a spinner's status on a terminal, nothing in --json or CI. */
export interface CommandUi {
    progress(message: string): void;
}

/** The quiet UI (tests, library callers). */
export const QUIET_UI: CommandUi = { progress: () => undefined };
