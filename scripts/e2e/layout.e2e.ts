import type { Page } from 'playwright-core';
import {
    type AxeViolation,
    blocking,
    horizontalOverflow,
    label,
    runAxe,
    screenshot,
    useHarness
} from './harness';

/**
 * The customer view on a phone (390 px, an iPhone 12-15 width) and a desktop (1280 px): nothing
 * scrolls sideways, axe finds nothing serious or critical, the narrow list is stacked (every
 * field of a case visible), and the list and the case show the same time for the same case even
 * when the browser's time zone is not the user's Salesforce one.
 */

const harness = useHarness();

const WIDTHS = [390, 1280] as const;

function summary(violations: AxeViolation[]): string[] {
    return violations.map(
        (v) => `${v.impact}: ${v.id} (${v.help}) at ${v.targets.join(', ')}`
    );
}

async function expectFits(page: Page, view: string): Promise<void> {
    await screenshot(page, `layout-${view}`);
    expect(await horizontalOverflow(page)).toBe(0);
    expect(summary(blocking(await runAxe(page)))).toEqual([]);
}

describe.each(WIDTHS)('at %i px wide', (width) => {
    const viewport = { width, height: 844 };

    test('the list, a case, its close confirmation: no sideways scroll, axe clean', async () => {
        const page = await harness.open('', { viewport });
        const firstRow = page.locator('c-case-list tbody tr').first();
        await firstRow.waitFor();
        await expectFits(page, `${width}-list`);

        // Every field of a case is on screen, not scrolled away to the right.
        for (const cell of ['opened', 'updated']) {
            const box = await firstRow
                .locator(`[data-id="${cell}"]`)
                .boundingBox();
            expect(box).not.toBeNull();
            expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(
                width
            );
        }
        if (width < 768) {
            // Stacked: the case's fields sit under one another, not side by side.
            const subject = await firstRow.locator('th').boundingBox();
            const updated = await firstRow
                .locator('[data-id="updated"]')
                .boundingBox();
            expect(updated?.y ?? 0).toBeGreaterThan(subject?.y ?? 0);
        }

        await firstRow.locator('button').click();
        await page.getByRole('button', { name: label('SendReply') }).waitFor();
        await expectFits(page, `${width}-detail`);

        await page.getByRole('button', { name: label('CloseCase') }).click();
        await page.getByRole('group', { name: label('CloseTitle') }).waitFor();
        await expectFits(page, `${width}-close-confirmation`);
    });
});

test('the list and the case show the same time for the same case, in the user time zone', async () => {
    // The browser is in Tokyo; the user's Salesforce time zone is America/Los_Angeles.
    const page = await harness.open('', { timezoneId: 'Asia/Tokyo' });
    const firstRow = page.locator('c-case-list tbody tr').first();
    await firstRow.waitFor();
    const listOpened = (
        (await firstRow.locator('[data-id="opened"]').textContent()) ?? ''
    ).trim();
    const listUpdated = (
        (await firstRow.locator('[data-id="updated"]').textContent()) ?? ''
    ).trim();
    const caseNumber = (
        (await firstRow.locator('td').first().textContent()) ?? ''
    ).trim();

    await firstRow.locator('button').click();
    const detailUpdated = page.locator('c-case-detail [data-id="updated"]');
    await detailUpdated.waitFor();
    const detailOpened = page.locator('c-case-detail [data-id="opened"]');

    const record = await harness.findCase(caseNumber);
    const inUserZone = (epochMs: number): string =>
        new Intl.DateTimeFormat('en-US', {
            year: 'numeric',
            month: 'short',
            day: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            timeZone: 'America/Los_Angeles'
        }).format(new Date(epochMs));
    expect(record).toBeDefined();
    expect(listOpened).toBe(inUserZone(Date.parse(record?.createdDate ?? '')));
    expect(listUpdated).toBe(
        inUserZone(Date.parse(record?.lastModifiedDate ?? ''))
    );
    expect(((await detailOpened.textContent()) ?? '').trim()).toBe(listOpened);
    expect(((await detailUpdated.textContent()) ?? '').trim()).toBe(
        listUpdated
    );
});
