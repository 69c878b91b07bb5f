import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Times `npm run demo -- --once` as a user runs it, to the moment the portal answers (the demo's
 * "Preview answered" line). Cold: no portal build and no tsx cache, as after a fresh clone and
 * `npm ci`; warm: a second run. `npm run bench:portal` reports both.
 */

const ROOT = path.resolve(__dirname, '../..');
const PORTAL_BUILD = path.join(ROOT, 'dist/preview/production/portal');

export interface DemoRun {
    cold: boolean;
    /** ms from spawning npm to "Preview answered". */
    answeredMs: number;
    /** The portal build's own time (cold), or the up-to-date check's (warm), as the demo printed it. */
    buildMs: number | undefined;
    exitCode: number | null;
}

export function timeDemoRun(cold: boolean): Promise<DemoRun> {
    if (cold) {
        rmSync(PORTAL_BUILD, { recursive: true, force: true });
    }
    const env = { ...process.env };
    if (cold) {
        env.TSX_DISABLE_CACHE = '1';
    } else {
        delete env.TSX_DISABLE_CACHE;
    }
    const started = performance.now();
    const child = spawn('npm', ['run', '--silent', 'demo', '--', '--once'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    let answeredMs: number | undefined;
    child.stdout.on('data', (data: Buffer) => {
        output += data.toString();
        if (answeredMs === undefined && output.includes('Preview answered')) {
            answeredMs = performance.now() - started;
        }
    });
    child.stderr.on('data', (data: Buffer) => {
        output += data.toString();
    });
    return new Promise((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (exitCode) => {
            if (answeredMs === undefined) {
                reject(
                    new Error(
                        `the demo never answered (exit ${exitCode}):\n${output}`
                    )
                );
                return;
            }
            const built = /Built the portal in ([\d.]+) s/.exec(output);
            const checked = /up to date \(checked in (\d+) ms\)/.exec(output);
            resolve({
                cold,
                answeredMs,
                buildMs: built?.[1]
                    ? Number(built[1]) * 1000
                    : checked?.[1]
                      ? Number(checked[1])
                      : undefined,
                exitCode
            });
        });
    });
}
