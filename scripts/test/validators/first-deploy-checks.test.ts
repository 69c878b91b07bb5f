import { validateMetadata } from '../../src/metadata/validate';
import type { Finding } from '../../src/lib/findings';
import { DEFAULT, NS, XML, fixtureProject } from './fixture-project';

/**
 * The first-deploy rules of issue #19 (scripts/src/metadata/checks/first-deploy.ts), each planted
 * into the clean fixture project: each must be reported with its file, element and rule, and the
 * fixed variant must not be.
 */

const TWO_DIRS = JSON.stringify({
    packageDirectories: [
        { path: 'force-app', default: true },
        { path: 'legacy', default: false }
    ],
    name: 'fixture',
    sourceApiVersion: '66.0'
});

const CONNECTED_APP = `${XML}<ConnectedApp ${NS}>
    <contactEmail>admin@example.com</contactEmail>
    <label>Fixture Legacy</label>
    <oauthConfig>
        <callbackUrl>https://login.salesforce.com/services/oauth2/success</callbackUrl>
        <isAdminApproved>true</isAdminApproved>
        <scopes>Api</scopes>
    </oauthConfig>
</ConnectedApp>
`;

const ECA = `${XML}<ExternalClientApplication ${NS}>
    <contactEmail>admin@example.com</contactEmail>
    <distributionState>Local</distributionState>
    <isProtected>false</isProtected>
    <label>Fixture App</label>
</ExternalClientApplication>
`;

const POLICY = `${XML}<ExtlClntAppOauthConfigurablePolicies ${NS}>
    <externalClientApplication>Fixture_App</externalClientApplication>
    <isClientCredentialsFlowEnabled>false</isClientCredentialsFlowEnabled>
    <label>Fixture App OAuth Policies</label>
    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>
</ExtlClntAppOauthConfigurablePolicies>
`;

const POLICY_PATH =
    'main/default/extlClntAppOauthPolicies/Fixture_App_oauthPlcy.ecaOauthPlcy-meta.xml';

const CREATE_CASE = {
    [`${DEFAULT}/customPermissions/Case_Portal_Create_Case.customPermission-meta.xml`]: `${XML}<CustomPermission ${NS}>
    <isLicensed>false</isLicensed>
    <label>Create cases in the portal</label>
</CustomPermission>
`
};

const portalSet = (create: boolean, edit: boolean): string =>
    `${XML}<PermissionSet ${NS}>
    <customPermissions>
        <enabled>true</enabled>
        <name>Case_Portal_Create_Case</name>
    </customPermissions>
    <hasActivationRequired>false</hasActivationRequired>
    <label>Portal</label>
    <objectPermissions>
        <allowCreate>${create}</allowCreate>
        <allowDelete>false</allowDelete>
        <allowEdit>${edit}</allowEdit>
        <allowRead>true</allowRead>
        <modifyAllRecords>false</modifyAllRecords>
        <object>Case</object>
        <viewAllRecords>false</viewAllRecords>
    </objectPermissions>
</PermissionSet>
`;

const sharingSet = (profiles: string[]): string =>
    `${XML}<SharingSet ${NS}>
    <accessMappings>
        <accessLevel>Read</accessLevel>
        <object>Case</object>
        <objectField>Contact</objectField>
        <userField>Contact</userField>
    </accessMappings>
    <name>Portal_Cases</name>
${profiles.map((profile) => `    <profiles>${profile}</profiles>\n`).join('')}</SharingSet>
`;

const PORTAL_SET = `${DEFAULT}/permissionsets/Portal.permissionset-meta.xml`;
const SHARING_SET = `${DEFAULT}/sharingSets/Portal_Cases.sharingSet-meta.xml`;

async function findingsOf(
    files: Record<string, string>,
    rule: string
): Promise<Finding[]> {
    const project = fixtureProject(undefined, files);
    try {
        const report = await validateMetadata(project.dir);
        return [...report.findings, ...report.policyFindings].filter(
            (finding) => finding.rule === rule
        );
    } finally {
        project.cleanup();
    }
}

describe('validate:metadata first-deploy rules (issue #19)', () => {
    it('deploy-connected-app: a ConnectedApp in a non-default package directory', async () => {
        const findings = await findingsOf(
            {
                'sfdx-project.json': TWO_DIRS,
                'legacy/main/default/connectedApps/Fixture_Legacy.connectedApp-meta.xml':
                    CONNECTED_APP
            },
            'deploy-connected-app'
        );
        expect(findings).toEqual([
            expect.objectContaining({
                file: 'legacy/main/default/connectedApps/Fixture_Legacy.connectedApp-meta.xml',
                element: 'ConnectedApp',
                message: expect.stringMatching(
                    /New Connected Apps Can No Longer Be Created in Spring/
                )
            })
        ]);
    });

    it('oauth-policy-two-homes: the same OAuth policy in two package directories', async () => {
        const findings = await findingsOf(
            {
                'sfdx-project.json': TWO_DIRS,
                [`${DEFAULT}/externalClientApps/Fixture_App.eca-meta.xml`]: ECA,
                [`force-app/${POLICY_PATH}`]: POLICY,
                [`legacy/${POLICY_PATH}`]: POLICY
            },
            'oauth-policy-two-homes'
        );
        expect(findings).toEqual([
            expect.objectContaining({
                element: 'ExtlClntAppOauthConfigurablePolicies',
                message: expect.stringMatching(
                    /Fixture_App_oauthPlcy is also in .*: the last deploy wins/
                )
            })
        ]);
    });

    it('oauth-policy-two-homes: a policy committed and also generated in .secrets/eca', async () => {
        const files = {
            [`${DEFAULT}/externalClientApps/Fixture_App.eca-meta.xml`]: ECA,
            [`force-app/${POLICY_PATH}`]: POLICY
        };
        expect(await findingsOf(files, 'oauth-policy-two-homes')).toEqual([]);
        const findings = await findingsOf(
            { ...files, [`.secrets/eca/force-app/${POLICY_PATH}`]: POLICY },
            'oauth-policy-two-homes'
        );
        expect(findings).toEqual([
            expect.objectContaining({
                file: `force-app/${POLICY_PATH}`,
                message: expect.stringMatching(
                    /committed here and generated in \.secrets\/eca/
                )
            })
        ]);
    });

    it.each([
        [true, false, 'objectPermissions/allowCreate'],
        [false, true, 'objectPermissions/allowEdit'],
        [true, true, 'objectPermissions/allowCreate, allowEdit']
    ])(
        'portal-case-write: a portal permission set with Create %s / Edit %s on Case',
        async (create, edit, element) => {
            const findings = await findingsOf(
                { ...CREATE_CASE, [PORTAL_SET]: portalSet(create, edit) },
                'portal-case-write'
            );
            expect(findings).toEqual([
                expect.objectContaining({
                    file: PORTAL_SET,
                    element,
                    message: expect.stringMatching(/Grant Case Read only/)
                })
            ]);
        }
    );

    it('portal-case-write: Case Read only passes', async () => {
        expect(
            await findingsOf(
                { ...CREATE_CASE, [PORTAL_SET]: portalSet(false, false) },
                'portal-case-write'
            )
        ).toEqual([]);
    });

    it('sharing-set-login-profile: a sharing set without the login profile', async () => {
        const findings = await findingsOf(
            { [SHARING_SET]: sharingSet(['customer community user']) },
            'sharing-set-login-profile'
        );
        expect(findings).toEqual([
            expect.objectContaining({
                file: SHARING_SET,
                element: 'profiles',
                message: expect.stringMatching(
                    /not Customer Community Login User/
                )
            })
        ]);
        expect(
            await findingsOf(
                {
                    [SHARING_SET]: sharingSet([
                        'Customer Community User',
                        'Customer Community Login User'
                    ])
                },
                'sharing-set-login-profile'
            )
        ).toEqual([]);
    });
});
