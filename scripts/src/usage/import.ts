import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { aggregateCsv, type FileAggregate } from './aggregate';
import { addSources, importSourceId, readManifest } from './store';

export interface ImportedFile {
    file: string;
    source: string;
    rows: number;
    days: string[];
    /** False when the store already held this file (same content): nothing changed. */
    added: boolean;
}

export interface ImportResult {
    store: string;
    files: ImportedFile[];
    organizationIds: string[];
}

export class ImportError extends Error {}

/** The default store of a file's org: `.usage/<15-character ORGANIZATION_ID>/`. */
export function defaultStore(organizationId: string): string {
    return path.join('.usage', organizationId.slice(0, 15));
}

/**
 * Imports ApiTotalUsage CSV files: every file is read (streamed) before anything is written, so a
 * file that is not an ApiTotalUsage log leaves the store unchanged.
 */
export async function importFiles(
    files: string[],
    store: string | undefined
): Promise<ImportResult> {
    if (files.length === 0) {
        throw new ImportError('name at least one ApiTotalUsage CSV file');
    }
    const read: { file: string; data: FileAggregate }[] = [];
    for (const file of files) {
        try {
            if (!statSync(file).isFile()) {
                throw new ImportError(`${file}: not a file`);
            }
        } catch (error) {
            if (error instanceof ImportError) throw error;
            throw new ImportError(
                `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
            );
        }
        read.push({
            file,
            data: await aggregateCsv(createReadStream(file), file)
        });
    }
    const organizations = [
        ...new Set(read.flatMap((r) => [...r.data.organizationIds]))
    ];
    if (!store && organizations.length !== 1) {
        throw new ImportError(
            organizations.length === 0
                ? 'the files have no ORGANIZATION_ID column: name the store with --store DIR'
                : `the files come from ${organizations.length} orgs (${organizations.join(', ')}): import each org's files with its own --store DIR`
        );
    }
    const dir = store ?? defaultStore(organizations[0] ?? '');
    readManifest(dir);
    const sources = read.map(({ file, data }) => ({
        id: importSourceId(data.sha256),
        info: {
            kind: 'import' as const,
            name: path.basename(file),
            group: importSourceId(data.sha256)
        },
        data
    }));
    const added = new Set(addSources(dir, sources));
    return {
        store: dir,
        organizationIds: organizations,
        files: read.map(({ file, data }, i) => ({
            file,
            source: sources[i]?.id ?? '',
            rows: data.rows,
            days: [...data.days.keys()].sort(),
            added: added.has(sources[i]?.id ?? '')
        }))
    };
}
