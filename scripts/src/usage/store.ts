import {
    existsSync,
    mkdirSync,
    readFileSync,
    renameSync,
    writeFileSync
} from 'node:fs';
import path from 'node:path';
import { SEP, type Cell, type FileAggregate } from './aggregate';

/**
 * The usage store: a folder (default `.usage/<orgId>/`, gitignored) of compact per-day summaries.
 *
 *   manifest.json                  every source stored: an imported file (by its SHA-256) or an
 *                                  EventLogFile record (by its Id), the days it covers
 *   days/<YYYY-MM-DD>/<source>.json   that source's counts for the day
 *
 * The same request can reach the store twice: as a day's 24-hour log file and its hourly files
 * ("one or more files generated for every hour of activity": REST API Developer Guide,
 * "Differences Between Hourly and 24-Hour Event Logs"), or as a collected file and the same file
 * imported. So a day's sources are grouped (all hourly EventLogFiles of a day are one group, since
 * they hold different requests; all 24-hour ones another; each imported file its own), and a day
 * counts groups whose UTC hours do not overlap, largest first: a request is never counted twice,
 * and a source already stored (same file content, same EventLogFile Id) is skipped.
 * Writes go to temporary names renamed into place, the manifest last: an interrupted run leaves the
 * store as it was.
 */

export const STORE_VERSION = 1;

export interface SourceInfo {
    kind: 'import' | 'eventLogFile';
    /** File name, or `EventLogFile <Id> (<Interval>, sequence <n>)`. */
    name: string;
    /** Sources of one group hold different requests; groups may overlap. */
    group: string;
    rows: number;
    days: string[];
    storedAt: string;
}

export interface Manifest {
    version: number;
    sources: Record<string, SourceInfo>;
}

/** A source's day as stored: cells as arrays, compact. */
interface DayFile {
    source: string;
    day: string;
    rows: number;
    hours: number[];
    /** [user15, appId, appName, family, object, verb, count, first, last] */
    usage: [
        string,
        string,
        string,
        string,
        string,
        string,
        number,
        string,
        string
    ][];
    /** [user15, appId, appName, family, blindSpot, count, first, last] */
    blind: [string, string, string, string, string, number, string, string][];
}

export class StoreError extends Error {}

function writeAtomic(file: string, text: string): void {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, file);
}

export function readManifest(dir: string): Manifest {
    const file = path.join(dir, 'manifest.json');
    if (!existsSync(file)) {
        return { version: STORE_VERSION, sources: {} };
    }
    let manifest: Manifest;
    try {
        manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    } catch (error) {
        throw new StoreError(
            `${file}: not a usage store manifest: ${(error as Error).message}`
        );
    }
    if (manifest.version !== STORE_VERSION || !manifest.sources) {
        throw new StoreError(
            `${file}: usage store version ${String(manifest.version)}, this kit reads version ${STORE_VERSION}`
        );
    }
    return manifest;
}

/** A file's id in the store: its content hash (the same file under another name is the same). */
export const importSourceId = (sha256: string): string =>
    `csv-${sha256.slice(0, 32)}`;

export const eventLogSourceId = (id: string): string => `elf-${id}`;

const cells = (map: Map<string, Cell>) =>
    [...map.entries()].map(([key, cell]) => [
        ...key.split(SEP),
        cell.count,
        cell.first,
        cell.last
    ]);

/**
 * Adds sources to the store; those already in it are left alone. Returns the ids added.
 */
export function addSources(
    dir: string,
    sources: {
        id: string;
        info: Omit<SourceInfo, 'days' | 'rows' | 'storedAt'>;
        data: FileAggregate;
    }[],
    now: Date = new Date()
): string[] {
    const manifest = readManifest(dir);
    const added: string[] = [];
    for (const { id, info, data } of sources) {
        if (manifest.sources[id] || added.includes(id)) {
            continue;
        }
        for (const [day, aggregate] of data.days) {
            const folder = path.join(dir, 'days', day);
            mkdirSync(folder, { recursive: true });
            const body: DayFile = {
                source: id,
                day,
                rows: aggregate.rows,
                hours: [...aggregate.hours].sort((a, b) => a - b),
                usage: cells(aggregate.usage) as DayFile['usage'],
                blind: cells(aggregate.blind) as DayFile['blind']
            };
            writeAtomic(path.join(folder, `${id}.json`), JSON.stringify(body));
        }
        manifest.sources[id] = {
            ...info,
            rows: data.rows,
            days: [...data.days.keys()].sort(),
            storedAt: now.toISOString()
        };
        added.push(id);
    }
    if (added.length > 0) {
        mkdirSync(dir, { recursive: true });
        writeAtomic(
            path.join(dir, 'manifest.json'),
            `${JSON.stringify(manifest, null, 2)}\n`
        );
    }
    return added;
}

/** One (user, app, family, object, verb) over the window. */
export interface UsageEntry {
    user: string;
    appId: string;
    appName: string;
    family: string;
    object: string;
    verb: string;
    count: number;
    first: string;
    last: string;
}

export interface BlindEntry {
    user: string;
    appId: string;
    appName: string;
    family: string;
    reason: string;
    count: number;
    first: string;
    last: string;
}

export interface UsageView {
    /** Days with a stored source in the window, oldest first. */
    days: string[];
    usage: UsageEntry[];
    blind: BlindEntry[];
    /** Rows in the window of every user (counted once). */
    rows: number;
    /** Sources left out of a day because another group covers the same hours. */
    overlapping: number;
}

export interface ViewFilter {
    /** 15- or 18-character user id: only this user's rows. */
    userId?: string;
    /** CONNECTED_APP_NAME or CONNECTED_APP_ID (case-insensitive). */
    app?: string;
    /** First day (YYYY-MM-DD) of the window. */
    since?: string;
}

function merge(
    target: Map<string, UsageEntry | BlindEntry>,
    key: string,
    entry: UsageEntry | BlindEntry
): void {
    const seen = target.get(key);
    if (!seen) {
        target.set(key, entry);
        return;
    }
    seen.count += entry.count;
    if (entry.first < seen.first) seen.first = entry.first;
    if (entry.last > seen.last) seen.last = entry.last;
}

/** The store's counts over the window, each request counted once, filtered by user and app. */
export function readView(dir: string, filter: ViewFilter = {}): UsageView {
    if (!existsSync(path.join(dir, 'manifest.json'))) {
        throw new StoreError(
            `${dir}: no usage store here (no manifest.json): run npm run usage -- collect or import first`
        );
    }
    const manifest = readManifest(dir);
    const user = filter.userId ? filter.userId.slice(0, 15) : undefined;
    const app = filter.app?.toLowerCase();
    /** A row of the user asked for, through the app asked for (by id or name, any case). */
    const wanted = (u: string, appId: string, appName: string): boolean =>
        (!user || u === user) &&
        (!app || appId.toLowerCase() === app || appName.toLowerCase() === app);
    const byDay = new Map<string, string[]>();
    for (const [id, info] of Object.entries(manifest.sources)) {
        for (const day of info.days) {
            if (filter.since && day < filter.since) continue;
            byDay.set(day, [...(byDay.get(day) ?? []), id]);
        }
    }
    const usage = new Map<string, UsageEntry>();
    const blind = new Map<string, BlindEntry>();
    let rows = 0;
    let overlapping = 0;
    const days = [...byDay.keys()].sort();
    for (const day of days) {
        const files = (byDay.get(day) ?? []).map((id) => {
            const file = path.join(dir, 'days', day, `${id}.json`);
            // A day file is the compact summary (one row per user, app, family, object and verb),
            // never a log: the ApiTotalUsage CSVs themselves are only ever streamed (import.ts).
            try {
                return JSON.parse(readFileSync(file, 'utf8')) as DayFile;
            } catch (error) {
                throw new StoreError(
                    `${file}: unreadable (${(error as Error).message}): the store is damaged; re-import or re-collect into a new store`
                );
            }
        });
        const groups = new Map<string, DayFile[]>();
        for (const file of files) {
            const group = manifest.sources[file.source]?.group ?? file.source;
            groups.set(group, [...(groups.get(group) ?? []), file]);
        }
        const ranked = [...groups.entries()]
            .map(([group, members]) => ({
                group,
                members,
                rows: members.reduce((sum, m) => sum + m.rows, 0),
                hours: new Set(members.flatMap((m) => m.hours))
            }))
            .sort((a, b) => b.rows - a.rows || a.group.localeCompare(b.group));
        const taken = new Set<number>();
        for (const candidate of ranked) {
            if ([...candidate.hours].some((h) => taken.has(h))) {
                overlapping += candidate.members.length;
                continue;
            }
            candidate.hours.forEach((h) => taken.add(h));
            rows += candidate.rows;
            for (const file of candidate.members) {
                for (const [
                    u,
                    appId,
                    appName,
                    family,
                    object,
                    verb,
                    count,
                    first,
                    last
                ] of file.usage) {
                    if (!wanted(u, appId, appName)) continue;
                    merge(
                        usage,
                        [u, appId, appName, family, object, verb].join(SEP),
                        {
                            user: u,
                            appId,
                            appName,
                            family,
                            object,
                            verb,
                            count,
                            first,
                            last
                        }
                    );
                }
                for (const [
                    u,
                    appId,
                    appName,
                    family,
                    reason,
                    count,
                    first,
                    last
                ] of file.blind) {
                    if (!wanted(u, appId, appName)) continue;
                    merge(
                        blind,
                        [u, appId, appName, family, reason].join(SEP),
                        {
                            user: u,
                            appId,
                            appName,
                            family,
                            reason,
                            count,
                            first,
                            last
                        }
                    );
                }
            }
        }
    }
    return {
        days,
        usage: [...usage.values()],
        blind: [...blind.values()],
        rows,
        overlapping
    };
}
