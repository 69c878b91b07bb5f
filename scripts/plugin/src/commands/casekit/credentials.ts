// `sf casekit credentials <action>`: one command class per action (connection, set-password, ...),
// made from the action's definition in scripts/src/credentials/ and its messages file
// messages/casekit.credentials.<action>.md. No secret is ever printed or put in --json unless the
// admin asks with --show.
import { Flags } from '@salesforce/sf-plugins-core';
import { ACTIONS } from '../../../../src/credentials/actions.js';
import {
    ActionContext,
    type CredentialsAction,
    type Values
} from '../../../../src/credentials/context.js';
import {
    KitCommand,
    dryRunFlag,
    messagesFor,
    targetOrgFlag
} from '../../base.js';

const common = messagesFor('casekit.credentials');

export type CredentialsResult = Record<string, unknown> & {
    action: string;
    status: string;
};

const COMMON_FLAGS = {
    'target-org': targetOrgFlag,
    'dry-run': dryRunFlag,
    user: Flags.string({ summary: common.getMessage('flags.user.summary') }),
    definition: Flags.file({
        summary: common.getMessage('flags.definition.summary'),
        default: 'config/api-user.json'
    }),
    'project-dir': Flags.directory({
        summary: common.getMessage('flags.project-dir.summary'),
        default: '.'
    })
};

/** The action's own flags, from its option specs: strings (some repeatable) and booleans. */
function ownFlags(
    action: CredentialsAction,
    summary: (name: string) => string
): Record<string, typeof COMMON_FLAGS.user> {
    // Typed as string flags for the record; the parsed values go to the action as `Values`.
    return Object.fromEntries(
        Object.entries(action.options).map(([name, spec]) => [
            name,
            spec.type === 'boolean'
                ? (Flags.boolean({
                      summary: summary(name),
                      default: false
                  }) as unknown as typeof COMMON_FLAGS.user)
                : spec.multiple
                  ? (Flags.string({
                        summary: summary(name),
                        multiple: true
                    }) as unknown as typeof COMMON_FLAGS.user)
                  : Flags.string({ summary: summary(name) })
        ])
    );
}

function credentialsCommand(
    action: CredentialsAction
): typeof KitCommand<CredentialsResult> {
    const messages = messagesFor(`casekit.credentials.${action.name}`);
    const command = class extends KitCommand<CredentialsResult> {
        public static override readonly summary =
            messages.getMessage('summary');
        public static override readonly description =
            messages.getMessage('description');
        public static override readonly examples =
            messages.getMessages('examples');
        protected static override failureName =
            'CredentialsCheckFailed' as const;
        public static override readonly flags = {
            ...COMMON_FLAGS,
            ...ownFlags(action, (name) =>
                messages.getMessage(`flags.${name}.summary`)
            )
        };

        public async run(): Promise<CredentialsResult> {
            const { flags } = await this.parse(command);
            const values: Values = {
                ...(flags as Values),
                json: this.jsonEnabled()
            };
            const outcome = await action.run(new ActionContext(values));
            const code =
                outcome.exitCode ?? (outcome.status === 'partial' ? 68 : 0);
            return this.finish({
                code: code === 1 || code === 68 ? code : 0,
                result: {
                    action: action.name,
                    status: outcome.status,
                    ...outcome.result
                },
                human: `${outcome.lines.join('\n')}\n`,
                warnings: outcome.warnings,
                failure: {
                    message: outcome.lines[outcome.lines.length - 1] ?? ''
                }
            });
        }
    };
    const words = action.name
        .split('-')
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1));
    Object.defineProperty(command, 'name', {
        value: `Credentials${words.join('')}`
    });
    return command;
}

/** `casekit:credentials:<action>` → its command class, in the order the help lists them. */
export const CREDENTIALS_COMMANDS = Object.fromEntries(
    ACTIONS.map((action) => [
        `casekit:credentials:${action.name}`,
        credentialsCommand(action)
    ])
);
