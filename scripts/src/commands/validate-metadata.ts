import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, printFindings, printJson, runMain } from '../lib/cli';
import { validateMetadata } from '../metadata/validate';

const USAGE = `Usage: npm run validate:metadata -- [--project-dir <dir>] [--json]

Checks every package directory of the SFDX project offline: SDR resolves and converts it,
then XML, root elements, element names and values, meta.xml pairing, API versions,
least-privilege rules and secrets. Exit 1 on any finding.`;

runMain(async () => {
    const { values } = parseArgs({
        options: {
            'project-dir': { type: 'string', default: '.' },
            json: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
    }
    const report = await validateMetadata(path.resolve(values['project-dir']));
    const code = report.findings.length > 0 ? EXIT.failure : EXIT.ok;
    if (values.json) {
        printJson(code, report);
    } else {
        printFindings(
            'validate:metadata',
            report.findings,
            `${report.filesChecked} files, ${report.components.length} components in ${report.packageDirs.join(', ')}`
        );
    }
    return code;
});
