import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../lib/findings';
import { isInTypeFolder, typeNeedingMetaFile } from '../registry';
import type { SdrResolution } from './sdr';

/**
 * Every `.cls`/`.trigger` (and other "matching content file" types) has its `-meta.xml` and
 * vice versa; every LWC bundle folder has `<name>.js` and `<name>.js-meta.xml`.
 * SDR drops a source file without its meta.xml silently, so a deploy would miss it.
 */
export function checkPairing(
    files: string[],
    resolution: SdrResolution,
    rel: (file: string) => string
): Finding[] {
    const findings: Finding[] = [];
    const present = new Set(files);
    const bundles = new Set<string>();
    for (const file of files) {
        const needsMeta = resolution.claimed.has(file)
            ? undefined
            : typeNeedingMetaFile(file);
        if (needsMeta && !present.has(`${file}-meta.xml`)) {
            findings.push({
                file: rel(file),
                message: `${needsMeta} source without its ${path.basename(file)}-meta.xml: it would not deploy`,
                rule: 'meta-pairing'
            });
        }
        const kind = resolution.metaFiles.get(file);
        if (kind?.contentFile && !present.has(kind.contentFile)) {
            findings.push({
                file: rel(file),
                message: `${kind.typeName} meta.xml without its source ${path.basename(kind.contentFile)}`,
                rule: 'meta-pairing'
            });
        }
        const bundle = lwcBundleDir(file);
        if (bundle) {
            bundles.add(bundle);
        }
    }
    for (const bundle of [...bundles].sort()) {
        const name = path.basename(bundle);
        const js = path.join(bundle, `${name}.js`);
        const ts = path.join(bundle, `${name}.ts`);
        const meta = path.join(bundle, `${name}.js-meta.xml`);
        if (!present.has(meta)) {
            const stray = readdirSync(bundle).find((entry) =>
                entry.endsWith('.js-meta.xml')
            );
            findings.push({
                file: rel(bundle),
                message: stray
                    ? `LWC bundle's meta file must be named ${name}.js-meta.xml, found ${stray}`
                    : `LWC bundle without ${name}.js-meta.xml: it would not deploy`,
                rule: 'meta-pairing'
            });
        }
        if (!present.has(js) && !existsSync(ts)) {
            findings.push({
                file: rel(bundle),
                message: `LWC bundle without its module ${name}.js`,
                rule: 'meta-pairing'
            });
        }
    }
    return findings;
}

/** `.../lwc/<bundle>` for a file inside an LWC bundle, else undefined. */
function lwcBundleDir(file: string): string | undefined {
    const parts = file.split(path.sep);
    const index = parts.lastIndexOf('lwc');
    if (index === -1 || index + 2 >= parts.length) {
        return undefined;
    }
    const bundle = parts[index + 1] ?? '';
    if (bundle.startsWith('__') || bundle.startsWith('.')) {
        return undefined;
    }
    return parts.slice(0, index + 2).join(path.sep);
}

/**
 * A file in a metadata type's folder that no component claims (a misnamed meta file, a stray
 * file): SDR leaves it out of the deploy without a word. Files outside type folders (jest mocks,
 * docs) are not metadata and SDR ignores them, so this check does too.
 */
export function checkUnclaimed(
    files: string[],
    packageDirs: string[],
    resolution: SdrResolution,
    rel: (file: string) => string
): Finding[] {
    const reported = new Set(
        resolution.findings.map((finding) => finding.file)
    );
    return files
        .filter((file) => !resolution.claimed.has(file))
        .filter((file) => !reported.has(rel(file)))
        .filter((file) => !typeNeedingMetaFile(file))
        .filter((file) =>
            packageDirs.some(
                (dir) =>
                    file.startsWith(`${dir}${path.sep}`) &&
                    isInTypeFolder(file, dir)
            )
        )
        .map((file) => ({
            file: rel(file),
            message:
                'sits in a metadata folder but is part of no metadata component: a deploy would leave it out',
            rule: 'sdr-unclaimed-file'
        }));
}
