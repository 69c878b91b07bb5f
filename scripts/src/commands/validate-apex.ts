import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, printFindings, printJson, runMain } from '../lib/cli';
import { validateApex } from '../apex/validate';

const USAGE = `Usage: npm run validate:apex -- [--project-dir <dir>] [--json]

Parses every .cls and .trigger with @apexdevtools/apex-parser and runs PMD's recommended Apex
rules through @salesforce/code-analyzer-core. Exit 1 on a syntax error, a severity 1-2
violation, or a file PMD could not process.`;

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
    const report = await validateApex(path.resolve(values['project-dir']));
    const code = report.findings.length > 0 ? EXIT.failure : EXIT.ok;
    if (values.json) {
        printJson(code, report);
    } else {
        printFindings(
            'validate:apex',
            report.findings,
            `${report.files.length} Apex files, ${report.pmdRulesRun} PMD rules; ` +
                `${report.lowerSeverityCount} lower-severity PMD notes not failing`
        );
    }
    return code;
});
