import type { Page } from 'playwright-core';
import {
    blocking,
    field,
    focused,
    label,
    named,
    runAxe,
    screenshot,
    tabTo,
    until,
    useHarness,
    VIEWPORTS
} from './harness';
import { loadLabels } from '../shared/labels';
import { formatMessage } from '../shared/message-format';

/**
 * The configurable create form (#23 item 6): settings (Create_Fields__c, as the preview's
 * createFields switch) add a required Case Reason between Subject and Description and name a
 * denied field (OwnerId). The extra field appears in that order, is required on the page and on
 * the server (a request without it, or with OwnerId, is refused by name), and a case opened with
 * it is saved; internal users see why OwnerId was left out. By mouse and by keyboard, on a phone
 * (390 px) and a desktop (1280 px), axe clean.
 */

const harness = useHarness();

const CREATE_FIELDS = 'Subject,Reason*,Description,Priority,OwnerId';
const QUERY = `createFields=${encodeURIComponent(CREATE_FIELDS)}`;
const LABELS = loadLabels();

/** A custom label filled as the portal fills it. */
function filled(name: string, ...args: string[]): string {
    return formatMessage(LABELS.get(`CasePortal_${name}`) ?? name, ...args);
}

async function openForm(page: Page): Promise<void> {
    await page.getByRole('button', { name: label('NewCase') }).click();
    await page.getByRole('heading', { name: label('CreateTitle') }).waitFor();
}

/** The form's fields in page order, by their data-field keys. */
async function fieldOrder(page: Page): Promise<string[]> {
    const nodes = await page.locator('c-case-create-form [data-field]').all();
    return Promise.all(
        nodes.map(async (node) => (await node.getAttribute('data-field')) ?? '')
    );
}

async function expectAxeClean(page: Page): Promise<void> {
    const violations = blocking(await runAxe(page));
    expect(violations.map((v) => `${v.id} at ${v.targets.join(', ')}`)).toEqual(
        []
    );
}

/** createCase as a tampered client would call it, under the same settings. */
async function rawCreate(
    input: Record<string, unknown>
): Promise<{ status: number; message?: string }> {
    const response = await fetch(
        new URL('apex/CasePortalController/createCase', harness.server.url),
        {
            method: 'POST',
            headers: {
                'Content-Type': 'application/json',
                'X-Preview-Query': QUERY
            },
            body: JSON.stringify({ input })
        }
    );
    const body = (await response.json()) as { message?: string };
    return { status: response.status, message: body.message };
}

describe.each(VIEWPORTS)(
    'configured create form on a $name',
    ({ viewport, name }) => {
        test('mouse: the extra field shows in order, is required, and is saved', async () => {
            const subject = `Configured form by mouse on ${name}`;
            const page = await harness.open(`?${QUERY}&internal=on`, {
                viewport
            });
            await openForm(page);
            expect(await fieldOrder(page)).toEqual([
                'subject',
                'Reason',
                'description',
                'priority'
            ]);
            // Internal users see why OwnerId is not on the form.
            const notes = page.locator('c-case-create-form [data-id="notes"]');
            await notes.waitFor();
            expect(await notes.textContent()).toContain('OwnerId left out');
            await expectAxeClean(page);
            await screenshot(page, `create-configured-${name}`);

            await page.getByRole('textbox', { name: /Subject/ }).fill(subject);
            await page
                .getByRole('button', { name: label('CreateSubmit') })
                .click();
            const required = filled('Error_FieldRequired', 'Case Reason');
            await page.getByText(required).first().waitFor();
            await expectAxeClean(page);
            expect(await harness.findCase(subject)).toBeUndefined();

            await page.getByRole('combobox', { name: /Case Reason/ }).click();
            await page.getByRole('option', { name: 'Breakdown' }).click();
            await page
                .getByRole('button', { name: label('CreateSubmit') })
                .click();
            await page
                .getByRole('heading', { name: new RegExp(subject) })
                .waitFor();
            expect(await harness.findCase(subject)).toMatchObject({
                status: 'New'
            });
        });

        test('keyboard: reach, choose and submit the extra field', async () => {
            const subject = `Configured form by keyboard on ${name}`;
            const page = await harness.open(`?${QUERY}`, { viewport });
            await page.locator('c-case-list tbody tr').first().waitFor();
            await tabTo(page, named(label('NewCase')));
            await page.keyboard.press('Enter');
            await until(
                async () => (await focused(page)).name === label('CreateTitle')
            );
            // Customers never see the configuration notes.
            expect(
                await page
                    .locator('c-case-create-form [data-id="notes"]')
                    .count()
            ).toBe(0);

            await tabTo(page, field('Subject'));
            await page.keyboard.type(subject);
            await tabTo(page, named(/Case Reason/));
            const reason = page.getByRole('combobox', { name: /Case Reason/ });
            const active = () => reason.getAttribute('aria-activedescendant');
            await page.keyboard.press('Enter');
            await until(async () => Boolean(await active()));
            const first = await active();
            await page.keyboard.press('ArrowDown');
            await until(async () => (await active()) !== first);
            await page.keyboard.press('Enter');
            await until(async () =>
                /Installation|Equipment Complexity/.test(
                    (await reason.textContent()) ?? ''
                )
            );
            await tabTo(page, named(label('CreateSubmit')));
            await page.keyboard.press('Enter');
            await until(async () =>
                (await focused(page)).name.includes(subject)
            );
            expect(await harness.findCase(subject)).toMatchObject({
                status: 'New'
            });
        });
    }
);

test('the server enforces the configured form, whatever the page sends', async () => {
    const missing = await rawCreate({ subject: 'Tampered' });
    expect(missing).toEqual({
        status: 500,
        message: filled('Error_FieldRequired', 'Case Reason')
    });
    const denied = await rawCreate({
        subject: 'Tampered',
        fields: { Reason: 'Breakdown', OwnerId: '005000000000001AAA' }
    });
    expect(denied).toEqual({
        status: 500,
        message: filled('Error_FieldNotAllowed', 'OwnerId')
    });
    const unknown = await rawCreate({
        subject: 'Tampered',
        fields: { Reason: 'Breakdown', Secret__c: 'x' }
    });
    expect(unknown).toEqual({
        status: 500,
        message: filled('Error_FieldNotOnForm', 'Secret__c')
    });
    const badChoice = await rawCreate({
        subject: 'Tampered',
        fields: { Reason: 'Not a reason' }
    });
    expect(badChoice).toEqual({
        status: 500,
        message: filled('Error_InvalidChoice', 'Case Reason')
    });
    expect(await harness.findCase('Tampered')).toBeUndefined();
});
