import {
    downloadable,
    filesOf,
    maxFileSizeBytes,
    reviewUploads,
    splitExtensions,
    storeFile,
    toMaxFileSizeMb
} from '../../preview/backend/files';
import { PreviewStore } from '../../preview/backend/store';
import { loadDefaultSettings } from '../../preview/metadata';

/**
 * The preview's files beside the rule table (rules.test.ts): settings read as CasePortalSettings
 * reads them, the review leaving alone what is not the user's upload, and what the download
 * servlet stand-in serves.
 */

const SETTINGS = loadDefaultSettings();
const MESSAGES = {
    notFound: () => 'not found',
    type: (title: string) => `type ${title}`,
    size: (title: string, mb: string) => `size ${title} ${mb}`
};

function store(): PreviewStore {
    return new PreviewStore(() => Date.UTC(2026, 4, 1)).seed({ cases: 10 });
}

describe('file settings', () => {
    it('read Allowed_File_Extensions__c tolerantly: dots, case, separators, repeats', () => {
        expect(splitExtensions(' .PNG; pdf,,Txt png ')).toEqual([
            'png',
            'pdf',
            'txt'
        ]);
        expect(splitExtensions(undefined)).toEqual([]);
        expect(splitExtensions(' ; ')).toEqual([]);
    });

    it('read Max_File_Size_MB__c: blank, 0 and negative are off; bytes round down', () => {
        expect(toMaxFileSizeMb('2.5')).toBe(2.5);
        expect(toMaxFileSizeMb('')).toBe(0);
        expect(toMaxFileSizeMb('-1')).toBe(0);
        expect(toMaxFileSizeMb(undefined)).toBe(0);
        expect(maxFileSizeBytes({ ...SETTINGS, maxFileSizeMb: 0.01 })).toBe(
            10485
        );
        expect(maxFileSizeBytes({ ...SETTINGS, maxFileSizeMb: 2.5 })).toBe(
            2621440
        );
    });
});

describe('reviewing uploads', () => {
    it("refuses an agent's file on the case and leaves it as it was", () => {
        const org = store();
        const caseId = [...org.cases.values()].find(
            (c) => c.contactId === org.me.contactId
        )?.id as string;
        const agentFile = storeFile(org, {
            caseId,
            name: 'internal.pdf',
            size: 10,
            content: Buffer.alloc(0),
            createdById: org.agent.id,
            visibility: 'InternalUsers'
        });
        const result = reviewUploads(
            org,
            SETTINGS,
            caseId,
            [agentFile.documentId],
            MESSAGES
        );
        expect(result.refused).toEqual([
            { title: null, reason: 'notFound', message: 'not found' }
        ]);
        expect(filesOf(org)).toContain(agentFile);
        expect(agentFile.visibility).toBe('InternalUsers');
    });
});

describe('the download servlet stand-in', () => {
    it("serves files shared with customers on the user's cases, their own uploads, and nothing else", () => {
        const org = store();
        const cases = [...org.cases.values()];
        const own = cases.find((c) => c.contactId === org.me.contactId);
        expect(own).toBeDefined();
        const file = (
            caseId: string | null,
            visibility: 'AllUsers' | 'InternalUsers',
            createdById: string
        ) =>
            storeFile(org, {
                caseId,
                name: 'a.txt',
                size: 1,
                content: Buffer.from('a'),
                createdById,
                visibility
            }).documentId;
        const shared = file(own?.id ?? null, 'AllUsers', org.agent.id);
        const internal = file(own?.id ?? null, 'InternalUsers', org.agent.id);
        const mine = file(own?.id ?? null, 'InternalUsers', org.me.id);
        const someoneElsesPrivate = file(null, 'AllUsers', org.agent.id);
        expect(downloadable(org, shared)).toBeDefined();
        expect(downloadable(org, mine)).toBeDefined();
        expect(downloadable(org, internal)).toBeUndefined();
        expect(downloadable(org, someoneElsesPrivate)).toBeUndefined();
        expect(downloadable(org, '069Pv0000000ZZZAAA')).toBeUndefined();
    });
});
