import { createElement } from 'lwc';
import { registerSa11yMatcher } from '@sa11y/jest';
import CaseFiles, { formatSize } from 'c/caseFiles';
import attachFiles from '@salesforce/apex/CasePortalController.attachFiles';
import { generateUrl } from 'lightning/fileDownload';

const FIXTURE = require('./data/caseFiles.json');
const ATTACH_RESULT = require('./data/attachResult.json');
const UPLOAD_FINISHED = require('./data/uploadFinished.json');

jest.mock(
    '@salesforce/apex/CasePortalController.attachFiles',
    () => ({ default: jest.fn() }),
    { virtual: true }
);
// lightning-base-components' generateUrl: a site-relative servlet URL, synchronously.
const mockUrl = (id) =>
    `/sfc/servlet.shepherd/document/download/${id}?operationContext=S1`;
jest.mock('lightning/fileDownload', () => ({
    generateUrl: jest.fn((id) => mockUrl(id))
}));
// The labels whose placeholders the component fills, with their values in CustomLabels
// (literals: jest.mock factories run before this module's own constants exist).
jest.mock(
    '@salesforce/label/c.CasePortal_FilesUpload',
    () => ({ default: 'Attach files' }),
    {
        virtual: true
    }
);
jest.mock(
    '@salesforce/label/c.CasePortal_FilesRules',
    () => ({ default: 'Accepted: {0}. Up to {1} each.' }),
    {
        virtual: true
    }
);
jest.mock(
    '@salesforce/label/c.CasePortal_FilesDownload',
    () => ({ default: 'Download {0}' }),
    {
        virtual: true
    }
);
jest.mock(
    '@salesforce/label/c.CasePortal_FilesAttached',
    () => ({ default: 'Files attached: {0}.' }),
    {
        virtual: true
    }
);
jest.mock(
    '@salesforce/label/c.CasePortal_FilesDetails',
    () => ({ default: '{0} file, {1}' }),
    {
        virtual: true
    }
);
jest.mock(
    '@salesforce/label/c.CasePortal_AuthorYou',
    () => ({ default: 'You' }),
    {
        virtual: true
    }
);

const { setImmediate: nextMacrotask } = jest.requireActual('timers');
function flushPromises() {
    return new Promise((resolve) => nextMacrotask(resolve));
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [
    ...element.shadowRoot.querySelectorAll(selector)
];

describe('c-case-files', () => {
    beforeAll(() => {
        registerSa11yMatcher();
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    async function render(props = {}) {
        const element = createElement('c-case-files', { is: CaseFiles });
        Object.assign(
            element,
            {
                caseId: FIXTURE.caseId,
                files: FIXTURE.files,
                upload: FIXTURE.fileUpload
            },
            props
        );
        document.body.appendChild(element);
        await flushPromises();
        return element;
    }

    it('lists each file with a download link, its type and size in text, and who added it', async () => {
        const element = await render();
        const links = $$(element, '[data-id="download"]');
        expect(links.map((link) => link.textContent)).toEqual([
            'troubleshooting-guide.pdf',
            'screenshot.png'
        ]);
        expect(links[0].getAttribute('href')).toBe(
            '/sfc/servlet.shepherd/document/download/069000000000002AAA?operationContext=S1'
        );
        expect(links[0].getAttribute('download')).toBe(
            'troubleshooting-guide.pdf'
        );
        expect(links[0].getAttribute('aria-label')).toBe(
            'Download troubleshooting-guide.pdf'
        );
        expect(generateUrl).toHaveBeenCalledWith('069000000000002AAA');
        const details = $$(element, '[data-id="file-details"]').map((p) =>
            p.textContent.trim()
        );
        expect(details[0]).toContain('PDF file, 180 kB');
        expect(details[0]).toContain('Sam Agent');
        // 10:00 UTC in the user's Salesforce time zone (America/Los_Angeles in the mocks).
        expect(details[0]).toContain('Mar 4, 2026, 02:00 AM');
        expect(details[1]).toContain('PNG file, 512 bytes');
        expect(details[1]).toContain('You');
        await expect(element).toBeAccessible();
    });

    it('says when there are no files, and shows the name without a link when no URL can be made', async () => {
        const empty = await render({ files: [] });
        expect($(empty, '[data-id="no-files"]')).not.toBeNull();
        expect($(empty, '[data-id="file-list"]')).toBeNull();
        document.body.removeChild(empty);

        generateUrl.mockImplementation(() => undefined);
        const element = await render({ files: [FIXTURE.files[1]] });
        generateUrl.mockImplementation((id) => mockUrl(id));
        expect($(element, '[data-id="download"]')).toBeNull();
        expect($(element, '[data-id="file-name"]').textContent).toBe(
            'screenshot.png'
        );
    });

    it('offers lightning-file-upload for the case with the accepted types and the limit in text', async () => {
        const element = await render();
        const upload = $(element, 'lightning-file-upload');
        expect(upload.recordId).toBe(FIXTURE.caseId);
        expect(upload.accept).toBe('.png,.jpg,.pdf,.txt,.log');
        expect(upload.label).toBe('Attach files');
        expect(upload.multiple).toBe(true);
        expect($(element, '[data-id="file-rules"]').textContent.trim()).toBe(
            'Accepted: png, jpg, pdf, txt, log. Up to 10 MB each.'
        );
    });

    it('offers no upload when the case view does not allow it', async () => {
        const element = await render({
            upload: { ...FIXTURE.fileUpload, canUpload: false }
        });
        expect($(element, 'lightning-file-upload')).toBeNull();
        expect($(element, '[data-id="file-rules"]')).toBeNull();
        expect($$(element, '[data-id="download"]')).toHaveLength(2);
    });

    it('has the server review the uploads in one call, then lists the files and announces each result', async () => {
        attachFiles.mockResolvedValue(ATTACH_RESULT);
        const element = await render();
        $(element, 'lightning-file-upload').dispatchEvent(
            new CustomEvent('uploadfinished', { detail: UPLOAD_FINISHED })
        );
        await flushPromises();
        expect(attachFiles).toHaveBeenCalledTimes(1);
        expect(attachFiles).toHaveBeenCalledWith({
            caseId: FIXTURE.caseId,
            documentIds: ['069000000000003AAA', '069000000000004AAA']
        });
        expect(
            $$(element, '[data-id="download"]').map((a) => a.textContent)
        ).toEqual(['error.log', 'troubleshooting-guide.pdf']);
        expect($(element, '[data-id="file-status"]').textContent.trim()).toBe(
            'Files attached: error.log.'
        );
        const refusals = $(element, '[data-id="file-refusals"]');
        expect(refusals.getAttribute('role')).toBe('alert');
        expect(refusals.textContent).toContain(
            'setup was not attached: only these file types are accepted'
        );
        expect(
            $$(element, '[data-id="file-details"]')[0].textContent
        ).toContain('LOG file, 2.5 MB');
        await expect(element).toBeAccessible();
    });

    it('shows a failed review as an alert and keeps the list', async () => {
        attachFiles.mockRejectedValue({
            body: { message: 'This case is closed.' }
        });
        const element = await render();
        $(element, 'lightning-file-upload').dispatchEvent(
            new CustomEvent('uploadfinished', { detail: UPLOAD_FINISHED })
        );
        await flushPromises();
        const error = $(element, '[data-id="file-error"]');
        expect(error.getAttribute('role')).toBe('alert');
        expect(error.textContent).toContain('This case is closed.');
        expect($$(element, '[data-id="download"]')).toHaveLength(2);
        expect($(element, '[data-id="file-status"]').textContent.trim()).toBe(
            ''
        );
    });

    it('ignores an upload event without files (no call)', async () => {
        const element = await render();
        $(element, 'lightning-file-upload').dispatchEvent(
            new CustomEvent('uploadfinished', { detail: { files: [] } })
        );
        await flushPromises();
        expect(attachFiles).not.toHaveBeenCalled();
    });

    it('sends more than ten uploads in batches of ten', async () => {
        attachFiles.mockResolvedValue({ files: [], refused: [] });
        const element = await render();
        const files = Array.from({ length: 12 }, (_, i) => ({
            name: `f${i}.png`,
            documentId: `0690000000000${String(i).padStart(2, '0')}AAA`
        }));
        $(element, 'lightning-file-upload').dispatchEvent(
            new CustomEvent('uploadfinished', { detail: { files } })
        );
        await flushPromises();
        expect(attachFiles).toHaveBeenCalledTimes(2);
        expect(attachFiles.mock.calls[0][0].documentIds).toHaveLength(10);
        expect(attachFiles.mock.calls[1][0].documentIds).toHaveLength(2);
    });

    it('formats sizes in binary units', () => {
        expect(formatSize(0, 'en-US')).toBe('0 bytes');
        expect(formatSize(1023, 'en-US')).toBe('1,023 bytes');
        expect(formatSize(1536, 'en-US')).toBe('1.5 kB');
        expect(formatSize(10485760, 'en-US')).toBe('10 MB');
    });
});
