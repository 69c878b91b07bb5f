import { validateApex, type ApexReport } from '../apex/validate';
import type { CommandOutcome } from '../lib/command';
import { formatFindings } from '../lib/findings';
import {
    findingsText,
    runValidator,
    type ValidatorFlags
} from '../lib/validator-command';

export type { ApexReport };

/** `sf casekit validate apex` / `npm run validate:apex`. */
export function validateApexCommand(
    flags: ValidatorFlags
): Promise<CommandOutcome<ApexReport>> {
    return runValidator(
        {
            title: 'validate:apex',
            validate: validateApex,
            human: (report, policy) => {
                let text = report.semanticSkipped
                    ? `validate:apex: apex-ls did not run (${report.semanticSkipped}); only syntax and the kit's reference checks ran\n`
                    : '';
                // Notes first: what apex-ls cannot judge, listed, never failing.
                if (report.notes.length > 0) {
                    text += `${formatFindings(report.notes)}validate:apex: ${report.notes.length} note${report.notes.length === 1 ? '' : 's'} (unknown-to-checker: platform or package types apex-ls does not know; not failing)\n`;
                }
                text += findingsText(
                    'validate:apex',
                    report.findings,
                    `${report.files.length} Apex files`
                );
                if (policy) {
                    text += findingsText(
                        'validate:apex policy',
                        report.policyFindings,
                        `${report.pmdRulesRun} PMD rules; ${report.lowerSeverityCount} lower-severity PMD notes not failing`
                    );
                }
                return text;
            }
        },
        flags
    );
}
