// Issue #24 item 3: Event, EmailMessage, ContentVersion, ContentDocument and ContentDocumentLink
// built from sourced schemas (jsforce's field lists, the Object Reference's field properties),
// answered over HTTP through jsforce: describe, SOQL checks from describe, the ContentVersion ->
// ContentDocument -> ContentDocumentLink chain and ContentDocumentLink's query restriction.

import { Connection } from '@jsforce/jsforce-node';
import { DOCUMENTED_FIELDS } from '../../emulator/schema/documented-fields';
import { sourcedObject } from '../../emulator/schema/sourced-fields';
import { CONTENT_DOCUMENT_LINK_RESTRICTION } from '../../emulator/soql/content-document-link';
import {
    failure,
    profileId,
    startHarness,
    userFields,
    type Harness
} from './helpers';

interface DescribedField {
    name: string;
    type: string;
    length: number;
    nillable: boolean;
    createable: boolean;
    updateable: boolean;
    filterable: boolean;
    sortable: boolean;
    groupable: boolean;
    defaultedOnCreate: boolean;
    restrictedPicklist: boolean;
    idLookup: boolean;
    referenceTo: string[];
    relationshipName: string | null;
    picklistValues: Array<{ value: string }>;
}

const OBJECTS = [
    'Event',
    'EmailMessage',
    'ContentVersion',
    'ContentDocument',
    'ContentDocumentLink'
];

const FILE = Buffer.from('hello, files').toString('base64');

describe('Event, EmailMessage and Content objects from sourced schemas (issue #24)', () => {
    let harness: Harness;
    let conn: Connection;
    const fieldsOf = new Map<string, Map<string, DescribedField>>();

    beforeAll(async () => {
        harness = await startHarness();
        conn = harness.conn;
        for (const name of OBJECTS) {
            const described = await conn.sobject(name).describe();
            fieldsOf.set(
                name,
                new Map(
                    (described.fields as unknown as DescribedField[]).map(
                        (f) => [f.name, f]
                    )
                )
            );
        }
    });
    afterAll(async () => {
        await harness.emulator.close();
    });

    function described(object: string, field: string): DescribedField {
        const found = fieldsOf.get(object)?.get(field);
        if (!found) {
            throw new Error(`${object}.${field} is not described`);
        }
        return found;
    }

    it.each(OBJECTS)(
        'describes every scalar field jsforce lists for %s',
        (name) => {
            const source = sourcedObject(name);
            expect(source?.fields.length).toBeGreaterThan(5);
            const missing = (source?.fields ?? [])
                .filter((f) => !['Address', 'any'].includes(f.tsType))
                .map((f) => f.name)
                .filter((n) => !fieldsOf.get(name)?.has(n));
            expect(missing).toEqual([]);
        }
    );

    it.each(OBJECTS)(
        'describes %s fields with the Object Reference properties',
        (name) => {
            const wrong: string[] = [];
            for (const [fieldName, entry] of Object.entries(
                DOCUMENTED_FIELDS[name] ?? {}
            )) {
                const [type = '', list = ''] = entry.split(': ');
                const props = new Set(list.split(', '));
                const f = described(name, fieldName);
                const expected = {
                    type,
                    createable: props.has('Create'),
                    updateable: props.has('Update'),
                    nillable: props.has('Nillable'),
                    filterable: props.has('Filter'),
                    sortable: props.has('Sort'),
                    groupable: props.has('Group')
                };
                const actual = {
                    type: f.type,
                    createable: f.createable,
                    updateable: f.updateable,
                    nillable: f.nillable,
                    filterable: f.filterable,
                    sortable: f.sortable,
                    groupable: f.groupable
                };
                if (JSON.stringify(actual) !== JSON.stringify(expected)) {
                    wrong.push(fieldName);
                }
            }
            expect(wrong).toEqual([]);
        }
    );

    it('answers documented properties the field type alone would not give', () => {
        // A textarea that is sortable but not filterable; one that is filterable.
        expect(described('ContentVersion', 'TagCsv')).toMatchObject({
            type: 'textarea',
            filterable: false,
            sortable: true,
            groupable: false
        });
        expect(described('ContentDocument', 'Description')).toMatchObject({
            type: 'textarea',
            filterable: true,
            sortable: true
        });
        // A boolean that groups but neither filters nor sorts.
        expect(described('ContentVersion', 'IsAssetEnabled')).toMatchObject({
            filterable: false,
            sortable: false,
            groupable: true,
            createable: true,
            updateable: false
        });
        expect(described('Event', 'Subject').type).toBe('combobox');
        expect(described('Event', 'AccountId')).toMatchObject({
            type: 'reference',
            createable: false,
            referenceTo: ['Account'],
            relationshipName: 'Account'
        });
        expect(described('ContentVersion', 'Title').idLookup).toBe(true);
        expect(described('EmailMessage', 'Status')).toMatchObject({
            restrictedPicklist: true,
            nillable: false
        });
        expect(
            described('EmailMessage', 'Status').picklistValues.map(
                (v) => v.value
            )
        ).toEqual(['0', '1', '2', '3', '4', '5']);
        expect(
            described('ContentDocumentLink', 'ShareType').picklistValues.map(
                (v) => v.value
            )
        ).toEqual(['V', 'C', 'I']);
        expect(described('ContentDocumentLink', 'Visibility')).toMatchObject({
            restrictedPicklist: false
        });
        expect(described('EmailMessage', 'Subject').length).toBe(3000);
    });

    it('refuses SOQL on fields their describe says cannot be filtered, and allows what it allows', async () => {
        const tagFilter = await failure(
            conn.query("SELECT Id FROM ContentVersion WHERE TagCsv = 'x'")
        );
        expect(tagFilter.errorCode).toBe('INVALID_FIELD');
        expect(tagFilter.message).toContain(
            "field 'TagCsv' can not be filtered in a query call"
        );
        const body = await failure(
            conn.query("SELECT Id FROM Event WHERE Description = 'x'")
        );
        expect(body.message).toContain(
            "field 'Description' can not be filtered"
        );
        const sortBlob = await failure(
            conn.query('SELECT Id FROM EmailMessage ORDER BY HtmlBody')
        );
        expect(sortBlob.message).toContain(
            "field 'HtmlBody' can not be sorted"
        );
        await expect(
            conn.query('SELECT Id FROM ContentVersion ORDER BY TagCsv')
        ).resolves.toMatchObject({ done: true });
        await expect(
            conn.query("SELECT Id FROM ContentDocument WHERE Description = 'x'")
        ).resolves.toMatchObject({ totalSize: 0 });
    });

    it('writes Events and EmailMessages on a Case and reads them back through its relationships', async () => {
        const caseId = (
            (await conn.sobject('Case').create({ Subject: 'Files' })) as {
                id: string;
            }
        ).id;
        const event = (await conn.sobject('Event').create({
            Subject: 'Call back',
            WhatId: caseId,
            StartDateTime: '2026-01-05T10:00:00.000Z',
            DurationInMinutes: 30,
            ShowAs: 'Busy'
        })) as { id: string };
        expect(event.id.startsWith('00U')).toBe(true);
        const email = (await conn.sobject('EmailMessage').create({
            ParentId: caseId,
            Subject: 'Re: Files',
            TextBody: 'see attached',
            Status: '3',
            Incoming: false
        })) as { id: string };
        expect(email.id.startsWith('02s')).toBe(true);
        const result = await conn.query<{
            EmailMessages: { records: Array<{ Subject: string }> };
            Events: { records: Array<{ Subject: string }> };
        }>(
            `SELECT (SELECT Subject FROM EmailMessages), (SELECT Subject FROM Events) FROM Case WHERE Id = '${caseId}'`
        );
        expect(result.records[0]?.EmailMessages.records[0]?.Subject).toBe(
            'Re: Files'
        );
        expect(result.records[0]?.Events.records[0]?.Subject).toBe('Call back');

        const badStatus = await failure(
            conn
                .sobject('EmailMessage')
                .create({ ParentId: caseId, Status: '9' })
        );
        expect(badStatus.errorCode).toBe(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
        );
        const noStatus = await failure(
            conn.sobject('EmailMessage').create({ ParentId: caseId })
        );
        expect(noStatus.errorCode).toBe('REQUIRED_FIELD_MISSING');
        // AccountId is derived on Event (no Create in its properties).
        const readOnly = await failure(
            conn.sobject('Event').create({
                Subject: 'x',
                AccountId: caseId,
                DurationInMinutes: 5,
                StartDateTime: '2026-01-05T10:00:00.000Z'
            })
        );
        expect(readOnly.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    });

    it('creates the document and its links from a ContentVersion, and versions it', async () => {
        const caseId = (
            (await conn.sobject('Case').create({ Subject: 'With a file' })) as {
                id: string;
            }
        ).id;
        const version = (await conn.sobject('ContentVersion').create({
            Title: 'notes',
            PathOnClient: 'notes.txt',
            VersionData: FILE,
            FirstPublishLocationId: caseId
        })) as { id: string };
        expect(version.id.startsWith('068')).toBe(true);
        const row = (
            await conn.query<{
                ContentDocumentId: string;
                IsLatest: boolean;
                ContentSize: number;
                FileExtension: string;
                VersionData: string;
                PublishStatus: string;
            }>(
                `SELECT ContentDocumentId, IsLatest, ContentSize, FileExtension, VersionData, PublishStatus FROM ContentVersion WHERE Id = '${version.id}'`
            )
        ).records[0];
        expect(row).toMatchObject({
            IsLatest: true,
            ContentSize: Buffer.from(FILE, 'base64').length,
            FileExtension: 'txt',
            PublishStatus: 'P'
        });
        expect(row?.ContentDocumentId.startsWith('069')).toBe(true);
        expect(row?.VersionData).toBe(
            `/services/data/v66.0/sobjects/ContentVersion/${version.id}/VersionData`
        );
        const documentId = row?.ContentDocumentId ?? '';
        const document = await conn.query<{
            Title: string;
            LatestPublishedVersionId: string;
        }>(
            `SELECT Title, LatestPublishedVersionId FROM ContentDocument WHERE Id = '${documentId}'`
        );
        expect(document.records[0]).toMatchObject({
            Title: 'notes',
            LatestPublishedVersionId: version.id
        });
        const links = await conn.query<{ ContentDocumentId: string }>(
            `SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = '${caseId}'`
        );
        expect(links.records.map((l) => l.ContentDocumentId)).toEqual([
            documentId
        ]);

        const second = (await conn.sobject('ContentVersion').create({
            Title: 'notes v2',
            PathOnClient: 'notes.txt',
            VersionData: FILE,
            ContentDocumentId: documentId
        })) as { id: string };
        const versions = await conn.query<{ Id: string; IsLatest: boolean }>(
            `SELECT Id, IsLatest FROM ContentVersion WHERE ContentDocumentId = '${documentId}' ORDER BY CreatedDate`
        );
        expect(
            Object.fromEntries(versions.records.map((v) => [v.Id, v.IsLatest]))
        ).toEqual({ [version.id]: false, [second.id]: true });

        const noTitle = await failure(
            conn.sobject('ContentVersion').create({
                PathOnClient: 'x.txt',
                VersionData: FILE
            })
        );
        expect(noTitle.errorCode).toBe('REQUIRED_FIELD_MISSING');
        const badShare = await failure(
            conn.sobject('ContentDocumentLink').create({
                ContentDocumentId: documentId,
                LinkedEntityId: caseId,
                ShareType: 'X'
            })
        );
        expect(badShare.errorCode).toBe(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
        );
    });

    describe('ContentDocumentLink query restriction', () => {
        let v58: Connection;
        let linkedId: string;

        beforeAll(async () => {
            v58 = new Connection({
                instanceUrl: harness.emulator.url,
                accessToken: harness.emulator.accessToken,
                version: '58.0'
            });
            linkedId = (
                (await conn.sobject('Account').create({
                    Name: 'Restricted links'
                })) as { id: string }
            ).id;
            await conn.sobject('ContentVersion').create({
                Title: 'linked',
                PathOnClient: 'linked.txt',
                VersionData: FILE,
                FirstPublishLocationId: linkedId
            });
        });

        it.each([
            'SELECT Id FROM ContentDocumentLink',
            "SELECT Id FROM ContentDocumentLink WHERE ShareType = 'V'",
            `SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId != '001000000000000AAA'`,
            `SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = '001000000000000AAA' OR ShareType = 'V'`
        ])('refuses %s', async (soql) => {
            const error = await failure(v58.query(soql));
            expect(error.errorCode).toBe('MALFORMED_QUERY');
            expect(error.message).toBe(CONTENT_DOCUMENT_LINK_RESTRICTION);
        });

        it('accepts an = or IN filter on LinkedEntityId, ContentDocumentId or Id', async () => {
            const byEntity = await v58.query<{ ContentDocumentId: string }>(
                `SELECT ContentDocumentId FROM ContentDocumentLink WHERE LinkedEntityId = '${linkedId}' AND ShareType != 'C'`
            );
            expect(byEntity.totalSize).toBe(1);
            const documentId = byEntity.records[0]?.ContentDocumentId ?? '';
            const byDocument = await v58.query(
                `SELECT Id FROM ContentDocumentLink WHERE ContentDocumentId IN ('${documentId}')`
            );
            expect(byDocument.totalSize).toBeGreaterThanOrEqual(1);
            const bySemiJoin = await v58.query(
                `SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId IN (SELECT Id FROM Account WHERE Name = 'Restricted links')`
            );
            expect(bySemiJoin.totalSize).toBe(1);
        });

        it('lets a user with Query All Files query without a filter from v59.0, and nobody else', async () => {
            // The seeded System Administrator holds QueryAllFiles (FIDELITY.md, user permissions).
            await expect(
                conn.query('SELECT Id FROM ContentDocumentLink')
            ).resolves.toMatchObject({ done: true });
            const username = `files-${Date.now()}@example.com`;
            const userId = (
                (await conn
                    .sobject('User')
                    .create(
                        userFields(
                            username,
                            await profileId(conn, 'Standard User')
                        )
                    )) as { id: string }
            ).id;
            const asUser = new Connection({
                instanceUrl: harness.emulator.url,
                accessToken: harness.emulator.sessionFor(username),
                version: '66.0'
            });
            const refused = await failure(
                asUser.query('SELECT Id FROM ContentDocumentLink')
            );
            expect(refused.message).toBe(CONTENT_DOCUMENT_LINK_RESTRICTION);
            const setId = (
                (await conn.sobject('PermissionSet').create({
                    Name: 'Query_All_Files',
                    Label: 'Query All Files',
                    PermissionsViewAllData: true,
                    PermissionsQueryAllFiles: true
                })) as { id: string }
            ).id;
            await conn.sobject('PermissionSetAssignment').create({
                AssigneeId: userId,
                PermissionSetId: setId
            });
            await expect(
                asUser.query('SELECT Id FROM ContentDocumentLink')
            ).resolves.toMatchObject({ done: true });
        });
    });
});

describe('the permission objects against the sourced schema (issue #24)', () => {
    let harness: Harness;
    beforeAll(async () => {
        harness = await startHarness();
    });
    afterAll(async () => {
        await harness.emulator.close();
    });

    it.each([
        'PermissionSet',
        'PermissionSetAssignment',
        'ObjectPermissions',
        'FieldPermissions',
        'SetupEntityAccess',
        'PermissionSetLicense',
        'PermissionSetLicenseAssign',
        'PackageLicense',
        'UserPackageLicense'
    ])('describes every field jsforce lists for %s', async (name) => {
        const source = sourcedObject(name);
        expect(source?.fields.length).toBeGreaterThan(3);
        const described = await harness.conn.sobject(name).describe();
        const names = new Set(described.fields.map((f) => f.name));
        // PermissionSet's Permissions<Name> fields follow the tooling typings instead
        // (FIDELITY.md, user permissions): jsforce's older list is not the reference there.
        const missing = (source?.fields ?? [])
            .map((f) => f.name)
            .filter(
                (n) =>
                    !names.has(n) &&
                    !(name === 'PermissionSet' && n.startsWith('Permissions'))
            );
        expect(missing).toEqual([]);
    });
});
