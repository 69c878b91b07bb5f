import { eachLine, exited, spawnTsx } from '../shared/tsx-process';

/**
 * The production portal build in a child process (`tsx scripts/preview/build-cli.ts`), so a
 * caller keeps working on the other core meanwhile: the demo starts it before the emulator and
 * shows its lines under the portal heading. Lines are kept until someone follows them.
 */
export interface BackgroundBuild {
    /** Replays the lines so far to `log`, then passes each new one on. */
    follow(log: (line: string) => void): void;
    /** Resolves with the build's wall time in ms; rejects if it fails. */
    finished: Promise<number>;
    /** Stops the build (the caller gave up). */
    cancel(): void;
}

export function buildInBackground(): BackgroundBuild {
    const started = performance.now();
    const child = spawnTsx('scripts/preview/build-cli.ts');
    const lines: string[] = [];
    let sink: ((line: string) => void) | undefined;
    eachLine(child, (line) => {
        lines.push(line);
        sink?.(line);
    });
    const finished = exited(child).then((code) => {
        if (code !== 0) {
            throw new Error(
                `building the portal preview failed (exit ${code}):\n${lines.join('\n')}`
            );
        }
        return performance.now() - started;
    });
    // A caller that never awaits (it failed first) must not see an unhandled rejection.
    finished.catch(() => undefined);
    return {
        follow(log) {
            lines.forEach((line) => log(line));
            sink = log;
        },
        finished,
        cancel() {
            child.kill('SIGTERM');
        }
    };
}
