// Fetches a feed politely and defensively: conditional GET, a User-Agent, one deadline, a size cap, guarded redirects, gzip/deflate/br.
import { readFileSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { sep } from 'node:path';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createBrotliDecompress, createUnzip } from 'node:zlib';
import { projectFile } from '../project-files.ts';
import { FeedError } from './feed.ts';
import { type AddressGuard, type HostResolver, checkedAddress, pinnedLookup, systemResolver } from './ssrf.ts';

export interface FetchOptions {
  /** Which addresses the feed may reach, checked on every hop. */
  guard: AddressGuard;
  /** For the whole fetch: every redirect, and the body to its last byte. */
  timeoutMs?: number;
  /** Of the decoded body: a feed larger than this is abandoned as soon as it is. */
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** The Accept header; default: feed formats first. */
  accept?: string;
  resolve?: HostResolver;
  /** file: URLs are read only inside this directory (the bundled demo feeds); never set for feeds added from chat. */
  fileRoot?: string;
}

const FETCH_DEFAULTS = { timeoutMs: 15_000, maxBytes: 5 * 2 ** 20, maxRedirects: 5 };

/** The validators of the copy the bot has, sent back so an unchanged feed costs a 304. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchResult =
  | { kind: 'not-modified' }
  | { kind: 'ok'; body: Buffer; contentType: string | null; etag: string | null; lastModified: string | null; finalUrl: string };

const pkg = JSON.parse(readFileSync(projectFile('package.json'), 'utf8')) as { name: string; version: string; homepage?: string };
export const USER_AGENT = `${pkg.name}/${pkg.version} (feed poller${pkg.homepage ? `; +${pkg.homepage}` : ''})`;

const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

type Limits = Required<Omit<FetchOptions, 'fileRoot'>> & Pick<FetchOptions, 'fileRoot'>;

export async function fetchFeed(url: string, previous: Validators, options: FetchOptions): Promise<FetchResult> {
  const limits: Limits = {
    ...options,
    timeoutMs: options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs,
    maxBytes: options.maxBytes ?? FETCH_DEFAULTS.maxBytes,
    maxRedirects: options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects,
    userAgent: options.userAgent ?? USER_AGENT,
    accept: options.accept ?? ACCEPT,
    resolve: options.resolve ?? systemResolver,
  };
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new FeedError(`not a URL: ${url}`);
  }
  if (target.protocol === 'file:') return readFileFeed(target, previous, limits);

  const deadline = AbortSignal.timeout(limits.timeoutMs);
  try {
    // The race covers what takes no signal (a DNS lookup that hangs); the signal tears the sockets down.
    return await Promise.race([fetchHttp(target, previous, limits, deadline), rejectOnAbort(deadline)]);
  } catch (err) {
    if (deadline.aborted) throw new FeedError(`timed out after ${limits.timeoutMs / 1000} s`);
    throw asFeedError(err);
  }
}

async function fetchHttp(url: URL, previous: Validators, limits: Limits, signal: AbortSignal): Promise<FetchResult> {
  let target = url;
  for (let hop = 0; ; hop++) {
    const address = await checkedAddress(target, limits.guard, limits.resolve);
    const response = await send(target, requestHeaders(previous, limits.userAgent, limits.accept), pinnedLookup(address), signal);
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) response.destroy();
    if (REDIRECTS.has(status)) {
      const location = response.headers.location;
      if (!location) throw new FeedError(`HTTP ${status} without a Location`);
      if (hop >= limits.maxRedirects) throw new FeedError('too many redirects');
      target = new URL(location, target);
      continue;
    }
    if (status === 304) return { kind: 'not-modified' };
    if (status < 200 || status >= 300) throw new FeedError(`HTTP ${status}`);
    return {
      kind: 'ok',
      body: await readBody(response, limits.maxBytes, signal),
      contentType: response.headers['content-type'] ?? null,
      etag: header(response.headers.etag),
      lastModified: header(response.headers['last-modified']),
      finalUrl: target.href,
    };
  }
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

function requestHeaders(previous: Validators, userAgent: string, accept: string): http.OutgoingHttpHeaders {
  return {
    'user-agent': userAgent,
    accept,
    'accept-encoding': 'gzip, deflate, br',
    ...(previous.etag && { 'if-none-match': previous.etag }),
    ...(previous.lastModified && { 'if-modified-since': previous.lastModified }),
  };
}

function send(url: URL, headers: http.OutgoingHttpHeaders, lookup: http.RequestOptions['lookup'], signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    // agent: false, so that no pooled socket, connected to some earlier address, is reused.
    const request = transport.request(url, { headers, lookup, signal, agent: false }, resolve);
    request.on('error', reject);
    request.end();
  });
}

/** The decoded body, counted as it streams: past maxBytes the connection is dropped, never buffered. */
async function readBody(response: http.IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const decoder = decoderFor(response.headers['content-encoding']);
  const declared = Number(response.headers['content-length']);
  if (!decoder && declared > maxBytes) {
    response.destroy();
    throw tooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
    }
  };
  try {
    await (decoder ? pipeline(response, decoder, collect, { signal }) : pipeline(response, collect, { signal }));
  } catch (err) {
    // Torn down mid-stream, the decompressor reports its own abort rather than the reason for it.
    throw size > maxBytes ? tooLarge(maxBytes) : err;
  }
  return Buffer.concat(chunks);
}

function decoderFor(encoding: string | undefined): Transform | null {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case '':
    case 'identity':
      return null;
    // Unzip reads both gzip and zlib-wrapped deflate, whichever the server actually sent.
    case 'gzip':
    case 'x-gzip':
    case 'deflate':
      return createUnzip();
    case 'br':
      return createBrotliDecompress();
    default:
      throw new FeedError(`unsupported Content-Encoding ${encoding}`);
  }
}

/** A bundled demo feed, read from disk; its modification time serves as Last-Modified. */
async function readFileFeed(url: URL, previous: Validators, limits: Limits): Promise<FetchResult> {
  const path = fileURLToPath(url);
  const refused = new FeedError('refused: file URLs are read only for the bundled demo feeds');
  if (!limits.fileRoot) throw refused;
  try {
    const [real, root] = await Promise.all([realpath(path), realpath(limits.fileRoot)]);
    if (!real.startsWith(root + sep)) throw refused;
    const info = await stat(real);
    if (info.size > limits.maxBytes) throw tooLarge(limits.maxBytes);
    const lastModified = info.mtime.toUTCString();
    if (previous.lastModified === lastModified) return { kind: 'not-modified' };
    return { kind: 'ok', body: await readFile(real), contentType: null, etag: null, lastModified, finalUrl: url.href };
  } catch (err) {
    throw asFeedError(err);
  }
}

function header(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

function tooLarge(maxBytes: number): FeedError {
  const size = maxBytes >= 2 ** 20 ? `${+(maxBytes / 2 ** 20).toFixed(1)} MB` : `${+(maxBytes / 1024).toFixed(1)} KB`;
  return new FeedError(`larger than ${size}`);
}

/** A reason a user can read, from whatever the network or the file system threw. */
function asFeedError(err: unknown): FeedError {
  if (err instanceof FeedError) return err;
  const { code = '', message = String(err) } = err as NodeJS.ErrnoException;
  if (code === 'ECONNREFUSED') return new FeedError('connection refused');
  if (code === 'ECONNRESET' || code === 'EPIPE') return new FeedError('connection reset');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new FeedError('host not found');
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new FeedError('host unreachable');
  if (code === 'ENOENT') return new FeedError('file not found');
  if (code.startsWith('Z_')) return new FeedError('body is not validly compressed');
  if (code.startsWith('HPE_')) return new FeedError('not a valid HTTP response');
  if (/CERT|TLS|SSL/.test(code)) return new FeedError(`TLS certificate problem (${code})`);
  return new FeedError(code || message);
}
