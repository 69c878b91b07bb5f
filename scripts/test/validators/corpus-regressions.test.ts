import type { Finding } from '../../src/lib/findings';
import { validateMetadata } from '../../src/metadata/validate';
import { DEFAULT, NS, XML, fixtureProject } from './fixture-project';

/**
 * What validate:metadata reported on public projects that deploy in their own CI
 * (scripts/bench/corpus.json), each reduced to a small fixture written from code: valid metadata
 * must pass, and the same rule must still reject the broken twin where one exists.
 */

const PROJECT = (apiVersion: string, dirs = ['force-app']): string =>
    JSON.stringify({
        packageDirectories: dirs.map((dir, index) => ({
            path: dir,
            ...(index === 0 ? { default: true } : {})
        })),
        sourceApiVersion: apiVersion
    });

async function findingsOf(
    files: Record<string, string>,
    apiVersion = '66.0'
): Promise<Finding[]> {
    const project = fixtureProject(undefined, {
        'sfdx-project.json': PROJECT(apiVersion),
        ...files
    });
    try {
        const report = await validateMetadata(project.dir, { policy: false });
        return report.findings;
    } finally {
        project.cleanup();
    }
}

const FLOW_WITH_VERSION_SEGMENT = `${XML}<Flow ${NS}>
    <actionCalls>
        <name>Check_Id</name>
        <label>Check Id</label>
        <locationX>0</locationX>
        <locationY>0</locationY>
        <actionName>CheckId</actionName>
        <actionType>apex</actionType>
        <nameSegment>CheckId</nameSegment>
        <versionSegment>1</versionSegment>
    </actionCalls>
    <apiVersion>59.0</apiVersion>
    <label>Fixture Flow</label>
    <processType>AutoLaunchedFlow</processType>
    <status>Active</status>
</Flow>
`;

describe('corpus false findings stay fixed', () => {
    it('resolves package directories written with \\ as sf does on Linux and macOS (pkg\\core)', async () => {
        const project = fixtureProject(undefined, {
            'sfdx-project.json': PROJECT('66.0', ['force-app', 'pkg\\core']),
            'pkg/core/main/default/classes/CoreGreeting.cls':
                'public with sharing class CoreGreeting {}\n',
            'pkg/core/main/default/classes/CoreGreeting.cls-meta.xml': `${XML}<ApexClass ${NS}>\n    <apiVersion>66.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n`
        });
        try {
            const report = await validateMetadata(project.dir, {
                policy: false
            });
            expect(report.packageDirs).toEqual(['force-app', 'pkg/core']);
            expect(report.components).toContain('ApexClass:CoreGreeting');
            expect(report.findings).toEqual([]);
        } finally {
            project.cleanup();
        }
    });

    it('keeps a clear BadProject error when sfdx-project.json names no default among several directories', async () => {
        const project = fixtureProject(undefined, {
            'sfdx-project.json': JSON.stringify({
                packageDirectories: [
                    { path: 'force-app' },
                    { path: 'force-app' }
                ],
                sourceApiVersion: '66.0'
            })
        });
        try {
            await expect(validateMetadata(project.dir)).rejects.toMatchObject({
                name: 'BadProject',
                message: expect.stringMatching(
                    /sfdx-project.json: packageDirectories: .*default/
                )
            });
        } finally {
            project.cleanup();
        }
    });

    it('does not crash on a class without its meta file whose name another folder defines (alexed1/LightningFlowComponents AIConnect, UseChatGPT)', async () => {
        const classes = (folder: string): string =>
            `actions/${folder}/force-app/main/default/classes`;
        const project = fixtureProject(undefined, {
            'sfdx-project.json': PROJECT('66.0', ['force-app', 'actions']),
            [`${classes('UseChatGPT')}/OpenAIConnect.cls`]:
                'public with sharing class OpenAIConnect {}\n',
            [`${classes('UseChatGPT')}/OpenAIConnect.cls-meta.xml`]: `${XML}<ApexClass ${NS}>\n    <apiVersion>66.0</apiVersion>\n    <status>Active</status>\n</ApexClass>\n`,
            [`${classes('AIConnect')}/OpenAIConnect.cls`]:
                'public with sharing class OpenAIConnect {}\n',
            // A file SDR cannot resolve sends it down the file-by-file path, as in the real tree.
            [`${DEFAULT}/classes/Orphan.cls-meta.xml`]: `${XML}<ApexClass ${NS}>\n    <apiVersion>66.0</apiVersion>\n</ApexClass>\n`
        });
        try {
            const report = await validateMetadata(project.dir, {
                policy: false
            });
            expect(report.findings).toEqual(
                expect.arrayContaining([
                    expect.objectContaining({
                        rule: 'meta-pairing',
                        file: `${classes('AIConnect')}/OpenAIConnect.cls`
                    })
                ])
            );
        } finally {
            project.cleanup();
        }
    });

    it('accepts an ApexClass meta file without <status> (apex-enterprise-patterns/fflib-apex-mocks)', async () => {
        const findings = await findingsOf({
            [`${DEFAULT}/classes/Greeting.cls-meta.xml`]: `${XML}<ApexClass ${NS}>\n    <apiVersion>66.0</apiVersion>\n</ApexClass>\n`
        });
        expect(findings).toEqual([]);
    });

    it('resolves Task.X__c and Event.X__c to a custom field defined on Activity, and still rejects one defined nowhere', async () => {
        const field = `${XML}<CustomField ${NS}>
    <fullName>Related_To_Type__c</fullName>
    <label>Related To Type</label>
    <length>80</length>
    <type>Text</type>
</CustomField>
`;
        const grant = (name: string): string => `    <fieldPermissions>
        <editable>true</editable>
        <field>${name}</field>
        <readable>true</readable>
    </fieldPermissions>
`;
        const findings = await findingsOf({
            [`${DEFAULT}/objects/Activity/fields/Related_To_Type__c.field-meta.xml`]:
                field,
            [`${DEFAULT}/permissionsets/Activity_Fields.permissionset-meta.xml`]: `${XML}<PermissionSet ${NS}>
${grant('Event.Related_To_Type__c')}${grant('Task.Related_To_Type__c')}${grant('Task.Missing_Field__c')}    <hasActivationRequired>false</hasActivationRequired>
    <label>Activity Fields</label>
</PermissionSet>
`
        });
        expect(
            findings.filter((finding) => finding.rule === 'metadata-reference')
        ).toEqual([
            expect.objectContaining({
                message: expect.stringContaining('"Task.Missing_Field__c"')
            })
        ]);
    });

    it('accepts Flow versionSegment where the project targets API 59.0 (alexed1/LightningFlowComponents FlowUtilities), not at 66.0', async () => {
        const file = `${DEFAULT}/flows/Fixture_Flow.flow-meta.xml`;
        const onVersion = (findings: Finding[]): Finding[] =>
            findings.filter((finding) =>
                finding.element?.endsWith('versionSegment')
            );
        expect(
            onVersion(
                await findingsOf({ [file]: FLOW_WITH_VERSION_SEGMENT }, '59.0')
            )
        ).toEqual([]);
        expect(
            onVersion(
                await findingsOf({ [file]: FLOW_WITH_VERSION_SEGMENT }, '66.0')
            )
        ).toEqual([expect.objectContaining({ rule: 'xml-unknown-element' })]);
    });

    it('accepts elements and values an API 44.0 project deploys (trailheadapps/purealoe, easy-spaces), not at 66.0', async () => {
        const files = {
            [`${DEFAULT}/tabs/Sample__c.tab-meta.xml`]: `${XML}<CustomTab ${NS}>
    <customObject>true</customObject>
    <mobileReady>false</mobileReady>
    <motif>Custom20: Airplane</motif>
</CustomTab>
`,
            [`${DEFAULT}/flows/Fixture_Flow.flow-meta.xml`]:
                FLOW_WITH_VERSION_SEGMENT.replace(
                    '<status>Active</status>',
                    '<status>ACTIVE</status>'
                )
        };
        const legacy = (findings: Finding[]): string[] =>
            findings
                .filter(
                    (finding) =>
                        finding.element === 'mobileReady' ||
                        finding.element === 'status'
                )
                .map((finding) => `${finding.element} ${finding.rule}`)
                .sort();
        expect(legacy(await findingsOf(files, '44.0'))).toEqual([]);
        expect(legacy(await findingsOf(files, '66.0'))).toEqual([
            'mobileReady xml-unknown-element',
            'status xml-enum-value'
        ]);
    });

    it('accepts a nil DuplicateRule objectMapping as retrieves write it, and still requires matchingRule', async () => {
        const rule = (
            matchRule: string
        ): string => `${XML}<DuplicateRule ${NS} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
    <actionOnInsert>Allow</actionOnInsert>
    <actionOnUpdate>Allow</actionOnUpdate>
    <alertText>Use one of these records?</alertText>
    <duplicateRuleMatchRules>
        <matchRuleSObjectType>Account</matchRuleSObjectType>
${matchRule}        <objectMapping xsi:nil="true"/>
    </duplicateRuleMatchRules>
    <isActive>true</isActive>
    <masterLabel>Fixture Account Rule</masterLabel>
    <operationsOnInsert>Alert</operationsOnInsert>
    <operationsOnUpdate>Alert</operationsOnUpdate>
    <securityOption>EnforceSharingRules</securityOption>
    <sortOrder>1</sortOrder>
</DuplicateRule>
`;
        const file = `${DEFAULT}/duplicateRules/Account.Fixture_Account_Rule.duplicateRule-meta.xml`;
        const missing = (findings: Finding[]): string[] =>
            findings
                .filter((finding) => finding.rule === 'xml-missing-element')
                .map((finding) => finding.element ?? '');
        expect(
            missing(
                await findingsOf({
                    [file]: rule(
                        '        <matchingRule>Standard_Account_Match_Rule_v1_0</matchingRule>\n'
                    )
                })
            )
        ).toEqual([]);
        expect(missing(await findingsOf({ [file]: rule('') }))).toEqual([
            'duplicateRuleMatchRules/matchingRule'
        ]);
    });

    it('rejects a CustomPermission label over 80 characters (CustomPermission.MasterLabel)', async () => {
        const findings = await findingsOf({
            [`${DEFAULT}/customPermissions/Sample_Permission.customPermission-meta.xml`]: `${XML}<CustomPermission ${NS}>
    <isLicensed>false</isLicensed>
    <label>${'L'.repeat(81)}</label>
</CustomPermission>
`
        });
        expect(findings).toEqual([
            expect.objectContaining({
                rule: 'metadata-length',
                element: 'label',
                message:
                    'is 81 characters; CustomPermission.MasterLabel holds at most 80: the deploy would fail'
            })
        ]);
    });
    it('knows user permissions of richer orgs than the pinned typings (ManageKnowledge), and still rejects a typo', async () => {
        const permissionSet = (name: string): Record<string, string> => ({
            [`${DEFAULT}/permissionsets/Knowledge_Editors.permissionset-meta.xml`]: `${XML}<PermissionSet ${NS}>
    <hasActivationRequired>false</hasActivationRequired>
    <label>Knowledge Editors</label>
    <userPermissions>
        <enabled>true</enabled>
        <name>${name}</name>
    </userPermissions>
</PermissionSet>
`
        });
        const userPermissionFindings = (findings: Finding[]): string[] =>
            findings
                .filter(
                    (finding) => finding.rule === 'metadata-user-permission'
                )
                .map((finding) => finding.message);
        expect(
            userPermissionFindings(
                await findingsOf(permissionSet('ManageKnowledge'))
            )
        ).toEqual([]);
        expect(
            userPermissionFindings(
                await findingsOf(permissionSet('ManageKnowledgeX'))
            )
        ).toEqual([
            expect.stringContaining(
                'unknown user permission "ManageKnowledgeX"'
            )
        ]);
    });
});
