import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { effectiveAccess } from '../access/effective';
import { fetchDetails, fetchSnapshot } from '../access/fetch';
import { defaultUsageStore } from '../access/usage-findings';
import { EXIT, runIfMain, type Command } from '../lib/cli';
import { orgCommand } from '../lib/org-command';
import { renderTable } from '../lib/table';
import { connect } from '../org/connect';
import { readView } from '../usage/store';
import { suggest, type Suggestion } from '../usage/suggest';

const USAGE = `Usage: npm run contract -- suggest --user <username> [-o <org>] [--store <dir>] [--app <name>]
                            [--since <YYYY-MM-DD>] [--out <file>] [--json]

Suggests a default-deny access contract from the user's ApiTotalUsage logs in the store (default
.usage/<orgId>/; npm run usage -- collect or import): it requires exactly the object access the
logs show (read: GET, query, queryAll; create: POST; edit: PATCH; delete: DELETE; upsert by
external id: create + edit), ApiEnabled, and ApiUserOnly when every request came through a
connected app. Field access is not in these logs: the user's current field grants on the objects it
used are kept as allow. Blind spots (composite subrequests, Bulk and SOAP calls without an object,
Apex REST, field-level access) are listed with their counts. Other users' rows never count.
The org (-o, or SF_INSTANCE_URL + SF_ACCESS_TOKEN) is read for the user's id and current grants.
--out writes the contract (valid against config/access/contract.schema.json) and, beside it,
<file without .json>.evidence.json with each rule's count and last use. A proposal to review, never applied.`;

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

const suggestCommand = orgCommand({
    usage: USAGE,
    options: {
        user: { type: 'string' },
        store: { type: 'string' },
        app: { type: 'string' },
        since: { type: 'string' },
        out: { type: 'string' }
    },
    run: async (values) => {
        if (!values.user) {
            throw new Error(`--user <username> is required\n${USAGE}`);
        }
        if (values.since && !/^\d{4}-\d{2}-\d{2}$/.test(values.since)) {
            throw new Error(
                `--since takes a date YYYY-MM-DD, got "${values.since}"`
            );
        }
        const client = await connect({ targetOrg: values['target-org'] });
        const store = values.store ?? (await defaultUsageStore(client));
        const snapshot = await fetchSnapshot(client, [values.user], {
            objects: []
        });
        const row = snapshot.users[0];
        if (!row) {
            throw new Error(
                `No user with username ${values.user} in this org (usernames are exact)`
            );
        }
        const details = await fetchDetails(client, snapshot, []);
        const access = effectiveAccess(row, snapshot, details, new Date());
        const view = readView(store, {
            userId: row.Id,
            app: values.app,
            since: values.since
        });
        const suggestion = suggest({
            username: row.Username,
            view,
            access,
            app: values.app,
            out: values.out
        });
        if (values.out) {
            mkdirSync(path.dirname(path.resolve(values.out)), {
                recursive: true
            });
            writeFileSync(values.out, formatJson(suggestion.contract));
            writeFileSync(
                evidenceFile(values.out),
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
            );
        }
        return {
            code: EXIT.ok,
            result: { store, out: values.out, ...suggestion },
            human: human(suggestion, values.out)
        };
    }
});

export const run: Command = async (argv) => {
    const [sub, ...rest] = argv;
    switch (sub) {
        case 'suggest':
            return suggestCommand(rest);
        case undefined:
        case '-h':
        case '--help':
            process.stdout.write(`${USAGE}\n`);
            return EXIT.ok;
        default:
            throw new Error(
                `Unknown contract command "${sub}": use suggest\n${USAGE}`
            );
    }
};

runIfMain(module, run);
