// Mention scanning: recall and precision on the labelled news articles, MB/s on a real news feed, and the cost at a million names.
//
// `benchMentions()` returns markdown lines for BENCHMARKS.md; run this file directly to print them.
// The articles and the feed are third parties' text, read from ../shared when it is there and never
// copied into the project. Throughput is CPU time of this process (one core), which other work on
// the machine disturbs less than wall time.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseBundledLists } from '../src/designations/bundled.ts';
import { findMentions } from '../src/mentions/find.ts';
import { stripHtml } from '../src/mentions/html.ts';
import { type MentionIndex, buildMentionIndex } from '../src/mentions/mention-index.ts';
import { generateEntities, rng } from './bench-data.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SHARED = `${root}../shared/data`;
const BENCHMARK = `${SHARED}/benchmark`;
const NEWS = `${SHARED}/news`;

export interface MentionBenchOptions {
  /** Sizes of the generated lists to build and scan against (default: one million names). */
  generated?: number[];
  log?: (line: string) => void;
}

/** Seconds of this process's CPU time that `fn` takes. */
function cpuSeconds(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

/** MB/s of scanning `texts` (after a warm-up), by CPU time. */
function throughput(index: MentionIndex, texts: string[], passes = 5): number {
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  for (let p = 0; p < 2; p++) for (const text of texts) findMentions(index, text);
  const seconds = cpuSeconds(() => {
    for (let p = 0; p < passes; p++) for (const text of texts) findMentions(index, text);
  });
  return (bytes * passes) / 1e6 / seconds;
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 2 ** 20;
}

interface ArticleResult {
  expected: number;
  found: number;
  extra: number;
  mbps: number;
  misses: string[];
  extras: string[];
}

/** Recall and precision on the 30 labelled articles: per article, which listed entities were found. */
function labelledArticles(index: MentionIndex): ArticleResult | null {
  if (!existsSync(`${BENCHMARK}/mentions.tsv`)) return null;
  const result: ArticleResult = { expected: 0, found: 0, extra: 0, mbps: 0, misses: [], extras: [] };
  const texts: string[] = [];
  for (const line of readFileSync(`${BENCHMARK}/mentions.tsv`, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [file, expectedField = '', optionalField = ''] = line.split('\t');
    const expected = expectedField.split('|').filter(Boolean);
    const optional = new Set(optionalField.split('|').filter(Boolean));
    const text = readFileSync(`${BENCHMARK}/articles/${file}`, 'utf8');
    texts.push(text);
    const found = new Set(findMentions(index, text).map((m) => m.name));
    result.expected += expected.length;
    for (const name of expected) {
      if (found.has(name)) result.found++;
      else result.misses.push(`${file}: ${name}`);
    }
    for (const name of found) {
      if (expected.includes(name) || optional.has(name)) continue;
      result.extra++;
      result.extras.push(`${file}: ${name}`);
    }
  }
  result.mbps = throughput(index, texts);
  return result;
}

/** Titles and descriptions of the feed's items, as the poller would hand them over. */
function newsTexts(): string[] {
  if (!existsSync(NEWS)) return [];
  const texts: string[] = [];
  for (const file of readdirSync(NEWS).filter((f) => f.endsWith('.xml')).sort()) {
    const xml = readFileSync(`${NEWS}/${file}`, 'utf8');
    for (const item of xml.matchAll(/<item>([\s\S]*?)<\/item>/g)) {
      const field = (tag: string) => stripHtml(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(item[1]!)?.[1] ?? '').text;
      texts.push(`${field('title')}\n\n${field('description')}`);
    }
  }
  return texts;
}

export async function benchMentions(options: MentionBenchOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const sizes = options.generated ?? [1_000_000];
  const fmt = (n: number, d = 1) => n.toFixed(d);
  const bundled = await parseBundledLists();

  let before = heapMb();
  let started = performance.now();
  const index = buildMentionIndex(bundled);
  const bundledBuild = { seconds: (performance.now() - started) / 1000, mb: heapMb() - before };
  log(`bundled index: ${fmt(bundledBuild.seconds, 2)} s, ${fmt(bundledBuild.mb, 0)} MB`);

  const lines = [
    '## Mention scanning',
    '',
    `Measured by \`scripts/bench-mentions.ts\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}.`,
    'MB/s is UTF-8 article text per second of CPU time of one process (one core), after a warm-up, through',
    '`findMentions` (tokenising, the trie of names and variants, the evidence rules, the fuzzy pass, surnames).',
    '',
  ];

  const labelled = labelledArticles(index);
  if (labelled) {
    const precision = labelled.found / (labelled.found + labelled.extra);
    log(`labelled: ${labelled.found}/${labelled.expected}, ${labelled.extra} extra, ${fmt(labelled.mbps)} MB/s`);
    for (const miss of labelled.misses) log(`  missed ${miss}`);
    for (const extra of labelled.extras) log(`  extra ${extra}`);
    lines.push(
      '### Labelled news articles (`../shared/data/benchmark/articles`, 30 articles, 35 expected mentions)',
      '',
      '| matcher | found | recall | false mentions | precision | MB/s |',
      '|---|---|---|---|---|---|',
      `| sanctions-bot \`findMentions\` | ${labelled.found}/${labelled.expected} | ${fmt(labelled.found / labelled.expected, 2)} | ${labelled.extra} | ${fmt(precision, 2)} | ${fmt(labelled.mbps)} |`,
      '| keyword filter, every name and alias (from the benchmark README) | 31/35 | 0.89 | 40 | 0.44 | 0.5 |',
      '',
    );
    if (labelled.misses.length) lines.push(`Missed: ${labelled.misses.join('; ')}.`, '');
  }

  const news = newsTexts();
  if (news.length) {
    const mbps = throughput(index, news);
    const counts = new Map<string, number>();
    let mentions = 0;
    for (const text of news) {
      for (const m of findMentions(index, text)) {
        mentions++;
        counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
      }
    }
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, n]) => `${name} ${n}`);
    const mb = news.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 1e6;
    log(`news: ${news.length} items, ${fmt(mb, 2)} MB, ${fmt(mbps)} MB/s, ${mentions} mentions`);
    lines.push(
      '### Real news feed (`../shared/data/news`, two polls of a Reuters feed, titles and descriptions)',
      '',
      '| list | items | MB | MB/s | mentions | entities |',
      '|---|---|---|---|---|---|',
      `| bundled lists (${bundled.length.toLocaleString('en')} entities, ${index.names.nameEntity.length.toLocaleString('en')} names, ${index.patternName.length.toLocaleString('en')} patterns) | ${news.length} | ${fmt(mb, 2)} | ${fmt(mbps)} | ${mentions} | ${counts.size} |`,
      '',
      `Most mentioned: ${top.join(', ')}.`,
      '',
    );
  }

  // Without ../shared, the project's own fixture articles stand in for the feed.
  const fixtures = `${root}test/fixtures/articles`;
  const sample = news.length ? news : readdirSync(fixtures).map((f) => readFileSync(`${fixtures}/${f}`, 'utf8'));
  const rows: string[] = [];
  for (const size of sizes) {
    const generated = generateEntities(bundled, size, rng(20261123));
    before = heapMb();
    started = performance.now();
    const big = buildMentionIndex(generated);
    const seconds = (performance.now() - started) / 1000;
    const mb = heapMb() - before;
    const mbps = throughput(big, sample, 2);
    log(`generated ${size}: build ${fmt(seconds)} s, ${fmt(mb, 0)} MB, ${fmt(mbps)} MB/s`);
    rows.push(
      `| generated ${size.toLocaleString('en')} | ${big.names.nameEntity.length.toLocaleString('en')} | ${big.patternName.length.toLocaleString('en')} | ${big.trie.nodeToken.length.toLocaleString('en')} | ${fmt(seconds)} s | ${fmt(mb, 0)} MB | ${fmt(mbps)} |`,
    );
  }
  lines.push(
    '### Index size',
    '',
    'Index memory is the growth of the heap and typed arrays while building it (the name index of search included);',
    `MB/s is on ${news.length ? 'the news feed above' : 'the fixture articles'}. Generated entities recombine the real lists' words, as in the name-search bench.`,
    '',
    '| entities | names | patterns (names and variants) | trie nodes | build | memory | MB/s |',
    '|---|---|---|---|---|---|---|',
    `| bundled lists (${bundled.length.toLocaleString('en')}) | ${index.names.nameEntity.length.toLocaleString('en')} | ${index.patternName.length.toLocaleString('en')} | ${index.trie.nodeToken.length.toLocaleString('en')} | ${fmt(bundledBuild.seconds, 2)} s | ${fmt(bundledBuild.mb, 0)} MB | ${fmt(throughput(index, sample, 2))} |`,
    ...rows,
    '',
    'Target (issue 4): at least 20 MB/s against the bundled lists on one core.',
  );
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = process.env.BENCH_SIZES?.split(',').map(Number);
  const lines = await benchMentions({ generated: sizes, log: (line) => console.error(line) });
  console.log(lines.join('\n'));
}
