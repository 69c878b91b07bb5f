import { customMergeFields } from '../../src/metadata/checks/formula-references';
import {
    TARGET_LIST_API_VERSION,
    documentedTargets
} from '../../src/metadata/checks/lwc-unknown-target';
import { validateMetadata } from '../../src/metadata/validate';
import { DEFAULT, fixtureProject } from './fixture-project';
import { REFERENCE_FIXTURES } from './reference-fixtures';

/**
 * The reference checks of issue #24, each against a broken fixture (fixtures/broken/<name>/ laid
 * over the clean project) that a deploy rejects: every expected finding is reported, with its
 * rule and element, and nothing else. That the same checks accept real metadata is measured on
 * the public corpus with `npm run bench:validate -- --no-policy` (README, validate:metadata).
 */
interface Expected {
    /** The case's rule unless given. */
    rule?: string;
    file: string;
    element: string;
    message: RegExp;
}

interface ReferenceCase {
    name: string;
    rule: string;
    expected: Expected[];
}

const OBJECT = `${DEFAULT}/objects/Sample__c`;

const CASES: ReferenceCase[] = [
    {
        name: 'flow-missing-field',
        rule: 'flow-reference',
        expected: [
            {
                file: `${DEFAULT}/flows/Find_Sample.flow-meta.xml`,
                element: 'recordLookups/filters/field',
                message:
                    /recordLookups "Get_Sample" names custom field "Sample__c.Colour__c", which this project does not define/
            }
        ]
    },
    {
        name: 'formula-missing-field',
        rule: 'formula-reference',
        expected: [
            {
                file: `${OBJECT}/fields/Label__c.field-meta.xml`,
                element: 'formula',
                message: /"Colour__c" names custom field "Sample__c.Colour__c"/
            },
            {
                file: `${OBJECT}/validationRules/Code_Required.validationRule-meta.xml`,
                element: 'errorConditionFormula',
                message:
                    /"Parent__r.Code__c" names relationship "Sample__c.Parent__r"/
            }
        ]
    },
    {
        name: 'layout-missing-field',
        rule: 'layout-reference',
        expected: [
            {
                file: `${DEFAULT}/layouts/Sample__c-Sample Layout.layout-meta.xml`,
                element: 'layoutSections/layoutColumns/layoutItems/field',
                message: /Layout places custom field "Sample__c.Size__c"/
            },
            {
                file: `${OBJECT}/listViews/All.listView-meta.xml`,
                element: 'columns',
                message: /ListView places custom field "Sample__c.Owner__c"/
            },
            {
                file: `${OBJECT}/listViews/All.listView-meta.xml`,
                element: 'filters/field',
                message: /ListView places custom field "Sample__c.Status__c"/
            }
        ]
    },
    {
        name: 'tab-missing-target',
        rule: 'tab-reference',
        expected: [
            {
                file: `${DEFAULT}/tabs/Widget__c.tab-meta.xml`,
                element: 'customObject',
                message: /displays custom object "Widget__c"/
            },
            {
                file: `${DEFAULT}/tabs/Overview.tab-meta.xml`,
                element: 'flexiPage',
                message: /displays Lightning page "Overview_Page"/
            },
            {
                file: `${DEFAULT}/tabs/Greeter.tab-meta.xml`,
                element: 'lwcComponent',
                message: /displays Lightning web component "greeter"/
            }
        ]
    },
    {
        name: 'aura-missing-reference',
        rule: 'aura-reference',
        expected: [
            {
                file: `${DEFAULT}/aura/greeting/greeting.cmp`,
                element: 'controller',
                message: /controller="GreetingController" names an Apex class/
            },
            {
                file: `${DEFAULT}/aura/greeting/greeting.cmp`,
                element: 'c:greetedEvent',
                message: /type="c:greetedEvent" names c:greetedEvent/
            },
            {
                file: `${DEFAULT}/aura/greeting/greeting.cmp`,
                element: 'c:farewell',
                message: /No COMPONENT named markup:\/\/c:farewell found/
            },
            {
                file: `${DEFAULT}/aura/orphan`,
                element: 'orphan',
                message: /Aura bundle "orphan" has no orphan.cmp/
            }
        ]
    },
    {
        name: 'flexipage-missing-component',
        rule: 'flexipage-component',
        expected: [
            {
                file: `${DEFAULT}/flexipages/Home_Page.flexipage-meta.xml`,
                element: 'componentName',
                message: /places component "helloWorld"/
            }
        ]
    },
    {
        name: 'lwc-unknown-target',
        rule: 'lwc-unknown-target',
        expected: [
            {
                file: `${DEFAULT}/lwc/hello/hello.js-meta.xml`,
                element: 'targets/target',
                message:
                    /"lightning__ListView" is not an LWC target .* \(nearest: lightning__AppPage;/
            }
        ]
    },
    {
        name: 'custom-metadata-missing-type',
        rule: 'custom-metadata-type',
        expected: [
            {
                file: `${DEFAULT}/customMetadata/Portal_Settings.Default.md-meta.xml`,
                element: 'Portal_Settings',
                message:
                    /is of type Portal_Settings__mdt .* which this project does not define/
            }
        ]
    },
    {
        name: 'standard-field-unknown',
        rule: 'standard-name-exact',
        expected: [
            {
                file: `${DEFAULT}/permissionsets/Case_Reader.permissionset-meta.xml`,
                element: 'fieldPermissions/field',
                message:
                    /unknown standard field "Case.Severity_Level": no object of sobject-types-/
            },
            {
                rule: 'flow-reference',
                file: `${DEFAULT}/flows/Open_Cases.flow-meta.xml`,
                element: 'recordLookups/filters/field',
                message: /names unknown standard field "Case.Urgency_Rating"/
            }
        ]
    }
];

describe('validate:metadata reference checks (broken fixtures)', () => {
    it('has a case for each of its broken fixtures', () => {
        expect(CASES.map((c) => c.name)).toEqual(REFERENCE_FIXTURES);
    });

    it.each(CASES)('$name is rejected by $rule', async (brokenCase) => {
        const project = fixtureProject(brokenCase.name);
        try {
            const report = await validateMetadata(project.dir, {
                policy: false
            });
            const findings = report.findings.map((finding) => ({
                file: finding.file,
                element: finding.element,
                message: finding.message,
                rule: finding.rule
            }));
            expect(findings).toHaveLength(brokenCase.expected.length);
            for (const expected of brokenCase.expected) {
                expect(findings).toContainEqual({
                    file: expected.file,
                    element: expected.element,
                    message: expect.stringMatching(expected.message),
                    rule: expected.rule ?? brokenCase.rule
                });
            }
        } finally {
            project.cleanup();
        }
    });
});

describe('formula merge fields', () => {
    it('reads custom fields and relationship paths, not functions, strings, comments or globals', () => {
        expect(
            customMergeFields(
                'IF(ISBLANK(A__c), "B__c", Parent__r.C__c) /* D__c */ & $User.E__c & $Setup.F__c.G__c & Owner:User.H__c & TEXT(I__c) & \'J__c\' & Account.Name'
            )
        ).toEqual(['A__c', 'Parent__r.C__c', 'I__c']);
    });
});

describe('LWC targets: unknown target', () => {
    const bundle = (apiVersion: string): string =>
        `<?xml version="1.0" encoding="UTF-8" ?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>${apiVersion}</apiVersion>
    <isExposed>true</isExposed>
    <targets>
        <target>lightning__ListView</target>
    </targets>
</LightningComponentBundle>
`;

    it('holds the 29 values the guide lists, each once', () => {
        const targets = documentedTargets();
        expect(new Set(targets).size).toBe(29);
        expect(targets).toEqual(
            expect.arrayContaining([
                'lightning__ECSFSApp',
                'lightning__ServiceDocument',
                'lightningSnapin__MessagingPreChat'
            ])
        );
    });

    it('does not judge a bundle newer than the list (its target may be newer too)', async () => {
        const newer = `${TARGET_LIST_API_VERSION + 1}.0`;
        const project = fixtureProject(undefined, {
            [`${DEFAULT}/lwc/hello/hello.js-meta.xml`]: bundle(newer)
        });
        try {
            const report = await validateMetadata(project.dir, {
                policy: false
            });
            expect(
                report.findings.filter((f) => f.rule === 'lwc-unknown-target')
            ).toEqual([]);
        } finally {
            project.cleanup();
        }
    });
});

describe('standard fields by exact name', () => {
    it('judges no exact name for a project newer than the describe data', async () => {
        const project = fixtureProject('standard-field-unknown', {
            'sfdx-project.json': JSON.stringify({
                packageDirectories: [{ path: 'force-app', default: true }],
                name: 'fixture',
                sourceApiVersion: '66.0'
            })
        });
        try {
            const report = await validateMetadata(project.dir, {
                policy: false
            });
            expect(report.findings).toEqual([]);
        } finally {
            project.cleanup();
        }
    });
});
