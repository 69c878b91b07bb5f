import { effectiveAccess } from '../access/effective';
import { fetchDetails, fetchSnapshot } from '../access/fetch';
import { defaultUsageStore } from '../access/usage-findings';
import type { CommandOutcome } from '../lib/command';
import { KitError, badArgument } from '../lib/errors';
import { writeReportFile } from '../lib/report-file';
import { renderTable } from '../lib/table';
import { connect } from '../org/connect';
import { readView, type UsageView } from '../usage/store';
import { SuggestError, suggest, type Suggestion } from '../usage/suggest';
import { usageError } from './usage';

/** `sf casekit contract suggest` / `npm run contract -- suggest`: the flags. */
export interface ContractSuggestFlags {
    'target-org'?: string;
    user: string;
    store?: string;
    app?: string;
    since?: string;
    out?: string;
}

/** The --json `result`: the suggestion, the store read and the file written. */
export type ContractSuggestResult = Suggestion & {
    store: string;
    /** The contract file written (--out), when there is one. */
    out?: string;
};

/**
 * JSON as Prettier writes it with this project's config (tabWidth 4, printWidth 80): objects one key a
 * line, arrays of strings on one line when they fit. So a contract saved in config/access passes
 * `npm run format:check` as it is.
 */
export function formatJson(value: unknown): string {
    const lines = JSON.stringify(value, null, 4).split('\n');
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        if (line.endsWith('[')) {
            const items: string[] = [];
            let j = i + 1;
            while (
                j < lines.length &&
                /^\s*"(?:[^"\\]|\\.)*",?$/.test(lines[j] ?? '')
            ) {
                items.push((lines[j] ?? '').trim().replace(/,$/, ''));
                j++;
            }
            const close = lines[j]?.trim();
            const joined = `${line}${items.join(', ')}${close ?? ''}`;
            if (
                items.length > 0 &&
                (close === ']' || close === '],') &&
                joined.length <= 80
            ) {
                out.push(joined);
                i = j;
                continue;
            }
        }
        out.push(line);
    }
    return `${out.join('\n')}\n`;
}

/** `x.json` → `x.evidence.json`: each rule's evidence, beside the contract. */
export const evidenceFile = (out: string): string =>
    `${out.replace(/\.json$/, '')}.evidence.json`;

function human(s: Suggestion, out?: string): string {
    const rows = Object.entries(s.evidence).map(([rule, e]) => [
        rule,
        String(e.count),
        e.last,
        e.via.join(', ')
    ]);
    let text = `Suggested contract ${s.contract.name} from ${s.requests} request(s) over ${s.window.days} day(s) (${s.window.first} to ${s.window.last})\n\n`;
    text += `${renderTable(['rule', 'requests', 'last seen', 'seen as'], rows, 70)}\n`;
    text += `\nBlind spots (what these logs cannot show):\n${renderTable(
        ['blind spot', 'requests', 'objects'],
        s.blindSpots.map((b) => [
            b.description,
            String(b.count),
            (b.objects ?? []).join(', ')
        ]),
        100
    )}\n`;
    if (s.notes.length > 0) {
        text += `\n${s.notes.map((n) => `Note: ${n}`).join('\n')}\n`;
    }
    text += out
        ? `\nWrote ${out} and ${evidenceFile(out)}\n`
        : `\n${JSON.stringify(s.contract, null, 4)}\n`;
    return text;
}

/**
 * A default-deny contract from the user's ApiTotalUsage rows in the store, with each rule's
 * evidence and the blind spots; --out writes it and its evidence file. A proposal, never applied.
 */
export async function contractSuggestCommand(
    flags: ContractSuggestFlags
): Promise<CommandOutcome<ContractSuggestResult>> {
    if (flags.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.since)) {
        throw badArgument(
            `--since takes a date YYYY-MM-DD, got "${flags.since}"`
        );
    }
    const client = await connect({ targetOrg: flags['target-org'] });
    const store = flags.store ?? (await defaultUsageStore(client));
    const snapshot = await fetchSnapshot(client, [flags.user], {
        objects: []
    });
    const row = snapshot.users[0];
    if (!row) {
        throw new KitError(
            'NotFound',
            `No user with username ${flags.user} in this org (usernames are exact)`
        );
    }
    const details = await fetchDetails(client, snapshot, []);
    const access = effectiveAccess(row, snapshot, details, new Date());
    let view: UsageView;
    try {
        view = readView(store, {
            userId: row.Id,
            app: flags.app,
            since: flags.since
        });
    } catch (error) {
        throw usageError(error);
    }
    let suggestion: Suggestion;
    try {
        suggestion = suggest({
            username: row.Username,
            view,
            access,
            app: flags.app,
            out: flags.out
        });
    } catch (error) {
        if (error instanceof SuggestError) {
            throw new KitError('NotFound', error.message, {
                actions: [
                    'Check --user and --app, or fill the store with the days the user worked: npm run usage -- collect (or import).'
                ]
            });
        }
        throw error;
    }
    // A --out file that cannot be written is its own failure (ReportFile); the suggestion is
    // still printed.
    const problem = flags.out
        ? (writeReportFile(
              '--out',
              flags.out,
              formatJson(suggestion.contract)
          ) ??
          writeReportFile(
              '--out',
              evidenceFile(flags.out),
              `${JSON.stringify(
                  {
                      contract: suggestion.contract.name,
                      user: row.Username,
                      store,
                      window: suggestion.window,
                      requests: suggestion.requests,
                      evidence: suggestion.evidence,
                      blindSpots: suggestion.blindSpots,
                      notes: suggestion.notes
                  },
                  null,
                  4
              )}\n`
          ))
        : undefined;
    if (problem) {
        return {
            code: 1,
            result: { store, out: flags.out, ...suggestion },
            human: human(suggestion),
            failure: {
                name: 'ReportFile',
                message: problem,
                actions: ['Pass --out a path in a writable folder.']
            }
        };
    }
    return {
        code: 0,
        result: { store, out: flags.out, ...suggestion },
        human: human(suggestion, flags.out)
    };
}
