import {
    field,
    focused,
    label,
    named,
    tabTo,
    until,
    useHarness
} from './harness';

/** The same path with the keyboard alone: every step reachable by Tab, Enter, arrows, Escape. */

const harness = useHarness();

const SUBJECT = 'Keyboard only: printer jams on tray 2';

test('create, reply and close a case with the keyboard only', async () => {
    const page = await harness.open();
    await page.locator('c-case-list tbody tr').first().waitFor();

    await tabTo(page, named(label('NewCase')));
    await page.keyboard.press('Enter');
    // The view change moves focus to the form's heading.
    await until(
        async () => (await focused(page)).name === label('CreateTitle')
    );

    await tabTo(page, field('Subject'));
    await page.keyboard.type(SUBJECT);
    await tabTo(page, field('Description'));
    await page.keyboard.type('It jams every third page.');
    await tabTo(page, named(/Priority/));
    const priority = page.getByRole('combobox', { name: /Priority/ });
    const active = () => priority.getAttribute('aria-activedescendant');
    await page.keyboard.press('Enter');
    // The list opens on --None--; one down is High.
    await until(async () => Boolean(await active()));
    const onNone = await active();
    await page.keyboard.press('ArrowDown');
    await until(async () => (await active()) !== onNone);
    await page.keyboard.press('Enter');
    await until(async () =>
        ((await priority.textContent()) ?? '').includes('High')
    );
    await tabTo(page, named(label('CreateSubmit')));
    await page.keyboard.press('Enter');

    await until(async () => (await focused(page)).name.includes(SUBJECT));
    const created = await harness.findCase(SUBJECT);
    expect(created).toMatchObject({ priority: 'High', status: 'New' });

    await tabTo(page, field(label('ReplyLabel')));
    await page.keyboard.type('Tried another tray, same result.');
    await tabTo(page, named(label('SendReply')));
    await page.keyboard.press('Enter');
    await page
        .locator('c-case-detail li')
        .filter({ hasText: 'Tried another tray' })
        .waitFor();

    await tabTo(page, named(label('CloseCase')), { backwards: true });
    await page.keyboard.press('Enter');
    // The inline confirmation appears and takes focus on its heading.
    const confirmation = page.getByRole('group', { name: label('CloseTitle') });
    await confirmation.waitFor();
    await until(async () => (await focused(page)).name === label('CloseTitle'));
    await tabTo(page, field(label('CloseCommentLabel')));
    await page.keyboard.type('Solved with a new roller.');
    await tabTo(page, named(label('CloseConfirm')));
    await page.keyboard.press('Enter');
    await confirmation.waitFor({ state: 'detached' });
    await page.locator('c-case-detail [data-id="closed-notice"]').waitFor();
    expect((await harness.findCase(SUBJECT))?.status).toBe('Closed');
    // The close button is gone: focus stays on the case.
    await until(async () => (await focused(page)).name.includes(SUBJECT));

    // Back to the list: the closed case left the open list, so the list heading takes focus.
    await tabTo(page, named(label('BackToList')), { backwards: true });
    await page.keyboard.press('Enter');
    await until(async () => (await focused(page)).name === label('ListTitle'));
});

test('Escape cancels the close confirmation and focus returns; back returns to the case link', async () => {
    const page = await harness.open();
    const firstLink = page.locator('c-case-list tbody tr button').first();
    await firstLink.waitFor();
    const subject = ((await firstLink.textContent()) ?? '').trim();

    await tabTo(page, named(subject));
    await page.keyboard.press('Enter');
    await until(async () => (await focused(page)).name.includes(subject));

    await tabTo(page, named(label('CloseCase')));
    await page.keyboard.press('Enter');
    const confirmation = page.getByRole('group', { name: label('CloseTitle') });
    await confirmation.waitFor();
    await until(async () => (await focused(page)).name === label('CloseTitle'));
    // Escape from a field inside it cancels too.
    await tabTo(page, field(label('CloseCommentLabel')));
    await page.keyboard.press('Escape');
    await confirmation.waitFor({ state: 'detached' });
    await until(async () => (await focused(page)).name === label('CloseCase'));
    const record = await harness.findCase(subject);
    expect(record).toBeDefined();
    expect(record?.status).not.toBe('Closed');

    await tabTo(page, named(label('BackToList')), { backwards: true });
    await page.keyboard.press('Enter');
    await until(async () => (await focused(page)).name === subject);
});
