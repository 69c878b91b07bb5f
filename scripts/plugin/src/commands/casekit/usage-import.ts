import { Args } from '@oclif/core';
import { Flags } from '@salesforce/sf-plugins-core';
import { usageImportCommand } from '../../../../src/commands/usage.js';
import type { ImportResult } from '../../../../src/usage/import.js';
import { KitCommand, describe, messagesFor } from '../../base.js';

const messages = messagesFor('casekit.usage.import');

export default class UsageImport extends KitCommand<ImportResult> {
    public static override readonly summary = describe(messages).summary;
    public static override readonly description =
        describe(messages).description;
    public static override readonly examples = describe(messages).examples;
    // Any number of files: oclif's way for variadic arguments is a non-strict command, its
    // arguments in `argv`.
    public static override readonly strict = false;
    public static override readonly args = {
        files: Args.file({
            description: messages.getMessage('args.files.description'),
            required: true
        })
    };
    public static override readonly flags = {
        store: Flags.directory({
            summary: messages.getMessage('flags.store.summary')
        })
    };

    public async run(): Promise<ImportResult> {
        const { flags, argv } = await this.parse(UsageImport);
        // oclif still refuses an unknown flag (Nonexistent flag) in a non-strict command.
        const files = argv.map(String);
        return this.finish(await usageImportCommand({ ...flags, files }));
    }
}
