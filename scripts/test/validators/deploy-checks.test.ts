import { validateMetadata } from '../../src/metadata/validate';
import {
    DEFAULT,
    GREETING_LABEL,
    NS,
    XML,
    fixtureProject
} from './fixture-project';

/**
 * Each defect class validate:metadata checks beyond the element schema, planted one at a time
 * into the clean fixture project (files written from code here): each must be rejected with a
 * finding that names the file, the element and the rule.
 */
const FIELD = `${DEFAULT}/objects/Sample__c/fields/Code__c.field-meta.xml`;
const OBJECT = `${DEFAULT}/objects/Sample__c/Sample__c.object-meta.xml`;
const PS = `${DEFAULT}/permissionsets/Sample_Permissions.permissionset-meta.xml`;

const field = (body: string): string =>
    `${XML}<CustomField ${NS}>\n    <fullName>Code__c</fullName>\n    <label>Code</label>\n${body}</CustomField>\n`;

const objectWith = (sharingModel: string): string =>
    `${XML}<CustomObject ${NS}>
    <deploymentStatus>Deployed</deploymentStatus>
    <label>Sample</label>
    <nameField>
        <label>Sample Name</label>
        <type>Text</type>
    </nameField>
    <pluralLabel>Samples</pluralLabel>
    <sharingModel>${sharingModel}</sharingModel>
</CustomObject>
`;

const objectPermission = (object: string): string => `    <objectPermissions>
        <allowCreate>false</allowCreate>
        <allowDelete>false</allowDelete>
        <allowEdit>false</allowEdit>
        <allowRead>true</allowRead>
        <modifyAllRecords>false</modifyAllRecords>
        <object>${object}</object>
        <viewAllRecords>false</viewAllRecords>
    </objectPermissions>
`;

const permissionSet = (body: string): string =>
    `${XML}<PermissionSet ${NS}>\n    <label>Sample Permissions</label>\n${body}</PermissionSet>\n`;

const ECA = {
    [`${DEFAULT}/externalClientApps/Fixture_App.eca-meta.xml`]: `${XML}<ExternalClientApplication ${NS}>
    <contactEmail>admin@example.com</contactEmail>
    <distributionState>Local</distributionState>
    <isProtected>false</isProtected>
    <label>Fixture App</label>
</ExternalClientApplication>
`
};

const CMDT_TYPE = {
    [`${DEFAULT}/objects/Setting__mdt/Setting__mdt.object-meta.xml`]: `${XML}<CustomObject ${NS}>
    <label>Setting</label>
    <pluralLabel>Settings</pluralLabel>
    <visibility>Public</visibility>
</CustomObject>
`,
    [`${DEFAULT}/objects/Setting__mdt/fields/Enabled__c.field-meta.xml`]: `${XML}<CustomField ${NS}>
    <fullName>Enabled__c</fullName>
    <defaultValue>false</defaultValue>
    <externalId>false</externalId>
    <fieldManageability>DeveloperControlled</fieldManageability>
    <label>Enabled</label>
    <type>Checkbox</type>
</CustomField>
`
};

const HELLO_JS = `${DEFAULT}/lwc/hello/hello.js`;
const HELLO_HTML = `${DEFAULT}/lwc/hello/hello.html`;
const LABELS = GREETING_LABEL;
const helloJs = (imports: string): string =>
    `import { LightningElement, api } from 'lwc';\n${imports}\nexport default class Hello extends LightningElement {\n    @api name = 'world';\n}\n`;

/** One bad import each; the good imports beside it must stay quiet. */
const LWC_CASES: Case[] = [
    {
        specifier: '@salesforce/label/c.Greting',
        good: "import GREETING from '@salesforce/label/c.Greeting';",
        message: /no custom label "Greting" in this project/
    },
    {
        specifier: '@salesforce/apex/Greting.hello',
        good: "import hello from '@salesforce/apex/Greeting.hello';",
        message: /no Apex class "Greting" in this project/
    },
    {
        specifier: '@salesforce/apex/Greeting.goodbye',
        good: "import hello from '@salesforce/apex/greeting.HELLO';",
        message: /Apex class Greeting has no method "goodbye"/
    },
    {
        specifier: '@salesforce/customPermission/Sample_Permision',
        good: "import CAN from '@salesforce/customPermission/Sample_Permission';",
        message: /no custom permission "Sample_Permision" in this project/
    },
    {
        specifier: '@salesforce/schema/Sample__c.Cod__c',
        good: "import CODE from '@salesforce/schema/Sample__c.Code__c';",
        message: /no custom field "Sample__c.Cod__c" in this project/
    },
    {
        specifier: '@salesforce/schema/Contact.AcountId',
        good: "import NAME from '@salesforce/schema/Contact.Name';",
        message: /unknown field "Contact.AcountId" \(nearest: Contact.AccountId/
    },
    {
        specifier: 'c/helo',
        good: "import other from 'c/hello';",
        message: /this project has no LWC bundle "helo"/
    }
].map(({ specifier, good, message }) => ({
    name: `an LWC import of ${specifier} the project lacks`,
    files: {
        ...LABELS,
        [HELLO_JS]: helloJs(`${good}\nimport bad from '${specifier}';`)
    },
    rule: 'lwc-reference',
    file: HELLO_JS,
    element: specifier,
    message
}));

LWC_CASES.push({
    name: 'an LWC target config naming an object the project lacks',
    files: {
        [`${DEFAULT}/lwc/hello/hello.js-meta.xml`]: `${XML}<LightningComponentBundle ${NS}>
    <apiVersion>66.0</apiVersion>
    <isExposed>true</isExposed>
    <targets>
        <target>lightning__RecordPage</target>
    </targets>
    <targetConfigs>
        <targetConfig targets="lightning__RecordPage">
            <objects>
                <object>Sample__c</object>
                <object>Contact</object>
                <object>Sampel__c</object>
            </objects>
        </targetConfig>
    </targetConfigs>
</LightningComponentBundle>
`
    },
    rule: 'lwc-reference',
    file: `${DEFAULT}/lwc/hello/hello.js-meta.xml`,
    element: 'targetConfigs/targetConfig/objects/object',
    message: /no custom object "Sampel__c" in this project/
});

LWC_CASES.push({
    name: 'an LWC template using a child component the project lacks',
    files: {
        [HELLO_HTML]:
            '<template>\n    <!-- <c-nothing></c-nothing> -->\n    <p>Hello, {name}</p>\n    <c-hello-world></c-hello-world>\n</template>\n'
    },
    rule: 'lwc-reference',
    file: HELLO_HTML,
    element: 'c-hello-world',
    message: /no LWC bundle "helloWorld"/
});

interface Case {
    name: string;
    files: Record<string, string>;
    rule: string;
    file: string;
    element?: string;
    message: RegExp;
    /** A kit rule, reported apart and left out with --no-policy. */
    policy?: boolean;
}

const CASES: Case[] = [
    {
        name: 'a field type that does not exist',
        files: {
            [FIELD]: field('    <length>20</length>\n    <type>Txt</type>\n')
        },
        rule: 'xml-enum-value',
        file: FIELD,
        element: 'type',
        message: /"Txt" is not a FieldType value \(did you mean Text\?\)/
    },
    {
        name: 'a sharing model that does not exist',
        files: { [OBJECT]: objectWith('ReadWriteAll') },
        rule: 'xml-enum-value',
        file: OBJECT,
        element: 'sharingModel',
        message: /"ReadWriteAll" is not a SharingModel value/
    },
    {
        name: 'a connected app OAuth scope that does not exist',
        files: {
            [`${DEFAULT}/connectedApps/Fixture_App.connectedApp-meta.xml`]: `${XML}<ConnectedApp ${NS}>
    <contactEmail>admin@example.com</contactEmail>
    <label>Fixture App</label>
    <oauthConfig>
        <callbackUrl>https://example.com/callback</callbackUrl>
        <scopes>Apii</scopes>
    </oauthConfig>
</ConnectedApp>
`
        },
        rule: 'xml-enum-value',
        file: `${DEFAULT}/connectedApps/Fixture_App.connectedApp-meta.xml`,
        element: 'oauthConfig/scopes',
        message:
            /"Apii" is not a ConnectedAppOauthAccessScope value \(did you mean Api\?\)/
    },
    {
        name: 'an External Client App OAuth scope that does not exist',
        files: {
            ...ECA,
            [`${DEFAULT}/extlClntAppOauthSettings/Fixture_App_oauth.ecaOauth-meta.xml`]: `${XML}<ExtlClntAppOauthSettings ${NS}>
    <commaSeparatedOauthScopes>Api, RefreshTokn</commaSeparatedOauthScopes>
    <externalClientApplication>Fixture_App</externalClientApplication>
    <label>Fixture App OAuth</label>
</ExtlClntAppOauthSettings>
`
        },
        rule: 'xml-enum-value',
        file: `${DEFAULT}/extlClntAppOauthSettings/Fixture_App_oauth.ecaOauth-meta.xml`,
        element: 'commaSeparatedOauthScopes',
        message:
            /"RefreshTokn" is not an OAuth scope.*did you mean RefreshToken/
    },
    {
        name: 'an External Client App policy value that does not exist',
        files: {
            ...ECA,
            [`${DEFAULT}/extlClntAppOauthPolicies/Fixture_App_oauthPlcy.ecaOauthPlcy-meta.xml`]: `${XML}<ExtlClntAppOauthConfigurablePolicies ${NS}>
    <externalClientApplication>Fixture_App</externalClientApplication>
    <label>Fixture App OAuth Policies</label>
    <permittedUsersPolicyType>AllSelfAuthorised</permittedUsersPolicyType>
</ExtlClntAppOauthConfigurablePolicies>
`
        },
        rule: 'xml-enum-value',
        file: `${DEFAULT}/extlClntAppOauthPolicies/Fixture_App_oauthPlcy.ecaOauthPlcy-meta.xml`,
        element: 'permittedUsersPolicyType',
        message:
            /"AllSelfAuthorised" is not a PermittedUsersPolicyType value \(did you mean AllSelfAuthorized\?\)/
    },
    {
        name: 'a Text field without length',
        files: { [FIELD]: field('    <type>Text</type>\n') },
        rule: 'field-required-when',
        file: FIELD,
        element: 'length',
        message: /a Text field needs <length>/
    },
    {
        name: 'a formula field with a length',
        files: {
            [FIELD]: field(
                '    <formula>Name</formula>\n    <length>20</length>\n    <type>Text</type>\n'
            )
        },
        rule: 'field-required-when',
        file: FIELD,
        element: 'length',
        message: /a formula field cannot have a length/
    },
    {
        name: 'the same object twice in a permission set',
        files: {
            [PS]: permissionSet(
                objectPermission('Sample__c') + objectPermission('Sample__c')
            )
        },
        rule: 'duplicate-entry',
        file: PS,
        element: 'objectPermissions/object',
        message: /"Sample__c" is listed again \(first at line 4\)/
    },
    {
        name: 'a standard object name with a typo in a permission set',
        files: { [PS]: permissionSet(objectPermission('Contactt')) },
        rule: 'metadata-standard-name',
        file: PS,
        element: 'objectPermissions/object',
        message: /unknown standard object "Contactt" \(nearest: Contact[,;]/
    },
    {
        name: 'a standard field name with a typo in a permission set',
        files: {
            [PS]: permissionSet(`    <fieldPermissions>
        <editable>false</editable>
        <field>Contact.AcountId</field>
        <readable>true</readable>
    </fieldPermissions>
`)
        },
        rule: 'metadata-standard-name',
        file: PS,
        element: 'fieldPermissions/field',
        message:
            /unknown standard field of Contact "Contact.AcountId" \(nearest: Contact.AccountId/
    },
    {
        name: 'the same picklist value twice',
        files: {
            [FIELD]: field(`    <type>Picklist</type>
    <valueSet>
        <valueSetDefinition>
            <sorted>false</sorted>
            <value><fullName>Open</fullName><default>false</default><label>Open</label></value>
            <value><fullName>Open</fullName><default>false</default><label>Open again</label></value>
        </valueSetDefinition>
    </valueSet>
`)
        },
        rule: 'duplicate-entry',
        file: FIELD,
        element: 'valueSet/valueSetDefinition/value',
        message: /"Open" is listed again/
    },
    {
        name: 'a custom metadata record naming a field its type lacks',
        files: {
            ...CMDT_TYPE,
            [`${DEFAULT}/customMetadata/Setting.Default.md-meta.xml`]: `${XML}<CustomMetadata ${NS} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
    <label>Default</label>
    <protected>false</protected>
    <values>
        <field>Enabled__c</field>
        <value xsi:type="xsd:boolean">true</value>
    </values>
    <values>
        <field>Enabeld__c</field>
        <value xsi:type="xsd:boolean">true</value>
    </values>
</CustomMetadata>
`
        },
        rule: 'custom-metadata-field',
        file: `${DEFAULT}/customMetadata/Setting.Default.md-meta.xml`,
        element: 'values/field',
        message: /"Enabeld__c" is not a field of Setting__mdt/
    },
    ...LWC_CASES,
    {
        name: 'a Lightning page placing a component the project lacks',
        files: {
            [`${DEFAULT}/flexipages/Sample_Page.flexipage-meta.xml`]: `${XML}<FlexiPage ${NS}>
    <flexiPageRegions>
        <itemInstances>
            <componentInstance>
                <componentName>c:hello</componentName>
                <identifier>c_hello</identifier>
            </componentInstance>
        </itemInstances>
        <itemInstances>
            <componentInstance>
                <componentName>c:helo</componentName>
                <identifier>c_helo</identifier>
            </componentInstance>
        </itemInstances>
        <name>main</name>
        <type>Region</type>
    </flexiPageRegions>
    <masterLabel>Sample Page</masterLabel>
    <template>
        <name>flexipage:defaultAppHomeTemplate</name>
    </template>
    <type>AppPage</type>
</FlexiPage>
`
        },
        rule: 'flexipage-reference',
        file: `${DEFAULT}/flexipages/Sample_Page.flexipage-meta.xml`,
        element: 'componentName',
        message: /places component "c:helo", which this project does not define/
    },
    {
        name: 'a label with {0} and a lone apostrophe',
        files: {
            [`${DEFAULT}/labels/CustomLabels.labels-meta.xml`]: `${XML}<CustomLabels ${NS}>
    <labels>
        <fullName>Saved</fullName>
        <language>en_US</language>
        <protected>false</protected>
        <shortDescription>Saved</shortDescription>
        <value>We couldn''t save {0}.</value>
    </labels>
    <labels>
        <fullName>Not_Saved</fullName>
        <language>en_US</language>
        <protected>false</protected>
        <shortDescription>Not saved</shortDescription>
        <value>We couldn't save {0}.</value>
    </labels>
</CustomLabels>
`
        },
        rule: 'label-messageformat',
        file: `${DEFAULT}/labels/CustomLabels.labels-meta.xml`,
        element: 'labels/Not_Saved',
        message: /lone apostrophe/,
        policy: true
    },
    {
        name: 'a scratch definition setting that is no longer a field',
        files: {
            'config/project-scratch-def.json': JSON.stringify(
                {
                    edition: 'Developer',
                    settings: {
                        externalClientAppSettings: {
                            enableExternalClientApps: true
                        }
                    }
                },
                null,
                4
            )
        },
        rule: 'scratch-def-setting',
        file: 'config/project-scratch-def.json',
        element: 'settings.externalClientAppSettings.enableExternalClientApps',
        message:
            /"enableExternalClientApps" is not a field of ExternalClientAppSettings.*valid fields: enableClientSecretInRestApiAccess, enableConsumerSecretApiAccess, enablePackageEcaOauthFromDevOrg/
    },
    {
        name: 'a scratch definition settings key that names no Settings type',
        files: {
            'config/dev-scratch-def.json': JSON.stringify({
                settings: { lightningExperinceSettings: {} }
            })
        },
        rule: 'scratch-def-setting',
        file: 'config/dev-scratch-def.json',
        element: 'settings.lightningExperinceSettings',
        message:
            /names no Metadata API Settings type \(nearest: lightningExperienceSettings/
    },
    {
        name: 'a scratch definition setting with a value of the wrong type',
        files: {
            'config/project-scratch-def.json': JSON.stringify({
                settings: {
                    lightningExperienceSettings: {
                        enableS1DesktopEnabled: 'yes'
                    }
                }
            })
        },
        rule: 'scratch-def-setting',
        file: 'config/project-scratch-def.json',
        element: 'settings.lightningExperienceSettings.enableS1DesktopEnabled',
        message: /expected true or false, found "yes"/
    }
];

describe('validate:metadata deploy checks', () => {
    it.each(CASES)('rejects $name', async (broken) => {
        const project = fixtureProject(undefined, broken.files);
        try {
            const report = await validateMetadata(project.dir);
            const list = broken.policy
                ? report.policyFindings
                : report.findings;
            const match = list.find(
                (finding) =>
                    finding.rule === broken.rule && finding.file === broken.file
            );
            expect(match).toBeDefined();
            if (broken.element) {
                expect(match?.element).toBe(broken.element);
            }
            expect(match?.message).toMatch(broken.message);
            // Nothing else is reported: the planted defect is the only one.
            expect(
                [...report.findings, ...report.policyFindings].filter(
                    (finding) => finding !== match
                )
            ).toEqual([]);
            const deployOnly = await validateMetadata(project.dir, {
                policy: false
            });
            expect(deployOnly.policyFindings).toEqual([]);
            expect(deployOnly.findings.length).toBe(broken.policy ? 0 : 1);
        } finally {
            project.cleanup();
        }
    });
});

const ACCEPTED: { name: string; files: Record<string, string> }[] = [
    {
        name: 'the tooling namespace on an Apex class meta file (trailheadapps/lwc-recipes)',
        files: {
            [`${DEFAULT}/classes/Greeting.cls-meta.xml`]: `${XML}<ApexClass xmlns="urn:metadata.tooling.soap.sforce.com">\n    <apiVersion>66.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n`
        }
    },
    {
        name: 'a Settings file whose root is <NameSettings>',
        files: {
            [`${DEFAULT}/settings/LightningExperience.settings-meta.xml`]: `${XML}<LightningExperienceSettings ${NS}>\n    <enableS1DesktopEnabled>true</enableS1DesktopEnabled>\n</LightningExperienceSettings>\n`
        }
    },
    {
        name: 'jest mocks outside any metadata folder (force-app/test/jest-mocks)',
        files: {
            'force-app/test/jest-mocks/lightning/navigation.js':
                'export const CurrentPageReference = jest.fn();\n'
        }
    },
    {
        // Newer than the describe data (API 61) and far from any name it knows: not reported.
        name: 'a standard field the describe data predates (Contact.Pronouns, trailheadapps/coral-cloud)',
        files: {
            [PS]: permissionSet(`    <fieldPermissions>
        <editable>false</editable>
        <field>Contact.Pronouns</field>
        <readable>true</readable>
    </fieldPermissions>
`)
        }
    },
    {
        name: 'a scratch definition with current Settings fields',
        files: {
            'config/project-scratch-def.json': JSON.stringify({
                settings: {
                    externalClientAppSettings: {
                        enableClientSecretInRestApiAccess: true
                    },
                    securitySettings: {
                        passwordPolicies: { minimumPasswordLength: 12 }
                    }
                }
            })
        }
    }
];

describe('validate:metadata accepts what deploys', () => {
    it.each(ACCEPTED)('$name', async ({ files }) => {
        const project = fixtureProject(undefined, files);
        try {
            const report = await validateMetadata(project.dir);
            expect(report.findings).toEqual([]);
            expect(report.policyFindings).toEqual([]);
        } finally {
            project.cleanup();
        }
    });

    it('leaves the kit policy out with policy: false', async () => {
        const project = fixtureProject(undefined, {
            [PS]: permissionSet(
                objectPermission('Sample__c').replace(
                    '<viewAllRecords>false',
                    '<viewAllRecords>true'
                )
            )
        });
        try {
            const withPolicy = await validateMetadata(project.dir);
            expect(withPolicy.findings).toEqual([]);
            expect(withPolicy.policyFindings).toEqual([
                expect.objectContaining({ rule: 'least-privilege-object' })
            ]);
            const deployOnly = await validateMetadata(project.dir, {
                policy: false
            });
            expect(deployOnly.findings).toEqual([]);
            expect(deployOnly.policyFindings).toEqual([]);
        } finally {
            project.cleanup();
        }
    });
});
