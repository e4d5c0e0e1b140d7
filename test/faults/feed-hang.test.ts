// A feed host that sends headers and half a feed, then nothing: the poller gives that feed up at its deadline, records nothing of it as seen, and the other feeds go on.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Feed, FeedItem } from '../../src/feeds/feed.ts';
import { pollDueFeeds } from '../../src/feeds/poller.ts';
import { anyAddress } from '../../src/feeds/ssrf.ts';
import type { Store } from '../../src/store/store.ts';
import { type TestDatabase, sqlite } from '../helpers/databases.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';

/** Long enough for the healthy feeds beside it to be read first on a busy machine. */
const TIMEOUT_MS = 2000;
/** The healthy feeds' deadline: never reached, however busy the machine, so only the hanging feeds time out. */
const NO_DEADLINE_MS = 60_000;

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

/**
 * One tick; in which order each feed's outcome was recorded, and how long the tick took. Each feed has its deadline
 * (`deadlines`, by feed id; the healthy ones none they reach): the test speaks of the order of events, not of times.
 */
async function orderedTick(deadlines: Map<number, number>, concurrency?: number) {
  const started = performance.now();
  const recorded: number[] = [];
  const timed: Store = {
    ...store,
    recordPoll: (feedId, ...rest) => store.recordPoll(feedId, ...rest).finally(() => recorded.push(feedId)),
    updateFeed: (feedId, state) => store.updateFeed(feedId, state).finally(() => recorded.push(feedId)),
  };
  const fetchOptions = (feed: Feed) => ({ guard: anyAddress, timeoutMs: deadlines.get(feed.id) ?? NO_DEADLINE_MS });
  const outcomes = await pollDueFeeds({ store: timed, process: alertEveryItem, fetchOptions, concurrency });
  return { outcomes, recorded, total: performance.now() - started };
}

const timedOut = (ms: number) => `timed out after ${ms / 1000} s`;

describe('a feed that hangs mid-body', () => {
  it('is given up at its deadline while the feeds beside it are read at once', async () => {
    const half = await addFeed('/hang-body');
    const healthy = [await addFeed('/fixtures/heise.atom'), await addFeed('/fixtures/rss-1.rss'), await addFeed('/fixtures/guardian.rss')];
    const { outcomes, recorded, total } = await orderedTick(new Map([[half.id, TIMEOUT_MS]]));

    expect(outcomes.find((o) => o.feed.id === half.id)).toMatchObject({ error: timedOut(TIMEOUT_MS), newItems: 0 });
    for (const feed of healthy) expect(outcomes.find((o) => o.feed.id === feed.id)!.error).toBeNull();
    // Each read and recorded without waiting for the half-sent feed, whose outcome comes last.
    expect(recorded.at(-1)).toBe(half.id);
    expect(new Set(recorded.slice(0, -1))).toEqual(new Set(healthy.map((f) => f.id)));
    expect(total).toBeGreaterThanOrEqual(TIMEOUT_MS);
    // Its half of a feed counts for nothing: no item of it is seen, and it is tried again after a backoff.
    expect(await db.query(`SELECT count(*) AS n FROM seen_items WHERE feed_id = ${half.id}`)).toEqual([{ n: 0 }]);
    const stored = (await store.feeds()).find((f) => f.id === half.id)!;
    expect(stored).toMatchObject({ status: 'failing', failures: 1, lastError: timedOut(TIMEOUT_MS) });
    expect(Date.parse(stored.nextPollAt!)).toBeGreaterThan(Date.now());
  });

  it('holds the others back by one deadline at most when hanging feeds take every slot', async () => {
    // Two slots, both taken by hanging feeds, the second with a deadline three times the first's.
    const first = await addFeed('/hang-body?n=1');
    const second = await addFeed('/hang-body?n=2');
    const healthy = await addFeed('/fixtures/heise.atom');
    const { outcomes, recorded } = await orderedTick(new Map([[first.id, TIMEOUT_MS], [second.id, 3 * TIMEOUT_MS]]), 2);

    expect(outcomes.filter((o) => o.error?.startsWith('timed out after'))).toHaveLength(2);
    expect(outcomes.find((o) => o.feed.id === healthy.id)!.error).toBeNull();
    // It waited for a slot, and took the first one freed: after one deadline, not after every hanging feed's.
    expect(recorded).toEqual([first.id, healthy.id, second.id]);
  });
});
