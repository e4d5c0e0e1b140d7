// A stand-in for Discord's REST API on 127.0.0.1: records calls, refuses what Discord refuses (message, embed and command limits), can answer 429.
import { EventEmitter } from 'node:events';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A file part of a multipart request (`files[n]`), as Discord receives it. */
export interface UploadedFile {
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface Call {
  method: string;
  /** Without the `/api/v10` prefix, e.g. `/webhooks/{app}/{token}/messages/@original`. */
  path: string;
  /** The JSON body, or a multipart request's `payload_json`. */
  body: unknown;
  /** A multipart request's files. */
  files?: UploadedFile[];
  authorization?: string;
  status: number;
  at: number;
}

/** One refusal, at a dotted path into the payload as Discord reports it (`embeds.0.fields.3.value`). */
export interface Problem {
  path: string;
  code: string;
  message: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Discord's documented message and embed limits; UTF-16 units are counted, which is at least as strict as Discord. */
export function messageProblems(message: unknown, kind: 'create' | 'edit' = 'create', files = 0): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, code: string, msg: string) => problems.push({ path, code, message: msg });
  if (!isObject(message)) return [{ path: '', code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' }];
  const allowed = message.allowed_mentions;
  // Not a Discord rule but this project's: every message disables mentions.
  if (!isObject(allowed) || !Array.isArray(allowed.parse) || allowed.parse.length !== 0 || allowed.users || allowed.roles || allowed.replied_user) {
    add('allowed_mentions', 'PROJECT_MENTIONS_NOT_DISABLED', 'allowed_mentions must be { parse: [] }');
  }
  if (message.content !== undefined && text(message.content).length > 2000) add('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  // Visibility is fixed when a message is created; this stand-in holds edits to not trying to change it.
  if (kind === 'edit' && typeof message.flags === 'number' && message.flags & 64) add('flags', 'MESSAGE_FLAGS_INVALID', 'Cannot set EPHEMERAL on an edit.');
  const embeds = message.embeds === undefined ? [] : message.embeds;
  if (!Array.isArray(embeds)) return [...problems, { path: 'embeds', code: 'LIST_TYPE_CONVERT', message: 'Must be a list.' }];
  if (embeds.length > 10) add('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  embeds.forEach((embed: unknown, i) => {
    const at = `embeds.${i}`;
    if (!isObject(embed)) return add(at, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    const limit = (path: string, value: unknown, max: number) => {
      const s = text(value);
      total += s.length;
      if (s.length > max) add(`${at}.${path}`, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    };
    limit('title', embed.title, 256);
    limit('description', embed.description, 4096);
    if (isObject(embed.footer)) limit('footer.text', embed.footer.text, 2048);
    if (isObject(embed.author)) limit('author.name', embed.author.name, 256);
    if (embed.url !== undefined && !/^https?:\/\//.test(text(embed.url))) {
      add(`${at}.url`, 'URL_TYPE_INVALID_SCHEME', "Scheme must be one of ('http', 'https').");
    }
    const fields = Array.isArray(embed.fields) ? embed.fields : [];
    if (fields.length > 25) add(`${at}.fields`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    fields.forEach((field: unknown, j) => {
      const f = isObject(field) ? field : {};
      for (const [key, max] of [['name', 256], ['value', 1024]] as const) {
        if (!text(f[key])) add(`${at}.fields.${j}.${key}`, 'BASE_TYPE_REQUIRED', 'This field is required');
        limit(`fields.${j}.${key}`, f[key], max);
      }
    });
  });
  if (total > 6000) add('embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  // Action rows of buttons: at most 5 rows of 5; a label of at most 80 characters, a custom_id of 1 to 100.
  const rows = Array.isArray(message.components) ? message.components : [];
  if (rows.length > 5) add('components', 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  // Within one message every component's custom_id is unique.
  const ids = new Set<string>();
  rows.forEach((row: unknown, i) => {
    const buttons = isObject(row) && row.type === 1 && Array.isArray(row.components) ? row.components : null;
    if (!buttons || buttons.length < 1 || buttons.length > 5) return add(`components.${i}`, 'COMPONENT_INVALID', 'An action row holds 1 to 5 components.');
    buttons.forEach((button: unknown, j) => {
      const b = isObject(button) ? button : {};
      const at = `components.${i}.components.${j}`;
      if (b.type !== 2) add(`${at}.type`, 'COMPONENT_TYPE_INVALID', 'Only buttons are checked here.');
      if (text(b.label).length > 80) add(`${at}.label`, 'BASE_TYPE_MAX_LENGTH', 'Must be 80 or fewer in length.');
      const id = text(b.custom_id);
      if (id.length < 1 || id.length > 100) add(`${at}.custom_id`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      if (ids.has(id)) add(`${at}.custom_id`, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
      ids.add(id);
    });
  });
  if (kind === 'create' && !text(message.content) && embeds.length === 0 && files === 0) add('', 'EMPTY_MESSAGE', 'Cannot send an empty message');
  return problems;
}

/** Autocomplete results: at most 25 choices, names 1–100 characters, values up to 100. */
export function choiceProblems(data: unknown): Problem[] {
  const choices = isObject(data) && Array.isArray(data.choices) ? data.choices : undefined;
  if (!choices) return [{ path: 'data.choices', code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
  const problems: Problem[] = [];
  if (choices.length > 25) problems.push({ path: 'data.choices', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  choices.forEach((c: unknown, i) => {
    const choice = isObject(c) ? c : {};
    const name = text(choice.name);
    if (name.length < 1 || name.length > 100) problems.push({ path: `data.choices.${i}.name`, code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    if (String(choice.value ?? '').length > 100) problems.push({ path: `data.choices.${i}.value`, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' });
  });
  return problems;
}

const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;
const AUTOCOMPLETE_TYPES = new Set([3, 4, 10]);

/** Chat-input command definitions as Discord validates them on registration. */
export function commandProblems(commands: unknown): Problem[] {
  if (!Array.isArray(commands)) return [{ path: '', code: 'LIST_TYPE_CONVERT', message: 'Must be a list.' }];
  const problems: Problem[] = [];
  const add = (path: string, code: string, msg: string) => problems.push({ path, code, message: msg });
  if (commands.length > 100) add('', 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  const named = (path: string, item: Json) => {
    const name = text(item.name);
    if (!NAME.test(name) || name !== name.toLowerCase()) add(`${path}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    const description = text(item.description);
    if (description.length < 1 || description.length > 100) add(`${path}.description`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    return name.length + description.length;
  };
  const options = (path: string, list: unknown, nested: boolean): number => {
    if (list === undefined) return 0;
    if (!Array.isArray(list) || list.length > 25) {
      add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be a list of 25 or fewer.');
      return 0;
    }
    let chars = 0;
    let optionalSeen = false;
    const names = new Set<string>();
    list.forEach((o: unknown, i) => {
      const at = `${path}.${i}`;
      const option = isObject(o) ? o : {};
      chars += named(at, option);
      if (names.has(text(option.name))) add(`${at}.name`, 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
      names.add(text(option.name));
      const type = Number(option.type);
      if (type === SUBCOMMAND || type === SUBCOMMAND_GROUP) {
        if (nested) add(`${at}.type`, 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Subcommands cannot be nested here');
        chars += options(`${at}.options`, option.options, true);
        return;
      }
      if (option.required === true && optionalSeen) add(at, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
      if (option.required !== true) optionalSeen = true;
      if (option.autocomplete === true && (!AUTOCOMPLETE_TYPES.has(type) || option.choices !== undefined)) {
        add(`${at}.autocomplete`, 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete needs a string, integer or number option without choices');
      }
    });
    return chars;
  };
  const names = new Set<string>();
  commands.forEach((c: unknown, i) => {
    const command = isObject(c) ? c : {};
    if (names.has(text(command.name))) add(`${i}.name`, 'APPLICATION_COMMANDS_DUPLICATE_NAME', 'Application command names must be unique');
    names.add(text(command.name));
    const chars = named(`${i}`, command) + options(`${i}.options`, command.options, false);
    if (chars > 4000) add(`${i}`, 'APPLICATION_COMMAND_TOO_LARGE', 'Command exceeds maximum size (4000)');
    const perms = command.default_member_permissions;
    if (perms !== undefined && perms !== null && !(typeof perms === 'string' && /^\d+$/.test(perms))) {
      add(`${i}.default_member_permissions`, 'BASE_TYPE_BAD_TYPE', 'Must be a string of a permission bitfield');
    }
  });
  return problems;
}

/** Discord's 400 body: `errors` nested along each problem's path, `_errors` at the leaves. */
function formBodyError(problems: Problem[]): Json {
  const errors: Json = {};
  for (const p of problems) {
    let node = errors;
    for (const key of p.path ? p.path.split('.') : []) node = (node[key] ??= {}) as Json;
    ((node._errors ??= []) as unknown[]).push({ code: p.code, message: p.message });
  }
  return { code: 50035, message: 'Invalid Form Body', errors };
}

export interface DiscordStandIn {
  /** The `api` base for discord.js's REST client (it appends `/v10/...`). */
  url: string;
  calls: Call[];
  /** The next `count` requests are answered 429, asking to retry after `seconds`; for the bot's global limit when `global`. */
  rateLimitNext(count: number, seconds: number, global?: boolean): void;
  /** The next `count` requests are answered HTTP `status` (an outage). */
  failNext(count: number, status: number): void;
  /** Messages created in channels, oldest first (a repeated nonce creates none). */
  messages: ChannelMessage[];
  /** Posting to `channelId` is answered 404 Unknown Channel (deleted) or 403 Missing Access (the bot was removed). */
  removeChannel(channelId: string, status: 403 | 404): void;
  /**
   * Discord's per-channel pace: more than `max` messages to a channel within `perMs` is answered 429 and counted
   * in `paceViolations`. Default 5 in 5 s, the route's limit as Discord answers it.
   */
  enforceChannelPace(max: number, perMs: number): void;
  paceViolations: { channelId: string; at: number }[];
  /** What GET /gateway/bot answers: where the gateway is (a stand-in's URL), the shards Discord recommends, identifies per 5 s. */
  gatewayBot(url: string, shards: number, maxConcurrency?: number): void;
  /**
   * A file a user attached to a command option, served on the stand-in's CDN path as Discord serves it
   * (a signed URL); the attachment object as `data.resolved.attachments` carries it. `size` overrides
   * the size it declares.
   */
  attach(file: { filename: string; bytes: Uint8Array; contentType?: string; size?: number }, channelId?: string): Record<string, unknown> & { id: string };
  /**
   * The stand-in's clock (default Date.now), which a test moves on instead of waiting: an interaction's initial response
   * is refused (10062) past 3 s of its id's time, a webhook call with its token (50027) past 15 minutes; rate-limit windows.
   */
  clock(now: () => number): void;
  /** The first call (already made, or made within `timeoutMs`) that `match` accepts. */
  waitFor(match: (call: Call) => boolean, timeoutMs?: number): Promise<Call>;
  close(): Promise<void>;
}

export interface ChannelMessage {
  id: string;
  channelId: string;
  body: Json;
  at: number;
}

/** The channel a request posts a message to, if it does. */
function postedTo(method: string, path: string): string | undefined {
  return method === 'POST' ? /^\/channels\/(\d+)\/messages$/.exec(path)?.[1] : undefined;
}

interface Answer {
  status: number;
  body?: unknown;
}

let nextId = 1_200_000_000_000_000_000n;
const snowflake = () => String(nextId++);

/** Discord's attachment limit for a bot's message without server boosts. */
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Files sent with a message: parts named `files[n]`, each `attachments` entry naming one by its `n`. */
function attachmentProblems(message: unknown, files: UploadedFile[]): Problem[] {
  const problems: Problem[] = [];
  files.forEach((f, i) => {
    if (!/^files\[\d+\]$/.test(f.field)) problems.push({ path: `files.${i}`, code: 'BASE_TYPE_BAD_FIELD', message: `Unknown form field ${f.field}` });
  });
  const attachments = isObject(message) ? message.attachments : undefined;
  if (attachments === undefined) return problems;
  if (!Array.isArray(attachments)) return [...problems, { path: 'attachments', code: 'LIST_TYPE_CONVERT', message: 'Must be a list.' }];
  attachments.forEach((a: unknown, i) => {
    const id = isObject(a) ? a.id : undefined;
    if (!files.some((f) => f.field === `files[${String(id)}]`)) problems.push({ path: `attachments.${i}.id`, code: 'ATTACHMENT_NOT_FOUND', message: `No file files[${String(id)}] was sent.` });
  });
  return problems;
}

/** How long an interaction's token lets the app answer, edit and follow up: 15 minutes from the interaction. */
export const INTERACTION_TOKEN_MS = 15 * 60_000;
/** How long Discord waits for an interaction's initial response (the callback): later, it is an Unknown interaction. */
export const INITIAL_RESPONSE_MS = 3_000;
/** Requests a second a bot may make over every route (interaction webhooks aside): Discord's global limit. */
export const GLOBAL_PER_SECOND = 50;

/** The first second of 2015, from which Discord's snowflakes count milliseconds (in their top 42 bits). */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/** When Discord made the object `id` names. */
export const snowflakeTime = (id: string): number => Number((BigInt(id) >> 22n) + DISCORD_EPOCH);

/** The interaction an interaction token is for: Discord's tokens are base64 of `interaction:<id>:<secret>`. */
function tokenInteraction(token: string): string | undefined {
  return /^interaction:(\d{17,20}):/.exec(Buffer.from(token, 'base64url').toString('latin1'))?.[1];
}

function route(method: string, path: string, body: unknown, authorization: string | undefined, acknowledged: Set<string>, files: UploadedFile[] = []): Answer {
  let m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
  if (m && method === 'POST') {
    if (acknowledged.has(m[1]!)) return { status: 400, body: { code: 40060, message: 'Interaction has already been acknowledged.' } };
    const response = isObject(body) ? body : {};
    const problems =
      response.type === 4 ? messageProblems(response.data) : response.type === 8 ? choiceProblems(response.data) : [1, 5].includes(Number(response.type)) ? [] : [{ path: 'type', code: 'BASE_TYPE_CHOICES', message: 'Value must be one of {1, 4, 5, 8}.' }];
    if (problems.length) return { status: 400, body: formBodyError(problems) };
    acknowledged.add(m[1]!);
    return { status: 204 };
  }
  m = /^\/webhooks\/(\d+)\/([^/]+)(\/messages\/@original)?$/.exec(path);
  if (m && ((method === 'PATCH' && m[3]) || (method === 'POST' && !m[3]))) {
    if (files.some((f) => f.bytes.length > MAX_ATTACHMENT_BYTES)) return { status: 413, body: { code: 40005, message: 'Request entity too large' } };
    const problems = [...messageProblems(body, method === 'PATCH' ? 'edit' : 'create', files.length), ...attachmentProblems(body, files)];
    if (problems.length) return { status: 400, body: formBodyError(problems) };
    const attachments = files.map((f) => ({ id: snowflake(), filename: f.name, size: f.bytes.length, content_type: f.contentType }));
    return { status: 200, body: { id: snowflake(), type: 20, ...(body as Json), attachments, webhook_id: m[1], application_id: m[1] } };
  }
  m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
  if (m && method === 'PUT') {
    if (!authorization?.startsWith('Bot ')) return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    const problems = commandProblems(body);
    if (problems.length) return { status: 400, body: formBodyError(problems) };
    const registered = (body as Json[]).map((c) => ({ id: snowflake(), application_id: m![1], guild_id: m![2], version: snowflake(), ...c }));
    return { status: 200, body: registered };
  }
  return { status: 404, body: { message: '404: Not Found', code: 0 } };
}

/** A JSON body, or a multipart one (`payload_json` and `files[n]`, as messages with files are sent). */
async function readJson(req: IncomingMessage): Promise<{ body: unknown; files?: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(Buffer.concat(chunks), { headers: { 'content-type': type } }).formData();
    const files: UploadedFile[] = [];
    for (const [field, value] of form) {
      if (typeof value !== 'string') files.push({ field, name: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
    }
    const payload = form.get('payload_json');
    return { body: typeof payload === 'string' ? JSON.parse(payload) : undefined, files };
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  return { body: raw ? JSON.parse(raw) : undefined };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) return void res.writeHead(status, headers).end();
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

export async function startDiscordStandIn(): Promise<DiscordStandIn> {
  const calls: Call[] = [];
  const events = new EventEmitter();
  const acknowledged = new Set<string>();
  let limited = 0;
  let retryAfter = 0;
  let globalLimit = false;
  let failing = { count: 0, status: 500 };
  const messages: ChannelMessage[] = [];
  const removed = new Map<string, 403 | 404>();
  const recentPosts = new Map<string, number[]>();
  const paceViolations: { channelId: string; at: number }[] = [];
  let pace: { max: number; perMs: number } | undefined = { max: 5, perMs: 5000 };
  /** The bot token's requests in the last second, oldest first. */
  const globalWindow: number[] = [];
  let gateway: Json | undefined;
  const attachments = new Map<string, { bytes: Buffer; contentType: string }>();
  let origin = '';
  let now = Date.now;
  /** When each interaction token was first used: a token's interaction is not in the webhook route, so its first use dates it. */
  const tokenSeen = new Map<string, number>();

  /**
   * A call past an interaction's deadlines, answered as Discord answers it: the initial response (the callback) later than
   * 3 s after the interaction is 10062 Unknown interaction; a webhook call (edit, follow-up) later than 15 minutes is 50027.
   * The interaction's time is its id's (in the callback's path, and in the token); a token that names none is dated by its first use.
   */
  function pastDeadline(path: string): Answer | undefined {
    const callback = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(path);
    if (callback) return now() - snowflakeTime(callback[1]!) > INITIAL_RESPONSE_MS ? { status: 404, body: { message: 'Unknown interaction', code: 10062 } } : undefined;
    const m = /^\/webhooks\/\d+\/([^/]+)/.exec(path);
    if (!m) return undefined;
    const interaction = tokenInteraction(m[1]!);
    const first = interaction ? snowflakeTime(interaction) : (tokenSeen.get(m[1]!) ?? now());
    tokenSeen.set(m[1]!, first);
    return now() - first > INTERACTION_TOKEN_MS ? { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } } : undefined;
  }

  /**
   * Seconds to wait when a request goes over a limit: Discord's global one (50 a second for a bot's token; interaction
   * webhooks are not held to it) or a channel's message route; undefined within them.
   */
  function overLimit(method: string, path: string, authorization: string | undefined): { seconds: number; global: boolean } | undefined {
    if (authorization?.startsWith('Bot ')) {
      const second = globalWindow.filter((t) => t > now() - 1000);
      globalWindow.splice(0, globalWindow.length, ...second);
      if (second.length >= GLOBAL_PER_SECOND) return { seconds: (second[0]! + 1000 - now()) / 1000, global: true };
      globalWindow.push(now());
    }
    const channelId = postedTo(method, path);
    if (!pace || !channelId) return undefined;
    const recent = (recentPosts.get(channelId) ?? []).filter((t) => t > now() - pace!.perMs);
    recentPosts.set(channelId, recent);
    if (recent.length >= pace.max) {
      paceViolations.push({ channelId, at: now() });
      return { seconds: (recent[0]! + pace.perMs - now()) / 1000, global: false };
    }
    recent.push(now());
    return undefined;
  }

  /** A file on the CDN: served to whoever has its (signed) URL, as Discord's CDN does. */
  function serveAttachment(res: ServerResponse, url: URL): void {
    const file = attachments.get(url.pathname);
    const signed = url.searchParams.has('ex') && url.searchParams.has('is') && url.searchParams.has('hm');
    const status = file && signed ? 200 : 404;
    const call: Call = { method: 'GET', path: url.pathname, body: undefined, status, at: Date.now() };
    calls.push(call);
    events.emit('call', call);
    if (status !== 200) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
    res.writeHead(200, { 'content-type': file!.contentType, 'content-length': String(file!.bytes.length) }).end(file!.bytes);
  }

  /** POST /channels/{id}/messages, as Discord answers it; undefined for other routes. */
  function channelMessage(method: string, path: string, body: unknown): Answer | undefined {
    const channelId = postedTo(method, path);
    if (!channelId) return undefined;
    const gone = removed.get(channelId);
    if (gone === 404) return { status: 404, body: { message: 'Unknown Channel', code: 10003 } };
    if (gone === 403) return { status: 403, body: { message: 'Missing Access', code: 50001 } };
    const problems = messageProblems(body);
    if (problems.length) return { status: 400, body: formBodyError(problems) };
    const message = body as Json;
    // enforce_nonce: a second message with the same nonce is not created; the first comes back.
    const twin = message.enforce_nonce === true && messages.find((m) => m.channelId === channelId && m.body.nonce === message.nonce);
    if (twin) return { status: 200, body: { id: twin.id, channel_id: channelId, ...twin.body } };
    const created = { id: snowflake(), channelId, body: message, at: Date.now() };
    messages.push(created);
    return { status: 200, body: { id: created.id, channel_id: channelId, ...message } };
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10(?=\/)/, '');
    if (req.method === 'GET' && url.pathname.startsWith('/attachments/')) return serveAttachment(res, url);
    let body: unknown;
    let files: UploadedFile[] | undefined;
    try {
      ({ body, files } = await readJson(req));
    } catch {
      return send(res, 400, { code: 50109, message: 'The request body contains invalid JSON.' });
    }
    const call: Call = { method: req.method ?? '', path, body, ...(files ? { files } : {}), authorization: req.headers.authorization, status: 0, at: Date.now() };
    let answer: Answer;
    let headers: Record<string, string> = {};
    const over = !url.pathname.startsWith('/api/v10/') ? undefined : limited > 0 ? { seconds: retryAfter, global: globalLimit } : overLimit(call.method, path, call.authorization);
    if (limited > 0 && over) limited -= 1;
    if (!url.pathname.startsWith('/api/v10/')) answer = { status: 404, body: { message: '404: Not Found', code: 0 } };
    else if (over) {
      const { seconds, global } = over;
      answer = { status: 429, body: { message: 'You are being rate limited.', retry_after: seconds, global } };
      headers = { 'retry-after': String(Math.ceil(seconds)), 'x-ratelimit-scope': global ? 'global' : 'user', ...(global ? { 'x-ratelimit-global': 'true' } : {}) };
    } else if (failing.count > 0) {
      failing.count -= 1;
      answer = { status: failing.status, body: { message: `${failing.status}: Server Error`, code: 0 } };
    } else if (call.method === 'GET' && path === '/gateway/bot' && gateway) {
      answer = call.authorization?.startsWith('Bot ') ? { status: 200, body: gateway } : { status: 401, body: { message: '401: Unauthorized', code: 0 } };
    } else answer = pastDeadline(path) ?? channelMessage(call.method, path, body) ?? route(call.method, path, body, call.authorization, acknowledged, files);
    call.status = answer.status;
    calls.push(call);
    events.emit('call', call);
    send(res, answer.status, answer.body, headers);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/api`,
    attach(file, channelId = '1187465309222222222') {
      const id = snowflake();
      const path = `/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`;
      const contentType = file.contentType ?? 'text/csv; charset=utf-8';
      attachments.set(path, { bytes: Buffer.from(file.bytes), contentType });
      const expires = Math.floor(Date.now() / 1000) + 86_400;
      const url = `${origin}${path}?ex=${expires.toString(16)}&is=${(expires - 86_400).toString(16)}&hm=${id.slice(-12)}&`;
      return {
        id,
        filename: file.filename,
        size: file.size ?? file.bytes.length,
        url,
        proxy_url: url,
        content_type: contentType,
        ephemeral: true,
      };
    },
    calls,
    clock(clock) {
      now = clock;
    },
    rateLimitNext(count, seconds, global = false) {
      limited = count;
      retryAfter = seconds;
      globalLimit = global;
    },
    failNext(count, status) {
      failing = { count, status };
    },
    messages,
    removeChannel: (channelId, status) => void removed.set(channelId, status),
    enforceChannelPace(max, perMs) {
      pace = { max, perMs };
    },
    paceViolations,
    gatewayBot(url, shards, maxConcurrency = 1) {
      gateway = { url, shards, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: maxConcurrency } };
    },
    waitFor(match, timeoutMs = 5_000) {
      const found = calls.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('call', listener);
          reject(new Error(`no matching call to the Discord stand-in within ${timeoutMs} ms; calls: ${JSON.stringify(calls.map((c) => `${c.method} ${c.path} ${c.status}`))}`));
        }, timeoutMs);
        const listener = (call: Call) => {
          if (!match(call)) return;
          clearTimeout(timer);
          events.off('call', listener);
          resolve(call);
        };
        events.on('call', listener);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
