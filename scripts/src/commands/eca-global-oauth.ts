import {
    writeEcaGlobalOauth,
    type EcaGlobalOauthResult
} from '../eca/global-oauth';
import type { CommandOutcome } from '../lib/command';
import { badArgument } from '../lib/errors';

/** `sf casekit eca global-oauth` / `npm run eca:global-oauth`: the flags. */
export interface EcaGlobalOauthFlags {
    'callback-url'?: string;
    certificate?: string;
    'client-credentials-user'?: string;
    'pkce-optional': boolean;
    app: string;
    'output-dir'?: string;
    'project-dir': string;
}

/** Human-readable lines for a result. */
export function formatResult(result: EcaGlobalOauthResult): string {
    const lines = result.files.map((file) => `wrote ${file}`);
    lines.push(`OAuth flows: ${result.flows.join(', ')}`);
    if (result.certificate) {
        lines.push(
            `JWT bearer certificate: ${result.certificate.subject}, valid to ${result.certificate.validTo}, SHA-256 ${result.certificate.fingerprint256}`
        );
    }
    if (result.clientCredentialsUser) {
        lines.push(
            `client credentials flow runs as ${result.clientCredentialsUser}`
        );
    }
    lines.push(`next: ${result.deployCommand}`);
    return `${lines.join('\n')}\n`;
}

/** Writes the settings; errors (bad URL, a private key given as the certificate) are InputError. */
export function ecaGlobalOauthCommand(
    flags: EcaGlobalOauthFlags
): CommandOutcome<EcaGlobalOauthResult> {
    if (
        flags['callback-url'] === undefined &&
        flags.certificate === undefined &&
        flags['client-credentials-user'] === undefined
    ) {
        throw badArgument(
            'choose a flow: --certificate (JWT bearer) and/or --client-credentials-user (client credentials); --callback-url opts in to the web-server flow'
        );
    }
    const result = writeEcaGlobalOauth({
        callbackUrl: flags['callback-url'],
        certificateFile: flags.certificate,
        clientCredentialsUser: flags['client-credentials-user'],
        pkceRequired: !flags['pkce-optional'],
        app: flags.app,
        outputDir: flags['output-dir'],
        projectDir: flags['project-dir']
    });
    return {
        code: 0,
        result,
        human: formatResult(result),
        warnings: result.warnings
    };
}
