import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../../shared/chromium';
import { EXIT } from '../lib/cli';
import { runScript, type ScriptMain } from '../lib/script-main';
import { customerPath, logInToSite } from '../scratch/portal-smoke';

const USAGE = `Usage: npm run scratch:portal-smoke -- --site-url <url> --username <portal user>
         --password-file <file> [--screenshots reports/scratch/portal]

Logs the portal user in to the published site in Debian's Chromium (playwright-core) and walks the
customer's path in casePortal: list, create a case, open it, reply, close it. Saves a screenshot of
each view. The password is read from a file (never a flag, never printed).`;

export const run: ScriptMain = async (argv) => {
    const { values } = parseArgs({
        args: argv,
        options: {
            'site-url': { type: 'string' },
            username: { type: 'string' },
            'password-file': { type: 'string' },
            screenshots: {
                type: 'string',
                default: path.join('reports', 'scratch', 'portal')
            },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
    }
    const siteUrl = values['site-url'];
    const username = values.username;
    const passwordFile = values['password-file'];
    if (!siteUrl || !username || !passwordFile) {
        throw new Error(
            `--site-url, --username and --password-file are required\n\n${USAGE}`
        );
    }
    const password = readFileSync(passwordFile, 'utf8').trim();
    const dir = path.resolve(values.screenshots);
    mkdirSync(dir, { recursive: true });
    const browser = await launchChromium();
    try {
        const page = await browser.newPage({
            viewport: { width: 1280, height: 900 }
        });
        const shot = async (p: typeof page, name: string): Promise<void> => {
            await p.screenshot({
                path: path.join(dir, `${name}.png`),
                fullPage: true
            });
        };
        try {
            await logInToSite(page, siteUrl, username, password);
            await customerPath(page, {
                shot,
                subject: `Smoke test ${new Date().toISOString()}`,
                timeout: 60_000
            });
        } catch (error) {
            await shot(page, 'failure').catch(() => undefined);
            throw error;
        }
        process.stdout.write(
            `portal smoke test passed on ${siteUrl}; screenshots in ${dir}\n`
        );
        return EXIT.ok;
    } finally {
        await browser.close();
    }
};

runScript(module, run);
