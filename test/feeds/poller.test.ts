// Polling on a real SQLite store against a real feed server: no flood on a first poll, only new items after, backoff, disabling, isolation.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NewOutboxAlert } from '../../src/alerts/outbox.ts';
import type { Feed, FeedItem } from '../../src/feeds/feed.ts';
import { failedPoll } from '../../src/feeds/poll.ts';
import { type PollerOptions, pollDueFeeds, startPoller } from '../../src/feeds/poller.ts';
import { anyAddress } from '../../src/feeds/ssrf.ts';
import type { Store } from '../../src/store/store.ts';
import { type TestDatabase, sqlite } from '../helpers/databases.ts';
import { type FeedServer, fixture, startFeedServer } from '../helpers/feed-server.ts';

let server: FeedServer;
let db: TestDatabase;
let store: Store;
let clock: Date;
let processed: { feed: Feed; items: FeedItem[] }[];

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

const minutes = (n: number) => {
  clock = new Date(clock.getTime() + n * 60_000);
};

/** The alerts pipeline's stand-in: one alert per new item, to one channel. */
async function alertEveryItem(feed: Feed, items: FeedItem[]): Promise<NewOutboxAlert[]> {
  processed.push({ feed, items });
  return items.map((i) => ({ platform: 'slack', channelId: 'C1', dedupeKey: `${feed.id}:${i.key}`, payload: { title: i.title } }));
}

function options(overrides: Partial<PollerOptions> = {}): PollerOptions {
  return { store, process: alertEveryItem, fetchOptions: () => ({ guard: anyAddress, timeoutMs: 30_000 }), now: () => clock, ...overrides };
}

async function addFeed(path: string, addedBy = 'U1'): Promise<Feed> {
  return (await store.addFeed({ url: server.url(path), title: null, addedBy, addedInChannel: 'slack:C1', createdAt: clock.toISOString() })).feed;
}

const feedById = async (id: number) => (await store.feeds()).find((f) => f.id === id)!;
const count = async (table: string) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

/** The Guardian's real feed as it stood before its newest `n` items were published. */
function guardianWithoutNewest(n: number): string {
  let xml = fixture('guardian.rss').toString('utf8');
  for (let i = 0; i < n; i++) xml = xml.replace(/<item>[\s\S]*?<\/item>/, '');
  return xml;
}

describe('pollDueFeeds', () => {
  it('records a new feed\'s items without alerting, then alerts only items published since, once, across restarts', async () => {
    server.put('/guardian', guardianWithoutNewest(5));
    const feed = await addFeed('/guardian');

    const [first] = await pollDueFeeds(options());
    expect(first).toMatchObject({ newItems: 0, alerts: 0, error: null, disabled: false });
    expect(processed).toEqual([]);
    expect(await count('seen_items')).toBe(50);
    expect(await feedById(feed.id)).toMatchObject({
      title: 'The Guardian',
      status: 'active',
      lastSuccessAt: '2021-12-10T12:00:00.000Z',
      nextPollAt: '2021-12-10T12:05:00.000Z',
      etag: expect.stringMatching(/^"/),
    });

    expect(await pollDueFeeds(options())).toEqual([]);
    minutes(5);
    const [unchanged] = await pollDueFeeds(options());
    expect(unchanged!.newItems).toBe(0);
    expect(server.requests.at(-1)!.headers['if-none-match']).toBeDefined();

    server.put('/guardian', fixture('guardian.rss'));
    minutes(5);
    const [second] = await pollDueFeeds(options());
    expect(second).toMatchObject({ newItems: 5, alerts: 5 });
    expect(processed[0]!.items.map((i) => i.title)[0]).toBe('Trump State of the Union address promised unity but emphasized discord');
    expect(await count('seen_items')).toBe(55);
    expect(await count('outbox')).toBe(5);

    // A restart (the database reopened) and a changed body of the same items: nothing is new.
    await store.close();
    store = await db.open();
    server.put('/guardian', `${fixture('guardian.rss').toString('utf8')}\n`);
    minutes(5);
    const [afterRestart] = await pollDueFeeds(options());
    expect(afterRestart).toMatchObject({ newItems: 0, error: null });
    expect(processed).toHaveLength(1);
  });

  it('backs off exponentially on failure, disables the feed after repeated failures, and says so once', async () => {
    const feed = await addFeed('/later');
    const disabled: [Feed, string][] = [];
    const o = options({ maxFailures: 3, onDisabled: (f, error) => void disabled.push([f, error]) });

    await pollDueFeeds(o);
    expect(await feedById(feed.id)).toMatchObject({ status: 'failing', failures: 1, lastError: 'HTTP 404', nextPollAt: '2021-12-10T12:10:00.000Z' });
    minutes(9);
    expect(await pollDueFeeds(o)).toEqual([]);
    minutes(1);
    await pollDueFeeds(o);
    expect(await feedById(feed.id)).toMatchObject({ failures: 2, nextPollAt: '2021-12-10T12:30:00.000Z' });
    minutes(20);
    const [third] = await pollDueFeeds(o);
    expect(third).toMatchObject({ disabled: true, error: 'HTTP 404' });
    expect(await feedById(feed.id)).toMatchObject({ status: 'disabled', failures: 3 });
    expect(disabled.map(([f, error]) => [f.id, error])).toEqual([[feed.id, 'HTTP 404']]);
    minutes(24 * 60);
    expect(await pollDueFeeds(o)).toEqual([]);
  });

  it('caps the backoff, and a success clears the failures', async () => {
    const feed = await addFeed('/recovering');
    const failing = { ...(await feedById(feed.id)), failures: 8 };
    const settings = { fetchOptions: { guard: anyAddress }, intervalMinutes: 5, maxFailures: undefined };
    expect(failedPoll(failing, 'HTTP 503', clock, settings)).toMatchObject({ disabled: false, state: { failures: 9, nextPollAt: '2021-12-10T18:00:00.000Z' } });
    // Ten failures in a row by default.
    expect(failedPoll({ ...failing, failures: 9 }, 'HTTP 503', clock, settings)).toMatchObject({ disabled: true, state: { status: 'disabled' } });

    await pollDueFeeds(options());
    server.put('/recovering', fixture('heise.atom'));
    minutes(10);
    await pollDueFeeds(options());
    expect(await feedById(feed.id)).toMatchObject({ status: 'active', failures: 0, lastError: null, title: 'heise developer neueste Meldungen' });
  });

  it('polls each feed on its own deadline: a hanging, a huge and a broken feed do not delay a healthy one', async () => {
    const ids = {
      hanging: (await addFeed('/hang')).id,
      huge: (await addFeed('/huge')).id,
      broken: (await addFeed('/malformed')).id,
      healthy: (await addFeed('/fixtures/heise.atom')).id,
    };
    const started = performance.now();
    const recorded: number[] = [];
    const timed: Store = {
      ...store,
      recordPoll: (feedId, ...rest) => store.recordPoll(feedId, ...rest).finally(() => recorded.push(feedId)),
      updateFeed: (feedId, state) => store.updateFeed(feedId, state).finally(() => recorded.push(feedId)),
    };
    // Only the hanging feed has a deadline it can reach: a busy machine cannot turn the others' outcomes into timeouts.
    const fetchOptions = (feed: Feed) => ({ guard: anyAddress, timeoutMs: feed.id === ids.hanging ? 3000 : 60_000 });
    const outcomes = await pollDueFeeds(options({ store: timed, fetchOptions }));
    const total = performance.now() - started;

    expect(Object.fromEntries(outcomes.map((o) => [o.feed.id, o.error]))).toEqual({
      [ids.hanging]: 'timed out after 3 s',
      [ids.huge]: 'larger than 5 MB',
      [ids.broken]: expect.stringMatching(/^not a feed: /),
      [ids.healthy]: null,
    });
    // Recorded without waiting for the hanging feed's timeout.
    expect(recorded.indexOf(ids.healthy)).toBeGreaterThanOrEqual(0);
    expect(recorded.indexOf(ids.healthy)).toBeLessThan(recorded.indexOf(ids.hanging));
    expect(total).toBeGreaterThanOrEqual(3000);
    expect(await feedById(ids.healthy)).toMatchObject({ status: 'active', title: 'heise developer neueste Meldungen' });
  });

  it('records a failure, and nothing as seen, when the alerts pipeline throws or takes too long', async () => {
    server.put('/news', guardianWithoutNewest(1));
    const feed = await addFeed('/news');
    await pollDueFeeds(options());
    server.put('/news', fixture('guardian.rss'));
    minutes(5);

    const [thrown] = await pollDueFeeds(options({ process: async () => Promise.reject(new Error('matcher crashed')) }));
    expect(thrown).toMatchObject({ error: 'matcher crashed', newItems: 0 });
    expect(await feedById(feed.id)).toMatchObject({ status: 'failing', failures: 1 });
    expect(await count('seen_items')).toBe(54);

    minutes(10);
    const [slow] = await pollDueFeeds(options({ feedTimeoutMs: 200, process: () => new Promise(() => undefined) }));
    expect(slow!.error).toBe('timed out after 0.2 s');
    expect(await count('seen_items')).toBe(54);

    minutes(20);
    const [recovered] = await pollDueFeeds(options());
    expect(recovered).toMatchObject({ newItems: 1, alerts: 1, error: null });
    expect(await count('outbox')).toBe(1);
  });
});

describe('startPoller', () => {
  it('ticks on its cron schedule, and stop() waits for the running tick', async () => {
    await addFeed('/fixtures/rss-1.rss');
    // The hanging feed below ends at its deadline; the healthy one has none a busy machine reaches.
    const fetchOptions = (feed: Feed) => ({ guard: anyAddress, timeoutMs: feed.url.includes('/hang') ? 500 : 30_000 });
    const poller = startPoller({ ...options(), fetchOptions, now: () => new Date(), schedule: '* * * * * *' });
    const deadline = Date.now() + 30_000;
    while (!(await store.feeds())[0]!.lastSuccessAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await store.feeds())[0]!.lastSuccessAt).not.toBeNull();

    await addFeed('/hang-body');
    let settled = false;
    const tick = poller.pollNow().then(() => (settled = true));
    expect(poller.pollNow()).toBe(poller.pollNow());
    await poller.stop();
    expect(settled).toBe(true);
    await tick;
  });
});
