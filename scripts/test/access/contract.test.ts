import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
    ContractError,
    forbiddenPermissions,
    loadContract,
    parseContract,
    resolveParameters
} from '../../src/access/contract';
import { contractJsonSchema } from '../../src/access/json-schema';
import { knownUserPermissions } from '../../src/metadata/user-permissions';

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

    it('forbids the five dangerous permissions unless a contract allows one', () => {
        const base = { name: 'x', description: 'x' };
        expect(forbiddenPermissions(parseContract(base, 'x.json'))).toEqual([
            'AuthorApex',
            'CustomizeApplication',
            'ManageUsers',
            'ModifyAllData',
            'ViewAllData'
        ]);
        const allowing = parseContract(
            {
                ...base,
                userPermissions: {
                    allow: ['ManageUsers'],
                    forbid: ['ExportReport']
                }
            },
            'x.json'
        );
        expect(forbiddenPermissions(allowing)).toEqual([
            'AuthorApex',
            'CustomizeApplication',
            'ExportReport',
            'ModifyAllData',
            'ViewAllData'
        ]);
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

    it('fills parameters and leaves unset ones to be skipped', () => {
        const contract = loadContract(
            path.join(ACCESS_DIR, 'contact-centre-api-user.json')
        );
        const { contract: filled, unresolved } = resolveParameters(contract, {
            callEventObject: 'cc__Call_Event__c'
        });
        expect(Object.keys(filled.objects)).toContain('cc__Call_Event__c');
        expect(unresolved).toEqual(['packagePermissionSet']);
        expect(() => resolveParameters(contract, { vendor: 'x' })).toThrow(
            /unknown parameter "vendor" \(known: callEventObject, packagePermissionSet\)/
        );
    });
});

describe('the presets name only real user permissions', () => {
    it.each(presets)('%s', (file) => {
        const contract = loadContract(path.join(ACCESS_DIR, file));
        const names = [
            ...contract.userPermissions.require,
            ...contract.userPermissions.recommend,
            ...contract.userPermissions.allow,
            ...forbiddenPermissions(contract),
            ...(contract.naming?.grants ?? [])
        ];
        const known = knownUserPermissions();
        expect(names.filter((name) => !known.has(name))).toEqual([]);
    });
});
