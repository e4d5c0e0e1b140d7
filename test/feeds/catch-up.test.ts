// After a downtime: what feeds published meanwhile is processed on the next poll, up to the maximum age; only a feed never polled is read without alerting. Real store, real feeds on 127.0.0.1, and the console child.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import { type Feed, FROM_CONFIG, FROM_DEMO, type FeedItem } from '../../src/feeds/feed.ts';
import { type PollerOptions, pollDueFeeds } from '../../src/feeds/poller.ts';
import { feedSettings, fetchOptionsFor, syncConfiguredFeeds } from '../../src/feeds/sources.ts';
import { anyAddress } from '../../src/feeds/ssrf.ts';
import type { Store } from '../../src/store/store.ts';
import { type TestDatabase, sqlite } from '../helpers/databases.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { type RssItem, rss } from '../helpers/feed-xml.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const HOUR = 3_600_000;

let server: FeedServer;
let db: TestDatabase;
let store: Store;
let clock: Date;
let processed: string[];

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
  await sqlite.cleanup();
});
beforeEach(async () => {
  db = sqlite.fresh();
  store = await db.open();
  clock = new Date('2021-12-10T12:00:00.000Z');
  processed = [];
});
afterEach(() => store.close());

/** The alerts pipeline's stand-in: notes the items it is given, and alerts one channel about each. */
async function alertEveryItem(feed: Feed, items: FeedItem[]): Promise<NewOutboxAlert[]> {
  processed.push(...items.map((i) => i.title));
  return items.map((i) => ({ platform: 'slack', channelId: 'C1', dedupeKey: `${feed.id}:${i.key}`, payload: { title: i.title } }));
}

const poll = (options: Partial<PollerOptions> = {}) =>
  pollDueFeeds({ store, process: alertEveryItem, fetchOptions: () => ({ guard: anyAddress }), now: () => clock, maxItemAgeHours: 72, ...options });
const ago = (hours: number) => new Date(clock.getTime() - hours * HOUR);
const item = (title: string, published: Date | null): RssItem => ({ title, link: `https://news.example/${encodeURIComponent(title)}`, guid: title, published, text: title });
const count = async (table: string) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

async function addFeed(path: string, items: RssItem[]): Promise<Feed> {
  server.put(path, rss(path, items));
  return (await store.addFeed({ url: server.url(path), title: null, addedBy: FROM_CONFIG, addedInChannel: FROM_CONFIG, createdAt: clock.toISOString() })).feed;
}

describe('catching up after a downtime', () => {
  it('processes what a feed published while the bot was down, back to the maximum age, though none of what it held before is left', async () => {
    await addFeed('/down/world', [item('Before the downtime', ago(2))]);
    await poll();
    expect(processed).toEqual([]);

    // Five days down. The feed has since dropped everything the bot saw, so nothing in it looks familiar.
    clock = new Date(clock.getTime() + 5 * 24 * HOUR);
    server.put('/down/world', rss('/down/world', [
      item('Four days ago', ago(96)),
      item('Seventy-one hours ago', ago(71)),
      item('Yesterday', ago(24)),
      item('An hour ago', ago(1)),
      item('Undated', null),
    ]));
    const [outcome] = await poll();
    expect(outcome).toMatchObject({ newItems: 4, alerts: 4, error: null });
    expect(processed).toEqual(['Seventy-one hours ago', 'Yesterday', 'An hour ago', 'Undated']);
    // The item too old to alert on is recorded as seen all the same: it never comes up again.
    expect(await count('seen_items')).toBe(6);
    clock = new Date(clock.getTime() + 5 * 60_000);
    expect((await poll())[0]).toMatchObject({ newItems: 0 });
  });

  it('takes the maximum age it is given', async () => {
    await addFeed('/down/configured', []);
    await poll();
    clock = new Date(clock.getTime() + 3 * 24 * HOUR);
    server.put('/down/configured', rss('/down/configured', [item('Thirty hours ago', ago(30)), item('Two hours ago', ago(2))]));
    await poll({ maxItemAgeHours: 24 });
    expect(processed).toEqual(['Two hours ago']);
  });

  it('reads a feed added during the downtime, or never polled successfully, without alerting', async () => {
    await addFeed('/down/old', []);
    await poll();
    clock = new Date(clock.getTime() + 2 * 24 * HOUR);
    server.put('/down/old', rss('/down/old', [item('Old feed, new item', ago(3))]));
    await addFeed('/down/new', [item('New feed, recent item', ago(3))]);
    // A feed that failed every poll so far has never been read: its first good poll is a first poll too.
    const failing = (await store.addFeed({ url: server.url('/down/failing'), title: null, addedBy: FROM_CONFIG, addedInChannel: FROM_CONFIG, createdAt: clock.toISOString() })).feed;
    await poll();
    expect((await store.feeds()).find((f) => f.id === failing.id)).toMatchObject({ status: 'failing', lastSuccessAt: null });
    server.put('/down/failing', rss('/down/failing', [item('Failing feed, recent item', ago(1))]));
    clock = new Date(clock.getTime() + 10 * 60_000);
    await poll();

    expect(processed).toEqual(['Old feed, new item']);
    expect(await count('seen_items')).toBe(3);
  });

  it('shows the bundled demo feeds\' December 2021 articles at any age', async () => {
    await syncConfiguredFeeds(store, feedSettings({}, { chatConfigured: false, root: fileURLToPath(new URL('../fixtures', import.meta.url)) }));
    clock = new Date('2026-06-01T00:00:00.000Z');
    const outcomes = await poll({ fetchOptions: (feed) => fetchOptionsFor(feed, false) });
    expect(outcomes.every((o) => o.feed.addedBy === FROM_DEMO && o.error === null)).toBe(true);
    expect(processed).toContain('North Korean cartoon studio hit by new US sanctions');
  });
});

describe('through the console', () => {
  // AFP's report of OFAC's 10 Dec 2021 action, naming SEK STUDIO (North Korea).
  const AFP = readFileSync(new URL('../fixtures/articles/us-hits-chinese-north-korean-firms.txt', import.meta.url), 'utf8');
  const SEK = 'SEK Studio, the Pyongyang animation house behind many North Korean cartoons, was among the entities the Treasury designated.';

  function runBot(env: NodeJS.ProcessEnv, input: string): Promise<{ code: number | null; stdout: string }> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
    for (const key of Object.keys(childEnv)) if (key.startsWith('SLACK_') || key.startsWith('DISCORD_')) delete childEnv[key];
    const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], { cwd: root, env: childEnv });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stdin.end(input);
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout })));
  }

  it('after four days down, prints one alert for the story both feeds ran meanwhile, naming both, and none for older news', async () => {
    const now = new Date();
    const hoursAgo = (hours: number) => new Date(now.getTime() - hours * HOUR);
    server.put('/console/world', rss('World news', [
      { title: 'US hits Chinese, North Korean firms with sanctions', link: 'https://news.example/2021/us-hits-firms?utm_source=rss', guid: 'w-1', published: hoursAgo(20), text: AFP },
      { title: 'North Korean cartoon studio hit by new US sanctions', link: 'https://news.example/2021/sek', guid: 'w-0', published: hoursAgo(90), text: SEK },
    ]));
    server.put('/console/asia', rss('Asia wire', [
      { title: 'U.S. hits Chinese, North Korean firms with sanctions - Asia Wire', link: 'https://asia.example/n/1', guid: 'a-1', published: hoursAgo(19), text: AFP },
    ]));
    // The bot's database as it was left four days ago: both feeds polled, the console following North Korea.
    const urls = [server.url('/console/world'), server.url('/console/asia')];
    for (const url of urls) {
      const { feed } = await store.addFeed({ url, title: null, addedBy: FROM_CONFIG, addedInChannel: FROM_CONFIG, createdAt: hoursAgo(200).toISOString() });
      await store.updateFeed(feed.id, { lastSuccessAt: hoursAgo(96).toISOString(), nextPollAt: hoursAgo(96).toISOString() });
    }
    await store.addSubscription({ platform: 'console', channelId: 'console', kind: 'country', value: 'KP', createdBy: 'console', createdAt: hoursAgo(200).toISOString() });

    const { code, stdout } = await runBot({ DATABASE_URL: db.url, FEEDS: urls.join(' ') }, ['/sanctions subscriptions', 'exit', ''].join('\n'));
    expect(code).toBe(0);
    expect(stdout.match(/🔔/g)).toHaveLength(1);
    expect(stdout).toMatch(/■ U\.?S\.? hits Chinese, North Korean firms with sanctions/);
    expect(stdout).toMatch(/Sources: (World news; Asia wire|Asia wire; World news)/);
    expect(stdout).toMatch(/■ SEK STUDIO/);
    expect(stdout).not.toMatch(/cartoon studio hit/);
  }, 120_000);
});
