import { customerPath } from '../src/scratch/portal-smoke';
import { screenshot, startHarness, type Harness } from './harness';

/**
 * The scratch-org job's smoke test (scripts/src/scratch/portal-smoke.ts) runs against a real LWR
 * site, which cannot be reached here. Its customer path runs against the preview of the same
 * components, so its locators are proven to match them; only the site login is left unproven.
 */

let harness: Harness;

beforeAll(async () => {
    harness = await startHarness();
});

afterAll(async () => {
    await harness?.close();
});

test('the scratch-org smoke path: list, create, open, reply, close', async () => {
    const page = await harness.open();
    const subject = 'Smoke path subject';
    const shots: string[] = [];
    await customerPath(page, {
        subject,
        shot: async (p, name) => {
            shots.push(name);
            await screenshot(p, `site-smoke-${name}`);
        }
    });
    expect(shots).toEqual(['list', 'create', 'detail', 'replied', 'closed']);
    expect((await harness.findCase(subject))?.status).toBe('Closed');
    expect(harness.errors).toEqual([]);
});
