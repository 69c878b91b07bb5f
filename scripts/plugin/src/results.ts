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
import type { CollectResult } from '../../src/usage/collect.js';
import type { ImportResult } from '../../src/usage/import.js';
import type { BlindSpotCount, Evidence } from '../../src/usage/suggest.js';
import type { CredentialsResult } from './commands/casekit/credentials.js';

export type CasekitProvisionResult = ProvisionCommandResult;
export type CasekitAssignResult = AssignReport;
export type CasekitVerifyResult = VerifyReport;
export type CasekitCredentialsResult = CredentialsResult;
export type CasekitEcaGlobalOauthResult = EcaGlobalOauthResult;
export type CasekitValidateMetadataResult = MetadataReport;
export type CasekitValidateApexResult = ApexReport;
export type CasekitScratchValidateResult = ValidationReport | CoverageVerdict;
export type CasekitUsageImportResult = ImportResult;
export type CasekitUsageCollectResult = CollectResult;
/** Grants by level: each access contract section's lists. */
interface ContractLevels<T> {
    require?: T;
    recommend?: T;
    allow?: T;
}
/**
 * The suggested access contract as contract suggest writes it (config/access/contract.schema.json
 * is its full schema; the contract's own type is zod's, which the schema generator cannot read).
 */
export interface SuggestedContract {
    $schema?: string;
    name: string;
    description: string;
    userPermissions: ContractLevels<string[]>;
    /** Object → its access levels: read, create, edit, delete, viewAll, modifyAll. */
    objects: Record<string, ContractLevels<string[]>>;
    /** Object.Field → read or edit. */
    fields: Record<string, ContractLevels<string>>;
    setupEntities: {
        connectedApps: ContractLevels<string[]>;
        apexClasses: ContractLevels<string[]>;
    };
    /** Rule → why the high-risk grant is needed. */
    justifications?: Record<string, string>;
}
/** contract suggest's result (ContractSuggestResult in src/commands/contract.ts). */
export interface CasekitContractSuggestResult {
    /** The usage store read. */
    store: string;
    /** The contract file written (--out), when there is one. */
    out?: string;
    contract: SuggestedContract;
    /** Rule path (`objects.Case.create`, `userPermissions.ApiEnabled`) → what the logs show. */
    evidence: Record<string, Evidence>;
    blindSpots: BlindSpotCount[];
    notes: string[];
    window: { days: number; first?: string; last?: string };
    requests: number;
}

/** Command id → the type of its result, as named above. */
export const RESULT_TYPES: Record<string, string> = {
    'casekit:provision': 'CasekitProvisionResult',
    'casekit:assign': 'CasekitAssignResult',
    'casekit:verify': 'CasekitVerifyResult',
    'casekit:credentials': 'CasekitCredentialsResult',
    'casekit:eca:global-oauth': 'CasekitEcaGlobalOauthResult',
    'casekit:validate:metadata': 'CasekitValidateMetadataResult',
    'casekit:validate:apex': 'CasekitValidateApexResult',
    'casekit:scratch:validate': 'CasekitScratchValidateResult',
    'casekit:usage:import': 'CasekitUsageImportResult',
    'casekit:usage:collect': 'CasekitUsageCollectResult',
    'casekit:contract:suggest': 'CasekitContractSuggestResult'
};
