import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DropRule {
    method: string;
    /** Matched against the request path (query string included). */
    path: RegExp;
    /** Matching requests to let through before dropping (default 0). */
    after?: number;
    /** How many matching requests lose their answer; later ones pass. */
    times: number;
}

/** Sees each request as it passes (method, path with query string, body). */
export type RequestObserver = (
    method: string,
    path: string,
    body: Buffer
) => void;

export interface DroppingProxy {
    url: string;
    /** Requests whose answer was dropped after the target had handled them. */
    dropped: string[];
    drop: (rule: DropRule) => void;
    close: () => Promise<void>;
}

/**
 * A reverse proxy in front of the emulator that can lose an answer: the request reaches the
 * target and is handled there (the write lands), then the client's connection is destroyed
 * before any response byte is sent. This is the ambiguous failure a real network produces (a
 * load balancer timeout, a dropped connection) and that no error code can describe.
 */
export async function startDroppingProxy(
    target: string,
    observe?: RequestObserver
): Promise<DroppingProxy> {
    const rules: DropRule[] = [];
    const dropped: string[] = [];
    const upstream = new URL(target);
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
            observe?.(req.method ?? '', req.url ?? '', Buffer.concat(chunks));
            const matching = rules.find(
                (candidate) =>
                    candidate.times > 0 &&
                    candidate.method === req.method &&
                    candidate.path.test(req.url ?? '')
            );
            let rule: DropRule | undefined = matching;
            if (matching && (matching.after ?? 0) > 0) {
                matching.after = (matching.after ?? 0) - 1;
                rule = undefined;
            }
            const forward = http.request(
                {
                    hostname: upstream.hostname,
                    port: upstream.port,
                    method: req.method,
                    path: req.url,
                    headers: { ...req.headers, host: upstream.host }
                },
                (answer) => {
                    const body: Buffer[] = [];
                    answer.on('data', (chunk: Buffer) => body.push(chunk));
                    answer.on('end', () => {
                        if (rule) {
                            rule.times--;
                            dropped.push(`${req.method} ${req.url}`);
                            req.socket.destroy();
                            return;
                        }
                        res.writeHead(answer.statusCode ?? 502, answer.headers);
                        res.end(Buffer.concat(body));
                    });
                }
            );
            forward.on('error', () => req.socket.destroy());
            forward.end(Buffer.concat(chunks));
        });
    });
    await new Promise<void>((resolve) =>
        server.listen(0, '127.0.0.1', resolve)
    );
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        dropped,
        drop: (rule) => rules.push({ ...rule }),
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            })
    };
}
