// A hostile feed (a 3.3 MB title of names, 3,000 new items naming SEK Studio, an article naming 150 listed organisations) against the real poller and alerts pipeline, real store, feed on 127.0.0.1: what it may make the bot do.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newsAlerts } from '../../src/alerts/news-alerts.ts';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import type { Feed, FeedItem } from '../../src/feeds/feed.ts';
import { MAX_ALERTS_PER_CHANNEL_FEED_HOUR, MAX_ITEM_TEXT_CHARS, MAX_NEW_ITEMS_PER_POLL, MAX_PARSED_ITEMS, MAX_STORED_MENTIONS_PER_ARTICLE, MAX_TITLE_CHARS } from '../../src/feeds/limits.ts';
import { type PollerOptions, pollDueFeeds } from '../../src/feeds/poller.ts';
import { anyAddress } from '../../src/feeds/ssrf.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { parseJson } from '../../src/store/rows.ts';
import type { Store } from '../../src/store/store.ts';
import { status } from '../../commands/status.ts';
import { type Dialect, type TestDatabase, postgres, sqlite } from '../helpers/databases.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';
import { type NewsWorld, newsWorld } from '../helpers/news-world.ts';

let server: FeedServer;
let db: TestDatabase;
let store: Store;
let world: NewsWorld;
let clock: Date;
const CHANNELS = [
  { platform: 'slack', channelId: 'C1' },
  { platform: 'discord', channelId: '1187465309300000001' },
];

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
  for (const dialect of [sqlite, postgres]) if (dialect.available) await dialect.cleanup();
});
afterEach(() => store.close());

async function fresh(dialect: Dialect): Promise<void> {
  db = dialect.fresh();
  store = await db.open();
  world = await newsWorld(store, CHANNELS);
  clock = new Date('2021-12-10T12:00:00.000Z');
}

const minutes = (n: number) => {
  clock = new Date(clock.getTime() + n * 60_000);
};

function rss(items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hostile News</title>${items.join('\n')}</channel></rss>`;
}

function item(id: string, title: string, description = ''): string {
  return `<item><title>${title}</title><link>https://hostile.example/${id}</link><guid>${id}</guid><pubDate>${clock.toUTCString()}</pubDate><description>${description}</description></item>`;
}

/** An item of 3.3 MB of listed names (2.3 MB title, 1 MB text), then `count` distinct items naming SEK Studio: 4.9 MB. */
function hostileFeed(count: number): string {
  const names = (length: number) => 'SEK Studio Korea Kwangson Banking Corp Kim Jong Un '.repeat(Math.ceil(length / 52)).slice(0, length);
  const text = 'The animation studio in Pyongyang worked for foreign clients through intermediaries. '.repeat(4);
  const items = Array.from({ length: count }, (_, i) => item(`story-${i}`, `SEK Studio animation report ${i}`, `Pyongyang's SEK Studio, report ${i}. ${text}`));
  return rss([item('huge', names(2.3e6), names(1e6)), ...items]);
}

/** The real alerts pipeline, recording what each call was given and how many event-loop turns passed while it ran. */
function recorded(turns: () => number) {
  const calls: { items: FeedItem[]; turns: number }[] = [];
  const pipeline = newsAlerts(store, world.catalog);
  const process = async (feed: Feed, items: FeedItem[]): Promise<NewOutboxAlert[]> => {
    const before = turns();
    const alerts = await pipeline(feed, items);
    calls.push({ items, turns: turns() - before });
    return alerts;
  };
  return { calls, process };
}

function options(process: PollerOptions['process']): PollerOptions {
  return { store, process, fetchOptions: () => ({ guard: anyAddress, timeoutMs: 10_000 }), now: () => clock, feedTimeoutMs: 120_000 };
}

async function addFeed(): Promise<Feed> {
  server.put('/hostile', rss([item('calm-1', 'Weather in Seoul')]));
  const { feed } = await store.addFeed({ url: server.url('/hostile'), title: null, addedBy: 'U1', addedInChannel: 'slack:C1', createdAt: clock.toISOString() });
  // The first poll records what the feed holds, alerting nothing.
  await pollDueFeeds(options(recorded(() => 0).process));
  return feed;
}

const outbox = async (channelId: string) =>
  (await db.query(`SELECT dedupe_key, payload FROM outbox WHERE channel_id = '${channelId}' ORDER BY id`)).map((r) => ({ key: String(r.dedupe_key), reply: parseJson<Reply>(r.payload) }));

for (const dialect of [sqlite, postgres]) describe.runIf(dialect.available)(`a feed that floods, on ${dialect.name}`, () => {
  beforeEach(() => fresh(dialect));

  it('is read within its limits, scanned with the event loop served between items, and its alerts capped with one summary per channel', async () => {
    const feed = await addFeed();
    server.put('/hostile', hostileFeed(3_000));
    minutes(5);
    let turns = 0;
    let polling = true;
    const spin = () => {
      turns++;
      if (polling) setImmediate(spin);
    };
    spin();
    const { calls, process } = recorded(() => turns);
    const [outcome] = await pollDueFeeds(options(process));
    polling = false;

    // Items: the first MAX_PARSED_ITEMS parsed, MAX_NEW_ITEMS_PER_POLL read, each one's text cut to its limits.
    const read = calls.flatMap((c) => c.items);
    expect(read).toHaveLength(MAX_NEW_ITEMS_PER_POLL);
    expect(read[0]!.title).toHaveLength(MAX_TITLE_CHARS);
    for (const i of read) expect(i.summary.length + i.content.length).toBeLessThanOrEqual(MAX_ITEM_TEXT_CHARS);
    // One call for the poll, during which the event loop turned after every item (other work ran between).
    expect(calls).toHaveLength(1);
    expect(calls[0]!.turns).toBeGreaterThanOrEqual(MAX_NEW_ITEMS_PER_POLL);
    expect(outcome).toMatchObject({ newItems: MAX_NEW_ITEMS_PER_POLL, alerts: 2 * (MAX_ALERTS_PER_CHANNEL_FEED_HOUR + 1), error: null });
    expect(outcome!.folded).toBe(2 * (MAX_NEW_ITEMS_PER_POLL - MAX_ALERTS_PER_CHANNEL_FEED_HOUR));
    // Every new item is recorded as seen, read or not: the next poll does not find a backlog.
    expect(Number((await db.query('SELECT count(*) AS n FROM seen_items'))[0]!.n)).toBe(1 + MAX_PARSED_ITEMS);

    for (const { channelId } of CHANNELS) {
      const queued = await outbox(channelId);
      expect(queued).toHaveLength(MAX_ALERTS_PER_CHANNEL_FEED_HOUR + 1);
      const summary = queued.at(-1)!;
      expect(summary.key).toMatch(new RegExp(`:feed-flood:${feed.id}:2021-12-10T12:00:00.000Z$`));
      expect(summary.reply.text).toBe('…and 90 more articles from Hostile News mentioning SEK STUDIO in the last hour.');
      expect(summary.reply.notes[0]).toMatch(/at most 10 alerts an hour from one feed/);
    }
    const flagged = (await store.feeds())[0]!;
    expect(flagged.floodedAt).toBe(clock.toISOString());
    expect(flagged.floodNote).toBe(
      'more than 500 items in the feed, only the first read; 500 new items, 400 recorded unread (at most 100 a poll); ' +
        '180 alerts folded into one summary per channel (at most 10 an hour)',
    );

    const reply = await status({ catalog: world.catalog, store, platform: 'slack', tenant: 'slack:T1', channelId: 'C1', userId: 'U1', canManage: false }, clock);
    expect(reply.text).toMatch(/; 1 feed \(1 flooding\);/);
    const feedsCard = reply.cards.find((c) => c.title === 'News feeds')!;
    expect(feedsCard.subtitle).toBe('1 ok, 0 failing, 0 disabled, 1 flooding');
    expect(feedsCard.fields[0]!.value).toMatch(/; FLOODING, last 2021-12-10 12:05 UTC: more than 500 items in the feed/);
  }, 120_000);

  it('counts the hour across polls: more alerts that hour join the unsent summary; the next hour alerts again', async () => {
    await addFeed();
    const poll = async () => (await pollDueFeeds(options(recorded(() => 0).process)))[0]!;
    const stories = (from: number, count: number) =>
      rss(Array.from({ length: count }, (_, i) => item(`story-${from + i}`, `SEK Studio report ${from + i}`, 'SEK Studio again.')));

    server.put('/hostile', stories(0, 6));
    minutes(5);
    expect(await poll()).toMatchObject({ alerts: 12, folded: 0 });
    server.put('/hostile', stories(100, 30));
    minutes(5);
    expect(await poll()).toMatchObject({ alerts: 2 * (4 + 1), folded: 2 * 26 });
    server.put('/hostile', stories(200, 7));
    minutes(5);
    expect(await poll()).toMatchObject({ alerts: 2, folded: 14 });
    for (const { channelId } of CHANNELS) {
      const queued = await outbox(channelId);
      expect(queued).toHaveLength(11);
      expect(queued.at(-1)!.reply.text).toBe('…and 33 more articles from Hostile News mentioning SEK STUDIO in the last hour.');
    }

    minutes(60);
    server.put('/hostile', stories(300, 3));
    expect(await poll()).toMatchObject({ alerts: 6, folded: 0 });
    // The hour before is forgotten.
    expect((await db.query('SELECT DISTINCT hour FROM feed_alert_counts')).map((r) => r.hour)).toEqual(['2021-12-10T13:00:00.000Z']);
  }, 120_000);

  it("stores the mentions of an article stuffed with listed names up to the per-article cap, those a channel is alerted to first", async () => {
    await addFeed();
    // Nothing else followed: only a channel following one entity named late in the article is alerted.
    for (const { platform, channelId } of CHANNELS) await store.pauseChannel(platform, channelId, clock.toISOString());
    // Organisations, written as the article would write them (the list writes people surname first).
    const organisations = world.catalog.entities().filter((e) => e.type === 'organization').slice(0, 3 * MAX_STORED_MENTIONS_PER_ARTICLE);
    const named = organisations.map((e) => e.name);
    const late = organisations.at(-1)!;
    await store.addSubscription({ platform: 'slack', channelId: 'C9', kind: 'entity', value: late.id, createdBy: 'U9', createdAt: clock.toISOString() });
    server.put('/hostile', rss([item('roll-call', 'Everyone designated', named.map((name) => `${name.replace(/&/g, '&amp;')} was named.`).join(' '))]));
    minutes(5);
    expect(await pollDueFeeds(options(recorded(() => 0).process))).toMatchObject([{ newItems: 1, alerts: 1 }]);

    const stored = await db.query('SELECT entity_id FROM alert_mentions');
    expect(stored).toHaveLength(MAX_STORED_MENTIONS_PER_ARTICLE);
    const [alert] = await outbox('C9');
    // Its "Not this entity" finds what it names.
    const token = alert!.reply.cards.find((c) => c.footer === late.id)!.actions![0]!.value;
    expect(await store.alertMention(token)).toMatchObject({ entityId: late.id });
  }, 120_000);
});
