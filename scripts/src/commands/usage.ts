import { parseArgs } from 'node:util';
import { EXIT, printJson, runIfMain, type Command } from '../lib/cli';
import { orgCommand } from '../lib/org-command';
import { renderTable } from '../lib/table';
import { connect } from '../org/connect';
import { collect } from '../usage/collect';
import { importFiles } from '../usage/import';

const USAGE = `Usage: npm run usage -- import <file.csv>... [--store <dir>] [--json]
       npm run usage -- collect [-o <org>] [--store <dir>] [--json]

Least privilege from evidence: Salesforce's ApiTotalUsage event log (one row per REST, SOAP and
Bulk API request; EventLogFile, free with one day of retention) into a compact per-day store:
(user, connected app, API family, object, verb) → count, first and last seen, plus what the logs
cannot tie to an object. Then: npm run contract -- suggest, npm run verify -- --usage.

  import   ApiTotalUsage CSV files you already have (another tool, a SIEM): columns read by name
           in any order, RFC 4180 quoting. A file that is not an ApiTotalUsage log is refused and
           the store is left unchanged. --store defaults to .usage/<the files' ORGANIZATION_ID>.
  collect  every ApiTotalUsage EventLogFile of the org (-o/--target-org, or SF_INSTANCE_URL +
           SF_ACCESS_TOKEN) not yet in the store, streamed. --store defaults to .usage/<orgId>.
           Run it daily: the free log files live one day.

Importing or collecting the same file again changes nothing; a day's 24-hour and hourly files are
not counted twice.`;

const importCommand: Command = async (argv) => {
    const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
            store: { type: 'string' },
            json: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false }
        }
    });
    if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
    }
    const result = await importFiles(positionals, values.store);
    if (values.json) {
        printJson(EXIT.ok, result);
    } else {
        process.stdout.write(
            `${renderTable(
                ['file', 'rows', 'days', 'store'],
                result.files.map((f) => [
                    f.file,
                    String(f.rows),
                    f.days.length > 1
                        ? `${f.days[0]}..${f.days[f.days.length - 1]}`
                        : (f.days[0] ?? '-'),
                    f.added ? 'added' : 'already stored: unchanged'
                ]),
                70
            )}\nStore: ${result.store}\n`
        );
    }
    return EXIT.ok;
};

const collectCommand = orgCommand({
    usage: USAGE,
    options: { store: { type: 'string' } },
    run: async (values) => {
        const client = await connect({ targetOrg: values['target-org'] });
        const result = await collect(client, { store: values.store });
        const failed = result.files.filter((f) => f.status === 'failed');
        const added = result.files.filter((f) => f.status === 'added');
        const code =
            failed.length === 0
                ? EXIT.ok
                : added.length > 0
                  ? EXIT.partial
                  : EXIT.failure;
        const human =
            (result.files.length === 0
                ? 'No ApiTotalUsage event log files in the org (API-enabled orgs keep them one day).\n'
                : `${renderTable(
                      ['log file', 'date', 'interval', 'result'],
                      result.files.map((f) => [
                          f.id,
                          f.logDate.slice(0, 10),
                          `${f.interval}${f.sequence !== null ? ` #${f.sequence}` : ''}`,
                          f.status === 'added'
                              ? `added (${f.rows} rows)`
                              : f.status === 'stored'
                                ? 'already stored'
                                : `failed: ${f.error}`
                      ]),
                      90
                  )}\n`) +
            `${added.length} added, ${result.files.length - added.length - failed.length} already stored, ${failed.length} failed; store ${result.store} (${result.apiCalls} API calls)\n`;
        return { code, result, human };
    }
});

export const run: Command = async (argv) => {
    const [sub, ...rest] = argv;
    switch (sub) {
        case 'import':
            return importCommand(rest);
        case 'collect':
            return collectCommand(rest);
        case undefined:
        case '-h':
        case '--help':
            process.stdout.write(`${USAGE}\n`);
            return EXIT.ok;
        default:
            throw new Error(
                `Unknown usage command "${sub}": use import or collect\n${USAGE}`
            );
    }
};

runIfMain(module, run);
