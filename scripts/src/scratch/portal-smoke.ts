import type { Page } from 'playwright-core';
import { loadLabels } from '../../shared/labels';

// The customer's path through casePortal (list, create, open, reply, close), written once and
// run twice: against the real LWR site in the scratch-org job (commands/scratch-portal-smoke.ts,
// as a portal user) and offline against the preview of the same components
// (scripts/e2e/site-smoke.e2e.ts), which proves the locators match the real components.
// Locators are roles and the deployed custom labels, never CSS of Salesforce's own markup.

export interface SmokeContext {
    /** Saves a screenshot named `name` (list, create, detail, replied, closed). */
    shot(page: Page, name: string): Promise<void>;
    /** The subject of the case the path creates; unique per run. */
    subject: string;
    /** How long one step may take, ms (a real site is slower than the preview). */
    timeout?: number;
}

const LABELS = loadLabels();

export function portalLabel(name: string): string {
    const value = LABELS.get(`CasePortal_${name}`);
    if (value === undefined) {
        throw new Error(`no custom label CasePortal_${name}`);
    }
    return value;
}

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** list → create → the new case opens → back → open it from the list → reply → close. */
export async function customerPath(
    page: Page,
    context: SmokeContext
): Promise<void> {
    const timeout = context.timeout ?? 30_000;
    const wait = { timeout };
    await page
        .getByRole('heading', { name: portalLabel('ListTitle') })
        .waitFor(wait);
    await context.shot(page, 'list');

    await page.getByRole('button', { name: portalLabel('NewCase') }).click();
    await page
        .getByRole('heading', { name: portalLabel('CreateTitle') })
        .waitFor(wait);
    await page.getByRole('textbox', { name: /Subject/ }).fill(context.subject);
    await page
        .getByRole('textbox', { name: /Description/ })
        .fill('Opened by the case portal smoke test.');
    await context.shot(page, 'create');
    await page
        .getByRole('button', { name: portalLabel('CreateSubmit') })
        .click();

    const heading = page.getByRole('heading', {
        name: new RegExp(escape(context.subject))
    });
    await heading.waitFor(wait);
    await context.shot(page, 'detail');

    await page.getByRole('button', { name: portalLabel('BackToList') }).click();
    await page.getByRole('button', { name: context.subject }).click(wait);
    await heading.waitFor(wait);

    const replyText = `Reply from the smoke test (${context.subject}).`;
    await page
        .getByRole('textbox', {
            name: new RegExp(escape(portalLabel('ReplyLabel')))
        })
        .fill(replyText);
    await page.getByRole('button', { name: portalLabel('SendReply') }).click();
    await page
        .locator('c-case-detail li')
        .filter({ hasText: replyText })
        .waitFor(wait);
    await context.shot(page, 'replied');

    await page.getByRole('button', { name: portalLabel('CloseCase') }).click();
    const confirmation = page.getByRole('group', {
        name: portalLabel('CloseTitle')
    });
    await confirmation.waitFor(wait);
    await confirmation
        .getByRole('button', { name: portalLabel('CloseConfirm') })
        .click();
    await confirmation.waitFor({ state: 'detached', timeout });
    await page.locator('c-case-detail [data-id="closed-notice"]').waitFor(wait);
    await context.shot(page, 'closed');
}

/**
 * Logs a portal user in through the site's login page (`<site>/login`, the LWR template's Login
 * page). Not verified in an org: the login form's accessible names; the fields are found by role
 * and the usual names "Username" and "Password".
 */
export async function logInToSite(
    page: Page,
    siteUrl: string,
    username: string,
    password: string,
    timeout = 60_000
): Promise<void> {
    const base = siteUrl.replace(/\/+$/, '');
    await page.goto(`${base}/login`, { timeout });
    await page
        .getByRole('textbox', { name: /user ?name/i })
        .fill(username, { timeout });
    await page.getByLabel(/password/i).fill(password, { timeout });
    await page.getByRole('button', { name: /log ?in/i }).click({ timeout });
    await page.waitForURL((url) => !url.pathname.endsWith('/login'), {
        timeout
    });
}
