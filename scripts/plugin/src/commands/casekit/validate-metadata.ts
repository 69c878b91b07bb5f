import { Flags } from '@salesforce/sf-plugins-core';
import type { MetadataReport } from '../../../../src/commands/validate-metadata.js';
import { KitCommand, describe, messagesFor } from '../../base.js';

const messages = messagesFor('casekit.validate.metadata');

export default class ValidateMetadata extends KitCommand<MetadataReport> {
    public static override readonly summary = describe(messages).summary;
    public static override readonly description =
        describe(messages).description;
    public static override readonly examples = describe(messages).examples;
    protected static override failureName = 'MetadataFindings' as const;
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

    public async run(): Promise<MetadataReport> {
        const { flags } = await this.parse(ValidateMetadata);
        // Loaded here, not at the top: the validators' libraries are large, and oclif loads every
        // command class to list them.
        const { validateMetadataCommand } =
            await import('../../../../src/commands/validate-metadata.js');
        return this.finish(await validateMetadataCommand(flags));
    }
}
