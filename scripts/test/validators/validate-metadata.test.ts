import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { validateMetadata } from '../../src/metadata/validate';
import { FIXTURES, REPO_ROOT, fixtureProject } from './fixture-project';
import { REFERENCE_FIXTURES } from './reference-fixtures';

const run = promisify(execFile);

// Written from code, not committed: a repo must never hold anything that looks like a secret.
const PRIVATE_KEY = [
    '-----BEGIN ',
    'PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END ',
    'PRIVATE KEY-----\n'
].join('');
const CONNECTED_APP_WITH_SECRET = `<?xml version="1.0" encoding="UTF-8"?>
<ConnectedApp xmlns="http://soap.sforce.com/2006/04/metadata">
    <contactEmail>admin@example.com</contactEmail>
    <label>Fixture App</label>
    <oauthConfig>
        <callbackUrl>https://login.salesforce.com/services/oauth2/success</callbackUrl>
        <${'consumer'}Secret>0123456789ABCDEF</${'consumer'}Secret>
        <scopes>Api</scopes>
    </oauthConfig>
</ConnectedApp>
`;

interface BrokenCase {
    name: string;
    rule: string;
    file: string;
    element?: string;
    message: RegExp;
    extraFiles?: Record<string, string>;
}

const PS =
    'force-app/main/default/permissionsets/Sample_Permissions.permissionset-meta.xml';
const CLASSES = 'force-app/main/default/classes';

const CASES: BrokenCase[] = [
    {
        name: 'malformed-xml',
        rule: 'xml-well-formed',
        file: PS,
        message: /malformed XML: .*descripton/
    },
    {
        name: 'unknown-element',
        rule: 'xml-unknown-element',
        file: PS,
        element: 'userPermission',
        message:
            /unknown element for PermissionSet \(did you mean <userPermissions>\?\)/
    },
    {
        name: 'unknown-nested-element',
        rule: 'xml-unknown-element',
        file: PS,
        element: 'objectPermissions/allowReed',
        message: /did you mean <allowRead>/
    },
    {
        name: 'wrong-root',
        rule: 'xml-root-element',
        file: PS,
        element: 'Profile',
        message: /must be <PermissionSet>/
    },
    {
        name: 'wrong-namespace',
        rule: 'xml-namespace',
        file: PS,
        message: /xmlns must be "http:\/\/soap.sforce.com\/2006\/04\/metadata"/
    },
    {
        name: 'bad-boolean',
        rule: 'xml-value-type',
        file: PS,
        element: 'objectPermissions/allowRead',
        message: /expected true or false, found "yes"/
    },
    {
        name: 'bad-number',
        rule: 'xml-value-type',
        file: 'force-app/main/default/objects/Sample__c/fields/Code__c.field-meta.xml',
        element: 'length',
        message: /expected a number, found "twenty"/
    },
    {
        name: 'missing-required-element',
        rule: 'xml-missing-element',
        file: PS,
        element: 'label',
        message: /required by PermissionSet/
    },
    {
        name: 'repeated-element',
        rule: 'xml-repeated-element',
        file: PS,
        element: 'label',
        message: /appears 2 times/
    },
    {
        name: 'meta-without-source',
        rule: 'sdr-resolve',
        file: `${CLASSES}/Orphan.cls-meta.xml`,
        message: /Expected source files for type 'ApexClass'/
    },
    {
        name: 'source-without-meta',
        rule: 'meta-pairing',
        file: `${CLASSES}/NoMeta.cls`,
        message: /without its NoMeta.cls-meta.xml/
    },
    {
        name: 'trigger-without-meta',
        rule: 'meta-pairing',
        file: 'force-app/main/default/triggers/SampleTrigger.trigger',
        message: /ApexTrigger source without/
    },
    {
        name: 'lwc-without-meta',
        rule: 'meta-pairing',
        file: 'force-app/main/default/lwc/bare',
        message: /without bare.js-meta.xml/
    },
    {
        name: 'api-version-mismatch',
        rule: 'api-version',
        file: `${CLASSES}/Greeting.cls-meta.xml`,
        element: 'apiVersion',
        message: /is 58.0; the project's sourceApiVersion is 66.0/
    },
    {
        name: 'unknown-suffix',
        rule: 'sdr-resolve',
        file: 'force-app/main/default/permissionsets/Other.permset-meta.xml',
        message: /Could not infer a metadata type/
    },
    {
        name: 'unclaimed-file',
        rule: 'sdr-unclaimed-file',
        file: `${CLASSES}/notes.txt`,
        message: /a deploy would leave it out/
    },
    {
        name: 'unknown-user-permission',
        rule: 'metadata-user-permission',
        file: PS,
        element: 'userPermissions/name',
        message: /unknown user permission "ApiEnabld" \(nearest: ApiEnabled/
    },
    {
        // PermissionSet.Description holds 255 characters (Object Reference, "PermissionSet").
        name: 'description-too-long',
        rule: 'metadata-length',
        file: PS,
        element: 'description',
        message:
            /is 256 characters; PermissionSet.Description holds at most 255: the deploy would fail/
    },
    {
        name: 'dangling-reference',
        rule: 'metadata-reference',
        file: 'force-app/main/default/permissionsetgroups/Sample_Group.permissionsetgroup-meta.xml',
        element: 'permissionSets',
        message:
            /refers to PermissionSet "Sample_Permission_Typo", which this project does not define/
    },
    {
        name: 'forbidden-user-permission',
        rule: 'least-privilege-user-permission',
        file: PS,
        element: 'userPermissions/ModifyAllData',
        message: /grants ModifyAllData/
    },
    {
        name: 'view-all-records',
        rule: 'least-privilege-object',
        file: PS,
        element: 'objectPermissions/viewAllRecords',
        message: /viewAllRecords on Sample__c/
    },
    {
        name: 'full-oauth-scope',
        rule: 'least-privilege-oauth-scope',
        file: 'force-app/main/default/connectedApps/Fixture_App.connectedApp-meta.xml',
        element: 'scopes',
        message: /Full OAuth scope/
    },
    {
        name: 'consumer-secret',
        rule: 'no-secrets',
        file: 'force-app/main/default/connectedApps/Fixture_App.connectedApp-meta.xml',
        message: /OAuth consumer key or secret/,
        extraFiles: {
            'force-app/main/default/connectedApps/Fixture_App.connectedApp-meta.xml':
                CONNECTED_APP_WITH_SECRET
        }
    },
    {
        name: 'private-key',
        rule: 'no-secrets',
        file: 'force-app/main/default/staticresources/jwt.resource',
        message: /private key/,
        extraFiles: {
            'force-app/main/default/staticresources/jwt.resource': PRIVATE_KEY,
            'force-app/main/default/staticresources/jwt.resource-meta.xml':
                '<?xml version="1.0" encoding="UTF-8"?>\n<StaticResource xmlns="http://soap.sforce.com/2006/04/metadata">\n    <cacheControl>Private</cacheControl>\n    <contentType>text/plain</contentType>\n</StaticResource>\n'
        }
    }
];

describe('validate:metadata', () => {
    it('accepts the clean fixture project and lists its components as SDR converts them', async () => {
        const report = await validateMetadata(
            path.join(FIXTURES, 'clean-project')
        );
        expect(report.findings).toEqual([]);
        expect(report.components).toEqual([
            'ApexClass:Greeting',
            'CustomField:Sample__c.Code__c',
            'CustomObject:Sample__c',
            'CustomPermission:Sample_Permission',
            'LightningComponentBundle:hello',
            'PermissionSet:Sample_Permissions'
        ]);
        expect(report.packageXml).toContain('<name>PermissionSet</name>');
    });

    it('covers every broken fixture folder with an expectation', () => {
        const folders = readdirSync(path.join(FIXTURES, 'broken')).sort();
        const expected = CASES.filter((c) => !c.extraFiles).map((c) => c.name);
        expect(folders).toEqual(expect.arrayContaining(expected));
        expect(expected).toEqual(
            expect.arrayContaining(
                folders.filter(
                    (f) =>
                        !f.startsWith('apex-') &&
                        !REFERENCE_FIXTURES.includes(f)
                )
            )
        );
    });

    it.each(CASES)(
        'rejects $name with a finding that names the file',
        async (broken) => {
            const project = fixtureProject(
                broken.extraFiles ? undefined : broken.name,
                broken.extraFiles
            );
            try {
                const report = await validateMetadata(project.dir);
                const match = [
                    ...report.findings,
                    ...report.policyFindings
                ].find((finding) => finding.rule === broken.rule);
                expect(match).toBeDefined();
                expect(match).toMatchObject({ file: broken.file });
                if (broken.element) {
                    expect(match?.element).toBe(broken.element);
                }
                expect(match?.message).toMatch(broken.message);
            } finally {
                project.cleanup();
            }
        }
    );

    it('passes on the repository itself, with every package directory converted', async () => {
        const report = await validateMetadata(REPO_ROOT);
        expect(report.findings).toEqual([]);
        expect(report.policyFindings).toEqual([]);
        // connected-app-legacy/ is an opt-in project of its own, never part of a plain deploy.
        expect(report.packageDirs).toEqual(['force-app']);
        // What an admin deploys: every part of the kit resolves and lands in package.xml.
        const expected = [
            'PermissionSet:Case_Portal_Integration_User_Permissions',
            'PermissionSet:Case_Portal_User',
            'PermissionSetGroup:Case_Portal_Integration',
            'CustomPermission:Case_Portal_Read_Reply_Own_Cases',
            'CustomPermission:Case_Portal_Create_Case',
            'CustomPermission:Case_Portal_Close_Own_Case',
            'CustomObject:Case_Portal_Settings__mdt',
            'CustomField:Case_Portal_Settings__mdt.My_Cases_Scope__c',
            'CustomMetadata:Case_Portal_Settings.Default',
            'ExternalClientApplication:Case_Portal_Integration',
            'ExtlClntAppOauthSettings:Case_Portal_Integration_oauth',
            'ExtlClntAppConfigurablePolicies:Case_Portal_Integration_plcy',
            'SharingSet:Case_Portal_Customer_Cases',
            'SharingSet:Case_Portal_Account_Cases',
            'ApexClass:CasePortalController',
            'LightningComponentBundle:casePortal',
            'CustomTab:Case_Portal'
        ];
        expect(report.components).toEqual(expect.arrayContaining(expected));
        for (const component of expected) {
            const [type = '', name = ''] = component.split(':');
            expect(report.packageXml).toContain(`<name>${type}</name>`);
            expect(report.packageXml).toContain(`<members>${name}</members>`);
        }
        // One home each: the OAuth policy is generated (.secrets/eca), the connected app opt-in.
        expect(report.components).not.toContain(
            'ExtlClntAppOauthConfigurablePolicies:Case_Portal_Integration_oauthPlcy'
        );
        expect(report.components).not.toContain(
            'ConnectedApp:Case_Portal_Integration_Legacy'
        );
    });

    it('passes on the opt-in connected-app-legacy project, which holds the connected app alone', async () => {
        const report = await validateMetadata(
            path.join(REPO_ROOT, 'connected-app-legacy')
        );
        // Its one reference outside itself is the integration permission set, which force-app
        // deploys: so the README deploys force-app first.
        expect(report.findings).toEqual([
            expect.objectContaining({
                rule: 'metadata-reference',
                element: 'permissionSetName',
                message: expect.stringContaining(
                    'Case_Portal_Integration_User_Permissions'
                )
            })
        ]);
        expect(report.policyFindings).toEqual([]);
        expect(report.components).toEqual([
            'ConnectedApp:Case_Portal_Integration_Legacy'
        ]);
    });

    it('exits 1 from the command line and prints file, line and reason', async () => {
        const project = fixtureProject('bad-boolean');
        try {
            const failure = await run(
                process.execPath,
                [
                    require.resolve('tsx/cli'),
                    'scripts/plugin/bin/run.ts',
                    'validate',
                    'metadata',
                    '--project-dir',
                    project.dir
                ],
                { cwd: REPO_ROOT }
            ).then(
                () => undefined,
                (error: { code: number; stdout: string }) => error
            );
            expect(failure?.code).toBe(1);
            expect(failure?.stdout).toContain(
                `${PS}:10 <objectPermissions/allowRead>: expected true or false, found "yes" [xml-value-type]`
            );
            expect(failure?.stdout).toMatch(/validate:metadata: 1 problem/);
        } finally {
            project.cleanup();
        }
        // A child process that loads the sf CLI's command framework (oclif, @salesforce/core).
    }, 90000);
});

describe('project loading', () => {
    it('names the file and the missing package directory', async () => {
        const project = fixtureProject(undefined, {
            'sfdx-project.json': JSON.stringify({
                packageDirectories: [
                    { path: 'force-app', default: true },
                    { path: 'missing-dir' }
                ],
                sourceApiVersion: '66.0'
            })
        });
        try {
            await expect(validateMetadata(project.dir)).rejects.toThrow(
                /sfdx-project.json: packageDirectories "missing-dir" do not exist/
            );
        } finally {
            project.cleanup();
        }
    });

    it('says when the project targets an older API than the schema it is checked against', async () => {
        const older = fixtureProject(undefined, {
            'sfdx-project.json': JSON.stringify({
                packageDirectories: [{ path: 'force-app', default: true }],
                sourceApiVersion: '48.0'
            })
        });
        try {
            const report = await validateMetadata(older.dir, {
                policy: false
            });
            expect(report.schemaNote).toMatch(
                /sourceApiVersion is 48.0; elements and values were checked against the API 66.0 schema/
            );
        } finally {
            older.cleanup();
        }
        const current = await validateMetadata(
            path.join(FIXTURES, 'clean-project'),
            { policy: false }
        );
        expect(current.schemaNote).toBeUndefined();
    });

    it('names the field when sfdx-project.json is malformed', async () => {
        const project = fixtureProject(undefined, {
            'sfdx-project.json': JSON.stringify({
                packageDirectories: [{ path: 'force-app' }],
                sourceApiVersion: '66'
            })
        });
        try {
            await expect(validateMetadata(project.dir)).rejects.toThrow(
                /sfdx-project.json: sourceApiVersion: must look like "66.0"/
            );
        } finally {
            project.cleanup();
        }
    });
});
