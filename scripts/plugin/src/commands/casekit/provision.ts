import { Flags } from '@salesforce/sf-plugins-core';
import {
    provisionCommand,
    type ProvisionCommandResult
} from '../../../../src/commands/provision.js';
import {
    KitCommand,
    describe,
    dryRunFlag,
    messagesFor,
    targetOrgFlag
} from '../../base.js';

const messages = messagesFor('casekit.provision');

export default class Provision extends KitCommand<ProvisionCommandResult> {
    public static override readonly summary = describe(messages).summary;
    public static override readonly description =
        describe(messages).description;
    public static override readonly examples = describe(messages).examples;
    public static override readonly flags = {
        'target-org': targetOrgFlag,
        'dry-run': dryRunFlag,
        definition: Flags.file({
            summary: messages.getMessage('flags.definition.summary'),
            default: 'config/api-user.json'
        }),
        email: Flags.string({
            summary: messages.getMessage('flags.email.summary')
        }),
        'unique-username': Flags.boolean({
            summary: messages.getMessage('flags.unique-username.summary'),
            default: false
        }),
        adopt: Flags.boolean({
            summary: messages.getMessage('flags.adopt.summary'),
            default: false
        })
    };

    public async run(): Promise<ProvisionCommandResult> {
        const { flags } = await this.parse(Provision);
        return this.finish(await provisionCommand(flags));
    }
}
