// Every `sf casekit` command, by its oclif id (the plugin's package.json: oclif.commands is this
// list, strategy "explicit"). Adding a command: its class under commands/casekit/, its
// messages/casekit.<name>.md, one line here (and an npm script in the root package.json).
import Assign from './commands/casekit/assign.js';
import { CREDENTIALS_COMMANDS } from './commands/casekit/credentials.js';
import ContractSuggest from './commands/casekit/contract-suggest.js';
import EcaGlobalOauth from './commands/casekit/eca-global-oauth.js';
import Provision from './commands/casekit/provision.js';
import ScratchValidate from './commands/casekit/scratch-validate.js';
import UsageCollect from './commands/casekit/usage-collect.js';
import UsageImport from './commands/casekit/usage-import.js';
import ValidateApex from './commands/casekit/validate-apex.js';
import ValidateMetadata from './commands/casekit/validate-metadata.js';
import Verify from './commands/casekit/verify.js';

export const COMMANDS = {
    'casekit:provision': Provision,
    'casekit:assign': Assign,
    'casekit:verify': Verify,
    ...CREDENTIALS_COMMANDS,
    'casekit:eca:global-oauth': EcaGlobalOauth,
    'casekit:validate:metadata': ValidateMetadata,
    'casekit:validate:apex': ValidateApex,
    'casekit:scratch:validate': ScratchValidate,
    'casekit:usage:import': UsageImport,
    'casekit:usage:collect': UsageCollect,
    'casekit:contract:suggest': ContractSuggest
};
