import type { Page } from 'playwright-core';
import {
    blocking,
    focused,
    label,
    runAxe,
    tabTo,
    until,
    useHarness,
    VIEWPORTS
} from './harness';

/**
 * The portal features of #23. A URL per case and fresh data: the open case is the page state c__caseId, so a link or a
 * reload opens it and the browser's Back returns to the list; an id the customer cannot see says
 * "case not found"; a view shown again reads the server again (an agent's reply shows). By mouse
 * and by keyboard, on a phone (390 px) and a desktop (1280 px) viewport, axe clean.
 */

const harness = useHarness();

function caseIdInUrl(page: Page): string | null {
    return new URL(page.url()).searchParams.get('c__caseId');
}

function caseHeading(page: Page, caseNumber: string) {
    return page.getByRole('heading', {
        name: new RegExp(`^Case ${caseNumber}:`)
    });
}

async function agentUpdate(
    caseId: string,
    body: string,
    status?: string,
    channel: 'comment' | 'email' = 'comment'
): Promise<void> {
    const response = await fetch(
        new URL('preview/agent-update', harness.server.url),
        {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ caseId, body, status, channel })
        }
    );
    expect(response.status).toBe(200);
}

describe.each(VIEWPORTS)('case URLs on a $name', ({ viewport }) => {
    test('mouse: open puts c__caseId in the URL, reload reopens it, Back returns to the list', async () => {
        const [first] = await harness.cases({ status: 'open' });
        if (!first) {
            throw new Error('the preview seeds open cases');
        }
        const page = await harness.open('?scope=Contact', { viewport });
        await page
            .locator(`c-case-list button[data-case-id="${first.recordId}"]`)
            .click();
        await caseHeading(page, first.caseNumber).waitFor();
        expect(caseIdInUrl(page)).toBe(first.recordId);
        // The preview's own switches stay in the URL.
        expect(new URL(page.url()).searchParams.get('scope')).toBe('Contact');

        await page.reload();
        await caseHeading(page, first.caseNumber).waitFor();

        await page.goBack();
        await page.getByRole('heading', { name: label('ListTitle') }).waitFor();
        expect(caseIdInUrl(page)).toBeNull();
        await until(async () => !(await page.locator('c-case-detail').count()));
        expect(blocking(await runAxe(page))).toEqual([]);
    });

    test('keyboard: Enter on a case opens it, "Back to my cases" returns and keeps the case focused', async () => {
        const [first] = await harness.cases({ status: 'open' });
        if (!first?.subject) {
            throw new Error('the preview seeds open cases with subjects');
        }
        const page = await harness.open('', { viewport });
        await page.locator('c-case-list tbody tr').first().waitFor();
        await tabTo(page, (focus) => focus.name === first.subject, {
            max: 40
        });
        await page.keyboard.press('Enter');
        await caseHeading(page, first.caseNumber).waitFor();
        expect(caseIdInUrl(page)).toBe(first.recordId);
        expect(blocking(await runAxe(page))).toEqual([]);

        await tabTo(page, (focus) => focus.name === label('BackToList'), {
            backwards: true
        });
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: label('ListTitle') }).waitFor();
        expect(caseIdInUrl(page)).toBeNull();
        await until(async () => (await focused(page)).name === first.subject);
    });
});

test('an id the customer cannot see, a missing one and a malformed one all say "case not found"', async () => {
    // The colleague's case (same account) is not the user's under the Contact scope.
    const colleagues = await fetch(
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
    const all = ((await colleagues.json()) as { cases: { recordId: string }[] })
        .cases;
    const mine = new Set((await harness.cases()).map((c) => c.recordId));
    const notMine = all.find((c) => !mine.has(c.recordId));
    if (!notMine) {
        throw new Error('the preview seeds a colleague case');
    }
    for (const id of [notMine.recordId, '500000000000000AAA', 'not-a-case']) {
        const page = await harness.open(`?scope=Contact&c__caseId=${id}`);
        const alert = page.locator('c-case-detail [data-id="load-error"]');
        await alert.waitFor();
        expect(await alert.textContent()).toContain(
            label('Error_CaseNotFound')
        );
        expect(await page.getByText(/Alex Colleague/).count()).toBe(0);
        await page.getByRole('button', { name: label('BackToList') }).click();
        await page.getByRole('heading', { name: label('ListTitle') }).waitFor();
    }
    // The two ids the server was asked about answered a refusal (the browser logs the status);
    // the malformed one never reached the server.
    const refusals = harness.errors.splice(0);
    expect(refusals).toHaveLength(2);
    expect(refusals.every((line) => line.includes('status of 500'))).toBe(true);
});

test("fresh data: an agent's reply and status change show when the case and the list are shown again", async () => {
    const [first] = await harness.cases({ status: 'open' });
    if (!first) {
        throw new Error('the preview seeds open cases');
    }
    const page = await harness.open('', { viewport: VIEWPORTS[1]!.viewport });
    await page
        .locator(`c-case-list button[data-case-id="${first.recordId}"]`)
        .click();
    await caseHeading(page, first.caseNumber).waitFor();
    await page.getByRole('button', { name: label('BackToList') }).click();
    await page.getByRole('heading', { name: label('ListTitle') }).waitFor();

    const reply = `Agent follow-up ${Date.now()}`;
    await agentUpdate(first.recordId, reply, 'Escalated');

    await page
        .locator(`c-case-list button[data-case-id="${first.recordId}"]`)
        .click();
    await caseHeading(page, first.caseNumber).waitFor();
    await page.getByText(reply).waitFor();

    await page.getByRole('button', { name: label('BackToList') }).click();
    const row = page.locator('c-case-list tbody tr', {
        has: page.locator(`button[data-case-id="${first.recordId}"]`)
    });
    // Escalated shows in the customer's words (Customer_Statuses__c: In progress).
    await until(async () =>
        ((await row.textContent()) ?? '').includes('In progress')
    );
});

describe.each(VIEWPORTS)('one conversation on a $name', ({ viewport }) => {
    test("an agent's HTML email shows in the thread as text, marked as email, by keyboard", async () => {
        const [first] = await harness.cases({ status: 'open' });
        if (!first?.subject) {
            throw new Error('the preview seeds open cases with subjects');
        }
        const marker = `Answer ${viewport.width}`;
        await agentUpdate(
            first.recordId,
            `<p>${marker}: <b>restart</b> the unit.</p><img src=x onerror="window.__xss=1">`,
            undefined,
            'email'
        );
        const page = await harness.open('', { viewport });
        await page.locator('c-case-list tbody tr').first().waitFor();
        await tabTo(page, (focus) => focus.name === first.subject, {
            max: 40
        });
        await page.keyboard.press('Enter');
        await caseHeading(page, first.caseNumber).waitFor();

        const entry = page.locator('c-case-detail [data-id="comments"] li', {
            hasText: marker
        });
        await entry.waitFor();
        expect(await entry.textContent()).toContain(label('SourceEmail'));
        expect(await entry.textContent()).toContain(
            `${marker}: restart the unit.`
        );
        expect(await entry.locator('b, img').count()).toBe(0);
        expect(await page.evaluate('window.__xss === undefined')).toBe(true);
        expect(blocking(await runAxe(page))).toEqual([]);
    });
});

describe.each(VIEWPORTS)('search on a $name', ({ viewport }) => {
    test('a case number typed into the search box finds that case; Enter opens it', async () => {
        const open = await harness.cases({ status: 'open' });
        const target = open[open.length - 1];
        if (!target?.subject) {
            throw new Error('the preview seeds open cases with subjects');
        }
        const page = await harness.open('', { viewport });
        await page.locator('c-case-list tbody tr').first().waitFor();
        await tabTo(
            page,
            (focus) =>
                focus.tag === 'input' &&
                focus.name.includes(label('SearchLabel'))
        );
        await page.keyboard.type(target.caseNumber);
        const rows = page.locator('c-case-list tbody tr');
        await until(async () => {
            const texts = await rows.allTextContents();
            return texts.length === 1 && texts[0]!.includes(target.caseNumber);
        });
        await tabTo(page, (focus) => focus.name === target.subject);
        await page.keyboard.press('Enter');
        await caseHeading(page, target.caseNumber).waitFor();
        expect(caseIdInUrl(page)).toBe(target.recordId);
        expect(blocking(await runAxe(page))).toEqual([]);
    });
});

describe.each(VIEWPORTS.map((v, index) => ({ ...v, index })))(
    'reopen on a $name',
    ({ viewport, index }) => {
        test('a recently closed case is reopened with a reason (mouse on a phone, keyboard on a desktop)', async () => {
            const closed = await harness.cases({ status: 'closed' });
            const target = closed[index];
            if (!target) {
                throw new Error('the preview seeds recently closed cases');
            }
            const page = await harness.open(`?c__caseId=${target.recordId}`, {
                viewport
            });
            await caseHeading(page, target.caseNumber).waitFor();
            const reopen = page.getByRole('button', {
                name: label('ReopenCase')
            });
            const reason = page.getByRole('textbox', {
                name: label('ReopenReason')
            });
            if (index === 0) {
                await reopen.click();
                await reason.fill('The noise is back.');
                await page
                    .getByRole('button', { name: label('ReopenSubmit') })
                    .click();
            } else {
                await tabTo(
                    page,
                    (focus) => focus.name === label('ReopenCase')
                );
                await page.keyboard.press('Enter');
                await until(async () =>
                    (await focused(page)).name.includes(label('ReopenReason'))
                );
                await page.keyboard.type('The noise is back.');
                await tabTo(
                    page,
                    (focus) => focus.name === label('ReopenSubmit')
                );
                await page.keyboard.press('Enter');
            }
            await page.getByText(label('CaseReopened')).first().waitFor();
            await page
                .locator('c-case-detail [data-id="comments"] li', {
                    hasText: 'The noise is back.'
                })
                .waitFor();
            expect(await reopen.count()).toBe(0);
            expect(
                await page
                    .locator('c-case-detail [data-id="reply-box"]')
                    .count()
            ).toBe(1);
            expect(blocking(await runAxe(page))).toEqual([]);
        });
    }
);
