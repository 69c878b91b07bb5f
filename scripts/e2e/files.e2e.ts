import type { Page } from 'playwright-core';
import {
    blocking,
    label,
    runAxe,
    screenshot,
    tabTo,
    useHarness,
    VIEWPORTS
} from './harness';

/**
 * Files on a case (#23 item 1): the case's customer-visible files with download links, an
 * upload on an open case through lightning-file-upload (the preview's stand-in posts to the
 * preview server, as the component uploads to the org), then the server's review: accepted
 * files listed and announced, a wrong type or an oversized file refused with its message (an
 * alert) and gone. By mouse and by keyboard, on a phone (390 px) and a desktop (1280 px)
 * viewport, axe clean.
 */

const harness = useHarness();

interface FileItem {
    documentId: string;
    title: string;
    fileExtension?: string;
}

interface Detail {
    summary: { recordId: string; caseNumber: string; isClosed: boolean };
    files?: FileItem[];
}

async function apex(method: string, body: unknown): Promise<unknown> {
    const response = await fetch(
        new URL(`apex/CasePortalController/${method}`, harness.server.url),
        {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body)
        }
    );
    expect(response.status).toBe(200);
    return response.json();
}

/** The first of the user's cases (open or closed) that has a customer-visible file. */
async function caseWithFiles(status: 'open' | 'closed'): Promise<Detail> {
    for (const row of await harness.cases({ status })) {
        const detail = (await apex('getCaseDetail', {
            caseId: row.recordId
        })) as Detail;
        if ((detail.files ?? []).length > 0) {
            return detail;
        }
    }
    throw new Error(`the preview seeds files on ${status} cases`);
}

function uploadInput(page: Page) {
    return page.locator(
        'c-case-files lightning-file-upload input[type="file"]'
    );
}

function downloadLink(page: Page, fileName: string) {
    return page.getByRole('link', { name: `Download ${fileName}` });
}

/** Page code as text (the scripts' TypeScript has no DOM types): the focused input's type. */
const FOCUSED_TYPE = `(() => {
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) {
        active = active.shadowRoot.activeElement;
    }
    return active ? active.type || '' : '';
})()`;

const LOG = { name: 'error.log', mimeType: 'text/plain' };
const PROGRAM = { name: 'setup.exe', mimeType: 'application/octet-stream' };

beforeEach(async () => {
    await fetch(new URL('preview/reset', harness.server.url), {
        method: 'POST'
    });
});

describe.each(VIEWPORTS)('files on a $name', ({ name, viewport }) => {
    test('mouse: the files are listed with working download links; an upload is reviewed and announced', async () => {
        const detail = await caseWithFiles('open');
        const page = await harness.open(
            `?c__caseId=${detail.summary.recordId}`,
            { viewport }
        );
        await page.getByRole('heading', { name: label('Files') }).waitFor();
        const guide = downloadLink(page, 'troubleshooting-guide.pdf');
        await guide.waitFor();
        // Only files shared with customers (AllUsers): the internal one is not listed.
        expect(await page.getByText('internal-diagnostics.txt').count()).toBe(
            0
        );
        await expect(page.getByText('PDF file, 180 kB').count()).resolves.toBe(
            1
        );
        const href = await guide.getAttribute('href');
        expect(href).toMatch(
            /^\/sfc\/servlet\.shepherd\/document\/download\/069\w+\?operationContext=S1$/
        );
        const download = await fetch(new URL(href ?? '', harness.server.url));
        expect(download.status).toBe(200);
        expect(download.headers.get('content-disposition')).toContain(
            'troubleshooting-guide.pdf'
        );

        await page
            .getByText(
                /^Accepted: png, jpg, jpeg, gif, pdf, txt, log, csv, zip\./
            )
            .waitFor();
        await uploadInput(page).setInputFiles([
            { ...LOG, buffer: Buffer.from('ERROR 52 at 10:02\n') },
            { ...PROGRAM, buffer: Buffer.from('MZ') }
        ]);
        await page.getByText('Files attached: error.log.').waitFor();
        const alert = page.locator('c-case-files [role="alert"]');
        await alert.waitFor();
        expect(await alert.textContent()).toContain(
            'setup was not attached: only these file types are accepted'
        );
        await downloadLink(page, 'error.log').waitFor();
        expect(await downloadLink(page, 'setup.exe').count()).toBe(0);
        expect(blocking(await runAxe(page))).toEqual([]);
        await screenshot(page, `files-${name}`);
    });

    test('keyboard: Tab reaches each download link and the file picker; a file chosen from it is attached', async () => {
        const detail = await caseWithFiles('open');
        const page = await harness.open(
            `?c__caseId=${detail.summary.recordId}`,
            { viewport }
        );
        await downloadLink(page, 'troubleshooting-guide.pdf').waitFor();
        await tabTo(
            page,
            (focus) =>
                focus.tag === 'a' &&
                focus.name === 'Download troubleshooting-guide.pdf',
            { max: 40 }
        );
        await tabTo(page, (focus) => focus.tag === 'input', { max: 10 });
        // The focused input is the file picker, and our label names it.
        expect(await page.evaluate<string>(FOCUSED_TYPE)).toBe('file');
        const picker = page.getByLabel(label('FilesUpload'));
        expect(await picker.count()).toBe(1);
        expect(await picker.getAttribute('type')).toBe('file');
        const chooser = page.waitForEvent('filechooser');
        await page.keyboard.press('Space');
        await (
            await chooser
        ).setFiles({ ...LOG, buffer: Buffer.from('trace\n') });
        await page.getByText('Files attached: error.log.').waitFor();
        await downloadLink(page, 'error.log').waitFor();
        expect(blocking(await runAxe(page))).toEqual([]);
    });
});

test('a file over the maximum size is refused with the limit in the message, and deleted', async () => {
    const detail = await caseWithFiles('open');
    const page = await harness.open(
        `?maxFileSizeMb=0.01&c__caseId=${detail.summary.recordId}`
    );
    await page.getByText(/Up to 10 kB each\.$/).waitFor();
    await uploadInput(page).setInputFiles({
        ...LOG,
        buffer: Buffer.alloc(20_000, 0x61)
    });
    const alert = page.locator('c-case-files [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
        'error was not attached: files can be up to 0.01 MB.'
    );
    expect(await downloadLink(page, 'error.log').count()).toBe(0);
    const after = (await apex('getCaseDetail', {
        caseId: detail.summary.recordId
    })) as Detail;
    expect((after.files ?? []).map((f) => f.title)).not.toContain('error');
});

test('a closed case lists its files without an upload; attachments off hides the upload', async () => {
    const closed = await caseWithFiles('closed');
    const page = await harness.open(`?c__caseId=${closed.summary.recordId}`);
    await downloadLink(page, 'troubleshooting-guide.pdf').waitFor();
    expect(await uploadInput(page).count()).toBe(0);

    const open = await caseWithFiles('open');
    const off = await harness.open(
        `?fileExtensions=&c__caseId=${open.summary.recordId}`
    );
    await downloadLink(off, 'troubleshooting-guide.pdf').waitFor();
    expect(await uploadInput(off).count()).toBe(0);
});

test("files cannot be attached to a colleague's case (Contact scope), and an unknown file is not served", async () => {
    const response = await fetch(
        new URL('apex/CasePortalController/getMyCases', harness.server.url),
        {
            method: 'POST',
            headers: {
                'Content-Type': 'application/json',
                'X-Preview-Query': 'scope=Account&pageSize=200'
            },
            body: JSON.stringify({ filter: { status: 'all' } })
        }
    );
    const own = new Set((await harness.cases()).map((row) => row.recordId));
    const colleagues = (
        ((await response.json()) as { cases: { recordId: string }[] }).cases ??
        []
    ).filter((row) => !own.has(row.recordId));
    const colleagueCase = colleagues[0]?.recordId;
    expect(colleagueCase).toBeDefined();
    const refused = await fetch(
        new URL('apex/CasePortalController/attachFiles', harness.server.url),
        {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({
                caseId: colleagueCase,
                documentIds: ['069Pv0000000001AAA']
            })
        }
    );
    expect(refused.status).toBe(500);
    expect(((await refused.json()) as { message: string }).message).toBe(
        label('Error_CaseNotFound')
    );
    const missing = await fetch(
        new URL(
            'sfc/servlet.shepherd/document/download/069Pv0000000ZZZAAA',
            harness.server.url
        )
    );
    expect(missing.status).toBe(404);
});

test('a new case opens in its view, where a file can be attached right away', async () => {
    const subject = 'Screen flickers after the update';
    const page = await harness.open();
    await page.getByRole('button', { name: label('NewCase') }).click();
    await page.getByRole('textbox', { name: /Subject/ }).fill(subject);
    await page.getByRole('button', { name: label('CreateSubmit') }).click();
    await page.getByRole('heading', { name: new RegExp(subject) }).waitFor();
    await page.getByText(label('FilesEmpty')).waitFor();
    await uploadInput(page).setInputFiles({
        name: 'flicker.png',
        mimeType: 'image/png',
        buffer: Buffer.from('png')
    });
    await downloadLink(page, 'flicker.png').waitFor();
    expect(await page.getByText(label('FilesEmpty')).count()).toBe(0);
});
