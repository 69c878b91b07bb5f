import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium (apt-get install chromium), never a browser download of a test tool.
 * --user-data-dir is refused in args by playwright-core: each launch gets a fresh profile.
 */
export const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
];

export function chromiumPath(): string {
    return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export function launchChromium(): Promise<Browser> {
    return chromium.launch({
        executablePath: chromiumPath(),
        args: CHROMIUM_ARGS
    });
}
