import { execute, type Command } from '../../src/lib/cli';

export interface CommandRun {
    code: number;
    stdout: string;
    stderr: string;
    /** stdout parsed as JSON, when it is. */
    json: <T = Record<string, unknown>>() => T;
}

/**
 * Runs a command module's `run(argv)` in-process, as `tsx <command file>` would but without a child
 * process: stdout and stderr captured, the environment overridden for the run (an empty string
 * unsets a variable), and the exit code returned.
 */
export async function runCommand(
    command: Command,
    argv: string[],
    env: Record<string, string> = {}
): Promise<CommandRun> {
    let stdout = '';
    let stderr = '';
    const saved = Object.fromEntries(
        Object.keys(env).map((key) => [key, process.env[key]])
    );
    for (const [key, value] of Object.entries(env)) {
        if (value === '') {
            delete process.env[key];
        } else {
            process.env[key] = value;
        }
    }
    const out = jest
        .spyOn(process.stdout, 'write')
        .mockImplementation((chunk) => {
            stdout += String(chunk);
            return true;
        });
    const err = jest
        .spyOn(process.stderr, 'write')
        .mockImplementation((chunk) => {
            stderr += String(chunk);
            return true;
        });
    let code: number;
    try {
        code = await execute(command, argv);
    } finally {
        out.mockRestore();
        err.mockRestore();
        for (const [key, value] of Object.entries(saved)) {
            if (value === undefined) {
                delete process.env[key];
            } else {
                process.env[key] = value;
            }
        }
    }
    return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
