// A feed host that sends headers and half a feed, then nothing: the poller gives that feed up at its deadline, records nothing of it as seen, and the other feeds go on.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Feed, FeedItem } from '../../src/feeds/feed.ts';
import { pollDueFeeds } from '../../src/feeds/poller.ts';
import { anyAddress } from '../../src/feeds/ssrf.ts';
import type { Store } from '../../src/store/store.ts';
import { type TestDatabase, sqlite } from '../helpers/databases.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';

const TIMEOUT_MS = 1000;

let server: FeedServer;
let db: TestDatabase;
let store: Store;

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
});
afterEach(() => store.close());

const alertEveryItem = async (feed: Feed, items: FeedItem[]) =>
  items.map((i) => ({ platform: 'slack', channelId: 'CHANG', dedupeKey: `${feed.id}:${i.key}`, payload: { title: i.title } }));

async function addFeed(path: string): Promise<Feed> {
  return (await store.addFeed({ url: server.url(path), title: null, addedBy: 'U1', addedInChannel: 'slack:CHANG', createdAt: new Date().toISOString() })).feed;
}

/** One tick, timing when each feed's outcome was recorded (ms from the start of the tick). */
async function timedTick(concurrency?: number) {
  const started = performance.now();
  const recordedAt = new Map<number, number>();
  const timed: Store = {
    ...store,
    recordPoll: (feedId, ...rest) => store.recordPoll(feedId, ...rest).finally(() => recordedAt.set(feedId, performance.now() - started)),
    updateFeed: (feedId, state) => store.updateFeed(feedId, state).finally(() => recordedAt.set(feedId, performance.now() - started)),
  };
  const outcomes = await pollDueFeeds({ store: timed, process: alertEveryItem, fetchOptions: () => ({ guard: anyAddress, timeoutMs: TIMEOUT_MS }), concurrency });
  return { outcomes, recordedAt, total: performance.now() - started };
}

describe('a feed that hangs mid-body', () => {
  it('is given up at its deadline while the feeds beside it are read at once', async () => {
    const half = await addFeed('/hang-body');
    const healthy = [await addFeed('/fixtures/heise.atom'), await addFeed('/fixtures/rss-1.rss'), await addFeed('/fixtures/guardian.rss')];
    const { outcomes, recordedAt, total } = await timedTick();

    expect(outcomes.find((o) => o.feed.id === half.id)).toMatchObject({ error: `timed out after ${TIMEOUT_MS / 1000} s`, newItems: 0 });
    for (const feed of healthy) {
      expect(outcomes.find((o) => o.feed.id === feed.id)!.error).toBeNull();
      // Long before the half-sent feed's deadline.
      expect(recordedAt.get(feed.id)).toBeLessThan(TIMEOUT_MS * 0.7);
    }
    expect(total).toBeGreaterThanOrEqual(TIMEOUT_MS);
    // Its half of a feed counts for nothing: no item of it is seen, and it is tried again after a backoff.
    expect(await db.query(`SELECT count(*) AS n FROM seen_items WHERE feed_id = ${half.id}`)).toEqual([{ n: 0 }]);
    const stored = (await store.feeds()).find((f) => f.id === half.id)!;
    expect(stored).toMatchObject({ status: 'failing', failures: 1, lastError: `timed out after ${TIMEOUT_MS / 1000} s` });
    expect(Date.parse(stored.nextPollAt!)).toBeGreaterThan(Date.now());
  });

  it('holds the others back by one deadline at most when hanging feeds take every slot', async () => {
    for (const n of [1, 2]) await addFeed(`/hang-body?n=${n}`);
    const healthy = await addFeed('/fixtures/heise.atom');
    const { outcomes, recordedAt } = await timedTick(2);

    expect(outcomes.filter((o) => o.error === `timed out after ${TIMEOUT_MS / 1000} s`)).toHaveLength(2);
    expect(outcomes.find((o) => o.feed.id === healthy.id)!.error).toBeNull();
    // It waited for a slot: one deadline, not one per hanging feed.
    expect(recordedAt.get(healthy.id)).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(recordedAt.get(healthy.id)).toBeLessThan(TIMEOUT_MS * 1.7);
  });
});
