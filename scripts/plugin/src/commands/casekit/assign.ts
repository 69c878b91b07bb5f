import { Flags } from '@salesforce/sf-plugins-core';
import type { PackageAssignReport } from '../../../../src/assign/package-licenses.js';
import type { AssignReport } from '../../../../src/assign/types.js';
import { assignCommand } from '../../../../src/commands/assign.js';
import {
    KitCommand,
    describe,
    dryRunFlag,
    messagesFor,
    targetOrgFlag
} from '../../base.js';

const messages = messagesFor('casekit.assign');
const USER_SOURCES = ['users', 'users-file', 'where'];

export default class Assign extends KitCommand<
    AssignReport | PackageAssignReport
> {
    public static override readonly summary = describe(messages).summary;
    public static override readonly description =
        describe(messages).description;
    public static override readonly examples = describe(messages).examples;
    protected static override failureName = 'AssignFailed' as const;
    public static override readonly flags = {
        'target-org': targetOrgFlag,
        'dry-run': dryRunFlag,
        'permission-set': Flags.string({
            summary: messages.getMessage('flags.permission-set.summary'),
            multiple: true
        }),
        'permission-set-group': Flags.string({
            summary: messages.getMessage('flags.permission-set-group.summary'),
            multiple: true
        }),
        'permission-set-license': Flags.string({
            summary: messages.getMessage(
                'flags.permission-set-license.summary'
            ),
            multiple: true
        }),
        'package-license': Flags.string({
            summary: messages.getMessage('flags.package-license.summary'),
            description: messages.getMessage(
                'flags.package-license.description'
            ),
            multiple: true
        }),
        remove: Flags.boolean({
            summary: messages.getMessage('flags.remove.summary'),
            default: false
        }),
        users: Flags.string({
            summary: messages.getMessage('flags.users.summary'),
            exactlyOne: USER_SOURCES
        }),
        'users-file': Flags.file({
            summary: messages.getMessage('flags.users-file.summary'),
            exactlyOne: USER_SOURCES
        }),
        where: Flags.string({
            summary: messages.getMessage('flags.where.summary'),
            exactlyOne: USER_SOURCES
        }),
        'bulk-threshold': Flags.integer({
            summary: messages.getMessage('flags.bulk-threshold.summary'),
            min: 0,
            default: 2000
        })
    };

    public async run(): Promise<AssignReport | PackageAssignReport> {
        const { flags } = await this.parse(Assign);
        // SfCommand exits 130 at once on SIGINT (its own listener). assign handles the signal
        // itself: it aborts a running Bulk API 2.0 job, re-reads what the org holds, prints that
        // summary and then exits 130 (issue 20, item 5). So SfCommand's listeners step aside for
        // the run and come back after it.
        const inherited = process.listeners('SIGINT');
        process.removeAllListeners('SIGINT');
        try {
            return this.finish(await assignCommand(flags, this.ui()));
        } finally {
            for (const listener of inherited) {
                process.on('SIGINT', listener);
            }
        }
    }
}
