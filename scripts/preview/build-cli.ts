import { parseArgs } from 'node:util';
import { buildPreview } from './build';

// `tsx scripts/preview/build-cli.ts [--dev] [--force]`: builds the preview without serving it.
const { values } = parseArgs({
    options: {
        dev: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false }
    }
});
buildPreview({
    mode: values.dev ? 'development' : 'production',
    force: values.force,
    log: (line) => process.stdout.write(`${line}\n`)
}).then(
    (result) => {
        process.stdout.write(
            `${result.built ? 'Built' : 'Up to date:'} ${result.outDir} in ${(result.ms / 1000).toFixed(1)} s\n`
        );
    },
    (error: unknown) => {
        process.stderr.write(
            `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
        );
        process.exitCode = 1;
    }
);
