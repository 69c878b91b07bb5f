// Custom objects, custom metadata types and custom fields (on custom or standard
// objects) from objects/<Object>/..., and custom metadata records.

import path from 'node:path';
import {
    bool,
    field,
    lookup,
    picklist,
    readOnly,
    required,
    systemFields,
    text as textField
} from '../schema/fields';
import { objectDef } from '../schema/standard-objects';
import type { FieldDef } from '../schema/types';
import type { Org } from '../org/org';
import { componentName, withSuffix } from './files';
import { children, flag, readMetadata, text } from '../../shared/metadata-xml';

const OBJECT_SUFFIX = '.object-meta.xml';
const FIELD_SUFFIX = '.field-meta.xml';
const RECORD_SUFFIX = '.md-meta.xml';

function fieldFromXml(
    name: string,
    xml: ReturnType<typeof readMetadata>
): FieldDef | undefined {
    const label = text(xml, 'label') ?? name;
    const requiredField = flag(xml, 'required');
    const length = Number(text(xml, 'length') ?? '255');
    // CustomField metadata: externalId (Metadata API Developer Guide, "CustomField").
    const base = {
        label,
        custom: true,
        nillable: !requiredField,
        permissionable: !requiredField,
        externalId: flag(xml, 'externalId')
    };
    switch (text(xml, 'type')) {
        case 'Checkbox':
            return bool(name, text(xml, 'defaultValue') === 'true', {
                label,
                custom: true
            });
        case 'Number':
        case 'Currency':
        case 'Percent':
            return field(name, 'double', base);
        case 'Date':
            return field(name, 'date', base);
        case 'DateTime':
            return field(name, 'datetime', base);
        case 'Email':
            return field(name, 'email', { ...base, length: 80 });
        case 'Phone':
            return field(name, 'phone', { ...base, length: 40 });
        case 'Url':
            return field(name, 'url', { ...base, length: 255 });
        case 'TextArea':
        case 'LongTextArea':
        case 'Html':
            return field(name, 'textarea', {
                ...base,
                length: Number(text(xml, 'length') ?? '32768')
            });
        case 'Picklist':
        case 'MultiselectPicklist': {
            const valueSet = children(xml, 'valueSet')[0];
            const definition = valueSet
                ? children(valueSet, 'valueSetDefinition')[0]
                : undefined;
            const values = definition
                ? children(definition, 'value').map(
                      (value) => text(value, 'fullName') ?? ''
                  )
                : [];
            return picklist(name, values, {
                ...base,
                restrictedPicklist: valueSet
                    ? flag(valueSet, 'restricted')
                    : false
            });
        }
        case 'Lookup':
        case 'MasterDetail': {
            const target = text(xml, 'referenceTo') ?? '';
            const childName = text(xml, 'relationshipName');
            const masterDetail = text(xml, 'type') === 'MasterDetail';
            return lookup(name, [target], name.replace(/__c$/, '__r'), {
                ...base,
                nillable: !masterDetail && !requiredField,
                permissionable: !masterDetail && !requiredField,
                childRelationshipName: childName
                    ? `${childName}__r`
                    : undefined,
                cascadeDelete: masterDetail
            });
        }
        case 'Text':
        case undefined:
            return textField(name, { ...base, length });
        default:
            return textField(name, { ...base, length });
    }
}

function customObjectDefinition(
    org: Org,
    name: string,
    xml: ReturnType<typeof readMetadata>,
    index: number
) {
    const mdt = name.endsWith('__mdt');
    const prefix = `${mdt ? 'm' : 'a'}${index.toString(36).padStart(2, '0')}`;
    const label = text(xml, 'label') ?? name;
    const standardFields = mdt
        ? [
              readOnly('DeveloperName', 'string', { permissionable: false }),
              readOnly('MasterLabel', 'string', { permissionable: false }),
              readOnly('Label', 'string', { permissionable: false }),
              readOnly('QualifiedApiName', 'string', { permissionable: false }),
              readOnly('NamespacePrefix', 'string', { permissionable: false })
          ]
        : [
              required('Name', 'string', {
                  label:
                      text(children(xml, 'nameField')[0] ?? {}, 'label') ??
                      'Name'
              }),
              lookup('OwnerId', ['User'], 'Owner', {
                  nillable: false,
                  defaultedOnCreate: true,
                  permissionable: false
              })
          ];
    org.schema.addObject(
        objectDef(name, prefix, [...systemFields(), ...standardFields], {
            label,
            labelPlural: text(xml, 'pluralLabel') ?? label,
            custom: true,
            createable: !mdt,
            updateable: !mdt,
            deletable: !mdt,
            recycleBin: !mdt
        })
    );
}

/** Adds custom objects and fields to the schema; returns problems a deploy would report. */
export function loadCustomObjects(org: Org, files: string[]): string[] {
    const problems: string[] = [];
    const objectFiles = withSuffix(files, OBJECT_SUFFIX);
    objectFiles.forEach((file, index) => {
        const name = componentName(file, OBJECT_SUFFIX);
        if (org.schema.object(name)) {
            return;
        }
        if (!name.endsWith('__c') && !name.endsWith('__mdt')) {
            return;
        }
        customObjectDefinition(
            org,
            name,
            readMetadata(file, 'CustomObject'),
            index
        );
    });
    for (const file of withSuffix(files, FIELD_SUFFIX)) {
        const objectName = path.basename(path.dirname(path.dirname(file)));
        const name = componentName(file, FIELD_SUFFIX);
        if (!org.schema.object(objectName)) {
            problems.push(
                `${file}: the emulator does not know the object ${objectName}`
            );
            continue;
        }
        const definition = fieldFromXml(
            name,
            readMetadata(file, 'CustomField')
        );
        if (definition) {
            org.schema.addField(objectName, definition);
        }
    }
    return problems;
}

/** Custom metadata records: customMetadata/<Type>.<Record>.md-meta.xml */
export function loadCustomMetadataRecords(org: Org, files: string[]): void {
    for (const file of withSuffix(files, RECORD_SUFFIX)) {
        const [typeName = '', recordName = ''] = componentName(
            file,
            RECORD_SUFFIX
        ).split('.');
        const type = org.schema.object(`${typeName}__mdt`);
        if (!type) {
            continue;
        }
        const xml = readMetadata(file, 'CustomMetadata');
        const label = text(xml, 'label') ?? recordName;
        const values: Record<string, unknown> = {
            DeveloperName: recordName,
            MasterLabel: label,
            Label: label,
            QualifiedApiName: recordName
        };
        for (const value of children(xml, 'values')) {
            const fieldName = text(value, 'field');
            if (fieldName && org.schema.field(type, fieldName)) {
                values[fieldName] = text(value, 'value') ?? null;
            }
        }
        org.dml.create(type.name, values, { system: true, fromCsv: true });
    }
}
