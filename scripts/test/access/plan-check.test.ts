import { parseContract } from '../../src/access/contract';
import { effectiveAccess } from '../../src/access/effective';
import type { Details, SetRow, Snapshot } from '../../src/access/fetch';
import { checkNames, objectsToDescribe } from '../../src/access/org-check';
import { planContracts, VerifyError } from '../../src/access/run-verify';

const schema = {
    objects: ['Account', 'Case', 'Contact', 'Task', 'User'],
    fields: new Map([['Contact', ['Id', 'Email', 'Phone']]]),
    userPermissions: ['ApiEnabled', 'ApiUserOnly', 'EditTask'],
    hasTabSettings: false
};

describe('contract names against the org (org-check)', () => {
    it('names the nearest real permission, object and field, and lets ifPresent objects be absent', () => {
        const contract = parseContract(
            {
                name: 'typos',
                description: 'x',
                userPermissions: { require: ['ApiEnabld'], allow: ['EditTsk'] },
                objects: {
                    Taks: { require: ['read'] },
                    vendor__Call__c: { require: ['read'], ifPresent: true }
                },
                fields: {
                    'Contact.Emial': { require: 'read' },
                    'Contat.Email': { require: 'read' }
                }
            },
            'typos.json'
        );
        expect(checkNames([contract], schema)).toEqual([
            'contract typos: userPermissions.require[0]: unknown user permission "ApiEnabld" (nearest: ApiEnabled)',
            'contract typos: userPermissions.allow[0]: unknown user permission "EditTsk" (nearest: EditTask)',
            'contract typos: objects.Taks: no object "Taks" in this org (nearest: Task)',
            'contract typos: fields.Contact.Emial: Contact has no field "Emial" (nearest: Email)',
            'contract typos: fields.Contat.Email: no object "Contat" in this org (nearest: Contact)'
        ]);
        expect(objectsToDescribe([contract])).toEqual(['Contact', 'Contat']);
    });
});

describe('parameters (planContracts)', () => {
    const contract = parseContract(
        {
            name: 'vendor',
            description: 'x',
            parameters: {
                callObject: { description: 'the call object' },
                extraSet: { description: 'an optional app' }
            },
            objects: { '${callObject}': { require: ['read'] } },
            setupEntities: { connectedApps: { allow: ['${extraSet}'] } }
        },
        'vendor.json'
    );

    it('stops on a parameter a require rule uses, naming the rule and the parameter', () => {
        expect(() => planContracts([contract], {})).toThrow(VerifyError);
        expect(() => planContracts([contract], {})).toThrow(
            'contract vendor: objects.${callObject} requires --param callObject=<value> (the call object)'
        );
    });

    it('skips, and says so, an allow entry whose parameter was not given', () => {
        const { contracts, skipped } = planContracts([contract], {
            callObject: 'v__Call__c'
        });
        expect(Object.keys(contracts[0]?.objects ?? {})).toEqual([
            'v__Call__c'
        ]);
        expect(contracts[0]?.setupEntities.connectedApps.allow).toEqual([]);
        expect(skipped).toEqual([
            expect.objectContaining({
                rule: 'parameters.extraSet',
                status: 'skip',
                actual: '--param extraSet not given: not checked'
            })
        ]);
    });
});

describe('effective access (pure)', () => {
    const set = (
        id: string,
        name: string,
        extra: Partial<SetRow> = {}
    ): SetRow => ({
        Id: id,
        Name: name,
        IsOwnedByProfile: false,
        ObjectPerms: [],
        FieldPerms: [],
        SetupEntityAccessItems: [],
        ...extra
    });
    const objectRow = (object: string, edit: boolean) => ({
        SobjectType: object,
        PermissionsRead: true,
        PermissionsCreate: false,
        PermissionsEdit: edit,
        PermissionsDelete: false,
        PermissionsViewAllRecords: false,
        PermissionsModifyAllRecords: false
    });

    function fixture(status: string): { snapshot: Snapshot; details: Details } {
        const aggregate = set('0PSaggregate', 'Ops', {
            PermissionsApiEnabled: true,
            ObjectPerms: [objectRow('Case', false)]
        });
        const component = set('0PScomponent', 'Ops_Permissions', {
            PermissionsApiEnabled: true,
            PermissionsExportReport: true,
            ObjectPerms: [objectRow('Case', true)]
        });
        const expiredSet = set('0PSexpired', 'Old_Admin', {
            PermissionsModifyAllData: true
        });
        const snapshot: Snapshot = {
            schema,
            users: [
                {
                    Id: '005u',
                    Username: 'ops@example.com',
                    IsActive: true,
                    LastLoginDate: null,
                    ProfileId: '00ep',
                    Profile: { Name: 'Minimum Access', UserLicense: null },
                    PermissionSetAssignments: [
                        {
                            Id: '0Pa1',
                            PermissionSetId: aggregate.Id,
                            PermissionSetGroupId: '0PGops',
                            ExpirationDate: null,
                            PermissionSetGroup: {
                                DeveloperName: 'Ops',
                                Status: status
                            }
                        },
                        {
                            Id: '0Pa2',
                            PermissionSetId: expiredSet.Id,
                            PermissionSetGroupId: null,
                            ExpirationDate: '2020-01-01T00:00:00.000+0000',
                            PermissionSetGroup: null
                        }
                    ]
                }
            ],
            sets: new Map([
                [aggregate.Id, aggregate],
                [expiredSet.Id, expiredSet]
            ]),
            components: [
                {
                    PermissionSetGroupId: '0PGops',
                    PermissionSetId: component.Id
                },
                { PermissionSetGroupId: '0PGops', PermissionSetId: '0QMmute' }
            ],
            frozen: new Map(),
            tokens: []
        };
        const details: Details = {
            presentPermissionSets: new Set(),
            componentSets: new Map([[component.Id, component]]),
            mutingNames: new Map([['0QMmute', 'Ops_Mute']]),
            entityNames: new Map(),
            tabs: [],
            passwordExpired: new Map()
        };
        return { snapshot, details };
    }

    it('attributes a group grant to its component, finds what the muting set removed, and ignores an expired set', () => {
        const { snapshot, details } = fixture('Updated');
        const row = snapshot.users[0];
        if (!row) throw new Error('no user');
        const access = effectiveAccess(
            row,
            snapshot,
            details,
            new Date('2026-01-01T00:00:00Z')
        );
        expect(access.userPermissions.get('ApiEnabled')).toEqual([
            {
                kind: 'permissionSetGroup',
                name: 'Ops',
                via: ['Ops_Permissions']
            }
        ]);
        expect(access.userPermissions.has('ModifyAllData')).toBe(false);
        expect(access.muted.get('ExportReport')).toEqual([
            { group: 'Ops', via: ['Ops_Permissions'], mutingSets: ['Ops_Mute'] }
        ]);
        expect(access.muted.get('Case.edit')).toEqual([
            { group: 'Ops', via: ['Ops_Permissions'], mutingSets: ['Ops_Mute'] }
        ]);
        expect(
            access.assignments.map((a) => [a.source.name, a.expired])
        ).toEqual([
            ['Ops', false],
            ['Old_Admin', true]
        ]);
    });

    it('infers no muting from a group whose aggregate is not Updated', () => {
        const { snapshot, details } = fixture('Outdated');
        const row = snapshot.users[0];
        if (!row) throw new Error('no user');
        const access = effectiveAccess(
            row,
            snapshot,
            details,
            new Date('2026-01-01T00:00:00Z')
        );
        expect(access.muted.size).toBe(0);
        expect(access.assignments[0]?.groupStatus).toBe('Outdated');
    });
});
