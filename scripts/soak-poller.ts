// `npm run soak`: a thousand feeds polled tick after tick with new items each time, for ten minutes (SOAK_MINUTES): does memory stay flat?
//
// Run directly, it writes its section of BENCHMARKS.md (which `npm run bench` keeps); `npm run bench` runs a short
// soak of its own. Ticks follow each other at once, the poller's clock moved one interval on each time, so ten
// minutes hold hours of polling. The heap is read after a full collection (--expose-gc).
import { fileURLToPath } from 'node:url';
import { startFeedWorld } from './bench-poller.ts';
import { heapMb, measuredBy, writeSection } from './bench-report.ts';

/** Share of the live feeds that have new items at each tick. */
const PUBLISH_SHARE = 0.3;
const ROWS = 10;

interface Sample {
  seconds: number;
  ticks: number;
  items: number;
  alerts: number;
  heapMb: number;
  rssMb: number;
  tickSeconds: number;
}

export interface SoakOptions {
  seconds: number;
  /** What ran it, for the section's heading: `npm run soak`, `npm run bench`. */
  how: string;
  feeds?: number;
  log?: (line: string) => void;
}

const memory = () => ({ heapMb: heapMb(), rssMb: process.memoryUsage().rss / 2 ** 20 });

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxx ? sxy / sxx : 0;
}

export async function soakPoller(options: SoakOptions): Promise<string[]> {
  const log = options.log ?? (() => {});
  const feeds = options.feeds ?? 1000;
  const fmt = (n: number, d = 0) => n.toFixed(d);
  const world = await startFeedWorld(feeds, 4242);
  const samples: Sample[] = [];
  const started = performance.now();
  let totals = { ticks: 0, items: 0, alerts: 0 };
  try {
    const first = await world.tick();
    samples.push({ seconds: (performance.now() - started) / 1000, ...totals, tickSeconds: first.wallSeconds, ...memory() });
    while (performance.now() - started < options.seconds * 1000) {
      world.publish(PUBLISH_SHARE);
      const tick = await world.tick();
      totals = { ticks: totals.ticks + 1, items: totals.items + tick.newItems, alerts: totals.alerts + tick.alerts };
      const sample = { seconds: (performance.now() - started) / 1000, ...totals, tickSeconds: tick.wallSeconds, ...memory() };
      samples.push(sample);
      log(`soak ${fmt(sample.seconds)} s: ${JSON.stringify({ ...tick, heapMb: fmt(sample.heapMb), rssMb: fmt(sample.rssMb) })}`);
    }
  } finally {
    await world.close();
  }

  const last = samples.at(-1)!;
  // After the first fifth, once the caches (lexicon, JIT, SQLite's page cache) have filled: growth from then on is what would go on.
  const settled = samples.filter((s) => s.seconds >= last.seconds / 5);
  const perMinute = (pick: (s: Sample) => number) => slope(settled.map((s) => ({ x: s.seconds / 60, y: pick(s) })));
  const third = (n: number, pick: (s: Sample) => number) => {
    const part = samples.filter((s) => s.seconds >= (last.seconds * n) / 3 && s.seconds < (last.seconds * (n + 1)) / 3 + 1e-9);
    return part.reduce((sum, s) => sum + pick(s), 0) / Math.max(1, part.length);
  };
  const [heapMiddle, heapLast] = [third(1, (s) => s.heapMb), third(2, (s) => s.heapMb)];
  const [rssMiddle, rssLast] = [third(1, (s) => s.rssMb), third(2, (s) => s.rssMb)];
  // Shorter than this, the caches are still filling: the run shows the cost of a tick, not whether memory levels off.
  const judged = last.seconds >= 300;
  const flat = heapLast <= heapMiddle * 1.1 ? 'flat' : '**growing**';
  const shown = samples.filter((_, i) => i === 0 || i === samples.length - 1 || Math.floor((i * ROWS) / samples.length) !== Math.floor(((i - 1) * ROWS) / samples.length));
  const tickTimes = samples.slice(1).map((s) => s.tickSeconds).sort((a, b) => a - b);
  const minutes = last.seconds / 60;
  const lines = [
    `### Soak: ${fmt(minutes, minutes < 5 ? 1 : 0)} minutes (${options.how})`,
    '',
    measuredBy(options.how),
    `The ${feeds.toLocaleString('en')} feeds above, polled tick after tick with the clock moved five minutes on each time; before each tick,`,
    `${Math.round(PUBLISH_SHARE * 100)}% of the live feeds get one to five new articles, each credited to reporters never named before (new`,
    "words for the scanner to learn). Heap is JavaScript heap and typed arrays after a full collection; RSS is the process's.",
    `${totals.ticks} ticks after the first poll (${fmt((totals.ticks * 5) / 60, 1)} hours of polling), ${totals.items.toLocaleString('en')} new items scanned, ${totals.alerts.toLocaleString('en')} alerts queued;`,
    `a tick took ${fmt(tickTimes[Math.floor(tickTimes.length / 2)] ?? 0, 1)} s (median) and at most ${fmt(tickTimes.at(-1) ?? 0, 1)} s of wall time.`,
    '',
    '| elapsed | ticks | new items | alerts | heap | RSS |',
    '|---|---|---|---|---|---|',
    ...shown.map((s) => `| ${fmt(s.seconds / 60, 1)} min | ${s.ticks} | ${s.items.toLocaleString('en')} | ${s.alerts.toLocaleString('en')} | ${fmt(s.heapMb)} MB | ${fmt(s.rssMb)} MB |`),
    '',
    judged
      ? `Memory is ${flat}: heap ${fmt(heapMiddle)} MB on average over the middle third of the run, ${fmt(heapLast)} MB over the last`
      : `Too short to judge (the lexicon and compiled code are still filling; see the ten-minute soak): heap ${fmt(heapMiddle)} MB over the middle third, ${fmt(heapLast)} MB over the last`,
    `(RSS ${fmt(rssMiddle)} and ${fmt(rssLast)} MB); the trend after the first fifth is ${fmt(perMinute((s) => s.heapMb), 2)} MB/min of heap,`,
    `${fmt(perMinute((s) => s.rssMb), 2)} MB/min of RSS.`,
  ];
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const minutes = Number(process.env.SOAK_MINUTES ?? 10);
  const lines = await soakPoller({ seconds: minutes * 60, how: '`npm run soak`', log: (line) => console.error(line) });
  writeSection('soak', lines);
  console.log(lines.join('\n'));
}
