import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
    HIGH_RISK_PERMISSIONS,
    highRiskObjectAccess
} from '../../src/access/catalogue';
import {
    ContractError,
    loadContract,
    parameterUses,
    parseContract,
    resolveParameters
} from '../../src/access/contract';
import { contractJsonSchema } from '../../src/access/json-schema';
import { knownUserPermissions } from '../../shared/user-permissions';

const ACCESS_DIR = path.resolve(__dirname, '../../../config/access');
const presets = readdirSync(ACCESS_DIR).filter(
    (f) => f.endsWith('.json') && f !== 'contract.schema.json'
);

describe('access contracts', () => {
    it('ships the five presets and each one parses', () => {
        expect(presets.sort()).toEqual([
            'case-portal.json',
            'community-case-portal.json',
            'contact-centre-api-user.json',
            'cs-platform-connector.json',
            'generic-integration-user.json'
        ]);
        for (const file of presets) {
            const contract = loadContract(path.join(ACCESS_DIR, file));
            expect(`${contract.name}.json`).toBe(file);
        }
    });

    it('keeps contract.schema.json in step with the zod schema (npm run contracts:schema)', () => {
        const committed = JSON.parse(
            readFileSync(path.join(ACCESS_DIR, 'contract.schema.json'), 'utf8')
        ) as unknown;
        expect(committed).toEqual(contractJsonSchema());
    });

    it('allows a high-risk permission only when the contract names it with a justification', () => {
        const base = { name: 'x', description: 'x' };
        expect(() =>
            parseContract(
                { ...base, userPermissions: { allow: ['ManageUsers'] } },
                'x.json'
            )
        ).toThrow(
            /x.json: userPermissions.allow\[0\]: ManageUsers is high-risk \(.*\): name it in justifications.ManageUsers/
        );
        const justified = parseContract(
            {
                ...base,
                userPermissions: { allow: ['ManageUsers'] },
                justifications: {
                    ManageUsers:
                        'the HR feed deactivates leavers through this user'
                }
            },
            'x.json'
        );
        expect(justified.userPermissions.allow).toEqual(['ManageUsers']);
        expect(() =>
            parseContract(
                {
                    ...base,
                    userPermissions: { allow: ['ManageUsers'] },
                    justifications: { ManageUsers: 'needed' }
                },
                'x.json'
            )
        ).toThrow(/justifications.ManageUsers: a justification says why/);
    });

    it('treats edit on User and Modify All on any object as high-risk, needing a justification', () => {
        const base = { name: 'x', description: 'x' };
        expect(() =>
            parseContract(
                { ...base, objects: { User: { allow: ['edit'] } } },
                'x.json'
            )
        ).toThrow(/objects.User.allow\[0\]: User.edit is high-risk/);
        expect(() =>
            parseContract(
                { ...base, objects: { Case: { require: ['modifyAll'] } } },
                'x.json'
            )
        ).toThrow(
            /Case.modifyAll is high-risk \(Modify All on Case ignores sharing settings/
        );
        expect(() =>
            parseContract(
                {
                    ...base,
                    justifications: {
                        ViewAllData: 'nothing in this contract asks for it'
                    }
                },
                'x.json'
            )
        ).toThrow(
            /justifications.ViewAllData: justifies ViewAllData, which is not/
        );
    });

    it('catalogues at least the permissions issue 12 names, each with a reason and a source', () => {
        const keys = HIGH_RISK_PERMISSIONS.map((entry) => entry.key);
        expect(keys).toEqual(
            expect.arrayContaining([
                'ModifyAllData',
                'ViewAllData',
                'ManageUsers',
                'ManageInternalUsers',
                'ManageProfilesPermissionsets',
                'AssignPermissionSets',
                'CustomizeApplication',
                'AuthorApex',
                'ModifyMetadata',
                'ManageSharing',
                'ResetPasswords',
                'ManageIpAddresses',
                'ManageAuthProviders',
                'ManageRemoteAccess',
                'ManageEncryptionKeys',
                'ViewAllUsers',
                'EditReadonlyFields',
                'BulkApiHardDelete',
                'ExportReport'
            ])
        );
        for (const entry of HIGH_RISK_PERMISSIONS) {
            expect(entry.reason.length).toBeGreaterThan(10);
            expect(entry.source).toMatch(
                /^https:\/\/(developer\.salesforce\.com|help\.salesforce\.com|github\.com)\//
            );
        }
        // Real permission names: the PermissionSet typings of @salesforce/types, plus the sourced
        // EXTRA_USER_PERMISSIONS (scripts/shared/user-permissions.ts) for one the typings lack.
        const known = knownUserPermissions();
        expect(keys.filter((key) => !known.has(key))).toEqual([]);
        expect(highRiskObjectAccess('PermissionSet', 'create')?.key).toBe(
            'PermissionSet.create'
        );
        expect(highRiskObjectAccess('Case', 'edit')).toBeUndefined();
    });

    it.each([
        [
            { name: 'Bad Name', description: 'x' },
            /x.json: name: must be lower-case words/
        ],
        [
            {
                name: 'x',
                description: 'x',
                objects: { Case: { require: ['reed'] } }
            },
            /x.json: objects.Case.require\[0\]: Invalid option/
        ],
        [
            {
                name: 'x',
                description: 'x',
                fields: { Email: { require: 'read' } }
            },
            /x.json: fields.Email: must be Object.Field/
        ],
        [
            {
                name: 'x',
                description: 'x',
                userPermissions: { requires: ['ApiEnabled'] }
            },
            /x.json: userPermissions: Unrecognized key: "requires"/
        ],
        [
            {
                name: 'x',
                description: 'x',
                objects: { '${vendorObject}': { require: ['read'] } }
            },
            /uses \$\{vendorObject\} but declares no parameter/
        ],
        [
            {
                name: 'x',
                description: 'x',
                naming: { permissionSetPattern: '(', grants: ['ApiEnabled'] }
            },
            /naming.permissionSetPattern: not a valid regular expression/
        ]
    ])(
        'rejects a malformed contract with the file and the path: %#',
        (raw, message) => {
            expect(() => parseContract(raw, 'x.json')).toThrow(ContractError);
            expect(() => parseContract(raw, 'x.json')).toThrow(message);
        }
    );

    it('names the file when it is not JSON', () => {
        expect(() =>
            loadContract(path.join(__dirname, 'contract.test.ts'))
        ).toThrow(/contract.test.ts: not valid JSON/);
    });

    it('fills parameters and says where a missing one is used, and whether a require rule needs it', () => {
        const contract = loadContract(
            path.join(ACCESS_DIR, 'contact-centre-api-user.json')
        );
        const filled = resolveParameters(contract, {
            callEventObject: 'cc__Call_Event__c'
        });
        expect(Object.keys(filled.objects)).toContain('cc__Call_Event__c');
        expect(parameterUses(filled)).toEqual([
            {
                parameter: 'packageNamespace',
                path: 'user.packageLicenses.require[0]',
                required: true
            },
            {
                parameter: 'packagePermissionSet',
                path: 'permissionSets.require[0]',
                required: true
            }
        ]);
        expect(() => resolveParameters(contract, { vendor: 'x' })).toThrow(
            /unknown parameter "vendor" \(known: callEventObject, packagePermissionSet, packageNamespace\)/
        );
    });

    it('keeps the kit contract free of PasswordNeverExpires (OAuth only) and the password presets with it', () => {
        const kit = loadContract(path.join(ACCESS_DIR, 'case-portal.json'));
        expect(JSON.stringify(kit)).not.toContain('PasswordNeverExpires');
        for (const name of [
            'contact-centre-api-user',
            'generic-integration-user',
            'community-case-portal'
        ]) {
            expect(
                loadContract(path.join(ACCESS_DIR, `${name}.json`))
                    .userPermissions.require
            ).toContain('PasswordNeverExpires');
        }
        const xml = readFileSync(
            path.resolve(
                __dirname,
                '../../../force-app/main/default/permissionsets/Case_Portal_Integration_User_Permissions.permissionset-meta.xml'
            ),
            'utf8'
        );
        expect(xml).not.toContain('<name>PasswordNeverExpires</name>');
    });
});

describe('the presets name only real user permissions', () => {
    it.each(presets)('%s', (file) => {
        const contract = loadContract(path.join(ACCESS_DIR, file));
        const names = [
            ...contract.userPermissions.require,
            ...contract.userPermissions.recommend,
            ...contract.userPermissions.allow,
            ...(contract.naming?.grants ?? [])
        ];
        const known = knownUserPermissions();
        expect(names.filter((name) => !known.has(name))).toEqual([]);
    });
});
