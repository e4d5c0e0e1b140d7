// Mention scanning: MB/s and alerts on a real news feed, recall and precision on the labelled news articles, and the cost at a million names.
//
// `benchMentions()` returns markdown lines for BENCHMARKS.md; run this file directly to print them.
// The articles and the feed are third parties' text, read from ../shared when it is there and never
// copied into the project. Throughput is CPU time of this process (one core), which other work on
// the machine disturbs less than wall time.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBundledLists } from '../src/designations/bundled.ts';
import { type Mention, findMentions } from '../src/mentions/find.ts';
import { stripHtml } from '../src/mentions/html.ts';
import { type MentionIndex, buildMentionIndex } from '../src/mentions/mention-index.ts';
import { generateEntities, rng } from './bench-data.ts';
import { cpuClock, heapMb, measuredBy } from './bench-report.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SHARED = `${root}../shared/data`;
const BENCHMARK = `${SHARED}/benchmark`;
const NEWS = `${SHARED}/news`;
/** CPU seconds of scanning before measuring (the lexicon learns the texts' words, V8 compiles the hot loops)... */
const WARM_UP_SECONDS = 1;
/** ...and at least this many measured. */
const MEASURE_SECONDS = 2;

export interface MentionBenchOptions {
  /** Sizes of the generated lists to build and scan against (default: one million names). */
  generated?: number[];
  log?: (line: string) => void;
}

interface Throughput {
  /** MB/s of the first pass over the texts: the index fresh, its lexicon yet to learn their words. */
  first: number;
  /** MB/s once warm. */
  steady: number;
}

/** MB/s of scanning `texts` by CPU time: the first pass, and passes after WARM_UP_SECONDS, over MEASURE_SECONDS at least. */
function throughput(index: MentionIndex, texts: string[]): Throughput {
  const mb = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 1e6;
  const pass = () => {
    const cpu = cpuClock();
    for (const text of texts) findMentions(index, text);
    return cpu();
  };
  const firstSeconds = pass();
  for (let warm = firstSeconds; warm < WARM_UP_SECONDS; ) warm += pass();
  let seconds = 0;
  let passes = 0;
  for (; seconds < MEASURE_SECONDS; passes++) seconds += pass();
  return { first: mb / firstSeconds, steady: (mb * passes) / seconds };
}

interface ArticleResult {
  expected: number;
  found: number;
  extra: number;
  speed: Throughput;
  misses: string[];
  extras: string[];
}

/** Recall and precision on the 30 labelled articles: per article, which listed entities were found. */
function labelledArticles(index: MentionIndex): ArticleResult | null {
  if (!existsSync(`${BENCHMARK}/mentions.tsv`)) return null;
  const texts: string[] = [];
  const labels: { file: string; expected: string[]; optional: Set<string> }[] = [];
  for (const line of readFileSync(`${BENCHMARK}/mentions.tsv`, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [file = '', expectedField = '', optionalField = ''] = line.split('\t');
    labels.push({ file, expected: expectedField.split('|').filter(Boolean), optional: new Set(optionalField.split('|').filter(Boolean)) });
    texts.push(readFileSync(`${BENCHMARK}/articles/${file}`, 'utf8'));
  }
  // Measured first, so that the first pass is over articles the lexicon has not seen.
  const speed = throughput(index, texts);
  const result: ArticleResult = { expected: 0, found: 0, extra: 0, speed, misses: [], extras: [] };
  labels.forEach(({ file, expected, optional }, i) => {
    const found = new Set(findMentions(index, texts[i]!).map((m) => m.name));
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
  });
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

interface Found {
  mentions: number;
  /** Texts with a mention: the alerts a channel following every listed entity would get. */
  alerts: number;
  entities: Map<string, number>;
}

function mentionsIn(index: MentionIndex, texts: string[]): Found {
  const found: Found = { mentions: 0, alerts: 0, entities: new Map() };
  for (const text of texts) {
    const mentions: Mention[] = findMentions(index, text);
    found.mentions += mentions.length;
    if (mentions.length) found.alerts++;
    for (const m of mentions) found.entities.set(m.name, (found.entities.get(m.name) ?? 0) + 1);
  }
  return found;
}

export async function benchMentions(options: MentionBenchOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const sizes = options.generated ?? [1_000_000];
  const fmt = (n: number, d = 1) => n.toFixed(d);
  const bundled = await parseBundledLists();

  const build = (entities: typeof bundled) => {
    const before = heapMb();
    const cpu = cpuClock();
    const index = buildMentionIndex(entities);
    return { index, seconds: cpu(), mb: heapMb() - before };
  };
  const { index, ...bundledBuild } = build(bundled);
  log(`bundled index: ${fmt(bundledBuild.seconds, 2)} s, ${fmt(bundledBuild.mb, 0)} MB`);

  const lines = [
    '## Mention scanning',
    '',
    measuredBy('`npm run bench` (`scripts/bench-mentions.ts`)'),
    'MB/s is UTF-8 article text per second of CPU time of one process (one core) through `findMentions` (tokenising,',
    'the trie of names and variants, the evidence rules, the fuzzy pass, surnames). Steady: after a warm-up of',
    `${WARM_UP_SECONDS} s of CPU (the scanner's lexicon learns the texts' words, V8 compiles the hot loops), over at least ${MEASURE_SECONDS} s of CPU.`,
    'First pass: the very first scan of the texts by a freshly built index, warm-up and all, as a bot just started meets',
    'its first poll.',
    '',
  ];

  // First, while nothing in this process has scanned any text yet: the first pass is as cold as a fresh start.
  const news = newsTexts();
  let onNews: { speed: Throughput; found: Found } | undefined;
  if (news.length) {
    const speed = throughput(index, news);
    const found = mentionsIn(index, news);
    onNews = { speed, found };
    const top = [...found.entities].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, n]) => `${name} ${n}`);
    const mb = news.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 1e6;
    log(`news: ${news.length} items, ${fmt(mb, 2)} MB, ${JSON.stringify(speed)}, ${found.mentions} mentions in ${found.alerts} items`);
    lines.push(
      '### Real news feed (`../shared/data/news`, two polls of a Reuters feed, titles and descriptions)',
      '',
      '| list | items | MB | MB/s steady | MB/s first pass | mentions | entities | items alerted |',
      '|---|---|---|---|---|---|---|---|',
      `| bundled lists (${bundled.length.toLocaleString('en')} entities, ${index.names.nameEntity.length.toLocaleString('en')} names, ${index.patternName.length.toLocaleString('en')} patterns) | ${news.length} | ${fmt(mb, 2)} | ${fmt(speed.steady)} | ${fmt(speed.first)} | ${found.mentions} | ${found.entities.size} | ${found.alerts} |`,
      '',
      'Items alerted: items with at least one mention, the alerts a channel following every listed entity would get.',
      `Most mentioned: ${top.join(', ')}.`,
      '',
    );
  }

  const labelled = labelledArticles(index);
  if (labelled) {
    const precision = labelled.found / (labelled.found + labelled.extra);
    log(`labelled: ${labelled.found}/${labelled.expected}, ${labelled.extra} extra, ${JSON.stringify(labelled.speed)}`);
    for (const miss of labelled.misses) log(`  missed ${miss}`);
    for (const extra of labelled.extras) log(`  extra ${extra}`);
    lines.push(
      '### Labelled news articles (`../shared/data/benchmark/articles`, 30 articles, 35 expected mentions)',
      '',
      '| matcher | found | recall | false mentions | precision | MB/s steady | MB/s first pass |',
      '|---|---|---|---|---|---|---|',
      `| sanctions-bot \`findMentions\` | ${labelled.found}/${labelled.expected} | ${fmt(labelled.found / labelled.expected, 2)} | ${labelled.extra} | ${fmt(precision, 2)} | ${fmt(labelled.speed.steady)} | ${fmt(labelled.speed.first)} |`,
      '| keyword filter, every name and alias (from the benchmark README) | 31/35 | 0.89 | 40 | 0.44 | 0.5 | |',
      '',
    );
    if (labelled.misses.length) lines.push(`Missed: ${labelled.misses.join('; ')}.`, '');
    if (labelled.extras.length) lines.push(`False mentions: ${labelled.extras.join('; ')}.`, '');
  }

  // Without ../shared, the project's own fixture articles stand in for the feed.
  const fixtures = `${root}test/fixtures/articles`;
  const sample = news.length ? news : readdirSync(fixtures).map((f) => readFileSync(`${fixtures}/${f}`, 'utf8'));
  const row = (label: string, built: ReturnType<typeof build>, seconds: string, measured?: typeof onNews) => {
    const { speed, found } = measured ?? { speed: throughput(built.index, sample), found: mentionsIn(built.index, sample) };
    log(`${label}: build ${seconds} s, ${fmt(built.mb, 0)} MB, ${JSON.stringify(speed)}, ${found.mentions} mentions in ${found.alerts} items`);
    return `| ${label} | ${built.index.names.nameEntity.length.toLocaleString('en')} | ${built.index.patternName.length.toLocaleString('en')} | ${built.index.trie.nodeToken.length.toLocaleString('en')} | ${seconds} s | ${fmt(built.mb, 0)} MB | ${fmt(speed.steady)} | ${fmt(speed.first)} | ${found.mentions} | ${found.alerts} |`;
  };
  const rows = [row(`bundled lists (${bundled.length.toLocaleString('en')})`, { index, ...bundledBuild }, fmt(bundledBuild.seconds, 2), onNews)];
  for (const size of sizes) {
    const built = build(generateEntities(bundled, size, rng(20261123)));
    rows.push(row(`generated ${size.toLocaleString('en')}`, built, fmt(built.seconds)));
  }
  lines.push(
    '### Index size',
    '',
    'Index memory is the growth of the heap and typed arrays while building it (the name index of search included),',
    `build time CPU time; MB/s, mentions and items alerted are on ${news.length ? 'the news feed above' : 'the fixture articles'} (a first pass of a generated`,
    "list: a fresh index, the code already compiled). Generated entities recombine the real lists' words, as in the",
    'name-search bench: against them every mention and alert is a false one, the noise a million names that look like',
    'listed ones would make.',
    '',
    '| entities | names | patterns (names and variants) | trie nodes | build | memory | MB/s steady | MB/s first pass | mentions | items alerted |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'Target (issue 4): at least 20 MB/s against the bundled lists on one core.',
  );
  return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = process.env.BENCH_SIZES?.split(',').filter(Boolean).map(Number);
  const lines = await benchMentions({ generated: sizes, log: (line) => console.error(line) });
  console.log(lines.join('\n'));
}
