import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { formatFinding } from '../../src/lib/findings';
import { proveCommandLines } from '../scratch/proof/offline-proof';
import { loadSfCatalog } from '../scratch/proof/sf-manifest';

const ROOT = path.resolve(__dirname, '../../..');
const FILE = '.github/workflows/usage-collect.yml';

describe('the daily usage collection workflow', () => {
    const text = readFileSync(path.join(ROOT, FILE), 'utf8');

    it('uses only sf commands and flags of the pinned CLI, npm scripts package.json has, pinned actions', () => {
        const scripts = (
            JSON.parse(
                readFileSync(path.join(ROOT, 'package.json'), 'utf8')
            ) as {
                scripts: Record<string, string>;
            }
        ).scripts;
        const report = proveCommandLines(loadSfCatalog(ROOT), {
            workflow: { file: FILE, text },
            scripts
        });
        expect(
            report.findings
                .filter((f) => f.severity === 'error')
                .map(formatFinding)
        ).toEqual([]);
        expect(report.checked.map((c) => c.command)).toEqual(
            expect.arrayContaining(['sf org login sfdx-url', 'npm run usage'])
        );
    });

    it('runs daily and keeps the store as a cache and an artifact', () => {
        const workflow = parse(text) as {
            on: { schedule: { cron: string }[] };
            jobs: {
                collect: {
                    steps: { uses?: string; with?: Record<string, unknown> }[];
                };
            };
        };
        expect(workflow.on.schedule[0]?.cron).toMatch(/^\d+ \d+ \* \* \*$/);
        const steps = workflow.jobs.collect.steps;
        expect(
            steps.find((s) => s.uses?.startsWith('actions/cache@'))?.with?.path
        ).toBe('.usage');
        expect(
            steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))
                ?.with?.path
        ).toBe('.usage/');
    });
});
