// A stand-in for Slack's Web API and response URLs on 127.0.0.1: records every call, answers as Slack does, enforces Slack's limits.
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_BLOCK_TEXT, blockTextTotal, messageProblems } from './slack-blocks.ts';

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
  /** The thread it was posted in, if any. */
  thread_ts?: string;
  text: string;
  blocks: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface SlackUser {
  /** The user's own workspace; default T0TEST, the app's (another: a Slack Connect guest's). */
  team_id?: string;
  enterprise_user?: { enterprise_id: string };
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

/** A file as Slack describes it in a `file_share` message event and in files.info. */
export type SlackFile = Record<string, unknown> & { id: string };

/** A file upload the app finished with files.completeUploadExternal. */
export interface CompletedUpload {
  channel_id?: string;
  thread_ts?: string;
  initial_comment?: string;
  files: { id: string; title?: string; name: string; bytes: Buffer }[];
}

export interface SlackApiStandIn {
  /** The Web API base, for SLACK_API_URL. */
  apiUrl: string;
  calls: SlackCall[];
  /** Workspace members users.info knows; others are `user_not_found`. */
  users: Map<string, SlackUser>;
  /** What apps.connections.open answers (Socket Mode). */
  socketUrl?: string;
  /**
   * A response_url for a slash command or click payload, issued now: as Slack's, it takes at most 5 posts within 30 minutes
   * (later ones are refused: `used_url`, `expired_url`).
   */
  responseUrl(id: string): string;
  callsTo(path: string): SlackCall[];
  /** The next `times` calls to `path` get 429 with Retry-After: 1. */
  rateLimit(path: string, times: number): void;
  /** Calls to `path` are answered after `ms`. */
  delay(path: string, ms: number): void;
  /** Messages posted with chat.postMessage, oldest first (as chat.update left them); conversations.history reads them. */
  posted: PostedMessage[];
  /**
   * A file a user shared, served at its `url_private_download` to requests with a bot token (others are
   * redirected to a sign-in page, as Slack does). The file object as a message event carries it; with
   * `checkFileInfo`, as Slack Connect events carry it: no URLs, `file_access: check_file_info`.
   */
  shareFile(file: { name: string; bytes: Uint8Array; mimetype?: string; filetype?: string; user?: string }, options?: { checkFileInfo?: boolean }): SlackFile;
  /** Uploads finished with files.completeUploadExternal, with the bytes sent to each upload URL. */
  uploads: CompletedUpload[];
  /**
   * A channel as Slack knows it: private or public, the bot a member or not (a channel not set is public, the bot in it).
   * The bot posts where it is a member, and in a public channel it is not in only with chat:write.public; a private
   * channel it is not in is channel_not_found to it; conversations.history needs membership (not_in_channel).
   */
  setChannel(channel: string, state: { private?: boolean; member?: boolean }): void;
  /** The bot token's scopes, as Slack reports them in `x-oauth-scopes` (default: the manifest's). */
  scopes: Set<string>;
  /**
   * conversations.history as Slack allows it to apps outside the Marketplace: one call a minute (later ones 429 with the
   * seconds left in Retry-After), at most 15 messages. On by default; off for an app approved for the Marketplace.
   */
  marketplaceApp(approved: boolean): void;
  /** The stand-in's clock for rate-limit windows and message times (default Date.now): a test moves it on instead of waiting. */
  clock(now: () => number): void;
  /** chat.postMessage to `channel` answers `{ ok: false, error }` (channel_not_found, not_in_channel, is_archived...). */
  refuseChannel(channel: string, error: string): void;
  /** The next `times` calls to `path` answer HTTP `status` (an outage). */
  fail(path: string, status: number, times: number): void;
  /**
   * Slack's chat.postMessage pace: a second message to a channel within `ms` of its last is answered 429
   * (Retry-After: 1) and counted in `paceViolations`. Default 1,000 (Slack's one a second a channel); 0 turns it off.
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
  for (const key of ['blocks', 'metadata', 'files']) if (typeof body[key] === 'string') body[key] = JSON.parse(body[key]);
  return body;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
  res.end(text);
}

/** The bot scopes adapters/slack/manifest.yml asks for. */
export const MANIFEST_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'users:read', 'channels:read', 'groups:read', 'channels:history', 'groups:history', 'im:history', 'files:read', 'files:write'];

/**
 * The rate-limit tier of each Web API method the bot calls, as Slack's method reference gives it (chat.postMessage is
 * "special": one a second a channel, below; auth.test "special", held here to Tier 4).
 */
const METHOD_TIERS: Record<string, 1 | 2 | 3 | 4> = {
  'apps.connections.open': 1,
  'auth.test': 4,
  'chat.update': 3,
  'conversations.info': 3,
  'conversations.history': 3,
  'files.info': 4,
  'files.getUploadURLExternal': 4,
  'files.completeUploadExternal': 4,
  'users.info': 4,
};
/** Calls a minute, per method, workspace and app, that each tier is sure to take: Slack promises "1+", "20+", "50+", "100+". */
const TIER_PER_MINUTE = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;
/** conversations.history for apps outside the Marketplace (since 2025-05-29): one call a minute, 15 messages at most. */
const NON_MARKETPLACE_HISTORY = { perMinute: 1, limit: 15 };
const MINUTE_MS = 60_000;
/** A response_url takes 5 posts within 30 minutes of the payload that carried it. */
const RESPONSE_URL = { posts: 5, ms: 30 * MINUTE_MS };

/** What a method needs, of the scopes the stand-in checks. */
const NEEDS: Record<string, (body: Record<string, unknown>, isPrivate: boolean) => string> = {
  'conversations.info': (_, isPrivate) => (isPrivate ? 'groups:read' : 'channels:read'),
  'conversations.history': (_, isPrivate) => (isPrivate ? 'groups:history' : 'channels:history'),
  'users.info': () => 'users:read',
  'chat.postMessage': () => 'chat:write',
};

export async function startSlackApi(): Promise<SlackApiStandIn> {
  const calls: SlackCall[] = [];
  const channels = new Map<string, { private?: boolean; member?: boolean }>();
  const scopes = new Set(MANIFEST_SCOPES);
  let marketplace = false;
  let now = Date.now;
  /** Each response_url issued: when, and how many posts it has taken. */
  const responseUrls = new Map<string, { issued: number; posts: number }>();
  /** Accepted calls per token and method in the last minute, oldest first: the tiers' windows. */
  const recent = new Map<string, number[]>();
  const users = new Map<string, SlackUser>();
  const limited = new Map<string, number>();
  const delays = new Map<string, number>();
  const waiters: (() => void)[] = [];
  const posted: PostedMessage[] = [];
  const refused = new Map<string, string>();
  const failing = new Map<string, { status: number; times: number }>();
  const lastPost = new Map<string, number>();
  const paceViolations: { channel: string; gapMs: number }[] = [];
  let postInterval = 1000;
  let lastTs = 0;
  const sharedFiles = new Map<string, { file: SlackFile; bytes: Buffer }>();
  const pendingUploads = new Map<string, { filename: string; length: number; bytes?: Buffer }>();
  const uploads: CompletedUpload[] = [];
  let fileSeq = 0;

  /** Status and body for one call, as Slack would answer it. */
  function answer(path: string, body: Record<string, unknown>, headers: IncomingHttpHeaders): [number, unknown] {
    if (path.startsWith('/response/')) {
      const url = responseUrls.get(path);
      if (url && now() - url.issued > RESPONSE_URL.ms) return [404, 'expired_url'];
      if (url && url.posts >= RESPONSE_URL.posts) return [404, 'used_url'];
      if (url) url.posts += 1;
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
    const channelId = String(body.channel ?? body.channel_id ?? '');
    const known = channels.get(channelId) ?? {};
    const isPrivate = known.private === true;
    const member = known.member !== false;
    const needed = NEEDS[method]?.(body, isPrivate);
    if (needed && !scopes.has(needed)) return [200, { ok: false, error: 'missing_scope', needed, provided: [...scopes].join(',') }];
    // A private channel the bot is not in does not exist, as far as the bot can tell.
    if (channelId && isPrivate && !member && ['chat.postMessage', 'conversations.info', 'conversations.history', 'chat.update'].includes(method)) {
      return [200, { ok: false, error: 'channel_not_found' }];
    }
    switch (method) {
      case 'conversations.info': {
        if (!channelId) return [200, { ok: false, error: 'channel_not_found' }];
        return [200, { ok: true, channel: { id: channelId, is_channel: !isPrivate, is_group: isPrivate, is_private: isPrivate, is_member: member, is_archived: false } }];
      }
      case 'auth.test':
        return [200, { ok: true, url: 'https://example.slack.com/', team: 'Example', user: 'sanctions-bot', team_id: 'T0TEST', user_id: 'U0BOT', bot_id: 'B0BOT' }];
      case 'users.info': {
        const user = users.get(String(body.user));
        return user ? [200, { ok: true, user: { id: body.user, team_id: 'T0TEST', ...user } }] : [200, { ok: false, error: 'user_not_found' }];
      }
      case 'chat.postMessage': {
        const channel = String(body.channel ?? '');
        if (!channel) return [200, { ok: false, error: 'channel_not_found' }];
        const refusal = refused.get(channel);
        if (refusal) return [200, { ok: false, error: refusal }];
        if (!member && !scopes.has('chat:write.public')) return [200, { ok: false, error: 'not_in_channel' }];
        const problems = messageProblems(body);
        if (problems.length) return [200, { ok: false, error: 'invalid_blocks', errors: problems }];
        if (blockTextTotal(body.blocks) > MAX_BLOCK_TEXT) return [200, { ok: false, error: 'msg_blocks_too_long' }];
        const ts = nextTs();
        // The pace counts messages posted: a refused one posted nothing.
        lastPost.set(channel, now());
        const thread_ts = body.thread_ts ? String(body.thread_ts) : undefined;
        posted.push({ channel, ts, thread_ts, text: String(body.text ?? ''), blocks: body.blocks, metadata: body.metadata as PostedMessage['metadata'] });
        return [200, { ok: true, channel, ts }];
      }
      case 'chat.update': {
        const message = posted.find((m) => m.channel === String(body.channel) && m.ts === String(body.ts));
        if (!message) return [200, { ok: false, error: 'message_not_found' }];
        const problems = messageProblems(body);
        if (problems.length) return [200, { ok: false, error: 'invalid_blocks', errors: problems }];
        if (blockTextTotal(body.blocks) > MAX_BLOCK_TEXT) return [200, { ok: false, error: 'msg_blocks_too_long' }];
        message.text = String(body.text ?? '');
        message.blocks = body.blocks;
        return [200, { ok: true, channel: message.channel, ts: message.ts, text: message.text }];
      }
      case 'files.info': {
        const shared = sharedFiles.get(String(body.file));
        return shared ? [200, { ok: true, file: shared.file }] : [200, { ok: false, error: 'file_not_found' }];
      }
      case 'files.getUploadURLExternal': {
        const length = Number(body.length);
        if (!body.filename || !Number.isInteger(length) || length <= 0) return [200, { ok: false, error: 'invalid_arguments' }];
        const id = `F0UPLOAD${++fileSeq}`;
        pendingUploads.set(id, { filename: String(body.filename), length });
        return [200, { ok: true, upload_url: `${base}/upload/v1/${id}`, file_id: id }];
      }
      case 'files.completeUploadExternal': {
        const list = Array.isArray(body.files) ? (body.files as { id?: unknown; title?: unknown }[]) : [];
        const channel = body.channel_id === undefined ? undefined : String(body.channel_id);
        // A thread reply needs the one channel the thread is in.
        if (!list.length || (body.thread_ts !== undefined && !channel)) return [200, { ok: false, error: 'invalid_arguments' }];
        const refusal = channel && refused.get(channel);
        if (refusal) return [200, { ok: false, error: refusal }];
        const done = list.map((f) => ({ id: String(f.id), title: f.title === undefined ? undefined : String(f.title), upload: pendingUploads.get(String(f.id)) }));
        // Only a file whose bytes reached its upload URL can be completed.
        if (done.some((d) => !d.upload?.bytes)) return [200, { ok: false, error: 'file_not_found' }];
        for (const d of done) pendingUploads.delete(d.id);
        uploads.push({
          channel_id: channel,
          thread_ts: body.thread_ts === undefined ? undefined : String(body.thread_ts),
          initial_comment: body.initial_comment === undefined ? undefined : String(body.initial_comment),
          files: done.map((d) => ({ id: d.id, title: d.title, name: d.upload!.filename, bytes: d.upload!.bytes! })),
        });
        return [200, { ok: true, files: done.map((d) => ({ id: d.id, title: d.title ?? d.upload!.filename })) }];
      }
      case 'conversations.history': {
        const channel = String(body.channel ?? '');
        if (refused.has(channel)) return [200, { ok: false, error: refused.get(channel) }];
        // Posting uninvited with chat:write.public does not let the bot read the channel.
        if (!member) return [200, { ok: false, error: 'not_in_channel' }];
        const oldest = Number(body.oldest ?? 0);
        const withMetadata = String(body.include_all_metadata) === 'true';
        const messages = posted
          .filter((m) => m.channel === channel && Number(m.ts) > oldest)
          .reverse()
          .slice(0, Math.min(Number(body.limit ?? 100), marketplace ? Infinity : NON_MARKETPLACE_HISTORY.limit))
          .map(({ channel: _, metadata, ...m }) => ({ type: 'message', ...m, ...(withMetadata && metadata ? { metadata } : {}) }));
        return [200, { ok: true, messages, has_more: false }];
      }
      default:
        return [200, { ok: false, error: 'unknown_method' }];
    }
  }

  /** Unique, increasing message timestamps, as Slack's are within a channel. */
  function nextTs(): string {
    lastTs = Math.max(lastTs + 1, now() * 1000);
    return (lastTs / 1e6).toFixed(6);
  }

  /** Calls a minute `method` takes from one app in one workspace, if it has a tier. */
  function perMinute(method: string): number | undefined {
    if (method === 'conversations.history' && !marketplace) return NON_MARKETPLACE_HISTORY.perMinute;
    const tier = METHOD_TIERS[method];
    return tier && TIER_PER_MINUTE[tier];
  }

  /**
   * Seconds to wait, as Slack's Retry-After says, when a call goes over a limit: the next `rateLimit` ones to a path, its
   * method's tier, or a post too soon after the channel's last; undefined when it is within them.
   */
  function overLimit(path: string, body: Record<string, unknown>, token: string): number | undefined {
    const left = limited.get(path) ?? 0;
    if (left > 0) {
      limited.set(path, left - 1);
      return 1;
    }
    const method = path.slice('/api/'.length);
    const allowed = path.startsWith('/api/') ? perMinute(method) : undefined;
    if (allowed !== undefined) {
      const key = `${token} ${method}`;
      const calls = (recent.get(key) ?? []).filter((t) => t > now() - MINUTE_MS);
      recent.set(key, calls);
      if (calls.length >= allowed) return Math.max(1, Math.ceil((calls[0]! + MINUTE_MS - now()) / 1000));
      calls.push(now());
    }
    if (path !== '/api/chat.postMessage' || !postInterval) return undefined;
    const channel = String(body.channel);
    const gapMs = now() - (lastPost.get(channel) ?? -Infinity);
    if (gapMs < postInterval) {
      paceViolations.push({ channel, gapMs });
      return 1;
    }
    return undefined;
  }

  /** Status and body, as Slack would answer after doing (or refusing) what was asked. */
  function respond(path: string, body: Record<string, unknown>, headers: IncomingHttpHeaders): [number, unknown, Record<string, string>?] {
    const token = /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1] ?? String(body.token ?? '');
    const wait = overLimit(path, body, token);
    if (wait !== undefined) return [429, path.startsWith('/api/') ? { ok: false, error: 'ratelimited' } : 'rate_limited', { 'retry-after': String(wait) }];
    const failure = failing.get(path);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return [failure.status, 'upstream failure'];
    }
    return answer(path, body, headers);
  }

  /** A user's file, to a request with a bot token; anyone else gets Slack's sign-in page. */
  function serveFile(req: IncomingMessage, res: ServerResponse, path: string): void {
    const shared = [...sharedFiles.values()].find((f) => f.file.url_private_download === `${base}${path}`);
    const token = /^Bearer (xoxb-\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const status = !shared ? 404 : !token || token.startsWith(REVOKED_TOKEN) ? 302 : 200;
    calls.push({ path, body: {}, headers: req.headers, status, accepted: status === 200, at: Date.now() });
    if (status === 404) return send(res, 404, 'file_not_found');
    if (status === 302) return void res.writeHead(302, { location: `${base}/signin?redir=${encodeURIComponent(path)}` }).end();
    res.writeHead(200, { 'content-type': String(shared!.file.mimetype), 'content-length': String(shared!.bytes.length) }).end(shared!.bytes);
  }

  /** The bytes for an upload URL: raw, or the file part of a multipart form, of the length announced. */
  async function receiveUpload(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let bytes = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(bytes, { headers: { 'content-type': type } }).formData();
      const part = [...form.values()].find((v): v is File => typeof v !== 'string');
      bytes = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    }
    const pending = pendingUploads.get(path.slice('/upload/v1/'.length));
    const status = !pending ? 404 : bytes.length !== pending.length ? 400 : 200;
    if (status === 200) pending!.bytes = bytes;
    calls.push({ path, body: { bytes: bytes.length }, headers: req.headers, status, accepted: status === 200, at: Date.now() });
    for (const wake of waiters.splice(0)) wake();
    send(res, status, status === 200 ? `OK - ${bytes.length}` : status === 404 ? 'upload_not_found' : 'length_mismatch');
  }

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'GET' && path.startsWith('/files-pri/')) return serveFile(req, res, path);
    if (path === '/signin') return send(res, 200, '<!DOCTYPE html><html><body>Sign in to Slack</body></html>', { 'content-type': 'text/html' });
    if (path.startsWith('/upload/v1/')) return receiveUpload(req, res, path);
    const body = await readBody(req);
    // Done first, answered after the delay: a slow answer to a message already posted, the worst case for a client that dies waiting.
    const [status, reply, headers] = respond(path, body, req.headers);
    const accepted = status === 200 && (typeof reply === 'string' || (reply as { ok: boolean }).ok);
    calls.push({ path, body, headers: req.headers, status, accepted, at: Date.now() });
    for (const wake of waiters.splice(0)) wake();
    await sleep(delays.get(path) ?? 0);
    send(res, status, reply, { ...(path.startsWith('/api/') ? { 'x-oauth-scopes': [...scopes].join(',') } : {}), ...headers });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const callsTo = (path: string) => calls.filter((c) => c.path === path);
  const stand: SlackApiStandIn = {
    apiUrl: `${base}/api/`,
    calls,
    users,
    posted,
    uploads,
    shareFile(file, options = {}) {
      const id = `F0SHARED${++fileSeq}`;
      const bytes = Buffer.from(file.bytes);
      const name = file.name;
      const full: SlackFile = {
        id,
        created: Math.floor(Date.now() / 1000),
        timestamp: Math.floor(Date.now() / 1000),
        name,
        title: name,
        mimetype: file.mimetype ?? 'text/csv',
        filetype: file.filetype ?? 'csv',
        pretty_type: (file.filetype ?? 'csv').toUpperCase(),
        user: file.user ?? 'UMEMBER1',
        user_team: 'T0TEST',
        editable: false,
        size: bytes.length,
        mode: 'hosted',
        is_external: false,
        external_type: '',
        is_public: true,
        public_url_shared: false,
        display_as_bot: false,
        username: '',
        url_private: `${base}/files-pri/T0TEST-${id}/${encodeURIComponent(name)}`,
        url_private_download: `${base}/files-pri/T0TEST-${id}/download/${encodeURIComponent(name)}`,
        permalink: `https://example.slack.com/files/UMEMBER1/${id}/${encodeURIComponent(name)}`,
        is_starred: false,
        has_rich_preview: false,
        file_access: 'visible',
      };
      sharedFiles.set(id, { file: full, bytes });
      return options.checkFileInfo ? { id, mode: 'hosted', file_access: 'check_file_info', created: full.created, timestamp: full.timestamp, user: full.user } : full;
    },
    paceViolations,
    setChannel: (channel, state) => void channels.set(channel, state),
    scopes,
    marketplaceApp: (approved) => void (marketplace = approved),
    clock: (clock) => void (now = clock),
    refuseChannel: (channel, error) => void refused.set(channel, error),
    fail: (path, status, times) => void failing.set(path, { status, times }),
    enforcePostInterval: (ms) => void (postInterval = ms),
    responseUrl(id) {
      responseUrls.set(`/response/${id}`, { issued: now(), posts: 0 });
      return `${base}/response/${id}`;
    },
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
