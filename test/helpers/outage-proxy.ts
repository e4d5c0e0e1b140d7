// An HTTP proxy on 127.0.0.1 in front of a platform stand-in that answers in its place while an outage lasts (5xx, or 429 with Retry-After), by a clock the test
// gives: minutes of an outage, by the sender's clock, pass in seconds. Outside the outage every request reaches the stand-in.
import { type IncomingHttpHeaders, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP answer, or 'reset': the connection dropped without one. */
export type OutageAnswer = { status: number; headers?: Record<string, string>; body: string | Record<string, unknown> } | 'reset';

export interface ProxiedRequest {
  method: string;
  path: string;
  /** The raw request body. */
  body: string;
  /** By the test's clock. */
  at: number;
  status: number;
  /** Answered by the outage, not by the stand-in. */
  failed: boolean;
  retryAfter?: number;
}

export interface OutageProxy {
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/** `outage(at, path, body)` says how to answer a request that comes at `at` (by `clock`), or null to let it through. */
export async function startOutageProxy(
  target: string,
  clock: () => number,
  outage: (at: number, path: string, body: string) => OutageAnswer | null,
): Promise<OutageProxy> {
  const upstream = new URL(target);
  const requests: ProxiedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const at = clock();
    const path = req.url ?? '/';
    const answer = outage(at, path, body.toString('utf8'));
    const seen: ProxiedRequest = { method: req.method ?? '', path, body: body.toString('utf8'), at, status: 0, failed: Boolean(answer) };
    requests.push(seen);
    if (answer === 'reset') {
      req.socket.destroy();
      return;
    }
    if (answer) {
      const json = typeof answer.body !== 'string';
      seen.status = answer.status;
      const retryAfter = answer.headers?.['retry-after'];
      if (retryAfter !== undefined) seen.retryAfter = Number(retryAfter);
      res.writeHead(answer.status, { 'content-type': json ? 'application/json' : 'text/plain', ...answer.headers });
      res.end(json ? JSON.stringify(answer.body) : answer.body);
      return;
    }
    const headers: IncomingHttpHeaders = { ...req.headers, host: upstream.host };
    const forwarded = request({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers }, (reply) => {
      seen.status = reply.statusCode ?? 0;
      res.writeHead(seen.status, reply.headers);
      reply.pipe(res);
    });
    forwarded.on('error', () => res.writeHead(502).end());
    forwarded.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    via(url) {
      const proxied = new URL(url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(port);
      return proxied.href;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
