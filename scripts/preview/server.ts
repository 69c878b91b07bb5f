import { createReadStream, existsSync, statSync } from 'node:fs';
import {
    createServer,
    type IncomingMessage,
    type Server,
    type ServerResponse
} from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadLabels } from '../shared/labels';
import { invokeApex } from './backend/invoke';
import { PreviewBackend } from './backend/service';
import { PreviewStore, type SeedOptions } from './backend/store';
import { seedFiles } from './backend/files';
import { handleFileRequest } from './files-http';
import { loadDefaultSettings } from './metadata';
import { renderPage } from './page';
import { distDir, SLDS_ASSETS_DIR, type BuildMode } from './paths';
import { callContext } from './query';

/**
 * The preview server: the built portal (dist/preview/<mode>/portal, and bench/ once
 * `npm run bench:portal` has built it), SLDS from
 * @salesforce-ux/design-system, and the preview backend at
 * POST /apex/CasePortalController/<method> (JSON in, JSON out, in memory).
 */

export interface PreviewServerOptions {
    /** 0 (default) picks a free port. */
    port?: number;
    host?: string;
    mode?: BuildMode;
    seed?: SeedOptions;
    /** Preview only: allow pages larger than the Apex's 200 cases (benchmarks). */
    maxPageSize?: number;
    /** Called with "METHOD /path STATUS" for each request. */
    log?: (line: string) => void;
}

export interface PreviewServer {
    url: string;
    backend: PreviewBackend;
    /** Empties the store and seeds it again (tests). */
    reset(): void;
    close(): Promise<void>;
}

const TYPES: Record<string, string> = {
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.json': 'application/json',
    '.map': 'application/json'
};

const MAX_BODY = 1_000_000;

function readBody(request: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        let size = 0;
        const parts: Buffer[] = [];
        request.on('data', (part: Buffer) => {
            size += part.length;
            if (size > MAX_BODY) {
                reject(new Error('request body too large'));
                request.destroy();
                return;
            }
            parts.push(part);
        });
        request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
        request.on('error', reject);
    });
}

function send(
    response: ServerResponse,
    status: number,
    type: string,
    body: string
): void {
    response.writeHead(status, {
        'Content-Type': type,
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': 'no-store'
    });
    response.end(body);
}

function sendJson(
    response: ServerResponse,
    status: number,
    body: unknown
): void {
    send(
        response,
        status,
        'application/json; charset=utf-8',
        JSON.stringify(body)
    );
}

/** A file under root, or undefined (no escaping the root with ../). */
function fileUnder(root: string, relative: string): string | undefined {
    const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
    if (!file.startsWith(root + path.sep)) {
        return undefined;
    }
    return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

function sendFile(
    response: ServerResponse,
    file: string,
    immutable: boolean
): void {
    response.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': statSync(file).size,
        'Cache-Control': immutable
            ? 'public, max-age=31536000, immutable'
            : 'no-cache'
    });
    createReadStream(file).pipe(response);
}

function listen(
    server: Server,
    port: number,
    host: string
): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            server.off('error', reject);
            resolve(server.address() as AddressInfo);
        });
    });
}

const PAGES: Record<
    string,
    { title: string; entry: string; settingsPanel: boolean }
> = {
    '/': {
        title: 'Case Portal preview',
        entry: 'portal/portal.js',
        settingsPanel: true
    },
    '/index.html': {
        title: 'Case Portal preview',
        entry: 'portal/portal.js',
        settingsPanel: true
    },
    '/bench.html': {
        title: 'lightning-datatable benchmark',
        entry: 'bench/bench.js',
        settingsPanel: false
    },
    '/fixtures/axe.html': {
        title: 'axe-core shadow fixture',
        entry: 'portal/fixtures.js',
        settingsPanel: false
    }
};

export async function startPreviewServer(
    options: PreviewServerOptions = {}
): Promise<PreviewServer> {
    const dist = distDir(options.mode ?? 'production');
    if (!existsSync(path.join(dist, 'portal/portal.js'))) {
        throw new Error(
            `No preview build in ${dist}: run "npm run preview" (or buildPreview()) first`
        );
    }
    const labels = loadLabels();
    const defaults = loadDefaultSettings();
    const queryOptions = options.maxPageSize
        ? { maxPageSize: options.maxPageSize }
        : {};
    const fresh = () => {
        const store = new PreviewStore().seed(options.seed);
        seedFiles(store);
        return new PreviewBackend(store, labels);
    };
    let backend = fresh();

    async function handle(
        request: IncomingMessage,
        response: ServerResponse
    ): Promise<void> {
        const url = new URL(request.url ?? '/', 'http://preview.local');
        const method = request.method ?? 'GET';
        const apex = /^\/apex\/CasePortalController\/([A-Za-z]+)$/.exec(
            url.pathname
        );
        if (await handleFileRequest(request, response, url, backend)) {
            return;
        }
        if (apex && method === 'POST') {
            const header = request.headers['x-preview-query'];
            const call = callContext(
                typeof header === 'string' ? header : '',
                defaults,
                queryOptions
            );
            const text = await readBody(request);
            let body: unknown;
            try {
                body = text ? JSON.parse(text) : {};
            } catch {
                sendJson(response, 400, {
                    message: 'Request body is not JSON'
                });
                return;
            }
            const result = invokeApex(backend, call, apex[1] ?? '', body);
            sendJson(response, result.status, result.body);
            return;
        }
        if (method === 'POST' && url.pathname === '/preview/reset') {
            backend = fresh();
            sendJson(response, 200, { reset: true });
            return;
        }
        if (method === 'POST' && url.pathname === '/preview/agent-update') {
            // An agent's reply (and status) in the "org", for tests of fresh data.
            let input: {
                caseId?: unknown;
                body?: unknown;
                status?: unknown;
                channel?: unknown;
            };
            try {
                input = JSON.parse(await readBody(request)) as typeof input;
            } catch {
                sendJson(response, 400, {
                    message: 'Request body is not JSON'
                });
                return;
            }
            const updated =
                typeof input.caseId === 'string' &&
                typeof input.body === 'string' &&
                backend.store.agentUpdate(
                    input.caseId,
                    input.body,
                    typeof input.status === 'string' ? input.status : undefined,
                    input.channel === 'email' ? 'email' : 'comment'
                );
            sendJson(response, updated ? 200 : 404, { updated });
            return;
        }
        if (method !== 'GET' && method !== 'HEAD') {
            send(response, 405, 'text/plain', 'Method not allowed');
            return;
        }
        const page = PAGES[url.pathname];
        if (page) {
            const call = callContext(url.searchParams, defaults, queryOptions);
            send(
                response,
                200,
                'text/html; charset=utf-8',
                renderPage({ ...page, call })
            );
            return;
        }
        if (url.pathname.startsWith('/dist/')) {
            const file = fileUnder(dist, url.pathname.slice('/dist/'.length));
            if (file) {
                sendFile(response, file, url.pathname.includes('/chunks/'));
                return;
            }
        }
        if (url.pathname.startsWith('/assets/')) {
            const file = fileUnder(
                SLDS_ASSETS_DIR,
                url.pathname.slice('/assets/'.length)
            );
            if (file) {
                sendFile(response, file, false);
                return;
            }
        }
        if (url.pathname === '/favicon.ico') {
            response.writeHead(204).end();
            return;
        }
        send(response, 404, 'text/plain', 'Not found');
    }

    const server = createServer((request, response) => {
        if (options.log) {
            const log = options.log;
            response.once('finish', () =>
                log(
                    `${request.method ?? ''} ${request.url ?? ''} ${response.statusCode}`
                )
            );
        }
        handle(request, response).catch((error: unknown) => {
            process.stderr.write(`Portal preview: ${String(error)}\n`);
            if (!response.headersSent) {
                sendJson(response, 500, { message: 'Preview server error' });
            } else {
                response.destroy();
            }
        });
    });
    const host = options.host ?? '127.0.0.1';
    const address = await listen(server, options.port ?? 0, host);
    return {
        url: `http://${host}:${address.port}/`,
        get backend() {
            return backend;
        },
        reset() {
            backend = fresh();
        },
        close: () =>
            new Promise<void>((resolve, reject) => {
                server.close((error) => (error ? reject(error) : resolve()));
                server.closeAllConnections();
            })
    };
}
