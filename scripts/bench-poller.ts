// Feed polling: a thousand feeds on 127.0.0.1 polled in one tick (does one interval hold them all?), and the world of feeds the soak reuses.
//
// `benchPoller()` returns markdown lines for BENCHMARKS.md; run this file directly to print them.
// The feeds are real XML: the project's fixture feeds (every encoding and format, two of them broken) served
// unchanged, so that after a first poll they answer 304, and RSS 2.0 feeds whose items are real news articles
// (../shared/data/news when it is there, else the Guardian fixture's), where new items appear between ticks.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newsAlerts } from '../src/alerts/news-alerts.ts';
import { ensureBundledLists } from '../src/designations/bundled.ts';
import { loadCatalog } from '../src/designations/catalog.ts';
import { pollDueFeeds } from '../src/feeds/poller.ts';
import { anyAddress } from '../src/feeds/ssrf.ts';
import { openStore } from '../src/store/open.ts';
import { type FeedServer, startFeedServer } from '../test/helpers/feed-server.ts';
import { inventWord, rng } from './bench-data.ts';
import { cpuClock, measuredBy } from './bench-report.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const NEWS = `${root}../shared/data/news`;
const FIXTURES = `${root}test/fixtures/feeds`;
const INTERVAL_MINUTES = 5;
/** Items a live feed shows at once, newest last. */
const WINDOW = 20;
/** Share of the feeds that serve a fixture unchanged; the rest are live. */
const STATIC_SHARE = 0.35;
/** Countries and programs the channels follow: enough for real news to cause alerts. */
const SUBSCRIBED = [
  ['country', 'RU'],
  ['country', 'IR'],
  ['country', 'KP'],
  ['country', 'VE'],
  ['country', 'LB'],
  ['program', 'SDGT'],
  ['program', 'CMIC-EO13959'],
] as const;

export interface TickStats {
  feeds: number;
  wallSeconds: number;
  cpuSeconds: number;
  /** Feeds that answered 200 with items not seen before. */
  withNewItems: number;
  newItems: number;
  alerts: number;
  failed: number;
}

export interface FeedWorld {
  server: FeedServer;
  /** Moves the clock one interval on and polls every due feed, as one tick of the poller does. */
  tick(concurrency?: number): Promise<TickStats>;
  /** New items (one to five each) in a share of the live feeds; how many items in all. */
  publish(share: number): number;
  close(): Promise<void>;
}

/** `<item>` elements of real news: the Reuters polls, or the Guardian fixture. */
function newsItems(): string[] {
  const files = existsSync(NEWS) ? readdirSync(NEWS).filter((f) => f.endsWith('.xml')).sort().map((f) => `${NEWS}/${f}`) : [`${FIXTURES}/guardian.rss`];
  const byLink = new Map<string, string>();
  for (const file of files) {
    for (const [item] of readFileSync(file, 'utf8').matchAll(/<item>[\s\S]*?<\/item>/g)) {
      const link = /<link>([^<]*)<\/link>/.exec(item)?.[1] ?? item;
      byLink.set(link, item.replace(/<guid[^>]*>[\s\S]*?<\/guid>/, ''));
    }
  }
  return [...byLink.values()];
}

/**
 * A world of `feeds` feeds on a feed server on 127.0.0.1, a fresh SQLite store holding the bundled lists and a few
 * channels' subscriptions, and the poller's real pipeline (fetch, parse, mention scanning, alerts into the outbox).
 */
export async function startFeedWorld(feeds: number, seed = 20261123): Promise<FeedWorld> {
  const random = rng(seed);
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-poller-'));
  const store = await openStore(`file:${join(dir, 'bench.db')}`);
  await ensureBundledLists(store);
  const catalog = await loadCatalog(store);
  const createdAt = new Date('2026-04-16T00:00:00Z').toISOString();
  for (const [i, [kind, value]] of SUBSCRIBED.entries()) {
    await store.addSubscription({ platform: 'slack', channelId: `C${i}`, kind, value, createdBy: 'U1', createdAt });
  }
  const server = await startFeedServer();
  const pool = newsItems();
  const fixtures = readdirSync(FIXTURES).filter((f) => f !== 'README.md').sort();
  const statics = Math.round(feeds * STATIC_SHARE);
  /** Per live feed: items published so far. */
  const published: number[] = [];
  const serveLive = (feed: number) => server.put(`/live/${feed}`, liveFeed(feed, published[feed]!, pool));
  for (let f = 0; f < feeds; f++) {
    const path = f < statics ? `/static/${f}/${fixtures[f % fixtures.length]}` : `/live/${f}`;
    if (f < statics) server.put(path, readFileSync(`${FIXTURES}/${fixtures[f % fixtures.length]}`));
    else {
      published[f] = WINDOW;
      serveLive(f);
    }
    await store.addFeed({ url: server.url(path), title: null, addedBy: 'U1', addedInChannel: 'slack:C0', createdAt });
  }
  const alertsFor = newsAlerts(store, catalog);
  let clock = new Date(createdAt);

  return {
    server,
    async tick(concurrency) {
      clock = new Date(clock.getTime() + INTERVAL_MINUTES * 60_000);
      const cpu = cpuClock();
      const started = performance.now();
      const outcomes = await pollDueFeeds({ store, process: alertsFor, fetchOptions: () => ({ guard: anyAddress }), now: () => clock, concurrency });
      const wallSeconds = (performance.now() - started) / 1000;
      // Kept by the server for tests that look at requests; a soak would hold on to every one.
      server.requests.length = 0;
      const changed = outcomes.filter((o) => o.newItems > 0);
      return {
        feeds: outcomes.length,
        wallSeconds,
        cpuSeconds: cpu(),
        withNewItems: changed.length,
        newItems: changed.reduce((sum, o) => sum + o.newItems, 0),
        alerts: outcomes.reduce((sum, o) => sum + o.alerts, 0),
        failed: outcomes.filter((o) => o.error).length,
      };
    },
    publish(share) {
      let items = 0;
      for (let f = statics; f < feeds; f++) {
        if (random() >= share) continue;
        const n = 1 + Math.floor(random() * 5);
        published[f]! += n;
        items += n;
        serveLive(f);
      }
      return items;
    },
    async close() {
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A live feed's RSS: its latest WINDOW items, each a real article with a guid of this feed, and a credit line
 * naming reporters nobody has seen before, as real news keeps bringing new words.
 */
function liveFeed(feed: number, published: number, pool: string[]): string {
  const items: string[] = [];
  for (let seq = Math.max(0, published - WINDOW); seq < published; seq++) {
    const random = rng(feed * 1_000_003 + seq);
    const reporter = () => `${inventWord(random)[0]}${inventWord(random).slice(1).toLowerCase()}`;
    const credit = `\n\nReporting by ${reporter()} ${reporter()}; Editing by ${reporter()} ${reporter()}`;
    const item = pool[(feed * 37 + seq) % pool.length]!
      .replace('<item>', `<item><guid isPermaLink="false">bench-${feed}-${seq}</guid>`)
      .replace('</description>', `${credit}</description>`);
    items.push(item);
  }
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Live feed ${feed}</title><link>https://example.org/${feed}</link><description>Bench</description>${items.join('')}</channel></rss>`;
}

/** Per feed, how long a distant host takes to answer: most within half a second, a few several seconds. */
export function internetDelays(seed = 7): (path: string) => number {
  const delays = new Map<string, number>();
  const random = rng(seed);
  return (path) => {
    let ms = delays.get(path);
    if (ms === undefined) {
      const u = random();
      ms = u < 0.7 ? 100 + 400 * random() : u < 0.9 ? 500 + 1500 * random() : u < 0.98 ? 2000 + 3000 * random() : 10_000;
      delays.set(path, Math.round(ms));
    }
    return ms;
  };
}

export interface PollerBenchOptions {
  feeds?: number;
  log?: (line: string) => void;
}

export async function benchPoller(options: PollerBenchOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const feeds = options.feeds ?? 1000;
  const fmt = (n: number, d = 1) => n.toFixed(d);
  const rows: string[] = [];
  const row = (what: string, concurrency: string, s: TickStats) => {
    log(`poller ${what}: ${JSON.stringify(s)}`);
    const fits = s.wallSeconds < INTERVAL_MINUTES * 60 ? 'yes' : '**no**';
    rows.push(`| ${what} | ${concurrency} | ${s.feeds} | ${s.withNewItems} / ${s.newItems} | ${s.alerts} | ${s.failed} | ${fmt(s.wallSeconds)} s | ${fmt(s.cpuSeconds)} s | ${fits} |`);
  };
  const world = await startFeedWorld(feeds);
  try {
    row('first poll of every feed (full bodies, items recorded, no alerts)', 'default (16)', await world.tick());
    world.publish(0.5);
    row('next interval: new items in half the live feeds, the rest 304', 'default (16)', await world.tick());
    world.server.delay(internetDelays());
    world.publish(0.5);
    row('the same at internet-like delays', 'default (16)', await world.tick());
  } finally {
    await world.close();
  }
  // The default before: a fifth of the feeds is enough to see it, waiting being all it does.
  const few = await startFeedWorld(Math.round(feeds / 5));
  let oldDefault: TickStats;
  try {
    few.server.delay(internetDelays());
    oldDefault = await few.tick(4);
    row('first poll at internet-like delays, a fifth of the feeds', '4 (the default before)', oldDefault);
  } finally {
    await few.close();
  }
  return [
    '## Feed polling',
    '',
    measuredBy('`npm run bench` (`scripts/bench-poller.ts`)'),
    `${feeds.toLocaleString('en')} feeds at distinct URLs on a server on 127.0.0.1 in the same process, polled by \`pollDueFeeds\` into a`,
    'SQLite file with the bundled lists, seven channels subscribed to countries and programs, and the real pipeline:',
    `fetch (conditional GET), parse, mention scanning, alerts into the outbox. ${Math.round(STATIC_SHARE * 100)}% of the feeds serve the project's`,
    'fixture feeds unchanged (RSS, Atom, RDF in UTF-8, windows-1251, KOI8-R, GB2312, Shift_JIS, EUC-JP...; two broken ones fail),',
    `so they answer 304 after their first poll; the others are RSS 2.0 of ${WINDOW} real news articles, where new ones appear between ticks.`,
    'Internet-like delays hold each answer back by a fixed time per feed: 70% of the feeds 0.1-0.5 s, 20% 0.5-2 s, 8% 2-5 s,',
    '2% 10 s (about 0.9 s on average). Wall time is of the tick; CPU time is of the whole process, feed server included.',
    '',
    `| tick | concurrency | feeds polled | feeds with new items / items | alerts queued | failed | wall time | CPU time | within ${INTERVAL_MINUTES} min |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `At 4 at once, the default before, all ${feeds.toLocaleString('en')} feeds would take about ${fmt((oldDefault.wallSeconds * feeds) / oldDefault.feeds / 60)} minutes of the ${INTERVAL_MINUTES}-minute interval`,
    'at these delays, with nothing to spare for a slow day: hence 16.',
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const feeds = Number(process.env.BENCH_FEEDS ?? 1000);
  const lines = await benchPoller({ feeds, log: (line) => console.error(line) });
  console.log(lines.join('\n'));
}
