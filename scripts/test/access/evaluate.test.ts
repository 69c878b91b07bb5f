import path from 'node:path';
import { HIGH_RISK_PERMISSIONS } from '../../src/access/catalogue';
import { loadContract, parseContract } from '../../src/access/contract';
import {
    evaluate,
    evaluateUnlisted,
    type EvaluationContext
} from '../../src/access/evaluate';
import type {
    EffectiveAccess,
    GrantSource,
    RuleResult
} from '../../src/access/types';

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
const context: EvaluationContext = {
    presentObjects: new Set(['account', 'contact', 'case', 'user', 'task'])
};

function accessWith(
    grants: Partial<
        Record<
            'userPermissions' | 'objects' | 'fields' | 'entities',
            Record<string, GrantSource[]>
        >
    >
): EffectiveAccess {
    const map = (record: Record<string, GrantSource[]> = {}) =>
        new Map(Object.entries(record));
    return {
        user: {
            id: '005000000000001AAA',
            username: 'acme@example.com',
            isActive: true,
            isFrozen: false,
            lastLoginDate: null,
            profileId: '00e000000000001AAA',
            profileName: profile.name,
            licenseName: 'Salesforce Integration'
        },
        assignments: [],
        userPermissions: map(grants.userPermissions),
        objects: map(grants.objects),
        fields: map(grants.fields),
        entities: map(grants.entities),
        muted: new Map(),
        setGrants: new Map(),
        oauthGrants: []
    };
}

const byRule = (results: RuleResult[], id: string) =>
    results.find((r) => r.rule === id);

describe('default-deny evaluation (pure)', () => {
    const cs = loadContract(
        path.join(ACCESS_DIR, 'cs-platform-connector.json')
    );

    it.each(HIGH_RISK_PERMISSIONS.map((e) => e.key))(
        'fails on catalogue permission %s from a set, quoting its reason and source',
        (permission) => {
            const entry = HIGH_RISK_PERMISSIONS.find(
                (e) => e.key === permission
            );
            const results = evaluateUnlisted(
                [cs],
                accessWith({
                    userPermissions: {
                        ApiEnabled: [set],
                        [permission]: [set]
                    }
                }),
                context
            );
            expect(
                byRule(results, `unlisted.userPermissions.${permission}`)
            ).toEqual({
                contract: 'cs-platform-connector',
                rule: `unlisted.userPermissions.${permission}`,
                status: 'fail',
                expected: `${permission} not granted (the contract does not list it)`,
                actual: `granted. HIGH-RISK: ${entry?.reason} (${entry?.source})`,
                grantedBy: [
                    'permission set "Acme_Integration_User_Permissions"'
                ],
                fix: `Remove ${permission} from permission set "Acme_Integration_User_Permissions" (or unassign the set); or, if the integration needs it, add it to userPermissions.allow with justifications["${permission}"]`
            });
            expect(
                byRule(results, 'unlisted.userPermissions.ApiEnabled')
            ).toBeUndefined();
        }
    );

    it('allows a justified high-risk permission, and what any of several contracts lists', () => {
        const justified = parseContract(
            {
                name: 'hr-feed',
                description: 'x',
                userPermissions: { allow: ['ManageUsers'] },
                objects: { Task: { allow: ['edit'] } },
                justifications: {
                    ManageUsers:
                        'the HR feed deactivates leavers through this user'
                }
            },
            'hr-feed.json'
        );
        const access = accessWith({
            userPermissions: { ApiEnabled: [set], ManageUsers: [group] },
            objects: {
                'Account.read': [set],
                'Task.read': [set],
                'Task.edit': [set],
                'Task.delete': [set]
            }
        });
        const results = evaluateUnlisted([cs, justified], access, context);
        expect(results.map((r) => r.rule)).toEqual([
            'unlisted.objects.Task.delete'
        ]);
        expect(results[0]?.contract).toBe('cs-platform-connector, hr-feed');
    });

    it('checks field edit always and field read only where a contract says so', () => {
        const access = accessWith({
            userPermissions: { ApiEnabled: [set] },
            objects: { 'Contact.read': [set] },
            fields: {
                'Contact.Email:read': [set],
                'Contact.Email:edit': [set],
                'Contact.Phone:read': [set]
            }
        });
        const plain = evaluateUnlisted([cs], access, context).map(
            (r) => r.rule
        );
        expect(plain).toEqual(['unlisted.fields.Contact.Email.edit']);
        const strict = { ...cs, unlisted: { ...cs.unlisted, fieldRead: true } };
        expect(
            evaluateUnlisted([strict], access, context).map((r) => r.rule)
        ).toEqual([
            'unlisted.fields.Contact.Email.edit',
            'unlisted.fields.Contact.Phone.read'
        ]);
    });

    it('fails a required grant that only the profile gives when the profile may not grant', () => {
        const kit = loadContract(path.join(ACCESS_DIR, 'case-portal.json'));
        const results = evaluate(
            kit,
            accessWith({ userPermissions: { ApiEnabled: [profile] } }),
            context
        );
        expect(
            byRule(results, 'userPermissions.require.ApiEnabled')
        ).toMatchObject({
            status: 'fail',
            actual: 'granted only by the profile',
            grantedBy: ['profile "Minimum Access - API Only Integrations"']
        });
        expect(
            byRule(results, 'userPermissions.require.ApiUserOnly')
        ).toMatchObject({
            status: 'fail',
            actual: 'not granted'
        });
    });

    it('names the unlisted setup entities by kind, and tabs as not checked where unreadable', () => {
        const results = evaluateUnlisted(
            [cs],
            accessWith({
                userPermissions: { ApiEnabled: [set] },
                entities: {
                    'apexClasses:AdminTools': [set],
                    'apexPages:Backdoor': [group],
                    'customPermissions:Bypass_Validation': [set],
                    'tabs:standard-Account': [profile]
                }
            }),
            { ...context, tabsUnavailable: 'not in describeGlobal' }
        );
        expect(results.map((r) => [r.rule, r.status])).toEqual([
            ['unlisted.apexClasses.AdminTools', 'fail'],
            ['unlisted.apexPages.Backdoor', 'fail'],
            ['unlisted.customPermissions.Bypass_Validation', 'fail'],
            ['unlisted.tabs.standard-Account', 'fail'],
            ['unlisted.tabs', 'skip']
        ]);
    });
});
