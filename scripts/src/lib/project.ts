import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SfProjectJson, type NamedPackageDir } from '@salesforce/core';
import { z } from 'zod';
import { KitError } from './errors';

/** A missing or invalid sfdx-project.json: named BadProject, with what to do. */
function badProject(message: string): KitError {
    return new KitError('BadProject', message, {
        actions: [
            'Run the command in the SFDX project folder (where sfdx-project.json is), or pass --project-dir <dir> where the command has it.'
        ]
    });
}

const sfdxProjectSchema = z.object({
    packageDirectories: z
        .array(
            z.object({
                path: z.string().min(1),
                default: z.boolean().optional()
            })
        )
        .min(1),
    sourceApiVersion: z.string().regex(/^\d{2,3}\.0$/, 'must look like "66.0"')
});

export interface SfdxProject {
    /** Absolute path of the folder holding sfdx-project.json. */
    root: string;
    /** Absolute paths of every package directory, default first. */
    packageDirs: string[];
    sourceApiVersion: string;
}

/**
 * Reads and checks `sfdx-project.json`; errors name the file and the field.
 *
 * The package directories come from `@salesforce/core`'s own project loader (SfProjectJson
 * `getUniquePackageDirectories`), the code `sf project deploy start` resolves them with: it turns
 * `\` into `/` on Linux and macOS (so `"pkg\\core"` written on Windows is `pkg/core`), normalises
 * `./x/` to `x`, refuses absolute paths, a missing directory, no default or two defaults, and lists
 * a directory named twice once.
 */
export function loadProject(root: string): SfdxProject {
    const file = path.join(root, 'sfdx-project.json');
    let raw: unknown;
    try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
        throw badProject(
            `${file}: cannot read or parse: ${(error as Error).message}`
        );
    }
    const parsed = sfdxProjectSchema.safeParse(raw);
    if (!parsed.success) {
        const issues = parsed.error.issues
            .map(
                (issue) =>
                    `${issue.path.join('.') || '(root)'}: ${issue.message}`
            )
            .join('; ');
        throw badProject(`${file}: ${issues}`);
    }
    const missing = parsed.data.packageDirectories.filter(
        (dir) => !existsSync(path.resolve(root, toOsPath(dir.path)))
    );
    if (missing.length > 0) {
        throw badProject(
            `${file}: packageDirectories ${missing.map((dir) => `"${dir.path}"`).join(', ')} do not exist`
        );
    }
    let dirs: NamedPackageDir[];
    try {
        const json = new SfProjectJson({
            ...SfProjectJson.getDefaultOptions(),
            rootFolder: path.resolve(root)
        });
        json.readSync();
        dirs = json.getUniquePackageDirectories();
    } catch (error) {
        throw badProject(
            `${file}: packageDirectories: ${(error as Error).message}`
        );
    }
    const ordered = [...dirs].sort(
        (a, b) => Number(b.default ?? false) - Number(a.default ?? false)
    );
    return {
        root: path.resolve(root),
        packageDirs: ordered.map((dir) => path.resolve(root, dir.fullPath)),
        sourceApiVersion: parsed.data.sourceApiVersion
    };
}

/** A package directory path as SfProjectJson reads it on this OS (`\` and `/` both separators). */
function toOsPath(dirPath: string): string {
    return path.sep === '/'
        ? dirPath.replace(/\\/g, '/')
        : dirPath.replace(/\//g, '\\');
}

/** Path relative to the project root with forward slashes, for messages. */
export function relativeTo(root: string, file: string): string {
    return path.relative(root, file).split(path.sep).join('/');
}
