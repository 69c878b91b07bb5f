import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../shared/chromium';
import { loadLabels } from '../shared/labels';
import { ROOT } from '../shared/paths';
import { startPreviewProcess, type PreviewProcess } from './preview-process';

/** How a page is opened: its viewport and the browser's own time zone. */
export interface OpenOptions {
    /** Default 1200 x 900. */
    viewport?: { width: number; height: number };
    /**
     * The browser's time zone, default America/Los_Angeles (the preview user's Salesforce time
     * zone, @salesforce/i18n/timeZone). Another one shows whether a view uses the browser's.
     */
    timezoneId?: string;
}

export interface CaseQuery {
    status?: 'all' | 'open' | 'closed';
    searchTerm?: string;
}

/** A case as the portal's own Apex call (getMyCases) returns it. */
export interface CaseRow {
    recordId: string;
    caseNumber: string;
    subject?: string;
    status: string;
    priority?: string;
    createdDate: string;
    lastModifiedDate: string;
}

/** One preview server and one browser per test file; a fresh context (cookies, storage) per page. */
export interface Harness {
    server: PreviewProcess;
    browser: Browser;
    /**
     * The default portal user's cases as the backend's getMyCases returns them (newest first,
     * up to 200): what the page is given to show. A test reads the backend through the same
     * Apex call the page makes, never through the preview's modules.
     */
    cases(filter?: CaseQuery): Promise<CaseRow[]>;
    /** The case whose subject or case number is `term`, or undefined. */
    findCase(term: string): Promise<CaseRow | undefined>;
    /** Opens the portal with a query string (preview settings) and waits for it to settle. */
    open(query?: string, options?: OpenOptions): Promise<Page>;
    /** Page and console errors seen so far (a test expects none). */
    errors: string[];
    close(): Promise<void>;
}

export const SCREENSHOT_DIR = path.join(ROOT, 'reports/e2e');

export async function startHarness(): Promise<Harness> {
    const server = await startPreviewProcess();
    const browser = await launchChromium();
    const contexts: BrowserContext[] = [];
    const errors: string[] = [];
    const cases = async (filter: CaseQuery = {}): Promise<CaseRow[]> => {
        const response = await fetch(
            new URL('apex/CasePortalController/getMyCases', server.url),
            {
                method: 'POST',
                headers: {
                    'Content-Type': 'application/json',
                    'X-Preview-Query': 'pageSize=200'
                },
                body: JSON.stringify({ filter: { status: 'all', ...filter } })
            }
        );
        if (!response.ok) {
            throw new Error(
                `getMyCases answered ${response.status}: ${await response.text()}`
            );
        }
        const page = (await response.json()) as { cases?: CaseRow[] };
        return page.cases ?? [];
    };
    return {
        server,
        browser,
        errors,
        cases,
        async findCase(term) {
            const rows = await cases({ searchTerm: term });
            return rows.find(
                (row) => row.subject === term || row.caseNumber === term
            );
        },
        async open(query = '', options: OpenOptions = {}) {
            const context = await browser.newContext({
                viewport: options.viewport ?? { width: 1200, height: 900 },
                locale: 'en-US',
                timezoneId: options.timezoneId ?? 'America/Los_Angeles',
                // No fade-in half-way through a screenshot.
                reducedMotion: 'reduce'
            });
            contexts.push(context);
            const page = await context.newPage();
            page.on('pageerror', (error) =>
                errors.push(`pageerror: ${error.message}`)
            );
            page.on('console', (message) => {
                if (message.type() === 'error') {
                    errors.push(`console: ${message.text()}`);
                }
            });
            await page.goto(`${server.url}${query}`);
            return page;
        },
        async close() {
            for (const context of contexts) {
                await context.close();
            }
            await browser.close();
            await server.close();
        }
    };
}

/** The two viewports every feature is tried at: a phone (390 px) and a desktop (1280 px). */
export const VIEWPORTS = [
    { name: 'phone', viewport: { width: 390, height: 844 } },
    { name: 'desktop', viewport: { width: 1280, height: 900 } }
];

/**
 * One preview and Chromium for a test file: started before its tests, closed after them, and a
 * test fails when the page logged an error it did not take (`harness.errors.splice(0)`). The
 * returned object stands for the started harness.
 */
export function useHarness(): Harness {
    let started: Harness | undefined;
    beforeAll(async () => {
        started = await startHarness();
    });
    afterAll(async () => {
        await started?.close();
    });
    afterEach(() => {
        expect(started?.errors).toEqual([]);
    });
    return new Proxy({} as Harness, {
        get(_target, key) {
            if (!started) {
                throw new Error(
                    'the e2e harness is used before beforeAll started it'
                );
            }
            const value: unknown = Reflect.get(started, key);
            return typeof value === 'function' ? value.bind(started) : value;
        }
    });
}

export async function screenshot(page: Page, name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
}

export interface AxeViolation {
    id: string;
    impact: string | null;
    help: string;
    targets: string[];
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the whole page; returns every violation (filter by impact in the test).
 * Page code is plain JS text: the scripts' TypeScript has no DOM types, by design.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
    if (!(await page.evaluate<boolean>("'axe' in window"))) {
        await page.addScriptTag({ content: AXE_SOURCE });
    }
    return page.evaluate<AxeViolation[]>(`
        axe.run(document, { resultTypes: ['violations'] }).then((result) =>
            result.violations.map((violation) => ({
                id: violation.id,
                impact: violation.impact || null,
                help: violation.help,
                targets: violation.nodes.map((node) => JSON.stringify(node.target))
            }))
        )`);
}

/** How far the page scrolls sideways (0 when everything fits the viewport's width). */
export function horizontalOverflow(page: Page): Promise<number> {
    return page.evaluate<number>(`(() => {
        const root = document.scrollingElement || document.documentElement;
        return Math.max(0, root.scrollWidth - root.clientWidth);
    })()`);
}

/** Violations that fail the suite: serious and critical. */
export function blocking(violations: AxeViolation[]): AxeViolation[] {
    return violations.filter(
        (v) => v.impact === 'serious' || v.impact === 'critical'
    );
}

const LABELS = loadLabels();

/** A custom label's value, so tests follow CustomLabels.labels-meta.xml. */
export function label(name: string): string {
    const value = LABELS.get(`CasePortal_${name}`);
    if (value === undefined) {
        throw new Error(`no custom label CasePortal_${name}`);
    }
    return value;
}

/** Polls until check() returns true (Playwright locators auto-wait; counts do not). */
export async function until(
    check: () => Promise<boolean>,
    timeoutMs = 5000
): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > deadline) {
            throw new Error(
                `condition not met in ${timeoutMs} ms: ${check.toString()}`
            );
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

export interface Focused {
    tag: string;
    /** aria-label, the label of a form field, or the text. */
    name: string;
}

/** The element that has focus, looking through (synthetic) shadow roots. */
export function focused(page: Page): Promise<Focused> {
    return page.evaluate<Focused>(`(() => {
        let element = document.activeElement;
        while (element && element.shadowRoot && element.shadowRoot.activeElement) {
            element = element.shadowRoot.activeElement;
        }
        if (!element) {
            return { tag: '', name: '' };
        }
        const label = element.labels && element.labels[0];
        const name =
            element.getAttribute('aria-label') ??
            (label ? label.textContent : null) ??
            element.textContent ??
            '';
        return { tag: element.tagName.toLowerCase(), name: name.replace(/\\s+/g, ' ').trim() };
    })()`);
}

/** Presses Tab (or Shift+Tab) until the focused element matches; fails after `max` presses. */
export async function tabTo(
    page: Page,
    matches: (focus: Focused) => boolean,
    options: { backwards?: boolean; max?: number } = {}
): Promise<Focused> {
    const seen: string[] = [];
    for (let i = 0; i < (options.max ?? 30); i++) {
        await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
        const focus = await focused(page);
        if (matches(focus)) {
            return focus;
        }
        seen.push(`${focus.tag} "${focus.name}"`);
    }
    throw new Error(
        `never reached the element by keyboard; focus went: ${seen.join(' -> ')}`
    );
}

export const named =
    (name: string | RegExp) =>
    (focus: Focused): boolean =>
        typeof name === 'string' ? focus.name === name : name.test(focus.name);

/** A form field (input, textarea) whose label contains the text. */
export const field =
    (text: string) =>
    (focus: Focused): boolean =>
        (focus.tag === 'input' || focus.tag === 'textarea') &&
        focus.name.includes(text);
