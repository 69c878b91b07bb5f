import type { Finding } from '../../lib/findings';
import type { ParsedMetaFile } from './meta-files';
import { CUSTOM_OBJECT, type ReferenceIndex } from './reference-index';
import { child } from './xml-helpers';

const TAB_DOC =
    'https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_tab.htm';

/**
 * What a custom tab displays must exist (Metadata API Developer Guide, "CustomTab"): with
 * `<customObject>true</customObject>` "the tab name is the same as the custom object name";
 * `flexiPage` is "the name of the Lightning page", `lwcComponent` of the Lightning web component,
 * `auraComponent` of the Aura component, `page` of the Visualforce page to display. A tab for a
 * component the project does not define fails the deploy. Namespaced names (`ns__x`) are a
 * package's and are not judged (a bundle or page name of its own cannot hold `__`).
 */
const TARGETS: { element: string; type: string; what: string }[] = [
    { element: 'flexiPage', type: 'FlexiPage', what: 'Lightning page' },
    {
        element: 'lwcComponent',
        type: 'LightningComponentBundle',
        what: 'Lightning web component'
    },
    {
        element: 'auraComponent',
        type: 'AuraDefinitionBundle',
        what: 'Aura component'
    },
    { element: 'page', type: 'ApexPage', what: 'Visualforce page' }
];

export function checkTabReferences(
    parsed: ParsedMetaFile[],
    index: ReferenceIndex
): Finding[] {
    const findings: Finding[] = [];
    for (const meta of parsed.filter((m) => m.typeName === 'CustomTab')) {
        const report = (line: number, element: string, what: string) =>
            findings.push({
                file: meta.file,
                line,
                element,
                message: `tab "${meta.fullName}" displays ${what}, which this project does not define: the deploy would fail (${TAB_DOC})`,
                rule: 'tab-reference'
            });
        const customObject = child(meta.root, 'customObject');
        if (
            customObject?.text === 'true' &&
            CUSTOM_OBJECT.test(meta.fullName) &&
            index.objectProblem(meta.fullName)
        ) {
            report(
                customObject.line,
                'customObject',
                `custom object "${meta.fullName}" (an object tab is named after its object)`
            );
        }
        for (const target of TARGETS) {
            const element = child(meta.root, target.element);
            const name = element?.text ?? '';
            if (!element || !name || name.includes('__')) {
                continue;
            }
            if (!index.has(target.type, name)) {
                report(
                    element.line,
                    target.element,
                    `${target.what} "${name}"`
                );
            }
        }
    }
    return findings;
}
