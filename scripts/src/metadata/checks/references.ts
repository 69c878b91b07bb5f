import type { Finding } from '../../lib/findings';
import type { ParsedMetaFile } from './meta-files';
import type { XmlElement } from '../xml';

/**
 * Cross-references a deploy resolves against the org: a permission set's Apex classes, tabs,
 * custom permissions, custom objects and fields, a group's permission sets, the OAuth apps'
 * permission sets. A name this project defines nowhere would fail the deploy (or silently need
 * something already in the org), so each must be a component of the project. Standard names
 * (no `__c`, tabs starting `standard-`) and namespaced (managed package) names are not checked.
 */
interface Reference {
    /** Element path below the root, e.g. `classAccesses/apexClass`. */
    path: string;
    target: string;
    /** Splits one element's text into names (comma-separated lists). */
    split?: boolean;
    /** Only names this predicate accepts are checked. */
    applies?: (name: string) => boolean;
}

const NAMESPACED = /^[A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]+__[a-z]+$/;
const isCustom = (name: string): boolean =>
    /__(c|mdt)$/.test(name) && !NAMESPACED.test(name);
const isCustomField = (name: string): boolean =>
    isCustom(name.split('.')[1] ?? '');

const REFERENCES: Record<string, Reference[]> = {
    PermissionSet: [
        { path: 'classAccesses/apexClass', target: 'ApexClass' },
        { path: 'customPermissions/name', target: 'CustomPermission' },
        {
            path: 'tabSettings/tab',
            target: 'CustomTab',
            applies: (name) =>
                !name.startsWith('standard-') && !NAMESPACED.test(name)
        },
        {
            path: 'objectPermissions/object',
            target: 'CustomObject',
            applies: isCustom
        },
        {
            path: 'fieldPermissions/field',
            target: 'CustomField',
            applies: isCustomField
        },
        {
            path: 'customMetadataTypeAccesses/name',
            target: 'CustomObject',
            applies: isCustom
        }
    ],
    PermissionSetGroup: [
        { path: 'permissionSets', target: 'PermissionSet' },
        { path: 'mutingPermissionSets', target: 'MutingPermissionSet' }
    ],
    ConnectedApp: [{ path: 'permissionSetName', target: 'PermissionSet' }],
    ExtlClntAppOauthConfigurablePolicies: [
        {
            path: 'commaSeparatedPermissionSet',
            target: 'PermissionSet',
            split: true
        },
        {
            path: 'externalClientApplication',
            target: 'ExternalClientApplication'
        }
    ],
    ExtlClntAppOauthSettings: [
        {
            path: 'externalClientApplication',
            target: 'ExternalClientApplication'
        }
    ],
    ExtlClntAppConfigurablePolicies: [
        {
            path: 'externalClientApplication',
            target: 'ExternalClientApplication'
        }
    ],
    CustomTab: [
        { path: 'customObject', target: 'CustomObject', applies: isCustom }
    ]
};

function elementsAt(root: XmlElement, elementPath: string): XmlElement[] {
    let current = [root];
    for (const name of elementPath.split('/')) {
        current = current.flatMap((element) =>
            element.children.filter((child) => child.name === name)
        );
    }
    return current;
}

/**
 * Task and Event take no custom fields of their own: a custom field is created on Activity and is
 * then a field of both, which permission sets grant as `Task.X__c` and `Event.X__c` (Salesforce
 * Ben, "Salesforce Activities: Everything You Need to Know", section "The Backend Architecture of
 * Activities"; alexed1/LightningFlowComponents flow_apps/ObjectTypeFromIdFlow defines
 * objects/Activity/fields/Related_To_Type__c and grants Task.Related_To_Type__c and
 * Event.Related_To_Type__c in ObjectTypeFromIdFlowPerms). So `Task.X__c` resolves to `Activity.X__c`.
 */
const ACTIVITY_CHILDREN = new Set(['Task', 'Event']);

function isDefined(
    defined: Set<string>,
    target: string,
    name: string
): boolean {
    if (defined.has(`${target}:${name}`)) {
        return true;
    }
    const [object = '', field] = name.split('.');
    return (
        target === 'CustomField' &&
        field !== undefined &&
        ACTIVITY_CHILDREN.has(object) &&
        defined.has(`CustomField:Activity.${field}`)
    );
}

/** `defined`: `Type:FullName` of every component SDR resolved in the project. */
export function checkReferences(
    parsed: ParsedMetaFile[],
    defined: Set<string>
): Finding[] {
    const findings: Finding[] = [];
    for (const meta of parsed) {
        for (const reference of REFERENCES[meta.typeName] ?? []) {
            for (const element of elementsAt(meta.root, reference.path)) {
                const names = reference.split
                    ? element.text.split(',').map((n) => n.trim())
                    : [element.text];
                for (const name of names.filter(Boolean)) {
                    if (reference.applies && !reference.applies(name)) {
                        continue;
                    }
                    if (!isDefined(defined, reference.target, name)) {
                        findings.push({
                            file: meta.file,
                            line: element.line,
                            element: reference.path,
                            message: `refers to ${reference.target} "${name}", which this project does not define: the deploy would fail`,
                            rule: 'metadata-reference'
                        });
                    }
                }
            }
        }
    }
    return findings;
}
