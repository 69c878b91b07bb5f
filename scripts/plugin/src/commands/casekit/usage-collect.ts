import { Flags } from '@salesforce/sf-plugins-core';
import { usageCollectCommand } from '../../../../src/commands/usage.js';
import type { CollectResult } from '../../../../src/usage/collect.js';
import {
    KitCommand,
    describe,
    messagesFor,
    targetOrgFlag
} from '../../base.js';

const messages = messagesFor('casekit.usage.collect');

export default class UsageCollect extends KitCommand<CollectResult> {
    public static override readonly summary = describe(messages).summary;
    public static override readonly description =
        describe(messages).description;
    public static override readonly examples = describe(messages).examples;
    public static override readonly flags = {
        'target-org': targetOrgFlag,
        store: Flags.directory({
            summary: messages.getMessage('flags.store.summary')
        })
    };

    public async run(): Promise<CollectResult> {
        const { flags } = await this.parse(UsageCollect);
        return this.finish(await usageCollectCommand(flags, this.ui()));
    }
}
