/**
 * The broken fixtures (`fixtures/broken/<name>/`) of the reference checks of issue #24, whose
 * expectations live in reference-checks.test.ts (validate-metadata.test.ts covers the others).
 */
export const REFERENCE_FIXTURES: readonly string[] = [
    'flow-missing-field',
    'formula-missing-field',
    'layout-missing-field',
    'tab-missing-target',
    'aura-missing-reference',
    'flexipage-missing-component',
    'lwc-unknown-target',
    'custom-metadata-missing-type',
    'standard-field-unknown'
];
