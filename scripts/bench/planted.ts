import { parseArgs } from 'node:util';
import path from 'node:path';
import { renderTable } from '../src/lib/table';
import { CLEAN_PROJECT, PLANTED_DEFECTS, runPlanted } from './planted-defects';

/**
 * `npm run bench:planted -- [--markdown]`: plants each defect kind of planted-defects.ts into a
 * copy of the clean fixture project, runs validate:metadata (`--no-policy`) on it and prints
 * defect -> the rule that caught it, or "missed". Exit 1 when any defect is missed.
 */
async function main(): Promise<number> {
    const { values } = parseArgs({
        options: {
            markdown: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help) {
        process.stdout.write('Usage: npm run bench:planted -- [--markdown]\n');
        return 0;
    }
    const results = await runPlanted(PLANTED_DEFECTS, CLEAN_PROJECT);
    const rows = results.map(({ defect, caughtBy }) => [
        defect.id,
        defect.defect,
        defect.missedInIssue ? 'yes' : '',
        caughtBy.length > 0 ? caughtBy.join(', ') : 'MISSED'
    ]);
    const headers = ['defect', 'what', 'missed in #24', 'caught by'];
    if (values.markdown) {
        process.stdout.write(
            [
                `| ${headers.join(' | ')} |`,
                `|${headers.map(() => '---').join('|')}|`,
                ...rows.map((row) => `| ${row.join(' | ')} |`)
            ].join('\n') + '\n'
        );
    } else {
        process.stdout.write(`${renderTable(headers, rows, 200)}\n`);
    }
    const missed = results.filter((result) => result.caughtBy.length === 0);
    process.stdout.write(
        `\n${results.length - missed.length} of ${results.length} planted defects caught (base: ${path.relative(process.cwd(), CLEAN_PROJECT)})\n`
    );
    return missed.length > 0 ? 1 : 0;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
        process.exitCode = 1;
    }
);
