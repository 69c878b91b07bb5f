import path from 'node:path';
import {
    loadContract,
    parseContract,
    resolveParameters
} from '../../src/access/contract';
import type {
    EffectiveAccess,
    GrantSource,
    ObjectGrants
} from '../../src/access/model';
import { evaluate, type RuleResult } from '../../src/access/verify';

const ACCESS_DIR = path.resolve(__dirname, '../../../config/access');
const profile: GrantSource = {
    kind: 'profile',
    name: 'Minimum Access - API Only Integrations'
};
const set: GrantSource = {
    kind: 'permissionSet',
    name: 'Acme_Integration_User_Permissions'
};
const group: GrantSource = {
    kind: 'permissionSetGroup',
    name: 'Acme_Integration',
    via: ['Acme_Integration_User_Permissions']
};

function objectGrants(partial: Partial<ObjectGrants>): ObjectGrants {
    return {
        read: [],
        create: [],
        edit: [],
        delete: [],
        viewAll: [],
        modifyAll: [],
        ...partial
    };
}

function access(overrides: Partial<EffectiveAccess> = {}): EffectiveAccess {
    return {
        user: {
            id: '005000000000001AAA',
            username: 'acme@example.com',
            isActive: true,
            isFrozen: false,
            profileId: '00e000000000001AAA',
            profileName: profile.name,
            licenseName: 'Salesforce Integration'
        },
        assignments: [],
        userPermissions: new Map(),
        objects: new Map(),
        fields: new Map(),
        setupEntities: new Map(),
        muted: new Map(),
        setGrants: new Map(),
        ...overrides
    };
}

const noPresence = {
    objects: new Set<string>(),
    permissionSets: new Set<string>()
};
const find = (results: RuleResult[], rule: string): RuleResult | undefined =>
    results.find((r) => r.rule === rule);

describe('evaluate (one user against one contract)', () => {
    const generic = loadContract(
        path.join(ACCESS_DIR, 'generic-integration-user.json')
    );

    it('passes the generic contract when a matching set grants everything, and says which', () => {
        const results = evaluate(
            generic,
            access({
                userPermissions: new Map([
                    ['ApiEnabled', [profile, set]],
                    ['PasswordNeverExpires', [set]]
                ]),
                setGrants: new Map([
                    [set.name, new Set(['ApiEnabled', 'PasswordNeverExpires'])]
                ])
            }),
            noPresence
        );
        expect(results.filter((r) => r.status === 'fail')).toEqual([]);
        expect(
            find(results, 'userPermissions.require.ApiEnabled')?.grantedBy
        ).toEqual([
            'profile "Minimum Access - API Only Integrations"',
            'permission set "Acme_Integration_User_Permissions"'
        ]);
        expect(find(results, 'naming.permissionSet')?.actual).toBe(
            'Acme_Integration_User_Permissions'
        );
        expect(find(results, 'permissionSetGroups.recommendAny')?.status).toBe(
            'warn'
        );
    });

    it('fails a grant that comes only from the profile when the contract says the profile grants nothing', () => {
        const results = evaluate(
            generic,
            access({ userPermissions: new Map([['ApiEnabled', [profile]]]) }),
            noPresence
        );
        expect(
            find(results, 'userPermissions.require.ApiEnabled')
        ).toMatchObject({
            status: 'fail',
            actual: 'granted only by the profile'
        });
        expect(find(results, 'naming.permissionSet')).toMatchObject({
            status: 'fail'
        });
    });

    it('fails a forbidden permission and names every source that grants it', () => {
        const results = evaluate(
            generic,
            access({
                userPermissions: new Map([['ModifyAllData', [set, group]]])
            }),
            noPresence
        );
        expect(
            find(results, 'userPermissions.forbid.ModifyAllData')
        ).toMatchObject({
            status: 'fail',
            grantedBy: [
                'permission set "Acme_Integration_User_Permissions"',
                'permission set group "Acme_Integration" (via Acme_Integration_User_Permissions)'
            ],
            fix: expect.stringContaining('Remove ModifyAllData from')
        });
    });

    it('explains a permission muted in a group', () => {
        const results = evaluate(
            generic,
            access({ muted: new Map([['PasswordNeverExpires', [group]]]) }),
            noPresence
        );
        expect(
            find(results, 'userPermissions.require.PasswordNeverExpires')
        ).toMatchObject({
            status: 'fail',
            actual: expect.stringContaining(
                'muted in permission set group "Acme_Integration"'
            ),
            fix: expect.stringContaining('muting permission set')
        });
    });

    it('checks object access level by level, forbidding View All and Modify All', () => {
        const contract = loadContract(
            path.join(ACCESS_DIR, 'case-portal.json')
        );
        const results = evaluate(
            contract,
            access({
                objects: new Map([
                    [
                        'Case',
                        objectGrants({
                            read: [group],
                            create: [group],
                            edit: [group],
                            viewAll: [set]
                        })
                    ],
                    ['Account', objectGrants({ read: [group] })]
                ])
            }),
            noPresence
        );
        expect(find(results, 'objects.Case.require.edit')?.status).toBe('pass');
        expect(find(results, 'objects.Case.forbid.viewAll')).toMatchObject({
            status: 'fail',
            grantedBy: ['permission set "Acme_Integration_User_Permissions"']
        });
        expect(find(results, 'objects.Contact.require.read')).toMatchObject({
            status: 'fail',
            actual: 'not granted'
        });
    });

    it('skips vendor entries whose parameter is not given, or that are not in the org', () => {
        const contract = loadContract(
            path.join(ACCESS_DIR, 'contact-centre-api-user.json')
        );
        const unset = evaluate(contract, access(), noPresence);
        expect(
            find(unset, 'objects.${callEventObject}.require.read')
        ).toMatchObject({
            status: 'skip',
            actual: expect.stringContaining('parameter not given')
        });
        expect(
            find(unset, 'permissionSets.require.${packagePermissionSet}')
                ?.status
        ).toBe('skip');

        const given = resolveParameters(contract, {
            callEventObject: 'cc__Call__c',
            packagePermissionSet: 'cc_Api_User'
        }).contract;
        const absent = evaluate(given, access(), noPresence);
        expect(find(absent, 'objects.cc__Call__c.require.read')).toMatchObject({
            status: 'skip',
            actual: 'cc__Call__c is not in this org'
        });
        const present = evaluate(given, access(), {
            objects: new Set(['cc__Call__c']),
            permissionSets: new Set(['cc_Api_User'])
        });
        expect(find(present, 'objects.cc__Call__c.require.read')?.status).toBe(
            'fail'
        );
        expect(
            find(present, 'permissionSets.require.cc_Api_User')?.status
        ).toBe('fail');
    });

    it('warns on login IP ranges and hours when the contract recommends none', () => {
        const contract = loadContract(
            path.join(ACCESS_DIR, 'contact-centre-api-user.json')
        );
        const results = evaluate(contract, access(), noPresence, {
            ipRanges: 2,
            hasLoginHours: true
        });
        expect(find(results, 'login.noIpRanges')).toMatchObject({
            status: 'warn',
            actual: '2 IP range(s)'
        });
        expect(find(results, 'login.noLoginHours')).toMatchObject({
            status: 'warn'
        });
    });

    it('fails an inactive or frozen user and a licence outside the list', () => {
        const contract = parseContract(
            {
                name: 'x',
                description: 'x',
                user: { licenses: ['Salesforce Platform'] }
            },
            'x.json'
        );
        const base = access();
        const results = evaluate(
            contract,
            {
                ...base,
                user: { ...base.user, isActive: false, isFrozen: true }
            },
            noPresence
        );
        expect(find(results, 'user.active')?.status).toBe('fail');
        expect(find(results, 'user.notFrozen')?.status).toBe('fail');
        expect(find(results, 'user.license')).toMatchObject({
            status: 'fail',
            actual: 'Salesforce Integration'
        });
    });
});
