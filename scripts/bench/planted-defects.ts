import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateMetadata } from '../src/metadata/validate';

/**
 * Defects a deploy rejects, each planted into a copy of the clean fixture project
 * (scripts/test/fixtures/clean-project: custom object Sample__c with field Code__c, permission set
 * Sample_Permissions, Apex class Greeting, LWC hello), to measure which validate:metadata rule
 * catches it. `missedInIssue` marks the 16 kinds issue #24 measured as missed.
 */
export interface PlantedDefect {
    id: string;
    /** What is wrong, in a few words. */
    defect: string;
    /** The rule expected to catch it. */
    rule: string;
    missedInIssue: boolean;
    /** Files written over the copy (paths relative to the project root). */
    files: Record<string, string>;
}

export const CLEAN_PROJECT = path.resolve(
    __dirname,
    '..',
    'test',
    'fixtures',
    'clean-project'
);

const XML = '<?xml version="1.0" encoding="UTF-8" ?>\n';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const D = 'force-app/main/default';
const OBJ = `${D}/objects/Sample__c`;

const flow = (body: string, start = ''): string =>
    `${XML}<Flow ${NS}>
    <apiVersion>66.0</apiVersion>
    <label>Planted</label>
    <processType>AutoLaunchedFlow</processType>
${body}
    <start>
        <locationX>50</locationX>
        <locationY>0</locationY>${start}
        <connector>
            <targetReference>Step</targetReference>
        </connector>
    </start>
    <status>Active</status>
</Flow>
`;

const lookup = (object: string, filterField: string, queried = 'Id'): string =>
    `    <recordLookups>
        <name>Step</name>
        <label>Step</label>
        <locationX>176</locationX>
        <locationY>134</locationY>
        <assignNullValuesIfNoRecordsFound>false</assignNullValuesIfNoRecordsFound>
        <filterLogic>and</filterLogic>
        <filters>
            <field>${filterField}</field>
            <operator>EqualTo</operator>
            <value>
                <stringValue>A1</stringValue>
            </value>
        </filters>
        <getFirstRecordOnly>true</getFirstRecordOnly>
        <object>${object}</object>
        <queriedFields>${queried}</queriedFields>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </recordLookups>`;

const create = (object: string, field: string): string =>
    `    <recordCreates>
        <name>Step</name>
        <label>Step</label>
        <locationX>176</locationX>
        <locationY>134</locationY>
        <inputAssignments>
            <field>${field}</field>
            <value>
                <stringValue>A1</stringValue>
            </value>
        </inputAssignments>
        <object>${object}</object>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </recordCreates>`;

const formulaField = (formula: string): string =>
    `${XML}<CustomField ${NS}>
    <fullName>Label__c</fullName>
    <formula>${formula}</formula>
    <label>Label</label>
    <required>false</required>
    <type>Text</type>
    <unique>false</unique>
</CustomField>
`;

const tab = (body: string): string =>
    `${XML}<CustomTab ${NS}>
${body}
    <motif>Custom20: Airplane</motif>
</CustomTab>
`;

const flexiPage = (componentName: string): string =>
    `${XML}<FlexiPage ${NS}>
    <flexiPageRegions>
        <itemInstances>
            <componentInstance>
                <componentName>${componentName}</componentName>
                <identifier>planted</identifier>
            </componentInstance>
        </itemInstances>
        <name>main</name>
        <type>Region</type>
    </flexiPageRegions>
    <masterLabel>Planted</masterLabel>
    <template>
        <name>flexipage:defaultAppHomeTemplate</name>
    </template>
    <type>AppPage</type>
</FlexiPage>
`;

const lwcMeta = (target: string): string =>
    `${XML}<LightningComponentBundle ${NS}>
    <apiVersion>66.0</apiVersion>
    <isExposed>true</isExposed>
    <targets>
        <target>${target}</target>
    </targets>
</LightningComponentBundle>
`;

const auraMeta = `${XML}<AuraDefinitionBundle ${NS}>
    <apiVersion>66.0</apiVersion>
    <description>Planted</description>
</AuraDefinitionBundle>
`;

const permissionSet = (body: string): string =>
    `${XML}<PermissionSet ${NS}>
    <hasActivationRequired>false</hasActivationRequired>
    <label>Planted</label>
${body}
</PermissionSet>
`;

const fieldPermission = (field: string): string =>
    `    <fieldPermissions>
        <editable>false</editable>
        <field>${field}</field>
        <readable>true</readable>
    </fieldPermissions>`;

const cmdtRecord = (field: string): string =>
    `${XML}<CustomMetadata ${NS} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
    <label>Default</label>
    <protected>false</protected>
    <values>
        <field>${field}</field>
        <value xsi:type="xsd:boolean">true</value>
    </values>
</CustomMetadata>
`;

const PROJECT_API_65 = JSON.stringify({
    packageDirectories: [{ path: 'force-app', default: true }],
    name: 'planted',
    sourceApiVersion: '65.0'
});

export const PLANTED_DEFECTS: PlantedDefect[] = [
    {
        id: 'flow-object',
        defect: 'Flow Get Records on a custom object the project lacks',
        rule: 'flow-reference',
        missedInIssue: true,
        files: {
            [`${D}/flows/Planted.flow-meta.xml`]: flow(
                lookup('Widget__c', 'Name')
            )
        }
    },
    {
        id: 'flow-field',
        defect: 'Flow Create Records sets a missing custom field',
        rule: 'flow-reference',
        missedInIssue: true,
        files: {
            [`${D}/flows/Planted.flow-meta.xml`]: flow(
                create('Sample__c', 'Colour__c')
            )
        }
    },
    {
        id: 'flow-filter',
        defect: 'Flow Get Records filters on a missing custom field',
        rule: 'flow-reference',
        missedInIssue: true,
        files: {
            [`${D}/flows/Planted.flow-meta.xml`]: flow(
                lookup('Sample__c', 'Colour__c')
            )
        }
    },
    {
        id: 'flow-queried-field',
        defect: 'Flow Get Records queries a missing custom field',
        rule: 'flow-reference',
        missedInIssue: false,
        files: {
            [`${D}/flows/Planted.flow-meta.xml`]: flow(
                lookup('Sample__c', 'Code__c', 'Colour__c')
            )
        }
    },
    {
        id: 'formula-field',
        defect: 'formula field names a missing custom field',
        rule: 'formula-reference',
        missedInIssue: true,
        files: {
            [`${OBJ}/fields/Label__c.field-meta.xml`]: formulaField(
                'Code__c &amp; Colour__c'
            )
        }
    },
    {
        id: 'validation-rule-field',
        defect: 'validation rule names a missing custom field',
        rule: 'formula-reference',
        missedInIssue: true,
        files: {
            [`${OBJ}/validationRules/Planted.validationRule-meta.xml`]: `${XML}<ValidationRule ${NS}>
    <fullName>Planted</fullName>
    <active>true</active>
    <errorConditionFormula>ISBLANK(Colour__c)</errorConditionFormula>
    <errorMessage>Enter a colour.</errorMessage>
</ValidationRule>
`
        }
    },
    {
        id: 'formula-relationship',
        defect: 'formula follows a relationship the object lacks',
        rule: 'formula-reference',
        missedInIssue: false,
        files: {
            [`${OBJ}/fields/Label__c.field-meta.xml`]:
                formulaField('Parent__r.Code__c')
        }
    },
    {
        id: 'layout-field',
        defect: 'page layout places a missing custom field',
        rule: 'layout-reference',
        missedInIssue: true,
        files: {
            [`${D}/layouts/Sample__c-Planted.layout-meta.xml`]: `${XML}<Layout ${NS}>
    <layoutSections>
        <editHeading>true</editHeading>
        <label>Information</label>
        <layoutColumns>
            <layoutItems>
                <behavior>Edit</behavior>
                <field>Colour__c</field>
            </layoutItems>
        </layoutColumns>
        <style>OneColumn</style>
    </layoutSections>
</Layout>
`
        }
    },
    {
        id: 'list-view-column',
        defect: 'list view column is a missing custom field',
        rule: 'layout-reference',
        missedInIssue: true,
        files: {
            [`${OBJ}/listViews/All.listView-meta.xml`]: `${XML}<ListView ${NS}>
    <fullName>All</fullName>
    <columns>NAME</columns>
    <columns>Colour__c</columns>
    <filterScope>Everything</filterScope>
    <label>All</label>
</ListView>
`
        }
    },
    {
        id: 'tab-object',
        defect: 'object tab for a custom object the project lacks',
        rule: 'tab-reference',
        missedInIssue: true,
        files: {
            [`${D}/tabs/Widget__c.tab-meta.xml`]: tab(
                '    <customObject>true</customObject>'
            )
        }
    },
    {
        id: 'tab-flexipage',
        defect: 'Lightning page tab for a missing FlexiPage',
        rule: 'tab-reference',
        missedInIssue: true,
        files: {
            [`${D}/tabs/Overview.tab-meta.xml`]: tab(
                '    <flexiPage>Overview_Page</flexiPage>\n    <label>Overview</label>'
            )
        }
    },
    {
        id: 'tab-lwc',
        defect: 'Lightning component tab for a missing LWC',
        rule: 'tab-reference',
        missedInIssue: true,
        files: {
            [`${D}/tabs/Greeter.tab-meta.xml`]: tab(
                '    <label>Greeter</label>\n    <lwcComponent>greeter</lwcComponent>'
            )
        }
    },
    {
        id: 'aura-missing-component',
        defect: 'Aura markup uses `<c:missing>`',
        rule: 'aura-reference',
        missedInIssue: true,
        files: {
            [`${D}/aura/planted/planted.cmp`]:
                '<aura:component>\n    <c:missing />\n</aura:component>\n',
            [`${D}/aura/planted/planted.cmp-meta.xml`]: auraMeta
        }
    },
    {
        id: 'aura-missing-template',
        defect: 'Aura bundle without its `.cmp`',
        rule: 'aura-reference',
        missedInIssue: true,
        files: {
            [`${D}/aura/planted/plantedController.js`]:
                '({\n    init: function () {}\n});\n'
        }
    },
    {
        id: 'aura-missing-controller',
        defect: 'Aura component controller="Missing" (no such Apex class)',
        rule: 'aura-reference',
        missedInIssue: false,
        files: {
            [`${D}/aura/planted/planted.cmp`]:
                '<aura:component controller="MissingController">\n</aura:component>\n',
            [`${D}/aura/planted/planted.cmp-meta.xml`]: auraMeta
        }
    },
    {
        id: 'flexipage-unprefixed',
        defect: 'FlexiPage places an unprefixed component the project lacks',
        rule: 'flexipage-component',
        missedInIssue: true,
        files: {
            [`${D}/flexipages/Planted.flexipage-meta.xml`]:
                flexiPage('helloWorld')
        }
    },
    {
        id: 'flexipage-c-prefixed',
        defect: 'FlexiPage places `c:missing`',
        rule: 'flexipage-reference',
        missedInIssue: false,
        files: {
            [`${D}/flexipages/Planted.flexipage-meta.xml`]:
                flexiPage('c:helloWorld')
        }
    },
    {
        id: 'lwc-unknown-target',
        defect: 'LWC target no release documents (far from every target)',
        rule: 'lwc-unknown-target',
        missedInIssue: true,
        files: {
            [`${D}/lwc/hello/hello.js-meta.xml`]: lwcMeta('lightning__ListView')
        }
    },
    {
        id: 'lwc-target-typo',
        defect: 'LWC target typo (lightning__RecordPge)',
        rule: 'lwc-target',
        missedInIssue: false,
        files: {
            [`${D}/lwc/hello/hello.js-meta.xml`]: lwcMeta(
                'lightning__RecordPge'
            )
        }
    },
    {
        id: 'standard-field-far',
        defect: 'permission set grants a standard field far from any real one',
        rule: 'standard-name-exact',
        missedInIssue: true,
        files: {
            'sfdx-project.json': PROJECT_API_65,
            [`${D}/permissionsets/Planted.permissionset-meta.xml`]:
                permissionSet(fieldPermission('Case.Severity_Level'))
        }
    },
    {
        id: 'standard-field-near',
        defect: 'permission set grants a standard field typo (Case.Subjekt)',
        rule: 'metadata-standard-name',
        missedInIssue: false,
        files: {
            [`${D}/permissionsets/Planted.permissionset-meta.xml`]:
                permissionSet(fieldPermission('Case.Subjekt'))
        }
    },
    {
        id: 'standard-field-in-flow',
        defect: 'Flow filters Case on a standard field no object has',
        rule: 'flow-reference',
        missedInIssue: false,
        files: {
            'sfdx-project.json': PROJECT_API_65,
            [`${D}/flows/Planted.flow-meta.xml`]: flow(
                lookup('Case', 'Urgency_Rating')
            )
        }
    },
    {
        id: 'cmdt-record-type',
        defect: 'custom metadata record whose type part names no type',
        rule: 'custom-metadata-type',
        missedInIssue: true,
        files: {
            [`${D}/customMetadata/Portal_Settings.Default.md-meta.xml`]:
                cmdtRecord('Enabled__c')
        }
    },
    {
        id: 'permission-set-class',
        defect: 'permission set grants a missing Apex class',
        rule: 'metadata-reference',
        missedInIssue: false,
        files: {
            [`${D}/permissionsets/Planted.permissionset-meta.xml`]:
                permissionSet(
                    '    <classAccesses>\n        <apexClass>MissingClass</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>'
                )
        }
    },
    {
        id: 'permission-set-field',
        defect: 'permission set grants a missing custom field',
        rule: 'metadata-reference',
        missedInIssue: false,
        files: {
            [`${D}/permissionsets/Planted.permissionset-meta.xml`]:
                permissionSet(fieldPermission('Sample__c.Colour__c'))
        }
    },
    {
        id: 'unknown-element',
        defect: 'unknown element in a permission set',
        rule: 'xml-unknown-element',
        missedInIssue: false,
        files: {
            [`${D}/permissionsets/Planted.permissionset-meta.xml`]:
                permissionSet('    <userPermission>ApiEnabled</userPermission>')
        }
    }
];

export interface PlantedResult {
    defect: PlantedDefect;
    /** Rules that reported something the clean copy does not. */
    caughtBy: string[];
}

/**
 * Plants each defect into its own copy of `base` (the clean fixture unless given) and returns
 * the rules that caught it. `base` must validate clean: its findings are subtracted anyway.
 */
export async function runPlanted(
    defects: PlantedDefect[] = PLANTED_DEFECTS,
    base: string = CLEAN_PROJECT
): Promise<PlantedResult[]> {
    const key = (f: { file: string; rule: string; message: string }) =>
        `${f.rule}|${f.file}|${f.message}`;
    const baseline = new Set(
        (await validateMetadata(base, { policy: false })).findings.map(key)
    );
    const results: PlantedResult[] = [];
    for (const defect of defects) {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'cpk-planted-'));
        try {
            cpSync(base, dir, { recursive: true });
            for (const [file, text] of Object.entries(defect.files)) {
                mkdirSync(path.dirname(path.join(dir, file)), {
                    recursive: true
                });
                writeFileSync(path.join(dir, file), text);
            }
            const report = await validateMetadata(dir, { policy: false });
            const rules = report.findings
                .filter((finding) => !baseline.has(key(finding)))
                .map((finding) => finding.rule);
            results.push({ defect, caughtBy: [...new Set(rules)].sort() });
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }
    return results;
}
