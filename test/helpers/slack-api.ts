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
  /** When it came in (Date.now()). */
  at: number;
}

/** A message chat.postMessage posted, as conversations.history gives it back. */
export interface PostedMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
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
  /** Messages posted with chat.postMessage, oldest first; conversations.history reads them. */
  posted: PostedMessage[];
  /** chat.postMessage to `channel` answers `{ ok: false, error }` (channel_not_found, not_in_channel, is_archived...). */
  refuseChannel(channel: string, error: string): void;
  /** The next `times` calls to `path` answer HTTP `status` (an outage). */
  fail(path: string, status: number, times: number): void;
  /**
   * Slack's chat.postMessage pace: a second message to a channel within `ms` of its last is answered 429
   * (Retry-After: 1) and counted in `paceViolations`. Off (0) by default.
   */
  enforcePostInterval(ms: number): void;
  paceViolations: { channel: string; gapMs: number }[];
  /**
   * Resolves with the `nth` (default first) accepted call to `path`, waiting for it up to `timeoutMs`; at once, before
   * the call is answered (a `delay` holds the answer back).
   */
  waitForAccepted(path: string, timeoutMs?: number, nth?: number): Promise<SlackCall>;
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
  for (const key of ['blocks', 'metadata']) if (typeof body[key] === 'string') body[key] = JSON.parse(body[key]);
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
  const posted: PostedMessage[] = [];
  const refused = new Map<string, string>();
  const failing = new Map<string, { status: number; times: number }>();
  const lastPost = new Map<string, number>();
  const paceViolations: { channel: string; gapMs: number }[] = [];
  let postInterval = 0;
  let lastTs = 0;

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
        const channel = String(body.channel ?? '');
        if (!channel) return [200, { ok: false, error: 'channel_not_found' }];
        const refusal = refused.get(channel);
        if (refusal) return [200, { ok: false, error: refusal }];
        const problems = messageProblems(body);
        if (problems.length) return [200, { ok: false, error: 'invalid_blocks', errors: problems }];
        const ts = nextTs();
        posted.push({ channel, ts, text: String(body.text ?? ''), blocks: body.blocks, metadata: body.metadata as PostedMessage['metadata'] });
        return [200, { ok: true, channel, ts }];
      }
      case 'conversations.history': {
        const channel = String(body.channel ?? '');
        if (refused.has(channel)) return [200, { ok: false, error: refused.get(channel) }];
        const oldest = Number(body.oldest ?? 0);
        const withMetadata = String(body.include_all_metadata) === 'true';
        const messages = posted
          .filter((m) => m.channel === channel && Number(m.ts) > oldest)
          .reverse()
          .slice(0, Number(body.limit ?? 100))
          .map(({ channel: _, metadata, ...m }) => ({ type: 'message', ...m, ...(withMetadata && metadata ? { metadata } : {}) }));
        return [200, { ok: true, messages, has_more: false }];
      }
      default:
        return [200, { ok: false, error: 'unknown_method' }];
    }
  }

  /** Unique, increasing message timestamps, as Slack's are within a channel. */
  function nextTs(): string {
    lastTs = Math.max(lastTs + 1, Date.now() * 1000);
    return (lastTs / 1e6).toFixed(6);
  }

  /** A 429 for calls over a limit: the next `rateLimit` ones to a path, or a post too soon after the channel's last. */
  function overLimit(path: string, body: Record<string, unknown>): boolean {
    const left = limited.get(path) ?? 0;
    if (left > 0) {
      limited.set(path, left - 1);
      return true;
    }
    if (path !== '/api/chat.postMessage' || !postInterval) return false;
    const channel = String(body.channel);
    const gapMs = Date.now() - (lastPost.get(channel) ?? -Infinity);
    if (gapMs < postInterval) {
      paceViolations.push({ channel, gapMs });
      return true;
    }
    lastPost.set(channel, Date.now());
    return false;
  }

  /** Status and body, as Slack would answer after doing (or refusing) what was asked. */
  function respond(path: string, body: Record<string, unknown>, headers: IncomingHttpHeaders): [number, unknown, Record<string, string>?] {
    if (overLimit(path, body)) return [429, path.startsWith('/api/') ? { ok: false, error: 'ratelimited' } : 'rate_limited', { 'retry-after': '1' }];
    const failure = failing.get(path);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return [failure.status, 'upstream failure'];
    }
    return answer(path, body, headers);
  }

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const body = await readBody(req);
    // Done first, answered after the delay: a slow answer to a message already posted, the worst case for a client that dies waiting.
    const [status, reply, headers] = respond(path, body, req.headers);
    const accepted = status === 200 && (typeof reply === 'string' || (reply as { ok: boolean }).ok);
    calls.push({ path, body, headers: req.headers, status, accepted, at: Date.now() });
    for (const wake of waiters.splice(0)) wake();
    await sleep(delays.get(path) ?? 0);
    send(res, status, reply, headers);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const callsTo = (path: string) => calls.filter((c) => c.path === path);
  const stand: SlackApiStandIn = {
    apiUrl: `${base}/api/`,
    calls,
    users,
    posted,
    paceViolations,
    refuseChannel: (channel, error) => void refused.set(channel, error),
    fail: (path, status, times) => void failing.set(path, { status, times }),
    enforcePostInterval: (ms) => void (postInterval = ms),
    responseUrl: (id) => `${base}/response/${id}`,
    callsTo,
    rateLimit: (path, times) => void limited.set(path, times),
    delay: (path, ms) => void delays.set(path, ms),
    async waitForAccepted(path, timeoutMs = 5000, nth = 1) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = callsTo(path).filter((c) => c.accepted)[nth - 1];
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
