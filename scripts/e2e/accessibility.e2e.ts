import type { Page } from 'playwright-core';
import {
    type AxeViolation,
    blocking,
    label,
    runAxe,
    screenshot,
    useHarness
} from './harness';

/**
 * axe-core on every view of the portal: no serious or critical violation. First proven able to
 * see inside synthetic shadow: a fixture with violations two shadow trees deep must fail.
 */

const harness = useHarness();

function summary(violations: AxeViolation[]): string[] {
    return violations.map(
        (v) => `${v.impact}: ${v.id} (${v.help}) at ${v.targets.join(', ')}`
    );
}

async function expectClean(page: Page, view: string): Promise<void> {
    await screenshot(page, `a11y-${view}`);
    expect(summary(blocking(await runAxe(page)))).toEqual([]);
}

test('axe sees violations inside nested synthetic shadow trees', async () => {
    const page = await harness.open('fixtures/axe.html');
    await page
        .locator('preview-axe-fixture-inner img')
        .waitFor({ state: 'attached' });
    const found = blocking(await runAxe(page));
    const ids = found.map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'button-name']));
    // ...on the elements inside the inner component's shadow tree (axe's target path crosses
    // each shadow root: host, inner host, element).
    const image = found.find((v) => v.id === 'image-alt');
    expect(image?.targets).toEqual([
        JSON.stringify([
            ['preview-axe-fixture', 'preview-axe-fixture-inner', 'img']
        ])
    ]);
});

test('list view', async () => {
    const page = await harness.open();
    await page.locator('c-case-list tbody tr').first().waitFor();
    await expectClean(page, 'list');
});

test('list view with the settings panel open', async () => {
    const page = await harness.open();
    await page.locator('c-case-list tbody tr').first().waitFor();
    await page.getByText(/Preview settings/).click();
    await page.getByRole('button', { name: 'Apply' }).waitFor();
    await expectClean(page, 'settings');
});

test('new case form, empty and with errors shown', async () => {
    const page = await harness.open();
    await page.getByRole('button', { name: label('NewCase') }).click();
    await page.getByRole('heading', { name: label('CreateTitle') }).waitFor();
    await expectClean(page, 'create');
    await page.getByRole('button', { name: label('CreateSubmit') }).click();
    await page.getByText(label('Error_SubjectRequired')).first().waitFor();
    await expectClean(page, 'create-errors');
});

test('case detail, close confirmation and closed case', async () => {
    const page = await harness.open();
    await page.locator('c-case-list tbody tr button').first().click();
    await page.getByRole('button', { name: label('SendReply') }).waitFor();
    await expectClean(page, 'detail');

    await page.getByRole('button', { name: label('CloseCase') }).click();
    const confirmation = page.getByRole('group', { name: label('CloseTitle') });
    await confirmation.waitFor();
    await expectClean(page, 'close-confirmation');

    await confirmation
        .getByRole('button', { name: label('CloseConfirm') })
        .click();
    await confirmation.waitFor({ state: 'detached' });
    await page.locator('c-case-detail [data-id="closed-notice"]').waitFor();
    await expectClean(page, 'closed');
});

test('create-only, no-access and portal-off views', async () => {
    let page = await harness.open('?read=off');
    await page.getByRole('heading', { name: label('CreateTitle') }).waitFor();
    await expectClean(page, 'create-only');
    page = await harness.open('?read=off&create=off');
    await page.getByText(label('NoAccess')).waitFor();
    await expectClean(page, 'no-access');
    page = await harness.open('?portal=off');
    await page.getByText(label('Error_PortalDisabled')).waitFor();
    await expectClean(page, 'portal-disabled');
});
