import { Flags } from '@salesforce/sf-plugins-core';
import type { ApexReport } from '../../../../src/commands/validate-apex.js';
import { KitCommand, describe, messagesFor } from '../../base.js';

const messages = messagesFor('casekit.validate.apex');

export default class ValidateApex extends KitCommand<ApexReport> {
    public static override readonly summary = describe(messages).summary;
    public static override readonly description =
        describe(messages).description;
    public static override readonly examples = describe(messages).examples;
    protected static override failureName = 'ApexFindings' as const;
    public static override readonly flags = {
        'project-dir': Flags.directory({
            summary: messages.getMessage('flags.project-dir.summary'),
            default: '.',
            exists: true
        }),
        'no-policy': Flags.boolean({
            summary: messages.getMessage('flags.no-policy.summary'),
            default: false
        })
    };

    public async run(): Promise<ApexReport> {
        const { flags } = await this.parse(ValidateApex);
        // Loaded here, not at the top: the validators' libraries are large, and oclif loads every
        // command class to list them.
        const { validateApexCommand } =
            await import('../../../../src/commands/validate-apex.js');
        return this.finish(await validateApexCommand(flags));
    }
}
