import type { Page } from 'playwright-core';
import { label, screenshot, until, useHarness } from './harness';

/**
 * Settings and custom permissions hide the actions they forbid, and the server refuses them
 * anyway. The preview switches them by query string, as the settings panel does.
 */

const harness = useHarness();

async function openFirstCase(page: Page): Promise<void> {
    const link = page.locator('c-case-list tbody tr button').first();
    await link.click();
    await page.locator('c-case-detail [data-id="status"]').waitFor();
}

function count(
    page: Page,
    role: 'button' | 'textbox',
    name: string
): Promise<number> {
    return page.getByRole(role, { name }).count();
}

test('everything granted: new case, reply and close are offered', async () => {
    const page = await harness.open();
    await page.getByRole('button', { name: label('NewCase') }).waitFor();
    await openFirstCase(page);
    await page.getByRole('button', { name: label('CloseCase') }).waitFor();
    await page.getByRole('button', { name: label('SendReply') }).waitFor();
});

test('without Case_Portal_Create_Case there is no "New case"', async () => {
    const page = await harness.open('?create=off');
    await page.locator('c-case-list tbody tr').first().waitFor();
    expect(await count(page, 'button', label('NewCase'))).toBe(0);
});

test('with case creation off in the settings there is no "New case"', async () => {
    const page = await harness.open('?creation=off');
    await page.locator('c-case-list tbody tr').first().waitFor();
    expect(await count(page, 'button', label('NewCase'))).toBe(0);
});

test('without Case_Portal_Close_Own_Case a case has no "Close case"', async () => {
    const page = await harness.open('?close=off');
    await openFirstCase(page);
    await page.getByRole('button', { name: label('SendReply') }).waitFor();
    expect(await count(page, 'button', label('CloseCase'))).toBe(0);
});

test('with case update off there is no reply box, closing stays', async () => {
    const page = await harness.open('?update=off');
    await openFirstCase(page);
    await page.getByRole('button', { name: label('CloseCase') }).waitFor();
    expect(await count(page, 'button', label('SendReply'))).toBe(0);
    // Closing without reply access offers no closing message.
    await page.getByRole('button', { name: label('CloseCase') }).click();
    const confirmation = page.getByRole('group', { name: label('CloseTitle') });
    await confirmation.waitFor();
    expect(await confirmation.getByRole('textbox').count()).toBe(0);
});

test('without Case_Portal_Read_Reply_Own_Cases only the new case form shows', async () => {
    const page = await harness.open('?read=off');
    await page.getByRole('heading', { name: label('CreateTitle') }).waitFor();
    expect(await page.locator('c-case-list').count()).toBe(0);
    expect(await count(page, 'button', label('Cancel'))).toBe(0);
    await screenshot(page, 'create-only');
});

test('without any portal permission the user is told so', async () => {
    const page = await harness.open('?read=off&create=off&close=off');
    await page.getByText(label('NoAccess')).waitFor();
    expect(await page.locator('c-case-list').count()).toBe(0);
    await screenshot(page, 'no-access');
});

test('with the portal off nothing is offered', async () => {
    const page = await harness.open('?portal=off');
    await page.getByText(label('Error_PortalDisabled')).waitFor();
    expect(await page.locator('c-case-list').count()).toBe(0);
    await screenshot(page, 'portal-disabled');
});

test('the server refuses what the UI hides', async () => {
    const page = await harness.open('?close=off&update=off');
    await page.locator('c-case-list tbody tr').first().waitFor();
    const caseId = await page
        .locator('c-case-list tbody tr button')
        .first()
        .getAttribute('data-case-id');
    // A hand-made call from the page, as a user could send one from the browser console.
    const call = (method: string, body: object) =>
        page.evaluate(
            async ([name, params]) => {
                const { search } = (
                    globalThis as unknown as { location: { search: string } }
                ).location;
                const response = await fetch(
                    `/apex/CasePortalController/${name}`,
                    {
                        method: 'POST',
                        headers: { 'X-Preview-Query': search },
                        body: JSON.stringify(params)
                    }
                );
                return {
                    status: response.status,
                    body: (await response.json()) as { message?: string }
                };
            },
            [method, body] as const
        );
    const close = await call('closeCase', {
        caseId,
        status: 'Closed',
        comment: null
    });
    expect(close).toEqual({
        status: 500,
        body: expect.objectContaining({ message: label('Error_NoCloseAccess') })
    });
    const reply = await call('addComment', { caseId, body: 'Hello' });
    expect(reply.body.message).toBe(label('Error_UpdateDisabled'));
    // The browser logs each refused call; these two were expected.
    expect(harness.errors.splice(0)).toHaveLength(2);
});

test('the settings panel switches a permission off and on again', async () => {
    const page = await harness.open();
    const createBox = page.getByRole('checkbox', { name: /Create cases/ });
    // SLDS draws the checkbox on its label: click the label, as a person does.
    const createLabel = page.locator('label[for="setting-create"]');
    await page.getByText(/Preview settings/).click();
    await createLabel.click();
    expect(await createBox.isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/create=off/);
    await page.locator('c-case-list tbody tr').first().waitFor();
    expect(await count(page, 'button', label('NewCase'))).toBe(0);

    await page.getByText(/Preview settings/).click();
    expect(await createBox.isChecked()).toBe(false);
    await createLabel.click();
    await page.getByRole('button', { name: 'Apply' }).click();
    await until(
        async () => (await count(page, 'button', label('NewCase'))) === 1
    );
});
