// The configured feeds: FEEDS, feeds.yml, the defaults, the bundled demo (read from disk, alerting on its first poll), and syncing them into the store.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FROM_CONFIG, FROM_DEMO } from '../../src/feeds/feed.ts';
import { parseFeedsFile } from '../../src/feeds/feeds-file.ts';
import { fetchFeed } from '../../src/feeds/fetch.ts';
import { pollDueFeeds } from '../../src/feeds/poller.ts';
import { DEFAULT_FEEDS, DEMO_DIR, feedSettings, fetchOptionsFor, pollIntervals, syncConfiguredFeeds } from '../../src/feeds/sources.ts';
import { anyAddress, publicAddressesOnly } from '../../src/feeds/ssrf.ts';
import { sqlite } from '../helpers/databases.ts';

const dir = mkdtempSync(join(tmpdir(), 'feeds-config-'));
const emptyRoot = join(dir, 'empty');
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await sqlite.cleanup();
});

function rootWith(yml: string): string {
  const root = mkdtempSync(join(dir, 'root-'));
  writeFileSync(join(root, 'feeds.yml'), yml);
  return root;
}

describe('parseFeedsFile', () => {
  it('reads the list format, with intervals, bare URLs, quotes and comments', () => {
    const yml = [
      '# feeds the bot polls',
      'feeds:',
      '  - url: https://ofac.treasury.gov/system/files/126/ofac.xml',
      '    interval: 15   # minutes',
      '  - url: "https://www.state.gov/rss-feed/press-releases/feed/"',
      '  - https://example.org/feed.xml#fragment',
      '',
    ].join('\n');
    expect(parseFeedsFile(yml)).toEqual([
      { url: 'https://ofac.treasury.gov/system/files/126/ofac.xml', intervalMinutes: 15 },
      { url: 'https://www.state.gov/rss-feed/press-releases/feed/' },
      { url: 'https://example.org/feed.xml#fragment' },
    ]);
  });

  it('reads the same as JSON', () => {
    expect(parseFeedsFile('{"feeds": [{"url": "https://example.org/a", "interval": 10}, "https://example.org/b"]}')).toEqual([
      { url: 'https://example.org/a', intervalMinutes: 10 },
      { url: 'https://example.org/b' },
    ]);
  });

  it('names the line and the problem', () => {
    expect(() => parseFeedsFile('feeds:\n  - url: ftp://example.org/feed\n')).toThrow('feeds.yml line 2: url: expected an http or https URL');
    expect(() => parseFeedsFile('feeds:\n  - url: https://example.org/a\n    interval: often\n')).toThrow(/^feeds.yml line 2: interval: /);
    expect(() => parseFeedsFile('feeds:\n  - url: https://example.org/a\n    colour: red\n')).toThrow(/^feeds.yml line 2: .*colour/);
    expect(() => parseFeedsFile('feeds:\nurl https://example.org\n')).toThrow(/^feeds.yml line 2: expected/);
    expect(() => parseFeedsFile('[1, 2')).toThrow(/^feeds.yml: not valid JSON/);
  });
});

describe('feedSettings', () => {
  it('takes FEEDS and feeds.yml together', () => {
    const root = rootWith('feeds:\n  - url: https://example.org/yml.xml\n    interval: 30\n');
    const settings = feedSettings({ FEEDS: 'https://example.org/a.xml, https://example.org/b.xml\nhttps://example.org/a.xml' }, { chatConfigured: true, root });
    expect(settings).toMatchObject({ origin: 'FEEDS and feeds.yml', addedBy: FROM_CONFIG, allowPrivate: false });
    expect(settings.sources.map((s) => s.url)).toEqual(['https://example.org/a.xml', 'https://example.org/b.xml', 'https://example.org/yml.xml']);
    expect(pollIntervals(settings)).toEqual(new Map([['https://example.org/yml.xml', 30]]));
    expect(() => feedSettings({ FEEDS: 'example.org/feed' }, { chatConfigured: true, root: emptyRoot })).toThrow('FEEDS: url: expected an http or https URL');
  });

  it('polls the default set when a chat platform is configured but no feed is', () => {
    const settings = feedSettings({}, { chatConfigured: true, root: emptyRoot });
    expect(settings).toMatchObject({ origin: 'defaults', addedBy: FROM_CONFIG, sources: DEFAULT_FEEDS });
  });

  it('polls the bundled demo feeds when nothing at all is configured', () => {
    const settings = feedSettings({}, { chatConfigured: false, root: emptyRoot });
    expect(settings).toMatchObject({ origin: 'demo', addedBy: FROM_DEMO });
    expect(settings.sources.every((s) => s.url.startsWith(pathToFileURL(DEMO_DIR).href))).toBe(true);
  });

  it('reads FEED_ALLOW_PRIVATE', () => {
    expect(feedSettings({ FEED_ALLOW_PRIVATE: 'true' }, { chatConfigured: true, root: emptyRoot }).allowPrivate).toBe(true);
    expect(() => feedSettings({ FEED_ALLOW_PRIVATE: 'maybe' }, { chatConfigured: true, root: emptyRoot })).toThrow('FEED_ALLOW_PRIVATE: expected true or false, not "maybe"');
  });
});

describe('fetchOptionsFor', () => {
  it('trusts the operator\'s feeds with private addresses, chat feeds only when allowed, and files only for the demo', () => {
    expect(fetchOptionsFor({ addedBy: FROM_CONFIG }, false)).toEqual({ guard: anyAddress });
    expect(fetchOptionsFor({ addedBy: 'U123' }, false)).toEqual({ guard: publicAddressesOnly });
    expect(fetchOptionsFor({ addedBy: 'U123' }, true)).toEqual({ guard: anyAddress });
    expect(fetchOptionsFor({ addedBy: FROM_DEMO }, false)).toEqual({ guard: anyAddress, fileRoot: DEMO_DIR });
  });

  it('reads a file only inside the demo directory', async () => {
    const none = { etag: null, lastModified: null };
    const inside = pathToFileURL(join(DEMO_DIR, 'demo-world-news.rss')).href;
    expect((await fetchFeed(inside, none, fetchOptionsFor({ addedBy: FROM_DEMO }, false))).kind).toBe('ok');
    await expect(fetchFeed(inside, none, fetchOptionsFor({ addedBy: FROM_CONFIG }, true))).rejects.toThrow('refused: file URLs are read only for the bundled demo feeds');
    const outside = pathToFileURL(join(DEMO_DIR, '..', '..', 'package.json')).href;
    await expect(fetchFeed(outside, none, fetchOptionsFor({ addedBy: FROM_DEMO }, false))).rejects.toThrow('refused: file URLs are read only for the bundled demo feeds');
  });
});

describe('syncConfiguredFeeds and the demo', () => {
  it('adds the configured feeds, removes those no longer configured, keeps feeds added from chat', async () => {
    const store = await sqlite.fresh().open();
    await store.addFeed({ url: 'https://example.org/chat.xml', title: null, addedBy: 'U1', addedInChannel: 'slack:C1', createdAt: '2021-12-10T00:00:00.000Z' });
    const demo = feedSettings({}, { chatConfigured: false, root: emptyRoot });
    expect((await syncConfiguredFeeds(store, demo)).added).toHaveLength(2);
    expect(await syncConfiguredFeeds(store, demo)).toEqual({ added: [], removed: [] });

    const configured = feedSettings({ FEEDS: 'https://example.org/a.xml' }, { chatConfigured: true, root: emptyRoot });
    const { added, removed } = await syncConfiguredFeeds(store, configured);
    expect(added).toEqual(['https://example.org/a.xml']);
    expect(removed).toEqual(demo.sources.map((s) => s.url));
    expect((await store.feeds()).map((f) => [f.url, f.addedBy])).toEqual([
      ['https://example.org/chat.xml', 'U1'],
      ['https://example.org/a.xml', FROM_CONFIG],
    ]);
    await store.close();
  });

  it('polls the demo feeds from disk, alerting on their first poll, and resolves links against xml:base', async () => {
    const store = await sqlite.fresh().open();
    const settings = feedSettings({}, { chatConfigured: false, root: emptyRoot });
    await syncConfiguredFeeds(store, settings);
    const seen: string[] = [];
    const options = {
      store,
      fetchOptions: (feed: { addedBy: string }) => fetchOptionsFor(feed, false),
      process: async (_feed: unknown, items: { title: string; link: string | null }[]) => {
        seen.push(...items.map((i) => `${i.title} <${i.link}>`));
        return [];
      },
    };
    const outcomes = await pollDueFeeds(options);
    expect(outcomes.map((o) => [o.newItems, o.error])).toEqual([
      [4, null],
      [2, null],
    ]);
    expect(seen).toContain('North Korean cartoon studio hit by new US sanctions <https://news.example.org/2021/12/10/north-korea-animation-studio>');
    expect(seen).toContain('Burma: four regional chief ministers and a defence directorate designated <https://press.example.org/2021/12/10/burma-designations>');
    await store.close();
  });
});
