// A read-only npm registry on 127.0.0.1 for installing the packed plugin offline: it publishes
// every package version in the repo's package-lock.json, with the tarballs `npm ci` left in the
// local npm cache (content-addressed by their integrity, cacache's content-v2 layout). npm then
// resolves the plugin's dependencies exactly as against registry.npmjs.org, but only to versions
// this repo installed and tested. What it answers, from the registry API npm uses
// (https://github.com/npm/registry/blob/main/docs/responses/package-metadata.md):
//   GET /<name>            the packument: dist-tags.latest and versions{} with dist.tarball
//                          and dist.integrity
//   GET /-/tarball/<integrity hex>  the tarball bytes from the cache
// Anything else is 404, as is a tarball the cache does not hold.
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

interface LockEntry {
    name?: string;
    version?: string;
    integrity?: string;
    inBundle?: boolean;
    [field: string]: unknown;
}

/** The manifest fields npm reads from a packument version, when the lockfile has them. */
const MANIFEST_FIELDS = [
    'dependencies',
    'optionalDependencies',
    'peerDependencies',
    'peerDependenciesMeta',
    'bundleDependencies',
    'bin',
    'engines',
    'os',
    'cpu',
    'license',
    'hasInstallScript'
];

export interface LocalRegistry {
    url: string;
    /** Tarballs served and asked for but missing from the cache. */
    served: string[];
    missing: string[];
    close(): Promise<void>;
}

/** `sha512-<base64>` → the cache file that holds it (cacache content-v2). */
function cacheFile(cache: string, integrity: string): string | undefined {
    const match = /^(sha\d+)-(\S+)/.exec(integrity);
    if (!match?.[1] || !match[2]) {
        return undefined;
    }
    const hex = Buffer.from(match[2], 'base64').toString('hex');
    return path.join(
        cache,
        '_cacache/content-v2',
        match[1],
        hex.slice(0, 2),
        hex.slice(2, 4),
        hex.slice(4)
    );
}

/** Starts the registry on a random port; `cache` is the npm cache folder (npm config get cache). */
export async function startLocalRegistry(
    lockfile: string,
    cache: string
): Promise<LocalRegistry> {
    const { packages } = JSON.parse(readFileSync(lockfile, 'utf8')) as {
        packages: Record<string, LockEntry>;
    };
    /** name → version → manifest (with dist filled in once the port is known). */
    const byName = new Map<string, Map<string, Record<string, unknown>>>();
    const latest = new Map<string, string>();
    const files = new Map<string, string>();
    for (const [location, entry] of Object.entries(packages)) {
        if (!location || entry.inBundle || !entry.version || !entry.integrity) {
            continue;
        }
        const name =
            entry.name ??
            location.slice(location.lastIndexOf('node_modules/') + 13);
        const file = cacheFile(cache, entry.integrity);
        if (!file) {
            continue;
        }
        const key = Buffer.from(entry.integrity).toString('hex');
        files.set(key, file);
        const manifest: Record<string, unknown> = {
            name,
            version: entry.version,
            dist: { key, integrity: entry.integrity }
        };
        for (const field of MANIFEST_FIELDS) {
            if (entry[field] !== undefined) {
                manifest[field] = entry[field];
            }
        }
        const versions = byName.get(name) ?? new Map();
        versions.set(entry.version, manifest);
        byName.set(name, versions);
        // The hoisted copy (node_modules/<name>) is the version most of the tree asked for.
        if (location === `node_modules/${name}` || !latest.has(name)) {
            latest.set(name, entry.version);
        }
    }
    const served: string[] = [];
    const missing: string[] = [];
    let base = '';
    const server: Server = createServer((request, response) => {
        const url = decodeURIComponent(
            (request.url ?? '/').split('?')[0] ?? '/'
        );
        const tarball = /^\/-\/tarball\/([0-9a-f]+)$/.exec(url);
        if (tarball?.[1]) {
            const file = files.get(tarball[1]);
            if (!file || !existsSync(file)) {
                missing.push(url);
                response.writeHead(404).end();
                return;
            }
            served.push(url);
            response.writeHead(200, {
                'content-type': 'application/octet-stream'
            });
            createReadStream(file).pipe(response);
            return;
        }
        const name = url.slice(1);
        const versions = byName.get(name);
        if (!versions) {
            response.writeHead(404, { 'content-type': 'application/json' });
            response.end('{"error":"not found"}');
            return;
        }
        const packument = {
            name,
            'dist-tags': { latest: latest.get(name) },
            versions: Object.fromEntries(
                [...versions].map(([version, manifest]) => {
                    const { key, integrity } = manifest.dist as {
                        key: string;
                        integrity: string;
                    };
                    return [
                        version,
                        {
                            ...manifest,
                            dist: {
                                tarball: `${base}/-/tarball/${key}`,
                                integrity
                            }
                        }
                    ];
                })
            )
        };
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(packument));
    });
    await new Promise<void>((resolve) =>
        server.listen(0, '127.0.0.1', resolve)
    );
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
        url: base,
        served,
        missing,
        close: () =>
            new Promise<void>((resolve, reject) =>
                server.close((error) => (error ? reject(error) : resolve()))
            )
    };
}
