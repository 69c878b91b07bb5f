import { validateMetadata } from '../metadata/validate';
import { printFindings, runIfMain } from '../lib/cli';
import { validatorCommand } from '../lib/validator-command';

const USAGE = `Usage: npm run validate:metadata -- [--project-dir <dir>] [--no-policy] [--json]

Checks every package directory of the SFDX project offline: SDR resolves and converts it, then
XML, root elements, element names, value types and enumerations (@salesforce/types), meta.xml
pairing, references between components, and config/*scratch-def*.json settings.
Policy (the kit's own rules: least privilege, secrets, API version) is reported apart;
--no-policy leaves it out, so only what a deploy would reject remains. Exit 1 on any finding.`;

export const run = validatorCommand({
    usage: USAGE,
    validate: validateMetadata,
    print: (report, policy) => {
        const scope = `${report.filesChecked} files, ${report.components.length} components in ${report.packageDirs.join(', ')}`;
        printFindings('validate:metadata', report.findings, scope);
        if (report.schemaNote) {
            process.stdout.write(
                `validate:metadata: note: ${report.schemaNote}\n`
            );
        }
        if (policy) {
            printFindings(
                'validate:metadata policy',
                report.policyFindings,
                scope
            );
        }
    }
});

runIfMain(module, run);
