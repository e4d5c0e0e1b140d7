// `npm run bench`: name search latency, recall and index cost on the bundled lists and on a generated million; writes BENCHMARKS.md.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseBundledLists } from '../src/designations/bundled.ts';
import type { Entity } from '../src/designations/model.ts';
import { buildNameIndex, type NameIndex } from '../src/designations/name-index.ts';
import { searchNames } from '../src/designations/search.ts';
import { benchMentions } from './bench-mentions.ts';
import { generateEntities, rng } from './bench-data.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const BENCHMARK_DIR = `${root}../shared/data/benchmark/queries`;
const ENTITY_COUNTS = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function timeQueries(index: NameIndex, queries: string[]): { median: number; p99: number } {
  for (const q of queries.slice(0, 50)) searchNames(index, q); // warm-up
  const times = queries.map((q) => {
    const t = performance.now();
    searchNames(index, q);
    return performance.now() - t;
  });
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

/** JavaScript heap plus typed arrays, after a full collection (the bench runs with --expose-gc). */
function heapMb(): number {
  globalThis.gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 2 ** 20;
}

/** Query variants a user types: the name reordered, a letter dropped or swapped, a legal form dropped. */
function variantsOf(entities: Entity[], count: number, random: () => number): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const e = entities[Math.floor(random() * entities.length)]!;
    const words = e.name.replace(/,/g, '').split(/\s+/);
    const kind = Math.floor(random() * 4);
    if (kind === 0) out.push(e.name);
    else if (kind === 1) out.push([...words].reverse().join(' '));
    else if (kind === 2) {
      const i = Math.floor(random() * words.length);
      const w = words[i]!;
      if (w.length > 4) {
        const at = 1 + Math.floor(random() * (w.length - 2));
        words[i] = w.slice(0, at) + w.slice(at + 1);
      }
      out.push(words.join(' '));
    } else out.push(words.filter((w) => !/^(LTD|LIMITED|CO|LLC|COMPANY|INC|GROUP)\.?$/.test(w)).join(' '));
  }
  return out;
}

interface Row {
  label: string;
  entities: number;
  names: number;
  buildSeconds: number;
  indexMb: number;
  /** The whole heap once built: the entities, the index and everything else in the process. */
  totalMb: number;
  median: number;
  p99: number;
}

function measure(label: string, entities: Entity[], queries: string[]): Row {
  const before = heapMb();
  const t = performance.now();
  const index = buildNameIndex(entities);
  const buildSeconds = (performance.now() - t) / 1000;
  const totalMb = heapMb();
  const indexMb = totalMb - before;
  const { median, p99 } = timeQueries(index, queries);
  const row = { label, entities: entities.length, names: index.nameEntity.length, buildSeconds, indexMb, totalMb, median, p99 };
  console.log(`${label}: ${JSON.stringify(row)}`);
  return row;
}

interface Quality {
  positives: number;
  top1: number;
  top5: number;
  negatives: number;
  falsePositives: number;
}

/** Recall@1 and false positives on the labelled benchmark in ../shared, when it is there. */
function benchmarkQuality(index: NameIndex): { quality: Quality; queries: string[] } | null {
  if (!existsSync(BENCHMARK_DIR)) return null;
  const quality: Quality = { positives: 0, top1: 0, top5: 0, negatives: 0, falsePositives: 0 };
  const queries: string[] = [];
  for (const file of readdirSync(BENCHMARK_DIR).filter((f) => f.endsWith('.tsv'))) {
    for (const line of readFileSync(`${BENCHMARK_DIR}/${file}`, 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [query, expected] = line.split('\t');
      queries.push(query!);
      const hits = searchNames(index, query!).hits;
      if (expected) {
        quality.positives++;
        if (hits[0]?.entity.name === expected) quality.top1++;
        if (hits.some((h) => h.entity.name === expected)) quality.top5++;
      } else {
        quality.negatives++;
        if (hits.length) quality.falsePositives++;
      }
    }
  }
  return { quality, queries };
}

async function main() {
  const random = rng(20261123);
  const lists = await parseBundledLists();
  const bundledIndex = buildNameIndex(lists);
  const labelled = benchmarkQuality(bundledIndex);
  const queries = [...variantsOf(lists, 2000, random), ...(labelled?.queries ?? [])];
  const rows = [measure('bundled lists', lists, queries)];
  for (const size of ENTITY_COUNTS) {
    const generated = generateEntities(lists, size, random);
    rows.push(measure(`generated ${size.toLocaleString('en')}`, generated, [...variantsOf(generated, 2000, random), ...queries]));
  }

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const date = new Date().toISOString().slice(0, 10);
  const fmt = (n: number, d = 2) => n.toFixed(d);
  const lines = [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench\` on ${date}: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
    '',
    '## Name search',
    '',
    'Latency of `searchNames` in process, over 2,000 generated query variants of listed names (exact, reordered,',
    'a letter dropped, legal form dropped) plus the labelled benchmark queries. Index memory is the growth of',
    'the heap and typed arrays while building the index; heap in all adds the entities themselves (and the',
    "bundled lists, kept for the queries). Generated entities recombine the real lists' words, half of them",
    'persons written `SURNAME, Given`, a third with an alias.',
    '',
    '| entities | names indexed | index build | index memory | heap in all | median | p99 |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.label} (${r.entities.toLocaleString('en')}) | ${r.names.toLocaleString('en')} | ${fmt(r.buildSeconds, 1)} s | ${fmt(r.indexMb, 0)} MB | ${fmt(r.totalMb, 0)} MB | ${fmt(r.median)} ms | ${fmt(r.p99)} ms |`,
    ),
    '',
    'Targets (issue 2): p99 under 5 ms on the bundled lists, under 50 ms at one million, index under 1.5 GB.',
  ];
  if (labelled) {
    const q = labelled.quality;
    lines.push(
      '',
      '## Labelled benchmark (`../shared/data/benchmark/queries`)',
      '',
      '| matcher | recall@1 | recall@5 | false positives |',
      '|---|---|---|---|',
      `| sanctions-bot | ${q.top1}/${q.positives} (${fmt(q.top1 / q.positives)}) | ${q.top5}/${q.positives} | ${q.falsePositives}/${q.negatives} |`,
      '| fuse.js 7, threshold 0.4 (from the benchmark README) | 156 (0.36) | | 41 |',
      '| minisearch 7, fuzzy 0.2, prefix, AND (README) | 276 (0.64) | | 8 |',
      '| minisearch 7, fuzzy 0.2, prefix, OR (README) | 360 (0.84) | | 105 |',
      '| minisearch OR through any-ascii (README) | 388 (0.90) | | 124 |',
    );
  }
  lines.push('', ...(await benchMentions({ log: console.log })));
  writeFileSync(`${root}BENCHMARKS.md`, `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
}

await main();
