// Hostile feeds against the real poller and alerts pipeline: the event loop's delay (p99, max) while each is polled, and what the limits let through.
//
// Run: `LOG_LEVEL=error npx tsx scripts/bench-hostile-feed.ts`. Prints markdown lines for docs/reliability.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Parser from 'rss-parser';
import { newsAlerts } from '../src/alerts/news-alerts.ts';
import { ensureBundledLists } from '../src/designations/bundled.ts';
import { loadCatalog } from '../src/designations/catalog.ts';
import { pollDueFeeds } from '../src/feeds/poller.ts';
import { anyAddress } from '../src/feeds/ssrf.ts';
import { openStore } from '../src/store/open.ts';
import { startFeedServer } from '../test/helpers/feed-server.ts';

const rss = (items: string[]) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hostile News</title>${items.join('\n')}</channel></rss>`;
const item = (id: string, title: string, description = '') =>
  `<item><title>${title}</title><link>https://hostile.example/${id}</link><guid>${id}</guid><pubDate>${new Date().toUTCString()}</pubDate><description>${description}</description></item>`;
const names = (length: number) => 'SEK Studio Korea Kwangson Banking Corp Kim Jong Un '.repeat(Math.ceil(length / 52)).slice(0, length);

const HOSTILE: Record<string, () => string> = {
  'a 3.3 MB title of names and 3,000 items naming SEK Studio': () =>
    rss([item('huge', names(3.3e6)), ...Array.from({ length: 3_000 }, (_, i) => item(`s-${i}`, `SEK Studio animation report ${i}`, `Pyongyang's SEK Studio, named in report ${i}.`))]),
  '100 items of 32 KB of dense names each': () => rss(Array.from({ length: 100 }, (_, i) => item(`d-${i}`, `Report ${i}`, names(32_000)))),
  '25,000 small items naming SEK Studio': () => rss(Array.from({ length: 25_000 }, (_, i) => item(`t-${i}`, `SEK Studio ${i}`))),
};

const dir = mkdtempSync(join(tmpdir(), 'bench-hostile-'));
const server = await startFeedServer();
const store = await openStore(`file:${join(dir, 'bench.db')}`);
try {
  await ensureBundledLists(store);
  const catalog = await loadCatalog(store);
  await store.addSubscription({ platform: 'console', channelId: 'console', kind: 'country', value: 'KP', createdBy: 'bench', createdAt: new Date().toISOString() });
  const process = newsAlerts(store, catalog);
  // A running bot has built its mention index by the time a feed turns hostile.
  await process({ id: 0, url: 'https://warm.example/', title: null, tenant: null } as never, [{ key: 'w', title: 'SEK Studio', link: null, published: null, summary: '', content: '', feedTitle: '' }]);
  const lines = ['| Feed | Event-loop delay while polled: p99, max | Poll took | Items read, alerts queued, alerts folded |', '|---|---|---|---|'];
  let n = 0;
  for (const [what, body] of Object.entries(HOSTILE)) {
    const path = `/hostile-${++n}`;
    server.put(path, rss([item('calm', 'Weather in Seoul')]));
    const { feed } = await store.addFeed({ url: server.url(path), title: null, addedBy: 'bench', addedInChannel: 'console:console', createdAt: new Date().toISOString() });
    const options = { store, process, fetchOptions: () => ({ guard: anyAddress }), feedTimeoutMs: 600_000 };
    await pollDueFeeds(options);
    const xml = body();
    server.put(path, xml);
    await store.updateFeed(feed.id, { nextPollAt: null });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const [outcome] = await pollDueFeeds(options);
    const took = performance.now() - started;
    delay.disable();
    const ms = (ns: number) => `${Math.round(ns / 1e6)} ms`;
    const read = outcome!.error ? `refused: ${outcome!.error}` : `${outcome!.newItems}, ${outcome!.alerts}, ${outcome!.folded}`;
    lines.push(`| ${what} (${(Buffer.byteLength(xml) / 1e6).toFixed(1)} MB) | ${ms(delay.percentile(99))}, ${ms(delay.max)} | ${(took / 1000).toFixed(1)} s | ${read} |`);
  }
  // What parsing a 100,000-item feed whole, as before MAX_PARSED_ITEMS, holds the event loop for.
  const whole = rss(Array.from({ length: 100_000 }, (_, i) => item(`t-${i}`, `Story ${i}`)));
  const started = performance.now();
  await new Parser().parseString(whole);
  lines.push('', `Parsing a 100,000-item feed (${(whole.length / 2 ** 20).toFixed(1)} MB) whole with rss-parser: ${Math.round(performance.now() - started)} ms in one go.`);
  console.log(lines.join('\n'));
} finally {
  await store.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
