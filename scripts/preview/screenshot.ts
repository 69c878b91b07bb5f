import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../shared/chromium';
import { buildPreview } from './build';
import { ROOT } from './paths';
import { startPreviewServer } from './server';

/**
 * Saves the portal's list view as docs/portal.png (the README's picture):
 * `npm exec -- tsx scripts/preview/screenshot.ts [file] [--case]`. With --case, a case with its
 * files and its conversation (comments and emails), opened by its URL (c__caseId), the whole
 * page, instead.
 */
async function main(): Promise<void> {
    const args = process.argv.slice(2);
    const caseView = args.includes('--case');
    const file = path.resolve(
        ROOT,
        args.find((arg) => !arg.startsWith('--')) ?? 'docs/portal.png'
    );
    await buildPreview({ mode: 'production' });
    const server = await startPreviewServer({ port: 0 });
    const browser = await launchChromium();
    try {
        const page = await browser.newPage({
            viewport: { width: 1100, height: 720 },
            locale: 'en-US',
            timezoneId: 'America/Los_Angeles'
        });
        if (caseView) {
            const withEmail = server.backend.store.emails[0]?.parentId;
            await page.goto(`${server.url}?c__caseId=${withEmail ?? ''}`);
            await page
                .locator('c-case-detail [data-id="email-badge"]')
                .first()
                .waitFor();
            await page
                .locator('c-case-files [data-id="download"]')
                .first()
                .waitFor();
        } else {
            await page.goto(server.url);
            await page.locator('c-case-list tbody tr').first().waitFor();
        }
        // Let the icon chunk and fonts settle.
        await page.waitForLoadState('networkidle');
        mkdirSync(path.dirname(file), { recursive: true });
        await page.screenshot({ path: file, fullPage: caseView });
        process.stdout.write(
            `Wrote ${path.relative(ROOT, file)} (${Math.round(statSync(file).size / 1024)} KB)\n`
        );
    } finally {
        await browser.close();
        await server.close();
    }
}

main().catch((error: unknown) => {
    process.stderr.write(
        `${error instanceof Error ? error.message : String(error)}\n`
    );
    process.exitCode = 1;
});
