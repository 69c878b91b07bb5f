import { spawn } from 'node:child_process';
import { eachLine, exited } from '../../shared/tsx-process';

/** Child processes of the demo and the browser tests: their output line by line, their exit. */

function node(script: string) {
    return spawn(process.execPath, ['-e', script], {
        stdio: ['ignore', 'pipe', 'pipe']
    });
}

test('lines arrive whole, from stdout and stderr, however the output is cut', async () => {
    const child = node(`
        process.stdout.write('one\\ntw');
        setTimeout(() => {
            process.stdout.write('o\\nthree');
            process.stderr.write('warning\\n');
        }, 50);
    `);
    const lines: string[] = [];
    eachLine(child, (line) => lines.push(line));
    // 'close' comes once the output streams have ended, which may be after 'exit'.
    const closed = new Promise((resolve) => child.once('close', resolve));
    expect(await exited(child)).toBe(0);
    await closed;
    expect(lines.filter((line) => line !== 'warning')).toEqual([
        'one',
        'two',
        'three'
    ]);
    expect(lines).toContain('warning');
});

test('exited gives the exit code, also for a child that has already exited', async () => {
    const child = node('process.exit(3)');
    expect(await exited(child)).toBe(3);
    expect(await exited(child)).toBe(3);
});
