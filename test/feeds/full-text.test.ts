// Reading teaser items in full: which items get their page, one fetch per story, politeness per host, the bounds, and the fallback to the item's own text. Real pages on 127.0.0.1, a real store.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pagesState } from '../../commands/feed-state.ts';
import { type Feed, FROM_CONFIG, type FeedItem } from '../../src/feeds/feed.ts';
import { parseFeedsFile } from '../../src/feeds/feeds-file.ts';
import { type FullTextOptions, articleTexts, itemText } from '../../src/feeds/full-text.ts';
import { feedSettings, fullTextModes } from '../../src/feeds/sources.ts';
import { anyAddress, publicAddressesOnly } from '../../src/feeds/ssrf.ts';
import type { Store } from '../../src/store/store.ts';
import { dialects } from '../helpers/databases.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';

const PAGE = readFileSync(new URL('../fixtures/pages/kremlin-talks.html', import.meta.url), 'utf8');
const BODY = 'President Vladimir Putin on Tuesday rejected a proposal';
const LONG = `${'The whole article is in the feed. '.repeat(40)}It names nobody.`;

let server: FeedServer;
let feedCount = 0;

beforeAll(async () => {
  server = await startFeedServer();
  for (const path of ['/story', '/a', '/b', '/c', '/d', '/long']) server.put(path, PAGE, 'text/html; charset=utf-8');
});
afterAll(() => server.close());

const item = (guid: string, link: string | null, summary = 'Read more.'): FeedItem => ({
  key: guid,
  title: 'Kremlin rejects talks',
  link,
  published: null,
  summary,
  content: '',
  feedTitle: 'World news',
});
const fetchesOf = (path: string) => server.requests.filter((r) => r.path === path).length;

describe.each(dialects.filter((d) => d.available))('article pages of feed items ($name)', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await dialect.fresh().open();
  });
  afterAll(async () => {
    await store.close();
    await dialect.cleanup();
  });

  const addFeed = async (): Promise<Feed> =>
    (await store.addFeed({ url: server.url(`/feed-${++feedCount}.xml`), title: null, addedBy: FROM_CONFIG, addedInChannel: FROM_CONFIG, createdAt: new Date().toISOString() })).feed;
  const storedFeed = async (id: number) => (await store.feeds()).find((f) => f.id === id)!;
  const reader = (options: Partial<FullTextOptions> = {}) => articleTexts({ store, guard: anyAddress, hostDelayMs: 0, ...options });

  it("reads a teaser's page (auto), not the page of an item that carries the whole article, and counts it for the feed", async () => {
    const feed = await addFeed();
    const before = { a: fetchesOf('/a'), long: fetchesOf('/long') };
    const items = [item('1', server.url('/a')), item('2', server.url('/long'), LONG), item('3', null)];
    const texts = await reader()(feed, items);
    expect(texts[0]).toContain(BODY);
    expect(texts[0]!.startsWith(`Kremlin rejects talks\n\nRead more.\n\nKremlin rejects new round of talks\n\n${BODY}`)).toBe(true);
    expect(texts[1]).toBe(itemText(items[1]!));
    expect(texts[2]).toBe(itemText(items[2]!));
    expect({ a: fetchesOf('/a') - before.a, long: fetchesOf('/long') - before.long }).toEqual({ a: 1, long: 0 });
    const stored = await storedFeed(feed.id);
    expect(stored).toMatchObject({ pagesRead: 1, pagesFailed: 0, lastPageError: null });
    expect(pagesState(stored, true)).toBe('article pages: 1 read, 0 failed');
  });

  it('falls back to the item on a 404, a timeout, a page too large, a refused address or a page that is no HTML, and says why in the status', async () => {
    const feed = await addFeed();
    server.put('/feed.xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', 'application/rss+xml');
    const failing = ['/status/404', '/hang', '/huge', '/feed.xml'].map((path, i) => item(`f${i}`, server.url(path)));
    const texts = await reader({ timeoutMs: 500, maxBytes: 64 * 1024 })(feed, failing);
    expect(texts).toEqual(failing.map(itemText));
    // The guard of a feed added from chat: the page on 127.0.0.1 is refused before any connection.
    const requests = server.requests.length;
    const refused = [item('r', server.url('/b'))];
    expect(await reader({ guard: publicAddressesOnly })(feed, refused)).toEqual(refused.map(itemText));
    expect(server.requests.length).toBe(requests);

    const stored = await storedFeed(feed.id);
    expect(stored).toMatchObject({ pagesRead: 0, pagesFailed: 5 });
    expect(stored.lastPageError).toBe(`refused: private address 127.0.0.1: ${server.url('/b')}`);
    expect(pagesState(stored, true)).toBe(`article pages: 0 read, 5 failed (last: refused: private address 127.0.0.1: ${server.url('/b')})`);
    // Who may not manage the channel sees the counts, not the bot's addresses.
    expect(pagesState(stored, false)).toBe('article pages: 0 read, 5 failed');
  });

  it('says which way each page failed', async () => {
    const feed = await addFeed();
    const read = reader({ timeoutMs: 500, maxBytes: 64 * 1024 });
    const reasons: string[] = [];
    for (const path of ['/status/404', '/hang', '/huge', '/feed.xml']) {
      await read(feed, [item(path, server.url(path))]);
      reasons.push((await storedFeed(feed.id)).lastPageError!.replace(/: http.*$/, ''));
    }
    expect(reasons).toEqual(['HTTP 404', 'timed out after 0.5 s', 'larger than 64 KB', 'not an HTML page (application/rss+xml)']);
  });

  it('fetches a story once however many feeds and polls carry it, by its canonical link', async () => {
    const [world, asia] = [await addFeed(), await addFeed()];
    const read = reader();
    const before = fetchesOf('/story');
    const [a, b] = await Promise.all([
      read(world, [item('w', server.url('/story?utm_source=world'))]),
      read(asia, [item('x', server.url('/story?utm_source=asia#top'))]),
    ]);
    const later = await read(asia, [item('y', server.url('/story'))]);
    expect([a[0], b[0], later[0]].every((text) => text!.includes(BODY))).toBe(true);
    expect(fetchesOf('/story') - before).toBe(1);
  });

  it('reads no page of a feed set to never, nor of any feed with FULL_TEXT=off; with always, even a long item is read', async () => {
    const feed = await addFeed();
    const requests = server.requests.length;
    const items = [item('n', server.url('/c')), item('l', server.url('/d'), LONG)];
    expect(await reader({ modes: new Map([[feed.url, 'never']]) })(feed, items)).toEqual(items.map(itemText));
    expect(await reader({ enabled: false })(feed, items)).toEqual(items.map(itemText));
    expect(server.requests.length).toBe(requests);
    const always = await reader({ modes: new Map([[feed.url, 'always']]) })(feed, items);
    expect(always.every((text) => text.includes(BODY))).toBe(true);
  });

  it('fetches at most pagesPerPoll pages for one poll, the first items first', async () => {
    const feed = await addFeed();
    const paths = ['/a?n=1', '/b?n=1', '/c?n=1', '/d?n=1'];
    const texts = await reader({ pagesPerPoll: 2 })(feed, paths.map((p, i) => item(`p${i}`, server.url(p))));
    expect(texts.map((t) => t.includes(BODY))).toEqual([true, true, false, false]);
    expect((await storedFeed(feed.id)).pagesRead).toBe(2);
  });
});

describe('fullText in feeds.yml', () => {
  it('reads auto, always or never per feed, refuses anything else, and never reads the demo feeds\' placeholder links', () => {
    const file = ['feeds:', '  - url: https://example.org/teasers.xml', '    fullText: always', '  - url: https://example.org/full.xml', '    interval: 10', '    fullText: never', '  - https://example.org/plain.xml'].join('\n');
    const sources = parseFeedsFile(file);
    expect(sources).toEqual([
      { url: 'https://example.org/teasers.xml', fullText: 'always' },
      { url: 'https://example.org/full.xml', intervalMinutes: 10, fullText: 'never' },
      { url: 'https://example.org/plain.xml' },
    ]);
    expect(fullTextModes({ origin: 'feeds.yml', addedBy: FROM_CONFIG, sources, allowPrivate: false })).toEqual(
      new Map([['https://example.org/teasers.xml', 'always'], ['https://example.org/full.xml', 'never']]),
    );
    expect(() => parseFeedsFile('feeds:\n  - url: https://example.org/a.xml\n    fullText: sometimes\n')).toThrow(/^feeds.yml line 2: fullText: /);
    const demo = feedSettings({}, { chatConfigured: false, root: mkdtempSync(join(tmpdir(), 'no-feeds-')) });
    expect([...fullTextModes(demo).values()]).toEqual(demo.sources.map(() => 'never'));
  });
});

describe('politeness to a host', () => {
  let host: Server;
  let inFlight = 0;
  let most = 0;
  const starts: { at: number; host: string }[] = [];
  beforeAll(async () => {
    host = createServer((req, res) => {
      starts.push({ at: performance.now(), host: req.headers.host ?? '' });
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      }, 30);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => host.close(() => resolve())));
  beforeEach(() => {
    most = 0;
    starts.length = 0;
  });

  const port = () => (host.address() as AddressInfo).port;
  const store = { countArticlePages: async () => {} };
  const feed = (id: number) => ({ id, url: `https://feeds.example/${id}` }) as Feed;
  // Every host name a stand-in for another site, all served here.
  const resolve = async () => [{ address: '127.0.0.1', family: 4 }];

  it('asks one host for one page at a time, starts spaced by the delay, whatever the feeds ask at once', async () => {
    const url = (path: string) => `http://127.0.0.1:${port()}${path}`;
    const read = articleTexts({ store, guard: anyAddress, hostDelayMs: 200 });
    const texts = await Promise.all([read(feed(1), [item('1', url('/1')), item('2', url('/2'))]), read(feed(2), [item('3', url('/3'))])]);
    expect(texts.flat().every((text) => text.includes(BODY))).toBe(true);
    expect(most).toBe(1);
    expect(starts).toHaveLength(3);
    // A lower bound only, with room for a connection set up faster than the one before: one after the other without the
    // delay, they would be the server's 30 ms apart.
    for (let i = 1; i < starts.length; i++) expect(starts[i]!.at - starts[i - 1]!.at).toBeGreaterThanOrEqual(150);
  });

  it('reads pages of several hosts side by side, no more than pagesAtOnce over all of them', async () => {
    const read = articleTexts({ store, guard: anyAddress, resolve, hostDelayMs: 0, pagesAtOnce: 2 });
    const url = (site: string, path: string) => `http://${site}.example:${port()}${path}`;
    const items = ['a', 'b', 'c'].flatMap((site) => [item(`${site}1`, url(site, '/1')), item(`${site}2`, url(site, '/2'))]);
    const texts = await read(feed(3), items);
    expect(texts.every((text) => text.includes(BODY))).toBe(true);
    expect(new Set(starts.map((s) => s.host)).size).toBe(3);
    expect(most).toBe(2);
  });
});
