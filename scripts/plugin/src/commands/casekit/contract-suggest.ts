import { Flags } from '@salesforce/sf-plugins-core';
import {
    contractSuggestCommand,
    type ContractSuggestResult
} from '../../../../src/commands/contract.js';
import {
    KitCommand,
    describe,
    messagesFor,
    targetOrgFlag
} from '../../base.js';

const messages = messagesFor('casekit.contract.suggest');

export default class ContractSuggest extends KitCommand<ContractSuggestResult> {
    public static override readonly summary = describe(messages).summary;
    public static override readonly description =
        describe(messages).description;
    public static override readonly examples = describe(messages).examples;
    public static override readonly flags = {
        'target-org': targetOrgFlag,
        user: Flags.string({
            summary: messages.getMessage('flags.user.summary'),
            required: true
        }),
        store: Flags.directory({
            summary: messages.getMessage('flags.store.summary')
        }),
        app: Flags.string({
            summary: messages.getMessage('flags.app.summary')
        }),
        since: Flags.string({
            summary: messages.getMessage('flags.since.summary')
        }),
        out: Flags.file({
            summary: messages.getMessage('flags.out.summary')
        })
    };

    public async run(): Promise<ContractSuggestResult> {
        const { flags } = await this.parse(ContractSuggest);
        return this.finish(await contractSuggestCommand(flags));
    }
}
