import { Flags } from '@salesforce/sf-plugins-core';
import { ecaGlobalOauthCommand } from '../../../../src/commands/eca-global-oauth.js';
import type { EcaGlobalOauthResult } from '../../../../src/eca/global-oauth.js';
import { KitCommand, describe, messagesFor } from '../../base.js';

const messages = messagesFor('casekit.eca.global-oauth');

export default class EcaGlobalOauth extends KitCommand<EcaGlobalOauthResult> {
    public static override readonly summary = describe(messages).summary;
    public static override readonly description =
        describe(messages).description;
    public static override readonly examples = describe(messages).examples;
    public static override readonly flags = {
        'callback-url': Flags.string({
            summary: messages.getMessage('flags.callback-url.summary'),
            description: messages.getMessage('flags.callback-url.description')
        }),
        certificate: Flags.file({
            summary: messages.getMessage('flags.certificate.summary')
        }),
        'client-credentials-user': Flags.string({
            summary: messages.getMessage(
                'flags.client-credentials-user.summary'
            )
        }),
        'pkce-optional': Flags.boolean({
            summary: messages.getMessage('flags.pkce-optional.summary'),
            default: false
        }),
        app: Flags.string({
            summary: messages.getMessage('flags.app.summary'),
            default: 'Case_Portal_Integration'
        }),
        'output-dir': Flags.directory({
            summary: messages.getMessage('flags.output-dir.summary')
        }),
        'project-dir': Flags.directory({
            summary: messages.getMessage('flags.project-dir.summary'),
            default: '.'
        })
    };

    public async run(): Promise<EcaGlobalOauthResult> {
        const { flags } = await this.parse(EcaGlobalOauth);
        return this.finish(ecaGlobalOauthCommand(flags));
    }
}
