import type { Finding } from '../lib/findings';
import {
    standardApexTypes,
    standardObjects
} from '../metadata/standard-objects';

/**
 * apex-ls type-checks against its own copy of the Apex standard library (apex-ls 6.0.2's
 * standard-types and sobject-types jars in @salesforce/code-analyzer-pmd-engine), which lacks
 * newer platform classes, members and subtype relationships. A "Missing" finding about a platform
 * type, or a type error between two platform types, is therefore not proof that the org's
 * compiler rejects the class: it is reported as an `unknown-to-checker` note, not an error. What
 * names the project's own code (its classes, custom fields, labels) stays an error.
 *
 * The decision reads apex-ls's message shape (the messages of apex-ls 6.0.2's CheckForIssues,
 * quoted in the patterns below) and resolves each type it names:
 * - the project's: a class, interface or enum the project declares, or a custom object or field
 *   of the project (`__c`, `__e`, `__mdt` and so on without another namespace);
 * - platform: a namespace or type of the standard-types jar, a standard sObject of the
 *   sobject-types jar, or a resource namespace whose members are org metadata apex-ls does not
 *   read: `DataWeaveScriptResource.<script>` (Apex Reference Guide, "DataWeaveScriptResource
 *   Class"), `Flow.Interview.<flow>` (Apex Reference Guide, "Flow.Interview Class": a flow's API
 *   name; trigger-actions-framework's TriggerActionFlowTest compiles with a flow name that exists
 *   nowhere, so the compiler does not resolve it), `Page.<page>` (Apex Reference Guide,
 *   "PageReference Class": `Page.existingPageName`);
 * - another package's: a qualifier the project's own code uses as the namespace of types
 *   (`ns.Type x;`) that is neither a project class nor a platform namespace: an installed
 *   package the project depends on, which apex-ls cannot see.
 * A project class with the name of a platform type wins over it (Apex Developer Guide, "Using
 * the System Namespace": "the Apex runtime defaults to your custom class"); apex-ls resolves the
 * platform type instead, so its findings about that platform type are notes.
 */
export interface ProjectTypes {
    /** Lower-case names of every class, interface and enum the project declares (inner included). */
    declared: Set<string>;
    /** Lower-case interfaces the project declares. */
    interfaces: Set<string>;
    /** Lower-case classes that the classes of the finding's file extend. */
    extended?: Set<string>;
    /** Lower-case first parts of the project's qualified type references (`ns` of `ns.Type x;`). */
    typeQualifiers: Set<string>;
    /** The project's custom field names (`x__c`), lower case. */
    fieldNames: Set<string>;
    /** `type:fullname` of every component, lower case. */
    components: Set<string>;
    namespace?: string;
}

export const NOTE_RULE = 'unknown-to-checker';

type Owner =
    'project' | 'platform' | 'resource' | 'package' | 'shadowed' | 'unknown';

interface Platform {
    namespaces: Set<string>;
    /** Simple and qualified (`ns.type`) names of every standard type, lower case. */
    types: Set<string>;
    sObjects: Set<string>;
}

let platform: Platform | undefined;

function platformData(): Platform {
    if (platform) {
        return platform;
    }
    const types = new Set<string>();
    const namespaces = new Set<string>();
    for (const [ns, names] of Object.entries(
        standardApexTypes()?.namespaces ?? {}
    )) {
        namespaces.add(ns.toLowerCase());
        for (const name of names) {
            const lower = name.toLowerCase();
            types.add(lower);
            types.add(`${ns.toLowerCase()}.${lower}`);
            types.add(lower.split('.')[0] ?? lower);
        }
    }
    for (const name of DOCUMENTED_SYSTEM_TYPES) {
        types.add(name);
        types.add(`system.${name}`);
    }
    const sObjects = new Set(
        Object.keys(standardObjects()?.objects ?? {}).map((name) =>
            name.toLowerCase()
        )
    );
    platform = { namespaces, types, sObjects };
    return platform;
}

/** Resource namespaces whose members are org metadata apex-ls does not resolve (see above). */
const RESOURCE_PREFIXES = [
    'dataweavescriptresource.',
    'flow.interview.',
    'page.',
    'system.page.'
];

/**
 * Unqualified System types apex-ls 6.0.2 lacks, each with the page that documents it.
 * - DataWeaveScriptException: Apex Developer Guide, "Implementing DataWeave in Apex" ("The
 *   catchable System.DataWeaveScriptException exception is available").
 */
const DOCUMENTED_SYSTEM_TYPES = new Set(['dataweavescriptexception']);

const CUSTOM_SUFFIX = /__(c|e|mdt|b|x|r|kav|share|history|changeevent)$/;

/** Type names inside a type expression (`Map<String, ns.Type>` -> String, ns.Type). */
function typeNames(expression: string): string[] {
    return expression
        .split(/[<>,\s]+/)
        .map((name) => name.replace(/\[\]$/, ''))
        .filter((name) => name.length > 0);
}

function ownerOf(name: string, project: ProjectTypes, line = ''): Owner {
    const data = platformData();
    let lower = name.toLowerCase();
    if (RESOURCE_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
        return 'resource';
    }
    if (lower.startsWith('schema.')) {
        lower = lower.slice('schema.'.length);
    }
    const parts = lower.split('.');
    const first = parts[0] ?? '';
    const last = parts[parts.length - 1] ?? '';
    if (parts.length === 1 && CUSTOM_SUFFIX.test(first)) {
        const namespaced = /^([a-z][a-z0-9]*)__.+__/.exec(first);
        return namespaced && namespaced[1] !== project.namespace
            ? 'package'
            : 'project';
    }
    if (project.declared.has(first)) {
        // A project class named like a platform type shadows it; apex-ls reads the platform one.
        return parts.length === 1 && data.types.has(first)
            ? 'shadowed'
            : 'project';
    }
    if (first === 'system' && parts.length > 1 && project.declared.has(last)) {
        // Written `System.X` in the source: the platform type, whatever the project declares.
        if (new RegExp(`\\bSystem\\s*\\.\\s*${last}\\b`, 'i').test(line)) {
            return 'platform';
        }
        return data.types.has(last) ? 'shadowed' : 'project';
    }
    if (
        data.namespaces.has(first) ||
        data.types.has(lower) ||
        data.types.has(first) ||
        data.sObjects.has(first)
    ) {
        return 'platform';
    }
    if (
        parts.length > 1 &&
        project.typeQualifiers.has(first) &&
        first !== project.namespace
    ) {
        return 'package';
    }
    return 'unknown';
}

const NOT_PROJECT: Owner[] = ['platform', 'resource', 'package', 'shadowed'];

function why(owners: Owner[]): string {
    if (owners.includes('shadowed')) {
        return 'apex-ls resolves the platform type where the project declares a class of the same name, which the org\'s compiler uses instead (Apex Developer Guide, "Using the System Namespace")';
    }
    if (owners.includes('resource')) {
        return "a class the org generates from metadata (a flow's Flow.Interview type, a DataWeave script's DataWeaveScriptResource class, a Visualforce page's Page reference), which apex-ls does not generate";
    }
    if (owners.includes('package')) {
        return 'a type of another package (a namespace the project uses but does not define): apex-ls cannot see installed packages';
    }
    return "a platform type or member apex-ls's standard library (apex-ls 6.0.2, API 65) does not know: not proof of a compile error";
}

interface Verdict {
    note: boolean;
    reason?: string;
}

const ERROR: Verdict = { note: false };

function noteIf(owners: Owner[]): Verdict {
    return owners.length > 0 &&
        owners.every((owner) => NOT_PROJECT.includes(owner))
        ? { note: true, reason: why(owners) }
        : ERROR;
}

/**
 * Whether an apex-ls message is about what its standard library lacks (a note) or about the
 * project (an error). `line` is the source line it points at, for messages that name no type.
 */
export function classifyApexLsMessage(
    category: string,
    message: string,
    line: string,
    project: ProjectTypes
): Verdict {
    const owner = (name: string): Owner => ownerOf(name, project, line);
    let match: RegExpExecArray | null;
    if (category === 'Missing') {
        if ((match = /^No type declaration found for '(.+)'$/.exec(message))) {
            return noteIf(typeNames(match[1] ?? '').map(owner));
        }
        if (
            (match = /^Unknown field or type '(.+)' on '(.+)'$/.exec(message))
        ) {
            const member = match[1] ?? '';
            const type = match[2] ?? '';
            if (/^System\.Label$/i.test(type)) {
                // Label.ns.Name: a label of the package with namespace ns (Apex Developer
                // Guide, "Custom Labels"); a plain Label.Name the project lacks stays an error.
                const namespaced = new RegExp(
                    `\\bLabel\\s*\\.\\s*${member}\\s*\\.\\s*[A-Za-z]`,
                    'i'
                ).test(line);
                return namespaced && member.toLowerCase() !== project.namespace
                    ? {
                          note: true,
                          reason: `Label.${member}.<name> is a label of the package with namespace ${member}, which apex-ls cannot see`
                      }
                    : ERROR;
            }
            if (/^(System\.)?Page$/i.test(type)) {
                // Page.ns__Name: a Visualforce page of the package with namespace ns; the
                // project's own pages apex-ls reads, so a missing one stays an error.
                const namespaced = /^([a-z][a-z0-9]*)__/i.exec(member);
                return namespaced &&
                    namespaced[1]?.toLowerCase() !== project.namespace
                    ? noteIf(['package'])
                    : ERROR;
            }
            return noteIf([owner(type)]);
        }
        if (
            (match = /^No variable or type found for '(.+)' on '(.+)'$/.exec(
                message
            ))
        ) {
            const name = (match[1] ?? '').toLowerCase();
            const data = platformData();
            if (data.namespaces.has(name)) {
                return noteIf(['platform']);
            }
            return project.typeQualifiers.has(name) &&
                !project.declared.has(name) &&
                name !== project.namespace
                ? noteIf(['package'])
                : ERROR;
        }
        if (
            (match =
                /^No matching method found for '.+?' on '(.+?)' taking/.exec(
                    message
                ))
        ) {
            return noteIf([owner(stripGenerics(match[1] ?? ''))]);
        }
        if (
            (match = /^Unknown field '(.+)' on SObject '(.+)'$/.exec(message))
        ) {
            const field = (match[1] ?? '').toLowerCase();
            const object = owner(match[2] ?? '');
            // A custom field of the project's own naming is the project's; a standard field
            // (SetupOwner of a hierarchy custom setting, SObjectType of a big object) is the
            // platform's, or a field of a package's object.
            if (CUSTOM_SUFFIX.test(field)) {
                const namespaced = /^([a-z][a-z0-9]*)__.+__/.exec(field);
                return namespaced && namespaced[1] !== project.namespace
                    ? noteIf(['package'])
                    : project.fieldNames.has(field)
                      ? noteIf(['platform'])
                      : ERROR;
            }
            return object === 'unknown' ? ERROR : noteIf(['platform']);
        }
        return ERROR;
    }
    if (
        (match =
            /^Incompatible return type, '(.+)' is not assignable to '(.+)'$/.exec(
                message
            )) ||
        (match =
            /^Incompatible types in assignment, from '(.+)' to '(.+)'$/.exec(
                message
            )) ||
        (match = /^Comparing incompatible types '(.+)' and '(.+)'$/.exec(
            message
        ))
    ) {
        // Subtypes among platform types apex-ls does not model (Apex Reference Guide, "OrgPartition
        // Class" > Usage: "This class extends Cache.Partition"); any project type: an error.
        return noteIf(
            [match[1] ?? '', match[2] ?? ''].map((name) =>
                owner(stripGenerics(name))
            )
        );
    }
    if (
        (match = /^Constructor not defined: (.+)\.<constructor>\((.*)\)$/.exec(
            message
        ))
    ) {
        const type = owner(match[1] ?? '');
        if (NOT_PROJECT.includes(type)) {
            return noteIf([type]);
        }
        const sObject = (match[1] ?? '').toLowerCase().replace(/^schema\./, '');
        if (
            CUSTOM_SUFFIX.test(sObject) &&
            project.components.has(`customobject:${sObject}`)
        ) {
            // Every sObject, a platform event too, has a constructor taking field = value
            // pairs (Apex Developer Guide, "sObject Types": `new Account(Name = 'x')`);
            // the object is the project's, so only apex-ls's constructor model is missing.
            return {
                note: true,
                reason: `${match[1]} is an object of this project; sObject constructors take field = value pairs, which apex-ls does not model here`
            };
        }
        // An argument apex-ls typed as Object is an expression whose platform type it lacks
        // (AccountChangeEvent.ChangeEventHeader, an EventBus.ChangeEventHeader).
        const args = (match[2] ?? '').split(/,\s*/);
        return args.some((arg) => /^(System\.)?Object$/i.test(arg))
            ? {
                  note: true,
                  reason: 'an argument apex-ls types as Object: the type of a platform member it does not know'
              }
            : ERROR;
    }
    if (
        (match = /^Constructor is not visible: (.+)\.<constructor>\(/.exec(
            message
        ))
    ) {
        const type = match[1] ?? '';
        const simple = (type.split('.').pop() ?? '').toLowerCase();
        if (owner(type) === 'project' && project.extended?.has(simple)) {
            // A protected constructor is visible to the classes that extend the defining class
            // (Apex Developer Guide, "Access Modifiers" > protected); apex-ls rejects the call
            // from such a subclass's inner class, which the org compiles.
            return {
                note: true,
                reason: `a class of this file extends ${type}, to which its protected constructor is visible (Apex Developer Guide, "Access Modifiers"); apex-ls rejects calls from the subclass's inner classes`
            };
        }
        return noteIf([owner(type)]);
    }
    if (/^No constructor defined with \d+ arguments?$/.test(message)) {
        const created = [
            ...line.matchAll(/\bnew\s+([A-Za-z_][\w.]*)\s*\(/g)
        ].map((m) => owner(m[1] ?? ''));
        return created.length > 0 && created.every((o) => o === 'shadowed')
            ? noteIf(created)
            : ERROR;
    }
    if (
        (match =
            /^Components of type 'Schema\.(.+)' are defined, but the required object-meta\.xml file is missing$/.exec(
                message
            )) &&
        project.components.has(`customobject:${(match[1] ?? '').toLowerCase()}`)
    ) {
        // The object file is in another package directory: a deploy sends every package
        // directory in one transaction (Salesforce DX Developer Guide, "Multiple Package
        // Directories"), and an object split across directories deploys
        // (salesforcecli/sample-project-multiple-packages). apex-ls reads each directory apart.
        return {
            note: true,
            reason: "the object's object-meta.xml is in another package directory of the project, which apex-ls reads apart; a deploy sends them together"
        };
    }
    if (
        (match =
            /^Exception class '(.+)' must extend another Exception class$/.exec(
                message
            )) &&
        project.interfaces.has((match[1] ?? '').toLowerCase())
    ) {
        // The rule is about classes (Apex Developer Guide, "Create Custom Exceptions": "Exception
        // classes must end with Exception" and extend Exception); apex-ls applies it to an
        // interface named ...Exception, which the compiler accepts (NebulaLogger deploys such
        // interfaces in extra-tests/name-shadowing).
        return {
            note: true,
            reason: 'an interface, not an exception class: the rule applies to classes'
        };
    }
    return ERROR;
}

function stripGenerics(name: string): string {
    const index = name.indexOf('<');
    return index === -1 ? name : name.slice(0, index);
}

/** Turns a note-worthy apex-ls finding into an `unknown-to-checker` note. */
export function asNote(finding: Finding, reason: string): Finding {
    return {
        ...finding,
        message: `${finding.message.replace(/ \(apex-ls\)$/, '')} (apex-ls): ${reason}`,
        rule: NOTE_RULE
    };
}
