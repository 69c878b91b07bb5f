// `npm run provision|assign|verify|...`: `tsx scripts/plugin/bin/run.ts <command> [flags]` runs
// the same command class as `sf casekit <command>`, in this process.
import { flush, handle } from '@oclif/core';
import { runCasekit } from '../src/run.js';

try {
    await runCasekit(process.argv.slice(2));
    await flush();
} catch (error) {
    await handle(error as Error);
}
