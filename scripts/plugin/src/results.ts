// The `result` of each command's --json envelope, by command: the JSON schemas in schemas/ are
// generated from these types (npm run plugin:schemas), and a test fails when the two differ, so a
// change to a command's output is a visible diff in review.
import type { VerifyReport } from '../../src/access/run-verify.js';
import type { AssignReport } from '../../src/assign/types.js';
import type { ProvisionCommandResult } from '../../src/commands/provision.js';
import type { CoverageVerdict } from '../../src/commands/scratch-validate.js';
import type { ApexReport } from '../../src/commands/validate-apex.js';
import type { MetadataReport } from '../../src/commands/validate-metadata.js';
import type { EcaGlobalOauthResult } from '../../src/eca/global-oauth.js';
import type { ValidationReport } from '../../src/scratch/runner.js';
import type { CredentialsResult } from './commands/casekit/credentials.js';

export type CasekitProvisionResult = ProvisionCommandResult;
export type CasekitAssignResult = AssignReport;
export type CasekitVerifyResult = VerifyReport;
export type CasekitCredentialsResult = CredentialsResult;
export type CasekitEcaGlobalOauthResult = EcaGlobalOauthResult;
export type CasekitValidateMetadataResult = MetadataReport;
export type CasekitValidateApexResult = ApexReport;
export type CasekitScratchValidateResult = ValidationReport | CoverageVerdict;

/** Command id → the type of its result, as named above. */
export const RESULT_TYPES: Record<string, string> = {
    'casekit:provision': 'CasekitProvisionResult',
    'casekit:assign': 'CasekitAssignResult',
    'casekit:verify': 'CasekitVerifyResult',
    'casekit:credentials': 'CasekitCredentialsResult',
    'casekit:eca:global-oauth': 'CasekitEcaGlobalOauthResult',
    'casekit:validate:metadata': 'CasekitValidateMetadataResult',
    'casekit:validate:apex': 'CasekitValidateApexResult',
    'casekit:scratch:validate': 'CasekitScratchValidateResult'
};
