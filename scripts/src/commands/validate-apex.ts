import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, printFindings, printJson, runMain } from '../lib/cli';
import { validateApex } from '../apex/validate';

const USAGE = `Usage: npm run validate:apex -- [--project-dir <dir>] [--no-policy] [--json]

Parses every .cls and .trigger with @apexdevtools/apex-parser, type-checks them against the
project with apex-ls (shipped in @salesforce/code-analyzer-pmd-engine; needs Java 8+) and checks
the references the kit can see (labels, custom permissions, custom objects and fields, classes).
As policy, runs PMD's recommended Apex rules through @salesforce/code-analyzer-core (severity 1-2
fail); --no-policy leaves PMD out. Exit 1 on any finding.`;

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
    const report = await validateApex(path.resolve(values['project-dir']), {
        policy: !values['no-policy']
    });
    const failed =
        report.findings.length > 0 || report.policyFindings.length > 0;
    const code = failed ? EXIT.failure : EXIT.ok;
    if (values.json) {
        printJson(code, report);
        return code;
    }
    if (report.semanticSkipped) {
        process.stdout.write(
            `validate:apex: apex-ls did not run (${report.semanticSkipped}); only syntax and the kit's reference checks ran\n`
        );
    }
    printFindings(
        'validate:apex',
        report.findings,
        `${report.files.length} Apex files`
    );
    if (!values['no-policy']) {
        printFindings(
            'validate:apex policy',
            report.policyFindings,
            `${report.pmdRulesRun} PMD rules; ${report.lowerSeverityCount} lower-severity PMD notes not failing`
        );
    }
    return code;
});
