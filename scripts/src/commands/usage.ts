import type { CommandOutcome, CommandUi } from '../lib/command';
import { QUIET_UI } from '../lib/command';
import { KitError, badArgument } from '../lib/errors';
import { renderTable } from '../lib/table';
import { connect } from '../org/connect';
import { collect, type CollectResult } from '../usage/collect';
import { NotApiTotalUsageError } from '../usage/columns';
import { ImportError, importFiles, type ImportResult } from '../usage/import';
import { StoreError } from '../usage/store';

/** `sf casekit usage import` / `npm run usage -- import`: the files and the flags. */
export interface UsageImportFlags {
    files: string[];
    store?: string;
}

/** `sf casekit usage collect` / `npm run usage -- collect`: the flags. */
export interface UsageCollectFlags {
    'target-org'?: string;
    store?: string;
}

/**
 * The usage layer's errors as named kit errors: a file that is not an ApiTotalUsage log or cannot
 * be read is BadArgument (it names the file); a folder that is no usage store is NotFound, a
 * damaged or newer store BadArgument (it names the file). Anything else passes through.
 */
export function usageError(error: unknown): unknown {
    if (
        error instanceof ImportError ||
        error instanceof NotApiTotalUsageError
    ) {
        return badArgument(error.message, [
            'Name ApiTotalUsage event log CSV files (EventLogFile, EventType ApiTotalUsage).'
        ]);
    }
    if (error instanceof StoreError) {
        return /no usage store here/.test(error.message)
            ? new KitError('NotFound', error.message, {
                  actions: [
                      'Fill the store first: npm run usage -- collect (or import), or pass --store the folder that holds manifest.json.'
                  ]
              })
            : badArgument(error.message);
    }
    return error;
}

/** Runs the work, naming the usage layer's errors. */
export async function namingUsageErrors<T>(work: () => Promise<T>): Promise<T> {
    try {
        return await work();
    } catch (error) {
        throw usageError(error);
    }
}

function importHuman(result: ImportResult): string {
    return `${renderTable(
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
    )}\nStore: ${result.store}\n`;
}

/**
 * ApiTotalUsage CSV files into the store. A file that is not an ApiTotalUsage log is refused
 * (BadArgument, naming it) and the store is left unchanged.
 */
export async function usageImportCommand(
    flags: UsageImportFlags
): Promise<CommandOutcome<ImportResult>> {
    const result = await namingUsageErrors(() =>
        importFiles(flags.files, flags.store)
    );
    return { code: 0, result, human: importHuman(result) };
}

function collectHuman(result: CollectResult): string {
    const failed = result.files.filter((f) => f.status === 'failed').length;
    const added = result.files.filter((f) => f.status === 'added').length;
    return (
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
        `${added} added, ${result.files.length - added - failed} already stored, ${failed} failed; store ${result.store} (${result.apiCalls} API calls)\n`
    );
}

/**
 * Every ApiTotalUsage EventLogFile of the org not yet in the store. Exit 68 when some files
 * failed and others were added, 1 when files failed and none was added.
 */
export async function usageCollectCommand(
    flags: UsageCollectFlags,
    ui: CommandUi = QUIET_UI
): Promise<CommandOutcome<CollectResult>> {
    const client = await connect({ targetOrg: flags['target-org'] });
    ui.progress('Collecting ApiTotalUsage event log files');
    const result = await namingUsageErrors(() =>
        collect(client, { store: flags.store })
    );
    const failed = result.files.filter((f) => f.status === 'failed');
    const added = result.files.filter((f) => f.status === 'added');
    const code = failed.length === 0 ? 0 : added.length > 0 ? 68 : 1;
    return {
        code,
        result,
        human: collectHuman(result),
        failure:
            code === 1
                ? {
                      name: 'Query',
                      message: `${failed.length} ApiTotalUsage log file(s) could not be collected and none was added: the table lists each with its error.`,
                      actions: [
                          'Run collect again: the files already stored are skipped, the failed ones are read again.'
                      ]
                  }
                : undefined
    };
}
