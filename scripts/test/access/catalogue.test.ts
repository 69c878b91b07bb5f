// Issue 20, items 2-4: one high-risk catalogue for verify, the contract loader and
// validate:metadata; names in any letter case; toxic combinations as findings of their own.

import {
    HIGH_RISK_PERMISSIONS,
    TOXIC_COMBINATIONS
} from '../../src/access/catalogue';
import { parseContract } from '../../src/access/contract';
import { checkNames, normaliseNames } from '../../src/access/org-check';
import { FORBIDDEN_USER_PERMISSIONS } from '../../src/metadata/checks/least-privilege';
import { validateMetadata } from '../../src/metadata/validate';
import { knownUserPermissions } from '../../shared/user-permissions';
import {
    DEFAULT,
    NS,
    XML,
    fixtureProject
} from '../validators/fixture-project';

const ESCALATION = [
    'ViewEncryptedData',
    'QueryAllFiles',
    'ManageNamedCredentials',
    'ManagePasswordPolicies',
    'ManageSessionPermissionSets',
    'AssignPermissionSets',
    'ModifyMetadata',
    'ManageSharing',
    'ResetPasswords',
    'ViewAllUsers',
    'ExportReport',
    'BulkApiHardDelete',
    'ManageAuthProviders',
    'ManageRemoteAccess',
    'ManageLoginAccessPolicies',
    'ManageTwoFactor',
    'ManageCertificates',
    'CanApproveUninstalledApps'
];

const permissionSet = (permissions: string[]): string =>
    `${XML}<PermissionSet ${NS}>
    <hasActivationRequired>false</hasActivationRequired>
    <label>Risky</label>
${permissions
    .map(
        (name) =>
            `    <userPermissions>\n        <enabled>true</enabled>\n        <name>${name}</name>\n    </userPermissions>`
    )
    .join('\n')}
</PermissionSet>
`;

describe('the high-risk catalogue (issue 20)', () => {
    it('covers the escalation-grade permissions, each a real name with a reason and a source', () => {
        const keys = HIGH_RISK_PERMISSIONS.map((entry) => entry.key);
        expect(keys).toEqual(expect.arrayContaining(ESCALATION));
        const known = knownUserPermissions();
        expect(keys.filter((key) => !known.has(key))).toEqual([]);
        for (const combination of TOXIC_COMBINATIONS) {
            expect(
                combination.permissions.filter((key) => !known.has(key))
            ).toEqual([]);
            expect(combination.source).toMatch(/^https:\/\//);
        }
        // One list: validate:metadata's rule is the catalogue itself.
        expect([...FORBIDDEN_USER_PERMISSIONS].sort()).toEqual(
            [...keys].sort()
        );
    });

    it.each(ESCALATION)(
        'the contract loader asks a justification for %s',
        (name) => {
            expect(() =>
                parseContract(
                    {
                        name: 'x',
                        description: 'x',
                        userPermissions: { allow: [name] }
                    },
                    'x.json'
                )
            ).toThrow(new RegExp(`${name} is high-risk`));
        }
    );

    it('matches contract names in any letter case: "user" is User, "modifyalldata" is ModifyAllData (item 2)', () => {
        expect(() =>
            parseContract(
                {
                    name: 'x',
                    description: 'x',
                    objects: { user: { allow: ['read', 'create', 'edit'] } }
                },
                'x.json'
            )
        ).toThrow(/user.create is high-risk .*justifications\["User.create"\]/);
        expect(() =>
            parseContract(
                {
                    name: 'x',
                    description: 'x',
                    userPermissions: { allow: ['modifyalldata'] }
                },
                'x.json'
            )
        ).toThrow(/modifyalldata is high-risk/);
        // A justification under the catalogue's spelling or another case is the same key.
        expect(
            parseContract(
                {
                    name: 'x',
                    description: 'x',
                    objects: { user: { allow: ['read', 'edit'] } },
                    justifications: {
                        'user.edit':
                            'the sync writes the portal users it creates'
                    }
                },
                'x.json'
            ).objects.user
        ).toBeDefined();
    });

    it('asks a justification of its own for a toxic combination the contract lists in full', () => {
        const why = 'an audit tool reading every record';
        expect(() =>
            parseContract(
                {
                    name: 'x',
                    description: 'x',
                    userPermissions: {
                        require: ['ApiEnabled'],
                        allow: ['ViewAllData']
                    },
                    justifications: { ViewAllData: why }
                },
                'x.json'
            )
        ).toThrow(/ApiEnabled \+ ViewAllData together are a toxic combination/);
        expect(() =>
            parseContract(
                {
                    name: 'x',
                    description: 'x',
                    userPermissions: {
                        require: ['ApiEnabled'],
                        allow: ['ViewAllData']
                    },
                    justifications: {
                        ViewAllData: why,
                        'ApiEnabled+ViewAllData': why
                    }
                },
                'x.json'
            )
        ).not.toThrow();
    });

    it('validate:metadata fails a permission set granting any catalogued permission, and a toxic combination (item 3)', async () => {
        const file = `${DEFAULT}/permissionsets/Risky.permissionset-meta.xml`;
        const project = fixtureProject(undefined, {
            [file]: permissionSet(['ApiEnabled', 'ManageUsers', ...ESCALATION])
        });
        try {
            const report = await validateMetadata(project.dir);
            const flagged = report.policyFindings
                .filter(
                    (f) =>
                        f.file === file &&
                        f.rule === 'least-privilege-user-permission'
                )
                .map((f) => f.element);
            expect(flagged).toEqual(
                expect.arrayContaining(
                    ESCALATION.map((name) => `userPermissions/${name}`)
                )
            );
            expect(
                report.policyFindings.find(
                    (f) =>
                        f.rule === 'least-privilege-toxic-combination' &&
                        f.element ===
                            'userPermissions/ManageUsers+AssignPermissionSets'
                )
            ).toMatchObject({ file });
        } finally {
            project.cleanup();
        }
    });

    it('verify normalises contract names to the org spelling before any rule (item 2)', () => {
        const contract = parseContract(
            {
                name: 'x',
                description: 'x',
                userPermissions: { require: ['apienabled'] },
                objects: { user: { allow: ['read', 'edit'] } },
                fields: { 'case.subject': { require: 'read' } },
                justifications: {
                    'user.edit': 'the sync writes the portal users it creates'
                }
            },
            'x.json'
        );
        const schema = {
            objects: ['User', 'Case'],
            fields: new Map([['Case', ['Subject']]]),
            userPermissions: ['ApiEnabled'],
            hasTabSettings: true
        };
        expect(checkNames([contract], schema)).toEqual([]);
        const [normal] = normaliseNames([contract], schema);
        expect(normal?.userPermissions.require).toEqual(['ApiEnabled']);
        expect(Object.keys(normal?.objects ?? {})).toEqual(['User']);
        expect(Object.keys(normal?.fields ?? {})).toEqual(['Case.Subject']);
        expect(Object.keys(normal?.justifications ?? {})).toEqual([
            'User.edit'
        ]);
    });
});
