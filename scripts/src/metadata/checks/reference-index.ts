import { nearestNames } from '../../lib/nearest';
import { standardObjects, type StandardObjects } from '../standard-objects';

/**
 * What a reference check needs to know about the project and the platform: the custom objects
 * and fields the project defines (from SDR's components, compared case-insensitively, since API
 * names are), and the standard objects and fields from the describe data the repo ships
 * (standard-objects.ts). Each lookup answers a reason the deploy would fail, or nothing.
 *
 * Conservative by design (zero false findings on real projects is the bar):
 * - namespaced names (`ns__X__c`, a managed package's) are never reported;
 * - a field of a custom object the project does not define is not reported (the object is);
 * - a field of a standard object that is neither custom nor in the describe data is reported
 *   only when the project's API version is not newer than the describe data and the name is
 *   not a relationship path; see {@link ReferenceIndex.fieldProblem}.
 */
export const CUSTOM_OBJECT = /__(c|mdt|e|b|x)$/i;
/** Custom field suffixes: `__c` (custom), `__pc` (person account), `__s` (geolocation part). */
const CUSTOM_FIELD = /__[a-z]+$/i;
const NAMESPACED = /^[A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]+__[A-Za-z]+$/;
/**
 * Task and Event custom fields are defined once on Activity (`objects/Activity/fields/X__c`) and
 * appear on both (Salesforce Help, "Activity Custom Fields"), so `Task.X__c` resolves there.
 */
const ACTIVITY_CHILDREN = new Set(['task', 'event']);

/**
 * Core CRM objects whose standard fields are judged by exact name ({@link
 * ReferenceIndex.exactFieldMiss}): their fields are listed in the Object Reference for the
 * Salesforce Platform and the describe data holds them with the optional features that add the
 * most (person accounts, multi-currency, divisions). Other objects' fields are judged only by the
 * near-miss rule.
 */
export const AUTHORITATIVE_OBJECTS: ReadonlySet<string> = new Set([
    'Account',
    'Asset',
    'Campaign',
    'CampaignMember',
    'Case',
    'CaseComment',
    'Contact',
    'Contract',
    'EmailMessage',
    'Event',
    'Lead',
    'Opportunity',
    'OpportunityLineItem',
    'Order',
    'OrderItem',
    'Pricebook2',
    'PricebookEntry',
    'Product2',
    'Task',
    'User'
]);

export function isNamespaced(name: string): boolean {
    return NAMESPACED.test(name);
}

export class ReferenceIndex {
    readonly standard: StandardObjects | null;
    private readonly customObjects: Set<string>;
    private readonly customFields: Set<string>;
    private readonly lowerStandard: Map<string, string>;
    private readonly lowerFields = new Map<string, Set<string>>();
    private readonly components: Set<string>;

    /**
     * `defined`: `Type:FullName` of every component in the project; `sourceApiVersion`: the
     * project's, compared with the describe data's to decide whether a standard name absent from
     * it can be newer than it.
     */
    constructor(
        defined: Set<string>,
        readonly sourceApiVersion: string
    ) {
        this.components = new Set([...defined].map((n) => n.toLowerCase()));
        this.customObjects = new Set(
            [...this.components]
                .filter((name) => name.startsWith('customobject:'))
                .map((name) => name.slice('customobject:'.length))
        );
        this.customFields = new Set(
            [...this.components]
                .filter((name) => name.startsWith('customfield:'))
                .map((name) => name.slice('customfield:'.length))
        );
        this.standard = standardObjects();
        this.lowerStandard = new Map(
            Object.keys(this.standard?.objects ?? {}).map((name) => [
                name.toLowerCase(),
                name
            ])
        );
    }

    /** Whether the project defines a component `Type:Name` (case-insensitive). */
    has(type: string, name: string): boolean {
        return this.components.has(`${type}:${name}`.toLowerCase());
    }

    /** The API version of the describe data (`sobject-types-65.0.0.jar` -> 65). */
    get standardApiVersion(): number {
        const match = /(\d+)\.\d/.exec(this.standard?.source ?? '');
        return match ? Number(match[1]) : 0;
    }

    /** Whether a name the describe data lacks can only be a mistake (not a newer name). */
    get standardListCoversProject(): boolean {
        return (
            this.standard !== null &&
            Number(this.sourceApiVersion) <= this.standardApiVersion
        );
    }

    isStandardObject(name: string): boolean {
        return this.lowerStandard.has(name.toLowerCase());
    }

    /** Why `object` cannot be deployed against, or undefined when it can (or is not judged). */
    objectProblem(object: string): string | undefined {
        if (!object || isNamespaced(object) || object.includes('.')) {
            return undefined;
        }
        if (CUSTOM_OBJECT.test(object)) {
            return this.customObjects.has(object.toLowerCase())
                ? undefined
                : `custom object "${object}", which this project does not define`;
        }
        if (/__/.test(object) || !this.standard) {
            return undefined;
        }
        if (this.isStandardObject(object)) {
            return undefined;
        }
        const near = nearestNames(
            object,
            Object.keys(this.standard.objects),
            3
        );
        return near.length > 0
            ? `unknown standard object "${object}" (nearest: ${near.join(', ')}; names from ${this.standard.source})`
            : undefined;
    }

    /**
     * Why `object.field` cannot be deployed against, or undefined. A field of an object that
     * {@link objectProblem} rejects is not judged again.
     */
    fieldProblem(object: string, field: string): string | undefined {
        if (
            !object ||
            !field ||
            field.includes('.') ||
            isNamespaced(field) ||
            isNamespaced(object) ||
            this.objectProblem(object)
        ) {
            return undefined;
        }
        const lowerObject = object.toLowerCase();
        const lowerField = field.toLowerCase();
        if (CUSTOM_FIELD.test(field)) {
            if (!/__c$/i.test(field)) {
                return undefined;
            }
            if (
                this.customFields.has(`${lowerObject}.${lowerField}`) ||
                (ACTIVITY_CHILDREN.has(lowerObject) &&
                    this.customFields.has(`activity.${lowerField}`))
            ) {
                return undefined;
            }
            if (CUSTOM_OBJECT.test(object) || this.isStandardObject(object)) {
                return `custom field "${object}.${field}", which this project does not define`;
            }
            return undefined;
        }
        return this.standardFieldProblem(object, field);
    }

    /** A standard (no `__` suffix) field name on `object`, from the describe data. */
    standardFieldProblem(object: string, field: string): string | undefined {
        if (CUSTOM_OBJECT.test(object)) {
            // The standard fields every custom object has (Object Reference, "System Fields").
            return undefined;
        }
        const known = this.lowerStandard.get(object.toLowerCase());
        const fields = known ? this.standard?.objects[known] : undefined;
        if (!known || !fields || fields.length === 0) {
            return undefined;
        }
        const names = this.fieldNames(known, fields);
        if (names.has(field.toLowerCase())) {
            return undefined;
        }
        const near = nearestNames(field, fields, 3);
        if (near.length > 0) {
            return `unknown standard field "${known}.${field}" (nearest: ${near
                .map((name) => `${known}.${name}`)
                .join(', ')}; names from ${this.standard?.source ?? ''})`;
        }
        if (this.exactFieldMiss(known, field)) {
            return `unknown standard field "${known}.${field}" (no object of ${this.standard?.source ?? ''}, the describe data of API ${this.standardApiVersion}.0, has a field of that name, and this project's API ${this.sourceApiVersion} is not newer)`;
        }
        return undefined;
    }

    /**
     * Whether a standard field name on `object` that the describe data lacks can only be a
     * mistake. The data comes from one org, and optional features add standard fields it does
     * not have (measured: Contact.Pronouns, Case.EntitlementId, Task.IsVisibleInSelfService are
     * absent from sobject-types-65), so an object's own list is not complete. A name no object
     * of the data has at all (16,594 distinct names over 4,542 objects) is: Pronouns is on Lead,
     * EntitlementId on WorkOrder, IsVisibleInSelfService on ActivityHistory. So a field is
     * reported when
     * - the project's API version is not newer than the data's (fields come with an API version
     *   and are invisible to older ones: Object Reference, each field's "available in API
     *   version X and later"),
     * - `object` is one of {@link AUTHORITATIVE_OBJECTS},
     * - and the name (for Account's person-account fields `PersonX`, also `X`: they mirror
     *   Contact's fields) is a field of no object in the data.
     */
    exactFieldMiss(object: string, field: string): boolean {
        if (
            !this.standardListCoversProject ||
            !AUTHORITATIVE_OBJECTS.has(object) ||
            this.hasStandardField(object, field)
        ) {
            return false;
        }
        const names = this.allFieldNames();
        const lower = field.toLowerCase();
        const person =
            object === 'Account' && lower.startsWith('person')
                ? lower.slice('person'.length)
                : undefined;
        return !names.has(lower) && !(person && names.has(person));
    }

    private allNames: Set<string> | undefined;

    private allFieldNames(): Set<string> {
        this.allNames ??= new Set(
            Object.values(this.standard?.objects ?? {}).flatMap((fields) =>
                fields.map((name) => name.toLowerCase())
            )
        );
        return this.allNames;
    }

    /** The describe data's name of a standard object (case-insensitive), if it has one. */
    standardObjectName(object: string): string | undefined {
        return this.lowerStandard.get(object.toLowerCase());
    }

    /** Whether the describe data lists `field` on the standard object `object`. */
    hasStandardField(object: string, field: string): boolean {
        const known = this.standardObjectName(object);
        const fields = known ? this.standard?.objects[known] : undefined;
        return (
            !!known &&
            !!fields &&
            this.fieldNames(known, fields).has(field.toLowerCase())
        );
    }

    private fieldNames(object: string, fields: string[]): Set<string> {
        let names = this.lowerFields.get(object);
        if (!names) {
            names = new Set(fields.map((name) => name.toLowerCase()));
            this.lowerFields.set(object, names);
        }
        return names;
    }
}
