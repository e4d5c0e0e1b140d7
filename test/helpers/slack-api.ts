// A stand-in for Slack's Web API and response URLs on 127.0.0.1: records every call, answers as Slack does, enforces Slack's limits.
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { messageProblems } from './slack-blocks.ts';

/** Bot tokens starting with this are answered `invalid_auth`, as Slack answers a revoked token. */
export const REVOKED_TOKEN = 'xoxb-revoked';

export interface SlackCall {
  /** `/api/users.info`, `/response/<id>`, ... */
  path: string;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The HTTP status answered, and whether Slack would have done what was asked. */
  status: number;
  accepted: boolean;
}

export interface SlackUser {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

export interface SlackApiStandIn {
  /** The Web API base, for SLACK_API_URL. */
  apiUrl: string;
  calls: SlackCall[];
  /** Workspace members users.info knows; others are `user_not_found`. */
  users: Map<string, SlackUser>;
  /** What apps.connections.open answers (Socket Mode). */
  socketUrl?: string;
  /** A response_url for a slash command payload. */
  responseUrl(id: string): string;
  callsTo(path: string): SlackCall[];
  /** The next `times` calls to `path` get 429 with Retry-After: 1. */
  rateLimit(path: string, times: number): void;
  /** Calls to `path` are answered after `ms`. */
  delay(path: string, ms: number): void;
  /** Resolves with the first accepted call to `path`, waiting for it up to `timeoutMs`. */
  waitForAccepted(path: string, timeoutMs?: number): Promise<SlackCall>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  if (req.headers['content-type']?.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  // The Web API client sends forms, with nested values (blocks) as JSON strings.
  const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  if (typeof body.blocks === 'string') body.blocks = JSON.parse(body.blocks);
  return body;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
  res.end(text);
}

export async function startSlackApi(): Promise<SlackApiStandIn> {
  const calls: SlackCall[] = [];
  const users = new Map<string, SlackUser>();
  const limited = new Map<string, number>();
  const delays = new Map<string, number>();
  const waiters: (() => void)[] = [];

  /** Status and body for one call, as Slack would answer it. */
  function answer(path: string, body: Record<string, unknown>, headers: IncomingHttpHeaders): [number, unknown] {
    if (path.startsWith('/response/')) {
      const problems = messageProblems(body);
      return problems.length ? [400, `invalid_blocks: ${problems.join('; ')}`] : [200, 'ok'];
    }
    const method = path.slice('/api/'.length);
    const token = /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1] ?? (body.token as string | undefined);
    if (method === 'apps.connections.open') {
      return token?.startsWith('xapp-') ? [200, { ok: true, url: stand.socketUrl }] : [200, { ok: false, error: 'not_authed' }];
    }
    if (!token?.startsWith('xoxb-')) return [200, { ok: false, error: 'not_authed' }];
    if (token.startsWith(REVOKED_TOKEN)) return [200, { ok: false, error: 'invalid_auth' }];
    switch (method) {
      case 'auth.test':
        return [200, { ok: true, url: 'https://example.slack.com/', team: 'Example', user: 'sanctions-bot', team_id: 'T0TEST', user_id: 'U0BOT', bot_id: 'B0BOT' }];
      case 'users.info': {
        const user = users.get(String(body.user));
        return user ? [200, { ok: true, user: { id: body.user, ...user } }] : [200, { ok: false, error: 'user_not_found' }];
      }
      case 'chat.postMessage': {
        if (!body.channel) return [200, { ok: false, error: 'channel_not_found' }];
        const problems = messageProblems(body);
        return problems.length ? [200, { ok: false, error: 'invalid_blocks', errors: problems }] : [200, { ok: true, channel: body.channel, ts: `${Date.now() / 1000}` }];
      }
      default:
        return [200, { ok: false, error: 'unknown_method' }];
    }
  }

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const body = await readBody(req);
    await sleep(delays.get(path) ?? 0);
    const left = limited.get(path) ?? 0;
    if (left > 0) {
      limited.set(path, left - 1);
      calls.push({ path, body, headers: req.headers, status: 429, accepted: false });
      return send(res, 429, path.startsWith('/api/') ? { ok: false, error: 'ratelimited' } : 'rate_limited', { 'retry-after': '1' });
    }
    const [status, reply] = answer(path, body, req.headers);
    const accepted = status === 200 && (typeof reply === 'string' || (reply as { ok: boolean }).ok);
    calls.push({ path, body, headers: req.headers, status, accepted });
    send(res, status, reply);
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const callsTo = (path: string) => calls.filter((c) => c.path === path);
  const stand: SlackApiStandIn = {
    apiUrl: `${base}/api/`,
    calls,
    users,
    responseUrl: (id) => `${base}/response/${id}`,
    callsTo,
    rateLimit: (path, times) => void limited.set(path, times),
    delay: (path, ms) => void delays.set(path, ms),
    async waitForAccepted(path, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = callsTo(path).find((c) => c.accepted);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no accepted call to ${path} within ${timeoutMs} ms (calls: ${JSON.stringify(callsTo(path))})`);
        await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), sleep(100)]);
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return stand;
}
