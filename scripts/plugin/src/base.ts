// The shape every `sf casekit` command shares: the sf CLI's SfCommand (flag parsing, --json, the
// envelope, help), plus what the kit adds: named errors with actions, the work's human report or
// its result, exit codes 0 / 1 / 68, and progress on a terminal only.
import { Messages, SfError } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { CommandOutcome, CommandUi } from '../../src/lib/command.js';
import { KitError, type KitErrorName } from '../../src/lib/errors.js';
import { toKitError } from './errors.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);

/** The package name messages are loaded under (package.json `name`). */
export const PLUGIN = '@case-portal-kit/plugin-casekit';

/** A command's messages: `messages/<bundle>.md`. */
export function messagesFor(bundle: string): Messages<string> {
    return Messages.loadMessages(PLUGIN, bundle);
}

const shared = messagesFor('casekit.shared');

/**
 * `-o/--target-org`: an alias or username from the sf CLI's auth store. Without it the command uses
 * SF_INSTANCE_URL + SF_ACCESS_TOKEN when both are set, else the CLI's default org
 * (`sf config set target-org`); the kit's org layer (scripts/src/org/connect.ts) resolves it.
 */
export const targetOrgFlag = Flags.string({
    char: 'o',
    summary: shared.getMessage('flags.target-org.summary'),
    description: shared.getMessage('flags.target-org.description')
});

/** `--dry-run`, for the commands that write. */
export const dryRunFlag = Flags.boolean({
    summary: shared.getMessage('flags.dry-run.summary'),
    default: false
});

/** The standard statics of a command from its messages file: summary, description, examples. */
export function describe(messages: Messages<string>): {
    summary: string;
    description: string;
    examples: string[];
} {
    return {
        summary: messages.getMessage('summary'),
        description: messages.getMessage('description'),
        examples: messages.getMessages('examples')
    };
}

export abstract class KitCommand<R> extends SfCommand<R> {
    /** The envelope `name` when the work ends with exit code 1 and a result. */
    protected static failureName: KitErrorName = 'Unexpected';
    /** Overrides the static name for one run (a command with two modes). */
    protected failureNameOverride: KitErrorName | undefined;
    private spinning = false;

    /** Progress for long work: a spinner on a terminal; nothing in --json, CI or a pipe. */
    protected ui(): CommandUi {
        const live =
            !this.jsonEnabled() &&
            process.stderr.isTTY === true &&
            !process.env.CI;
        return {
            progress: (message: string): void => {
                if (!live) {
                    return;
                }
                if (this.spinning) {
                    this.spinner.status = message;
                } else {
                    this.spinner.start(message);
                    this.spinning = true;
                }
            }
        };
    }

    /**
     * Prints the work's outcome (the human report, or nothing: SfCommand prints the envelope with
     * --json), sets the exit code and returns the result. Exit 1 becomes the named failure with the
     * result in the envelope; 68 is a partial success, its result in `result` with status 68.
     */
    protected finish(outcome: CommandOutcome<R>): R {
        if (this.spinning) {
            this.spinner.stop();
            this.spinning = false;
        }
        if (!this.jsonEnabled() && outcome.human !== '') {
            this.log(outcome.human.replace(/\n$/, ''));
        }
        for (const warning of outcome.warnings ?? []) {
            this.warn(warning);
        }
        if (outcome.code === 1) {
            const statics = this.constructor as typeof KitCommand;
            throw new KitError(
                outcome.failure?.name ??
                    this.failureNameOverride ??
                    statics.failureName,
                outcome.failure?.message ??
                    'The command failed: see the report.',
                { result: outcome.result, actions: outcome.failure?.actions }
            );
        }
        process.exitCode = outcome.code;
        return outcome.result;
    }

    public override async catch(
        error: Error & { exitCode?: number }
    ): Promise<never> {
        const id = (this.id ?? 'casekit').split(':').join(' ');
        const kit = toKitError(error, id);
        // An SfError passes through SfCommand's catch as it is (no wrapping `cause`); `code` is the
        // finer code where there is one, else the name: the human line reads "Error (<code>): ...".
        const named = new SfError(
            kit.message,
            kit.name,
            kit.actions,
            kit.exitCode
        );
        named.code = kit.code ?? kit.name;
        return super.catch(Object.assign(named, { result: kit.result }));
    }
}
