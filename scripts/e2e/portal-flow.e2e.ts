import type { Page } from 'playwright-core';
import { label, screenshot, until, useHarness } from './harness';

/** The customer's path with the mouse: list, create, see it listed, open, reply, close. */

const harness = useHarness();

function caseRows(page: Page) {
    return page.locator('c-case-list tbody tr');
}

const SUBJECT = 'Screen flickers after the update';

test("lists the user's open cases, newest first, styled by SLDS", async () => {
    const page = await harness.open();
    await page.getByRole('heading', { name: label('ListTitle') }).waitFor();
    await caseRows(page).first().waitFor();
    const open = await harness.cases({ status: 'open' });
    expect(open.length).toBeGreaterThan(1);
    expect(open.every((c) => c.status !== 'Closed')).toBe(true);
    const created = open.map((c) => Date.parse(c.createdDate));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(await caseRows(page).count()).toBe(open.length);
    expect(await caseRows(page).first().textContent()).toContain(
        open[0]?.caseNumber
    );
    // SLDS reaches inside the components' synthetic shadow trees.
    const background = await page
        .getByRole('button', { name: label('NewCase') })
        .evaluate(
            (button) =>
                (
                    globalThis as unknown as {
                        getComputedStyle(element: unknown): {
                            backgroundColor: string;
                        };
                    }
                ).getComputedStyle(button).backgroundColor
        );
    expect(background).toBe('rgb(1, 118, 211)');
    await screenshot(page, 'list');
});

test('create a case, see it listed, open it, reply and close it', async () => {
    const page = await harness.open();
    await page.getByRole('button', { name: label('NewCase') }).click();
    await page.getByRole('heading', { name: label('CreateTitle') }).waitFor();
    await screenshot(page, 'create');

    // An empty submit says what is wrong, before any server call.
    await page.getByRole('button', { name: label('CreateSubmit') }).click();
    await page.getByText(label('Error_SubjectRequired')).first().waitFor();

    await page.getByRole('textbox', { name: /Subject/ }).fill(SUBJECT);
    await page
        .getByRole('textbox', { name: /Description/ })
        .fill('Since version 4.2 the screen flickers every few seconds.');
    await page.getByRole('combobox', { name: /Priority/ }).click();
    await page.getByRole('option', { name: 'High' }).click();
    await page.getByRole('button', { name: label('CreateSubmit') }).click();

    // The new case opens, saved as the backend has it.
    const heading = page.getByRole('heading', { name: new RegExp(SUBJECT) });
    await heading.waitFor();
    const created = await harness.findCase(SUBJECT);
    expect(created).toMatchObject({ priority: 'High', status: 'New' });
    await screenshot(page, 'detail');

    // Back in the list it comes first.
    await page.getByRole('button', { name: label('BackToList') }).click();
    await until(async () =>
        ((await caseRows(page).first().textContent()) ?? '').includes(SUBJECT)
    );

    // Open it from the list and reply.
    await page.getByRole('button', { name: SUBJECT }).click();
    await heading.waitFor();
    await page
        .getByRole('textbox', { name: new RegExp(label('ReplyLabel')) })
        .fill('It also happens on battery.');
    await page.getByRole('button', { name: label('SendReply') }).click();
    const reply = page
        .locator('c-case-detail li')
        .filter({ hasText: 'It also happens on battery.' });
    await reply.waitFor();
    expect(await reply.textContent()).toContain(label('AuthorYou'));

    // Close it with a closing message, through the inline confirmation (no modal).
    await page.getByRole('button', { name: label('CloseCase') }).click();
    const confirmation = page.getByRole('group', { name: label('CloseTitle') });
    await confirmation.waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await screenshot(page, 'close-confirmation');
    await confirmation
        .getByRole('textbox', { name: label('CloseCommentLabel') })
        .fill('Fixed by the 4.3 update, thanks.');
    await confirmation
        .getByRole('button', { name: label('CloseConfirm') })
        .click();
    await confirmation.waitFor({ state: 'detached' });
    await page.locator('c-case-detail [data-id="closed-notice"]').waitFor();
    expect(
        await page.locator('c-case-detail [data-id="status"]').textContent()
    ).toContain('Closed');
    expect(
        await page.getByRole('button', { name: label('SendReply') }).count()
    ).toBe(0);
    await page
        .locator('c-case-detail li')
        .filter({ hasText: 'Fixed by the 4.3 update' })
        .waitFor();
    expect((await harness.findCase(SUBJECT))?.status).toBe('Closed');
    await screenshot(page, 'closed');

    // The list drops it from the open cases; it shows under Closed.
    await page.getByRole('button', { name: label('BackToList') }).click();
    await until(
        async () =>
            (await page.getByRole('button', { name: SUBJECT }).count()) === 0
    );
    await page.getByRole('combobox', { name: label('FilterLabel') }).click();
    await page.getByRole('option', { name: label('FilterClosed') }).click();
    await page.getByRole('button', { name: SUBJECT }).waitFor();
});

test('search narrows the list and "load more" pages through it', async () => {
    const page = await harness.open('?pageSize=3');
    await caseRows(page).first().waitFor();
    expect(await caseRows(page).count()).toBe(3);
    await page.getByRole('button', { name: label('LoadMore') }).click();
    await caseRows(page).nth(3).waitFor();
    const subject =
        (await caseRows(page).nth(4).locator('button').textContent())?.trim() ??
        '';
    await page
        .getByRole('searchbox', { name: label('SearchLabel') })
        .fill(subject.slice(0, 12));
    await until(async () => {
        const texts = await caseRows(page).locator('button').allTextContents();
        return (
            texts.length > 0 &&
            texts.every((t) => t.includes(subject.slice(0, 12)))
        );
    });
});
