// Fetching from a real HTTP server on 127.0.0.1: conditional GET, errors, deadlines, the size cap, redirects, compression.
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed, type FetchOptions, type FetchResult, type Validators } from '../../src/feeds/fetch.ts';
import { anyAddress } from '../../src/feeds/ssrf.ts';
import { type FeedServer, fixture, startFeedServer } from '../helpers/feed-server.ts';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

const NONE: Validators = { etag: null, lastModified: null };
// A deadline no request of a test reaches on a busy machine, unless the test is about the deadline (a server that never answers).
const OPTIONS: FetchOptions = { guard: anyAddress, timeoutMs: 30_000 };
const get = (path: string, options: Partial<FetchOptions> = {}, previous = NONE) => fetchFeed(server.url(path), previous, { ...OPTIONS, ...options });
const ok = (result: FetchResult) => {
  if (result.kind !== 'ok') throw new Error(`expected a body, got ${result.kind}`);
  return result;
};

async function elapsed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run().catch(() => undefined);
  return performance.now() - started;
}

describe('fetchFeed', () => {
  it('names the bot in its User-Agent, and costs a 304 when the feed has not changed', async () => {
    const first = ok(await get('/fixtures/guardian.rss'));
    expect(first.body.equals(fixture('guardian.rss'))).toBe(true);
    expect(first).toMatchObject({ contentType: 'application/xml', finalUrl: server.url('/fixtures/guardian.rss') });
    expect(server.requests.at(-1)!.headers['user-agent']).toMatch(/^sanctions-bot\/\d+\.\d+\.\d+ /);
    expect(server.requests.at(-1)!.headers['accept-encoding']).toBe('gzip, deflate, br');

    expect(await get('/fixtures/guardian.rss', {}, { etag: first.etag, lastModified: null })).toEqual({ kind: 'not-modified' });
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe(first.etag);
    expect(await get('/fixtures/guardian.rss', {}, { etag: null, lastModified: first.lastModified })).toEqual({ kind: 'not-modified' });
    expect(server.requests.at(-1)!.headers['if-modified-since']).toBe(first.lastModified);

    server.put('/fixtures/guardian.rss', fixture('heise.atom'));
    const changed = ok(await get('/fixtures/guardian.rss', {}, { etag: first.etag, lastModified: first.lastModified }));
    expect(changed.etag).not.toBe(first.etag);
  });

  it('reports an HTTP error by its status', async () => {
    await expect(get('/status/500')).rejects.toThrow(/^HTTP 500$/);
    await expect(get('/status/404')).rejects.toThrow(/^HTTP 404$/);
  });

  it('gives up on a server that never answers, at the deadline', async () => {
    let error: unknown;
    const ms = await elapsed(() => get('/hang', { timeoutMs: 300 }).catch((e) => (error = e)));
    expect(String(error)).toBe('FeedError: timed out after 0.3 s');
    // Not before it: the server never answers, so only the deadline can end it (the message says so), however late a busy machine runs it.
    expect(ms).toBeGreaterThanOrEqual(290);
  });

  it('gives up on a body that stops half-way, at the same deadline', async () => {
    await expect(get('/hang-body', { timeoutMs: 300 })).rejects.toThrow('timed out after 0.3 s');
  });

  it('drops a 50 MB body as soon as it passes the cap, without reading the rest', async () => {
    // The cap, not the clock, ended it: the error says so.
    await expect(get('/huge')).rejects.toThrow(/^larger than 5 MB$/);
    // The connection closed long before the server could write it all.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.hugeBytesSent()).toBeLessThan(20 * 2 ** 20);
    server.put('/guardian', fixture('guardian.rss'));
    await expect(get('/guardian', { maxBytes: 64 * 1024 })).rejects.toThrow(/^larger than 64 KB$/);
  });

  it('follows redirects, re-checked and counted, and says where it ended', async () => {
    const result = ok(await get(`/redirect?to=${encodeURIComponent('/fixtures/heise.atom')}`));
    expect(result.finalUrl).toBe(server.url('/fixtures/heise.atom'));
    const before = server.requests.length;
    await expect(get('/loop', { maxRedirects: 3 })).rejects.toThrow(/^too many redirects$/);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/loop', '/loop', '/loop', '/loop']);
  });

  it.each(['gzip', 'deflate', 'br'])('decodes a %s body', async (encoding) => {
    const result = ok(await get(`/fixtures/rss-1.rss?encoding=${encoding}`));
    expect(result.body.equals(fixture('rss-1.rss'))).toBe(true);
  });

  it('counts the cap on the decoded body: a small compressed bomb is still refused', async () => {
    server.put('/bomb', Buffer.alloc(8 * 2 ** 20, 0x20));
    await expect(get('/bomb?encoding=gzip')).rejects.toThrow(/^larger than 5 MB$/);
  });

  it('says when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    await expect(fetchFeed(`http://127.0.0.1:${port}/feed`, NONE, OPTIONS)).rejects.toThrow(/^connection refused$/);
    await expect(fetchFeed('not a url', NONE, OPTIONS)).rejects.toThrow(/^not a URL: not a url$/);
  });
});
