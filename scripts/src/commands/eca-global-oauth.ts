import { parseArgs } from 'node:util';
import {
    InputError,
    writeEcaGlobalOauth,
    type EcaGlobalOauthOptions,
    type EcaGlobalOauthResult
} from '../eca/global-oauth';
import { EXIT, printJson, runIfMain, type Command } from '../lib/cli';

const USAGE = `Usage: npm run eca:global-oauth -- --certificate <file> | --client-credentials-user <user> [options]

Writes the org-specific global OAuth settings (ExtlClntAppGlobalOauthSettings) and OAuth policy
(ExtlClntAppOauthConfigurablePolicies: admin-approved, pre-authorized by the integration permission
set) of the Case_Portal_Integration external client app as a small deployable SFDX project under
the gitignored .secrets/ folder. The policy lives only here, never in force-app. Nothing it writes is committed, and it never reads, writes or
prints a consumer key, consumer secret or private key: Salesforce generates the key and secret,
and the private key stays with the integration.

Flows (at least one; the defaults are the two an API-only user can use):
  --certificate <file>               X.509 certificate (PEM .crt or DER) whose private key signs the
                                     JWT bearer assertions. Enables the JWT bearer flow.
  --client-credentials-user <user>   Username the client credentials flow runs as (an API-only user).
                                     Enables the flow and writes the OAuth policy with that user.
  --callback-url <url>               Opt-in: the web-server flow's redirect URI (https; http only for
                                     localhost). Needs an interactive login, which an API-only user
                                     cannot do: for a connector that authorizes as a person.

Options:
  --pkce-optional                    Do not require PKCE in the web server flow (default: required).
  --app <name>                       External client app API name (default: Case_Portal_Integration).
  --output-dir <dir>                 Where to write (default: .secrets/eca in the project).
  --project-dir <dir>                The SFDX project (default: .).
  --json                             One JSON document on stdout.
  -h, --help                         This help.

Then deploy:  sf project deploy start --source-dir .secrets/eca --target-org <alias>`;

const OPTIONS = {
    'callback-url': { type: 'string' },
    certificate: { type: 'string' },
    'client-credentials-user': { type: 'string' },
    'pkce-optional': { type: 'boolean', default: false },
    app: { type: 'string', default: 'Case_Portal_Integration' },
    'output-dir': { type: 'string' },
    'project-dir': { type: 'string', default: '.' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false }
} as const;

export function parseOptions(argv: string[]): EcaGlobalOauthOptions | 'help' {
    let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>;
    try {
        parsed = parseArgs({
            args: argv,
            strict: true,
            allowPositionals: false,
            options: OPTIONS
        });
    } catch (error) {
        throw new InputError(
            `${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`
        );
    }
    const values = parsed.values;
    if (values.help) {
        return 'help';
    }
    if (
        values['callback-url'] === undefined &&
        values.certificate === undefined &&
        values['client-credentials-user'] === undefined
    ) {
        throw new InputError(
            `choose a flow: --certificate (JWT bearer) and/or --client-credentials-user (client credentials); --callback-url opts in to the web-server flow\n\n${USAGE}`
        );
    }
    return {
        callbackUrl: values['callback-url'],
        certificateFile: values.certificate,
        clientCredentialsUser: values['client-credentials-user'],
        pkceRequired: !values['pkce-optional'],
        app: values.app,
        outputDir: values['output-dir'],
        projectDir: values['project-dir']
    };
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

/**
 * `npm run eca:global-oauth -- ...`: errors are thrown and printed by `execute` (one JSON error
 * document with `--json`, as every command prints them).
 */
export const run: Command = (argv) => {
    const options = parseOptions(argv);
    if (options === 'help') {
        process.stdout.write(`${USAGE}\n`);
        return Promise.resolve(EXIT.ok);
    }
    const result = writeEcaGlobalOauth(options);
    if (argv.includes('--json')) {
        printJson(EXIT.ok, result, result.warnings);
    } else {
        process.stdout.write(formatResult(result));
        for (const warning of result.warnings) {
            process.stderr.write(`Warning: ${warning}\n`);
        }
    }
    return Promise.resolve(EXIT.ok);
};

runIfMain(module, run);
