import { Flags } from '@salesforce/sf-plugins-core';
import type { VerifyReport } from '../../../../src/access/run-verify.js';
import { verifyCommand } from '../../../../src/commands/verify.js';
import {
    KitCommand,
    describe,
    messagesFor,
    targetOrgFlag
} from '../../base.js';

const messages = messagesFor('casekit.verify');

export default class Verify extends KitCommand<VerifyReport> {
    public static override readonly summary = describe(messages).summary;
    public static override readonly description =
        describe(messages).description;
    public static override readonly examples = describe(messages).examples;
    protected static override failureName = 'AccessFindings' as const;
    public static override readonly flags = {
        'target-org': targetOrgFlag,
        user: Flags.string({
            summary: messages.getMessage('flags.user.summary'),
            multiple: true
        }),
        contract: Flags.file({
            summary: messages.getMessage('flags.contract.summary'),
            multiple: true,
            required: true
        }),
        param: Flags.string({
            summary: messages.getMessage('flags.param.summary'),
            multiple: true
        }),
        junit: Flags.file({
            summary: messages.getMessage('flags.junit.summary')
        }),
        usage: Flags.boolean({
            summary: messages.getMessage('flags.usage.summary'),
            description: messages.getMessage('flags.usage.description'),
            default: false
        }),
        store: Flags.directory({
            summary: messages.getMessage('flags.store.summary')
        }),
        'usage-level': Flags.string({
            summary: messages.getMessage('flags.usage-level.summary'),
            options: ['warn', 'fail']
        }),
        'min-days': Flags.integer({
            summary: messages.getMessage('flags.min-days.summary'),
            min: 1
        }),
        since: Flags.string({
            summary: messages.getMessage('flags.since.summary')
        })
    };

    public async run(): Promise<VerifyReport> {
        const { flags } = await this.parse(Verify);
        return this.finish(await verifyCommand(flags));
    }
}
