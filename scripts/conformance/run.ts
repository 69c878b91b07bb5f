// `npm run test:conformance [-- -o <alias>] [jest options]`: the conformance suite against
// the org an sf CLI alias names (-o/--target-org), else SF_INSTANCE_URL + SF_ACCESS_TOKEN,
// else the in-process emulator. Other arguments go to Jest. Exit code: Jest's.

import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface ConformanceArgs {
    targetOrg?: string;
    jestArgs: string[];
}

export function parseArgs(argv: readonly string[]): ConformanceArgs {
    const jestArgs: string[] = [];
    let targetOrg: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i] ?? '';
        const inline = /^--target-org=(.+)$/.exec(arg);
        if (inline) {
            targetOrg = inline[1];
        } else if (arg === '-o' || arg === '--target-org') {
            const value = argv[i + 1];
            if (value === undefined || value.startsWith('-')) {
                throw new Error(`${arg} needs an org alias or username`);
            }
            targetOrg = value;
            i++;
        } else {
            jestArgs.push(arg);
        }
    }
    return { targetOrg, jestArgs };
}

function main(): void {
    let args: ConformanceArgs;
    try {
        args = parseArgs(process.argv.slice(2));
    } catch (error) {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exitCode = 1;
        return;
    }
    const env = { ...process.env };
    if (args.targetOrg) {
        env.CONFORMANCE_TARGET_ORG = args.targetOrg;
    }
    const config = path.join('scripts', 'conformance', 'jest.config.js');
    const result = spawnSync(
        process.execPath,
        [require.resolve('jest/bin/jest'), '-c', config, ...args.jestArgs],
        { stdio: 'inherit', env }
    );
    process.exitCode = result.status ?? 1;
}

if (require.main === module) {
    main();
}
