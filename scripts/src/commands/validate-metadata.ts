import type { CommandOutcome } from '../lib/command';
import {
    findingsText,
    runValidator,
    type ValidatorFlags
} from '../lib/validator-command';
import { validateMetadata, type MetadataReport } from '../metadata/validate';

export type { MetadataReport };

/** `sf casekit validate metadata` / `npm run validate:metadata`. */
export function validateMetadataCommand(
    flags: ValidatorFlags
): Promise<CommandOutcome<MetadataReport>> {
    return runValidator(
        {
            title: 'validate:metadata',
            validate: validateMetadata,
            human: (report, policy) => {
                const scope = `${report.filesChecked} files, ${report.components.length} components in ${report.packageDirs.join(', ')}`;
                let text = findingsText(
                    'validate:metadata',
                    report.findings,
                    scope
                );
                if (report.schemaNote) {
                    text += `validate:metadata: note: ${report.schemaNote}\n`;
                }
                if (policy) {
                    text += findingsText(
                        'validate:metadata policy',
                        report.policyFindings,
                        scope
                    );
                }
                return text;
            }
        },
        flags
    );
}
