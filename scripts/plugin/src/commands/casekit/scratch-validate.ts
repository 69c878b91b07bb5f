import { Flags } from '@salesforce/sf-plugins-core';
import {
    MIN_ORG_WIDE_COVERAGE,
    SCRATCH_STEPS,
    scratchValidateCommand,
    type CoverageVerdict
} from '../../../../src/commands/scratch-validate.js';
import type { ValidationReport } from '../../../../src/scratch/runner.js';
import { KitCommand, messagesFor } from '../../base.js';

const messages = messagesFor('casekit.scratch.validate');

type Result = ValidationReport | CoverageVerdict;

export default class ScratchValidate extends KitCommand<Result> {
    public static override readonly summary = messages.getMessage('summary');
    public static override readonly description = messages.getMessage(
        'description',
        [
            SCRATCH_STEPS.map(
                (step, index) => `  ${index + 1}. ${step.title}`
            ).join('\n')
        ]
    );
    public static override readonly examples = messages.getMessages('examples');
    protected static override failureName = 'ScratchValidationFailed' as const;
    public static override readonly flags = {
        'dev-hub': Flags.string({
            char: 'v',
            summary: messages.getMessage('flags.dev-hub.summary')
        }),
        alias: Flags.string({
            char: 'a',
            summary: messages.getMessage('flags.alias.summary')
        }),
        'duration-days': Flags.integer({
            char: 'y',
            summary: messages.getMessage('flags.duration-days.summary'),
            min: 1,
            max: 30,
            default: 1
        }),
        keep: Flags.boolean({
            summary: messages.getMessage('flags.keep.summary'),
            default: false
        }),
        'reports-dir': Flags.directory({
            summary: messages.getMessage('flags.reports-dir.summary'),
            default: 'reports/scratch'
        }),
        'check-coverage': Flags.file({
            summary: messages.getMessage('flags.check-coverage.summary'),
            exists: true
        }),
        'min-coverage': Flags.integer({
            summary: messages.getMessage('flags.min-coverage.summary'),
            min: 0,
            max: 100,
            default: MIN_ORG_WIDE_COVERAGE
        })
    };

    public async run(): Promise<Result> {
        const { flags } = await this.parse(ScratchValidate);
        if (flags['check-coverage'] !== undefined) {
            this.failureNameOverride = 'CoverageGate';
        }
        return this.finish(
            await scratchValidateCommand({ ...flags, json: this.jsonEnabled() })
        );
    }
}
