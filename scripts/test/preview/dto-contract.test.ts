import path from 'node:path';
import {
    CONTROLLER_METHODS,
    DTO_FIELDS,
    type DtoName
} from '../../preview/backend/dtos';
import { invokeApex } from '../../preview/backend/invoke';
import {
    PreviewBackend,
    type CallContext
} from '../../preview/backend/service';
import { PreviewStore } from '../../preview/backend/store';
import { storeFile } from '../../preview/backend/files';
import { toWire } from '../../preview/backend/serialize';
import { loadDefaultSettings } from '../../preview/metadata';
import { loadLabels } from '../../shared/labels';
import { DEFAULT_DIR } from '../../preview/paths';
import { callContext } from '../../preview/query';
import { auraEnabledFields, auraEnabledMethods } from './apex-dtos';

/**
 * The preview backend speaks the same JSON as the Apex: its DTO table equals the @AuraEnabled
 * fields of CasePortalDtos.cls, its methods equal CasePortalController's, and what it answers
 * fits that table. Change one side without the other and this fails.
 */

const DTOS = path.join(DEFAULT_DIR, 'classes/CasePortalDtos.cls');
const CONTROLLER = path.join(DEFAULT_DIR, 'classes/CasePortalController.cls');

function backend(): PreviewBackend {
    return new PreviewBackend(new PreviewStore().seed(), loadLabels());
}

const ALL: CallContext = callContext('', loadDefaultSettings());

describe('preview backend vs the Apex DTOs', () => {
    it('declares exactly the @AuraEnabled fields of every CasePortalDtos class, with their types', () => {
        expect(DTO_FIELDS).toEqual(auraEnabledFields(DTOS));
    });

    it('declares exactly the @AuraEnabled methods of CasePortalController', () => {
        expect(CONTROLLER_METHODS).toEqual(
            auraEnabledMethods(CONTROLLER, 'CasePortalDtos')
        );
    });

    it('answers every method with objects that carry every declared field', () => {
        const service = backend();
        const created = service.createCase(ALL, {
            subject: 'Contract check',
            description: 'All fields set',
            caseType: 'Other',
            priority: 'Low'
        });
        service.addComment(ALL, created.recordId, 'A reply');
        const upload = (name: string) =>
            storeFile(service.store, {
                caseId: created.recordId,
                name,
                size: 10,
                content: Buffer.alloc(0),
                createdById: service.store.me.id,
                visibility: 'InternalUsers'
            }).documentId;
        const attached = service.attachFiles(ALL, created.recordId, [
            upload('log.txt'),
            upload('setup.exe')
        ]);
        service.closeCase(ALL, created.recordId, 'Closed', 'Closing note');
        const answers: [DtoName, unknown][] = [
            ['PortalContext', service.getPortalContext(ALL)],
            [
                'CasePage',
                service.getMyCases(
                    callContext('?pageSize=2', loadDefaultSettings()),
                    {
                        status: 'all',
                        searchTerm: '',
                        cursor: null
                    }
                )
            ],
            ['CaseDetail', service.getCaseDetail(ALL, created.recordId)],
            ['CaseSummary', created],
            ['FileAttachResult', attached],
            ['FileItem', attached.files[0]],
            ['FileRefusal', attached.refused[0]],
            [
                'CommentItem',
                service.addComment(
                    ALL,
                    service.createCase(ALL, { subject: 'x' }).recordId,
                    'y'
                )
            ]
        ];
        for (const [type, answer] of answers) {
            const wire = toWire(type, answer) as Record<string, unknown>;
            expect({ type, fields: Object.keys(wire).sort() }).toEqual({
                type,
                fields: Object.keys(DTO_FIELDS[type]).sort()
            });
        }
        const detail = toWire(
            'CaseDetail',
            service.getCaseDetail(ALL, created.recordId)
        ) as {
            summary: Record<string, unknown>;
            comments: Record<string, unknown>[];
        };
        expect(Object.keys(detail.summary).sort()).toEqual(
            Object.keys(DTO_FIELDS.CaseSummary).sort()
        );
        expect(Object.keys(detail.comments[0] ?? {}).sort()).toEqual(
            Object.keys(DTO_FIELDS.CommentItem).sort()
        );
    });

    it('refuses an answer field the Apex does not declare', () => {
        expect(() =>
            toWire('CaseSummary', { recordId: '500000000000001AAA', extra: 1 })
        ).toThrow(
            /CasePortalDtos.CaseSummary has no @AuraEnabled field "extra"/
        );
    });

    it('refuses a filter field or a parameter the Apex does not declare', () => {
        const service = backend();
        const badField = invokeApex(service, ALL, 'getMyCases', {
            filter: { sortField: 'CaseNumber' }
        });
        expect(badField.status).toBe(500);
        const message = (response: { body: unknown }) =>
            (response.body as { message: string }).message;
        expect(message(badField)).toContain(
            'CaseFilter has no @AuraEnabled String field "sortField"'
        );
        const badParam = invokeApex(service, ALL, 'getCaseDetail', { id: 'x' });
        expect(message(badParam)).toContain('has no parameter "id"');
        expect(invokeApex(service, ALL, 'deleteCase', {}).status).toBe(404);
    });

    it('leaves null fields out, as the Lightning runtime does', () => {
        const service = backend();
        const summary = service.createCase(ALL, { subject: 'No description' });
        const detail = invokeApex(service, ALL, 'getCaseDetail', {
            caseId: summary.recordId
        });
        expect(detail.status).toBe(200);
        expect(detail.body).not.toHaveProperty('description');
        expect(detail.body).not.toHaveProperty('closedDate');
    });
});
