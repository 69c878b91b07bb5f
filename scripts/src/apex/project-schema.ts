import { readFileSync } from 'node:fs';
import type { SourceComponent } from '@salesforce/source-deploy-retrieve';
import type { ApexProject } from './references';

/**
 * The project's schema as Apex sees it, read once from the components SDR resolved: every
 * `Type:FullName`, the custom field names of every object (those in `fields/*.field-meta.xml`
 * and those declared inside the object file, which older source keeps there), and the
 * relationship names lookup and master-detail fields declare (`<relationshipName>`, Metadata API
 * Developer Guide, "CustomField": "the name of the relationship ... used in SOQL", `Name__r`).
 */
export function apexProject(
    components: SourceComponent[],
    namespace?: string
): ApexProject {
    const names = new Set<string>();
    const fieldNames = new Set<string>();
    const relationshipNames = new Set<string>();
    for (const component of components) {
        names.add(`${component.type.name}:${component.fullName}`);
        const kind = component.type.name;
        if (kind === 'SharingReason') {
            // `Schema.Obj__Share.RowCause.Reason__c` (Apex Developer Guide, "Creating Apex
            // Managed Sharing"): a reason's name reads like a custom field's.
            fieldNames.add(
                (component.fullName.split('.').pop() ?? '').toLowerCase()
            );
        }
        if (
            (kind !== 'CustomField' && kind !== 'CustomObject') ||
            !component.xml
        ) {
            continue;
        }
        let xml: string;
        try {
            xml = readFileSync(component.xml, 'utf8');
        } catch {
            continue; // unreadable: validate:metadata reports it
        }
        const blocks =
            kind === 'CustomField'
                ? [xml]
                : [...xml.matchAll(/<fields>([\s\S]*?)<\/fields>/g)].map(
                      (match) => match[1] ?? ''
                  );
        for (const block of blocks) {
            if (kind === 'CustomObject') {
                const name = /<fullName>\s*([^<\s]+)\s*<\/fullName>/.exec(
                    block
                )?.[1];
                if (name) {
                    fieldNames.add(name.toLowerCase());
                }
            }
            const relationship =
                /<relationshipName>\s*([^<\s]+)\s*<\/relationshipName>/.exec(
                    block
                )?.[1];
            if (relationship) {
                relationshipNames.add(`${relationship.toLowerCase()}__r`);
            }
        }
    }
    return { components: names, fieldNames, relationshipNames, namespace };
}
