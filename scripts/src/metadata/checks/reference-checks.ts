import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../lib/findings';
import { checkAuraReferences } from './aura-references';
import { checkCustomMetadataTypes } from './custom-metadata-type';
import { checkFlexiPageComponents } from './flexipage-components';
import { checkFlowReferences } from './flow-references';
import { checkFormulaReferences } from './formula-references';
import { checkLayoutReferences } from './layout-references';
import { checkLwcUnknownTargets } from './lwc-unknown-target';
import type { ParsedMetaFile } from './meta-files';
import { ReferenceIndex } from './reference-index';
import { checkStandardNamesExact } from './standard-names-exact';
import { checkTabReferences } from './tab-references';

/** What the cross-reference checks of this module read from the project. */
export interface ReferenceInput {
    parsed: ParsedMetaFile[];
    /** Every source file of the project's package directories (absolute paths). */
    files: string[];
    /** `Type:FullName` of every component SDR resolved. */
    defined: Set<string>;
    sourceApiVersion: string;
    projectRoot: string;
    rel: (file: string) => string;
}

/**
 * The reference checks added for issue #24 (flows, formulas, layouts and list views, tabs, Aura
 * markup, FlexiPage components, LWC targets, standard names, custom metadata record types): one
 * entry point so validate.ts registers them in one line. Each check lives in its own file with
 * its source.
 */
export function checkProjectReferences(input: ReferenceInput): Finding[] {
    const index = new ReferenceIndex(input.defined, input.sourceApiVersion);
    return [
        ...checkFlowReferences(input.parsed, index),
        ...checkFormulaReferences(input.parsed, index),
        ...checkLayoutReferences(input.parsed, index),
        ...checkTabReferences(input.parsed, index),
        ...checkAuraReferences(input.files, index, input.rel),
        ...checkFlexiPageComponents(
            input.parsed,
            index,
            projectNamespace(input.projectRoot)
        ),
        ...checkLwcUnknownTargets(input.parsed, input.sourceApiVersion),
        ...checkCustomMetadataTypes(input.parsed, index),
        ...checkStandardNamesExact(input.parsed, index)
    ];
}

/** sfdx-project.json's `namespace`, when it sets one (an empty string sets none). */
function projectNamespace(root: string): string | undefined {
    try {
        const json = JSON.parse(
            readFileSync(path.join(root, 'sfdx-project.json'), 'utf8')
        ) as { namespace?: unknown };
        return typeof json.namespace === 'string' && json.namespace
            ? json.namespace
            : undefined;
    } catch {
        return undefined;
    }
}
