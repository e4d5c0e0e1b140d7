// A feed server on 127.0.0.1 for the feeds tests: real fixtures with ETag/Last-Modified and 304s, and every way a feed host misbehaves.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

export const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));

export interface FeedServer {
  /** http://127.0.0.1:<port><path> */
  url(path: string): string;
  /** Serves `body` at `path` from now on, with an ETag and a Last-Modified that change when it does. */
  put(path: string, body: string | Buffer, contentType?: string): void;
  /** Every request, in order. */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  /** Bytes of /huge written before the client hung up. */
  hugeBytesSent(): number;
  /** Holds each answer back by `delayOf(path)` ms, as a distant host's round trips would (default: none). */
  delay(delayOf: (path: string) => number): void;
  close(): Promise<void>;
}

/**
 * Routes: `/fixtures/<file>` (test/fixtures/feeds) and whatever `put` served, both conditional and
 * compressed as `?encoding=gzip|deflate|br` asks; `/status/<code>`; `/hang` (never answers);
 * `/hang-body` (headers and half a feed, then nothing); `/huge` (50 MB of feed, generated as it
 * streams); `/loop` (redirects to itself); `/redirect?to=<url>`; `/malformed` (broken XML).
 */
export async function startFeedServer(): Promise<FeedServer> {
  const served = new Map<string, { body: Buffer; contentType: string; etag: string; lastModified: string }>();
  const requests: FeedServer['requests'] = [];
  let hugeSent = 0;
  let delayOf = (_path: string) => 0;

  const put = (path: string, body: string | Buffer, contentType = 'application/xml') => {
    const bytes = Buffer.from(body);
    // Whole seconds, as HTTP dates go; a later put gets a later date, so If-Modified-Since sees the change.
    const previous = served.get(path);
    const seconds = Math.max(Math.floor(Date.now() / 1000), previous ? Date.parse(previous.lastModified) / 1000 + 1 : 0);
    const etag = `"${createHash('sha1').update(bytes).digest('hex')}"`;
    served.set(path, { body: bytes, contentType, etag, lastModified: new Date(seconds * 1000).toUTCString() });
  };

  const server = createServer((req, res) => {
    const ms = delayOf(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (ms > 0) setTimeout(() => answer(req, res), ms);
    else answer(req, res);
  });

  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, headers: req.headers });
    const fixtureName = /^\/fixtures\/([\w.-]+)$/.exec(url.pathname)?.[1];
    if (fixtureName && !served.has(url.pathname)) put(url.pathname, fixture(fixtureName));
    const entry = served.get(url.pathname);
    if (entry) {
      if (req.headers['if-none-match'] === entry.etag || req.headers['if-modified-since'] === entry.lastModified) {
        res.writeHead(304, { etag: entry.etag, 'last-modified': entry.lastModified }).end();
        return;
      }
      const encoding = url.searchParams.get('encoding');
      const body = encoding ? compress(entry.body, encoding) : entry.body;
      res.writeHead(200, { 'content-type': entry.contentType, etag: entry.etag, 'last-modified': entry.lastModified, ...(encoding && { 'content-encoding': encoding }) });
      res.end(body);
      return;
    }
    const status = /^\/status\/(\d{3})$/.exec(url.pathname)?.[1];
    if (status) return void res.writeHead(Number(status)).end();
    switch (url.pathname) {
      case '/hang':
        return;
      case '/hang-body':
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Half</title>');
        return;
      case '/huge':
        return streamHuge(res, (n) => (hugeSent = n));
      case '/loop':
        return void res.writeHead(302, { location: '/loop' }).end();
      case '/redirect':
        return void res.writeHead(302, { location: url.searchParams.get('to') ?? '/' }).end();
      case '/malformed':
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        return void res.end('<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>Unclosed</item></channel></rss>');
      default:
        res.writeHead(404).end();
    }
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    put,
    requests,
    hugeBytesSent: () => hugeSent,
    delay: (fn) => void (delayOf = fn),
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging responses never end on their own.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function compress(body: Buffer, encoding: string): Buffer {
  if (encoding === 'gzip') return gzipSync(body);
  if (encoding === 'deflate') return deflateSync(body);
  if (encoding === 'br') return brotliCompressSync(body);
  throw new Error(`unknown encoding ${encoding}`);
}

const HUGE_BYTES = 50 * 2 ** 20;

/** 50 MB of RSS items, written only as fast as the client reads. */
function streamHuge(res: ServerResponse, onProgress: (sent: number) => void): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml' });
  const item = Buffer.from(`<item><title>Filler</title><description>${'x'.repeat(4000)}</description></item>\n`);
  let sent = 0;
  const write = () => {
    while (sent < HUGE_BYTES) {
      sent += item.length;
      onProgress(sent);
      if (!res.write(item)) return void res.once('drain', write);
    }
    res.end('</channel></rss>');
  };
  res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>');
  res.on('close', () => res.removeAllListeners('drain'));
  write();
}
