// The org's schema: sObject definitions looked up case-insensitively, fields and
// child relationships by name; custom objects and fields can be added at load time.

import { credentialObjects } from './credentials';
import { entityDefinitionObject } from './entity-definition';
import { packageLicenseObjects } from './package-licenses';
import { eventLogObjects } from './event-log';
import { permissionFields, standardObjects } from './standard-objects';
import { withSourcedFields } from './sourced-fields';
import { sourcedObjects } from './sourced-objects';
import { tabAndPageObjects } from './tabs-and-pages';
import type { ChildRelationshipDef, FieldDef, ObjectDef } from './types';

const PERMISSION_HOLDERS = ['PermissionSet', 'MutingPermissionSet', 'Profile'];

export class SchemaRegistry {
    private readonly objects = new Map<string, ObjectDef>();
    private readonly byPrefix = new Map<string, ObjectDef>();
    private fieldIndex = new Map<ObjectDef, Map<string, FieldDef>>();
    private children = new Map<string, ChildRelationshipDef[]>();

    constructor(
        definitions: ObjectDef[] = [
            ...standardObjects(),
            ...credentialObjects(),
            ...eventLogObjects(),
            ...tabAndPageObjects(),
            ...packageLicenseObjects(),
            ...sourcedObjects(),
            entityDefinitionObject()
        ]
    ) {
        // Indexed once: PermissionSet, Profile and MutingPermissionSet carry hundreds of fields.
        for (const definition of withSourcedFields(definitions)) {
            this.register(definition);
        }
        this.reindex();
    }

    addObject(definition: ObjectDef): void {
        this.register(definition);
        this.reindex();
    }

    addField(objectName: string, definition: FieldDef): void {
        const object = this.require(objectName);
        if (this.field(object, definition.name)) {
            return;
        }
        object.fields.push(definition);
        if (definition.childRelationshipName && definition.referenceTo) {
            this.reindex();
        } else {
            this.fieldIndex
                .get(object)
                ?.set(definition.name.toLowerCase(), definition);
        }
    }

    /** Adds Permissions<Name> to the objects that carry user permissions. */
    addUserPermission(name: string): void {
        for (const holder of PERMISSION_HOLDERS) {
            const object = this.require(holder);
            if (this.field(object, `Permissions${name}`)) {
                continue;
            }
            const [definition] = permissionFields([name], holder !== 'Profile');
            if (definition) {
                this.addField(holder, {
                    ...definition,
                    calculated: holder === 'Profile'
                });
            }
        }
    }

    private register(definition: ObjectDef): void {
        this.objects.set(definition.name.toLowerCase(), definition);
        this.byPrefix.set(definition.keyPrefix, definition);
    }

    object(name: string): ObjectDef | undefined {
        return this.objects.get(name.toLowerCase());
    }

    require(name: string): ObjectDef {
        const object = this.object(name);
        if (!object) {
            throw new Error(`Unknown sObject ${name}`);
        }
        return object;
    }

    objectForId(id: string): ObjectDef | undefined {
        return this.byPrefix.get(id.slice(0, 3));
    }

    all(): ObjectDef[] {
        return [...this.objects.values()];
    }

    field(object: ObjectDef, name: string): FieldDef | undefined {
        return this.fieldIndex.get(object)?.get(name.toLowerCase());
    }

    /** The lookup field whose relationshipName is `name` (e.g. Profile on User). */
    relationship(object: ObjectDef, name: string): FieldDef | undefined {
        const lower = name.toLowerCase();
        return object.fields.find(
            (candidate) => candidate.relationshipName?.toLowerCase() === lower
        );
    }

    childRelationships(object: ObjectDef): ChildRelationshipDef[] {
        return this.children.get(object.name) ?? [];
    }

    childRelationship(
        object: ObjectDef,
        name: string
    ): ChildRelationshipDef | undefined {
        const lower = name.toLowerCase();
        return this.childRelationships(object).find(
            (child) => child.relationshipName.toLowerCase() === lower
        );
    }

    /** Every lookup pointing at `object`, named or not (for cascade deletes). */
    referencesTo(
        object: ObjectDef
    ): Array<{ child: ObjectDef; field: FieldDef }> {
        const result: Array<{ child: ObjectDef; field: FieldDef }> = [];
        for (const child of this.objects.values()) {
            for (const candidate of child.fields) {
                if (
                    candidate.referenceTo?.includes(object.name) &&
                    !candidate.system
                ) {
                    result.push({ child, field: candidate });
                }
            }
        }
        return result;
    }

    private reindex(): void {
        this.fieldIndex = new Map();
        this.children = new Map();
        for (const object of this.objects.values()) {
            const index = new Map<string, FieldDef>();
            for (const definition of object.fields) {
                index.set(definition.name.toLowerCase(), definition);
            }
            this.fieldIndex.set(object, index);
        }
        for (const object of this.objects.values()) {
            for (const definition of object.fields) {
                if (
                    !definition.childRelationshipName ||
                    !definition.referenceTo
                ) {
                    continue;
                }
                for (const parent of definition.referenceTo) {
                    const list = this.children.get(parent) ?? [];
                    list.push({
                        relationshipName: definition.childRelationshipName,
                        childSObject: object.name,
                        field: definition.name,
                        cascadeDelete: definition.cascadeDelete ?? false
                    });
                    this.children.set(parent, list);
                }
            }
        }
    }
}
