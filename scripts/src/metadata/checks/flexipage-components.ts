import type { Finding } from '../../lib/findings';
import type { XmlElement } from '../xml';
import type { ParsedMetaFile } from './meta-files';
import type { ReferenceIndex } from './reference-index';

/**
 * Custom components a Lightning page places without the `c:` prefix (`c:x` is checked by
 * `flexipage-reference` in lwc-references.ts). Salesforce's own components always carry their
 * namespace (`flexipage:richText`, `force:highlightsPanel`, `runtime_sales_activities:...`; the
 * Tooling API Developer Guide's FlexiPage sample sets `flexipage:recentItems`; ComponentInstance
 * `componentName` is required, Metadata API Developer Guide, "FlexiPage"), while the Lightning
 * App Builder writes a component of the org's own namespace by its bare name (`<componentName>
 * propertyMap</componentName>` in trailheadapps/dreamhouse-lwc). A bare name, or one prefixed
 * with the project's own namespace (sfdx-project.json `namespace`), must be a Lightning web or
 * Aura component of the project; otherwise the deploy fails as for `c:x` ("We couldn't retrieve
 * the design time component information for component c:hello", trailheadapps/lwc-recipes
 * issue #5).
 */
function* descendants(element: XmlElement): Generator<XmlElement> {
    for (const child of element.children) {
        yield child;
        yield* descendants(child);
    }
}

export function checkFlexiPageComponents(
    parsed: ParsedMetaFile[],
    index: ReferenceIndex,
    namespace: string | undefined
): Finding[] {
    const findings: Finding[] = [];
    for (const meta of parsed.filter((m) => m.typeName === 'FlexiPage')) {
        for (const element of descendants(meta.root)) {
            if (element.name !== 'componentName') {
                continue;
            }
            const [prefix, name] = element.text.includes(':')
                ? element.text.split(':', 2)
                : [undefined, element.text];
            const own =
                prefix === undefined ||
                (namespace !== undefined &&
                    prefix.toLowerCase() === namespace.toLowerCase());
            if (!own || !name || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) {
                continue;
            }
            if (
                index.has('LightningComponentBundle', name) ||
                index.has('AuraDefinitionBundle', name)
            ) {
                continue;
            }
            findings.push({
                file: meta.file,
                line: element.line,
                element: 'componentName',
                message: `places component "${element.text}" (a component of the org's own namespace), which is neither a Lightning web nor an Aura component of this project: the deploy would fail`,
                rule: 'flexipage-component'
            });
        }
    }
    return findings;
}
