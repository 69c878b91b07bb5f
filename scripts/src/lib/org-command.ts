import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, ORG_COMMAND_FLAGS, printJson, type Command } from './cli';

type Options = NonNullable<ParseArgsConfig['options']>;

// Every org command takes -o, --json and -h; the commands that write add --dry-run.
const { 'dry-run': dryRun, ...COMMON } = ORG_COMMAND_FLAGS;

/** `--dry-run`, for the commands that write. */
export const DRY_RUN_FLAG = { 'dry-run': dryRun } as const;

type Values<O extends Options> = ReturnType<
    typeof parseArgs<{ args: string[]; options: O & typeof COMMON }>
>['values'];

export interface OrgCommandOutcome {
    code: number;
    /** The `result` of the `--json` document. */
    result: unknown;
    /** What people read without `--json`. */
    human: string;
}

/**
 * The shape of the org commands (provision, assign, verify): `-o/--target-org`, `--json` and
 * `-h/--help` plus the command's own flags; help prints the usage; the work returns its exit code,
 * its JSON result and its human report, and exactly one of the two is printed.
 */
export function orgCommand<O extends Options>(spec: {
    usage: string;
    options: O;
    run: (values: Values<O>) => Promise<OrgCommandOutcome>;
}): Command {
    return async (argv) => {
        const { values } = parseArgs({
            args: argv,
            options: { ...COMMON, ...spec.options }
        });
        const flags = values as { help?: boolean; json?: boolean };
        if (flags.help) {
            process.stdout.write(`${spec.usage}\n`);
            return EXIT.ok;
        }
        const outcome = await spec.run(values as Values<O>);
        if (flags.json) {
            printJson(outcome.code, outcome.result);
        } else {
            process.stdout.write(outcome.human);
        }
        return outcome.code;
    };
}
