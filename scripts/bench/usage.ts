import {
    createReadStream,
    createWriteStream,
    mkdtempSync,
    rmSync,
    statSync
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import type { EffectiveAccess } from '../src/access/types';
import { renderTable } from '../src/lib/table';
import { importFiles } from '../src/usage/import';
import { readView } from '../src/usage/store';
import { suggest } from '../src/usage/suggest';
import { eachLine, exited, spawnTsx } from '../shared/tsx-process';
// The documented columns, shared with the tests' CSV builder.
import { HEADER } from '../test/usage/csv';

/**
 * `npm run bench:usage`: generates realistic ApiTotalUsage CSVs (50 users, 5 connected apps, 200
 * objects, every API family, 7 days; columns as the Object Reference's "API Total Usage" lists them)
 * of 500,000 and 1,000,000 rows in a temporary folder, then times (CPU, and wall), each in its own
 * process (so peak RSS is its own): a bare streaming parse of the file with csv-parse (the library
 * import uses), and import + suggest. Goal (DESIGN section 9): within 2x the bare parse, peak RSS
 * under 200 MB, flat in the file size.
 */

const USERS = 50;
const APPS = 5;
const OBJECTS = 200;
const DAYS = 7;
const ORG = '00D5g000004ABCD';

/** A small deterministic generator (mulberry32), so every run writes the same file. */
function random(seed: number): () => number {
    let a = seed;
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const q = (value: string): string => `"${value.replace(/"/g, '""')}"`;

async function generate(file: string, rows: number): Promise<void> {
    const next = random(42);
    const pick = <T>(list: readonly T[]): T =>
        list[Math.floor(next() * list.length)] as T;
    const objects = Array.from({ length: OBJECTS }, (_, i) =>
        i < 20
            ? ([
                  'Account',
                  'Contact',
                  'Case',
                  'Lead',
                  'Opportunity',
                  'Task',
                  'Event',
                  'User',
                  'Campaign',
                  'Product2',
                  'Order',
                  'Contract',
                  'Asset',
                  'Solution',
                  'Idea',
                  'Note',
                  'Attachment',
                  'Pricebook2',
                  'Quote',
                  'Entitlement'
              ][i] as string)
            : `Custom_${i}__c`
    );
    const users = Array.from({ length: USERS }, (_, i) => {
        const id = `0055g00000${String(i).padStart(5, '0')}`;
        return {
            id,
            app: i % 10 === 9 ? -1 : i % APPS,
            objects: Array.from({ length: 8 + (i % 20) }, () => pick(objects))
        };
    });
    const out = createWriteStream(file);
    out.write(`${HEADER.map(q).join(',')}\n`);
    let chunk = '';
    for (let n = 0; n < rows; n++) {
        const user = pick(users);
        const object = pick(user.objects);
        const day = 1 + Math.floor((n / rows) * DAYS);
        const second = Math.floor(next() * 86400);
        const time = `2026-11-${String(day).padStart(2, '0')}T${String(Math.floor(second / 3600)).padStart(2, '0')}:${String(Math.floor(second / 60) % 60).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}.${String(n % 1000).padStart(3, '0')}Z`;
        const r = next();
        let family = 'REST';
        let method = 'GET';
        let resource = '/v66.0/query';
        let entity = object;
        if (r < 0.35) {
            resource = '/v66.0/query';
        } else if (r < 0.5) {
            method = 'GET';
            resource = `/v66.0/sobjects/${object}/a0B5g00000${String(n % 99999).padStart(5, '0')}`;
        } else if (r < 0.58) {
            method = 'POST';
            resource = `/v66.0/sobjects/${object}`;
        } else if (r < 0.66) {
            method = 'PATCH';
            resource = `/v66.0/sobjects/${object}/a0B5g00000${String(n % 99999).padStart(5, '0')}`;
        } else if (r < 0.68) {
            method = 'DELETE';
            resource = `/v66.0/sobjects/${object}/a0B5g00000${String(n % 99999).padStart(5, '0')}`;
        } else if (r < 0.72) {
            method = 'POST';
            resource = '/v66.0/composite';
            entity = '';
        } else if (r < 0.84) {
            family = 'SOAP';
            method = 'POST';
            resource = pick([
                'query',
                'create',
                'update',
                'upsert',
                'getUserInfo',
                'describeSObjects'
            ]);
            if (resource === 'getUserInfo') entity = '';
        } else if (r < 0.94) {
            family = 'Bulk';
            method = pick(['POST', 'PUT', 'GET']);
            resource = pick([
                '/v66.0/jobs/ingest',
                '/v66.0/jobs/query',
                '/v66.0/jobs/ingest/7505g000001/batches'
            ]);
            if (resource.endsWith('batches')) entity = '';
        } else {
            family = 'ApexREST';
            method = 'POST';
            resource = '/services/apexrest/sync/v1';
            entity = '';
        }
        const app = user.app >= 0 ? user.app : -1;
        const ts = time.replace(/[-:T]/g, '').replace('Z', '').slice(0, 18);
        chunk +=
            [
                'ApiTotalUsage',
                ts,
                `4V${n.toString(36).padStart(20, '0')}`,
                ORG,
                user.id,
                family,
                '66.0',
                resource,
                '',
                method,
                '10.1.2.3',
                'true',
                app >= 0 ? `0H45g00000000${app}A` : '',
                app >= 0 ? `Sync App ${app}` : '',
                entity,
                time,
                `${user.id}AAA`
            ]
                .map(q)
                .join(',') + '\n';
        if (chunk.length > 1 << 20) {
            if (!out.write(chunk)) await once(out, 'drain');
            chunk = '';
        }
    }
    out.end(chunk);
    await once(out, 'finish');
}

function emptyAccess(id: string): EffectiveAccess {
    return {
        user: {
            id,
            username: 'bench@example.com',
            isActive: true,
            isFrozen: false,
            lastLoginDate: null,
            profileName: 'Minimum Access - API Only Integrations',
            profileId: '00e',
            licenseName: null
        },
        assignments: [],
        userPermissions: new Map(),
        objects: new Map(),
        fields: new Map(),
        entities: new Map(),
        muted: new Map(),
        setGrants: new Map(),
        oauthGrants: []
    };
}

/** One measurement in this process: prints {ms, rows} as JSON, then peak RSS. */
async function worker(
    kind: string,
    file: string,
    store: string
): Promise<void> {
    const start = performance.now();
    const cpu = process.cpuUsage();
    let rows = 0;
    if (kind === 'bare') {
        const parser = createReadStream(file).pipe(
            parse({
                bom: true,
                relax_column_count: true,
                skip_empty_lines: true
            })
        );
        for await (const record of parser) {
            void record;
            rows++;
        }
    } else {
        const result = await importFiles([file], store);
        rows = result.files[0]?.rows ?? 0;
        const user = '0055g0000000003';
        const view = readView(store, { userId: user });
        suggest({
            username: 'bench@example.com',
            view,
            access: emptyAccess(user)
        });
    }
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    process.stdout.write(
        `${JSON.stringify({ ms, cpuMs, rows, rssMb: process.resourceUsage().maxRSS / 1024 })}\n`
    );
}

interface Measure {
    /** Wall time. */
    ms: number;
    /** CPU time (user + system): what the work costs, whatever else the machine runs. */
    cpuMs: number;
    rows: number;
    rssMb: number;
}

async function measure(
    kind: string,
    file: string,
    store: string
): Promise<Measure> {
    const child = spawnTsx('scripts/bench/usage.ts', [
        '--worker',
        kind,
        file,
        store
    ]);
    let last = '';
    eachLine(child, (line) => {
        if (line.startsWith('{')) last = line;
        else if (line.trim()) process.stderr.write(`${line}\n`);
    });
    const code = await exited(child);
    if (code !== 0 || !last)
        throw new Error(`${kind} worker failed (exit ${code})`);
    return JSON.parse(last) as Measure;
}

async function main(): Promise<void> {
    const args = process.argv.slice(2);
    if (args[0] === '--worker') {
        await worker(args[1] ?? '', args[2] ?? '', args[3] ?? '');
        return;
    }
    if (args.includes('--help') || args.includes('-h')) {
        process.stdout.write(
            'Usage: npm run bench:usage [-- --rows 500000,1000000]\n'
        );
        return;
    }
    const rowsArg = args[args.indexOf('--rows') + 1];
    const sizes =
        args.includes('--rows') && rowsArg
            ? rowsArg.split(',').map(Number)
            : [500_000, 1_000_000];
    const repeatArg = args[args.indexOf('--repeat') + 1];
    const repeat =
        args.includes('--repeat') && repeatArg
            ? Math.max(1, Number(repeatArg))
            : 3;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-usage-'));
    const table: string[][] = [];
    try {
        for (const rows of sizes) {
            const file = path.join(dir, `ApiTotalUsage-${rows}.csv`);
            process.stderr.write(`generating ${rows} rows...\n`);
            await generate(file, rows);
            const size = statSync(file).size / 1024 / 1024;
            // The machine is shared: each side runs `repeat` times, alternately, and the fastest
            // run counts (peak RSS: the largest seen).
            const best = (a: Measure, b: Measure): Measure => ({
                ms: Math.min(a.ms, b.ms),
                cpuMs: Math.min(a.cpuMs, b.cpuMs),
                rows: b.rows,
                rssMb: Math.max(a.rssMb, b.rssMb)
            });
            const none: Measure = {
                ms: Infinity,
                cpuMs: Infinity,
                rows: 0,
                rssMb: 0
            };
            let bare = none;
            let full = none;
            for (let i = 0; i < repeat; i++) {
                const b = await measure('bare', file, '');
                const f = await measure(
                    'import',
                    file,
                    path.join(dir, `store-${rows}-${i}`)
                );
                bare = best(bare, b);
                full = best(full, f);
            }
            table.push([
                rows.toLocaleString('en-US'),
                `${size.toFixed(0)} MB`,
                `${(bare.cpuMs / 1000).toFixed(2)} s`,
                `${(full.cpuMs / 1000).toFixed(2)} s`,
                `${(full.cpuMs / bare.cpuMs).toFixed(2)}x`,
                `${(bare.ms / 1000).toFixed(2)} s / ${(full.ms / 1000).toFixed(2)} s`,
                `${bare.rssMb.toFixed(0)} MB`,
                `${full.rssMb.toFixed(0)} MB`
            ]);
        }
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    process.stdout.write(
        `${renderTable(
            [
                'rows',
                'file',
                'bare parse CPU',
                'import + suggest CPU',
                'ratio',
                'wall (bare / import)',
                'bare peak RSS',
                'import peak RSS'
            ],
            table
        )}\nFastest of ${repeat} alternating runs each; CPU time (user + system) is compared, as the machine may be shared. Goal: ratio within 2x, import peak RSS under 200 MB and flat in the file size.\n`
    );
}

if (require.main === module) {
    void main().catch((error: unknown) => {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exitCode = 1;
    });
}
