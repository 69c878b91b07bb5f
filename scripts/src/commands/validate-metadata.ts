import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, printFindings, printJson, runMain } from '../lib/cli';
import { validateMetadata } from '../metadata/validate';

const USAGE = `Usage: npm run validate:metadata -- [--project-dir <dir>] [--no-policy] [--json]

Checks every package directory of the SFDX project offline: SDR resolves and converts it, then
XML, root elements, element names, value types and enumerations (@salesforce/types), meta.xml
pairing, references between components, and config/*scratch-def*.json settings.
Policy (the kit's own rules: least privilege, secrets, API version) is reported apart;
--no-policy leaves it out, so only what a deploy would reject remains. Exit 1 on any finding.`;

runMain(async () => {
    const { values } = parseArgs({
        options: {
            'project-dir': { type: 'string', default: '.' },
            'no-policy': { type: 'boolean', default: false },
            json: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
    }
    const report = await validateMetadata(path.resolve(values['project-dir']), {
        policy: !values['no-policy']
    });
    const failed =
        report.findings.length > 0 || report.policyFindings.length > 0;
    const code = failed ? EXIT.failure : EXIT.ok;
    if (values.json) {
        printJson(code, report);
        return code;
    }
    const scope = `${report.filesChecked} files, ${report.components.length} components in ${report.packageDirs.join(', ')}`;
    printFindings('validate:metadata', report.findings, scope);
    if (!values['no-policy']) {
        printFindings('validate:metadata policy', report.policyFindings, scope);
    }
    return code;
});
