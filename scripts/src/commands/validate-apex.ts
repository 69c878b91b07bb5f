import { validateApex } from '../apex/validate';
import { printFindings, runIfMain } from '../lib/cli';
import { validatorCommand } from '../lib/validator-command';

const USAGE = `Usage: npm run validate:apex -- [--project-dir <dir>] [--no-policy] [--json]

Parses every .cls and .trigger with @apexdevtools/apex-parser, type-checks them against the
project with apex-ls (shipped in @salesforce/code-analyzer-pmd-engine; needs Java 8+) and checks
the references the kit can see (labels, custom permissions, custom objects and fields, classes).
As policy, runs PMD's recommended Apex rules through @salesforce/code-analyzer-core (severity 1-2
fail); --no-policy leaves PMD out. Exit 1 on any finding.`;

export const run = validatorCommand({
    usage: USAGE,
    validate: validateApex,
    print: (report, policy) => {
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
        if (policy) {
            printFindings(
                'validate:apex policy',
                report.policyFindings,
                `${report.pmdRulesRun} PMD rules; ${report.lowerSeverityCount} lower-severity PMD notes not failing`
            );
        }
    }
});

runIfMain(module, run);
