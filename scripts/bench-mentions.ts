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
import { type MentionIndex, buildMentionIndex, buildMentionIndexAsync } from '../src/mentions/mention-index.ts';
import { MAX_MENTIONS, PART_LENGTH, scanArticle, scanArticleAsync } from '../src/mentions/scan.ts';
import { forgetAnswers } from '../src/mentions/lexicon.ts';
import { mergeListings } from '../src/designations/listings.ts';
import { searchNames } from '../src/designations/search.ts';
import { evaluate, readFold } from './eval-mentions.ts';
import { mentionJson } from '../src/mentions/scan-command.ts';
import { benchmarkQueries } from './bench-search.ts';
import type { Entity } from '../src/designations/model.ts';
import { generateEntities, rng } from './bench-data.ts';
import { cpuClock, heapMb, measuredBy } from './bench-report.ts';
import { type BenchmarkScore, benchmarkArticles, scoreBenchmarkArticles } from './benchmark-articles.ts';
import { type LabelledItem, labelledNews, newsItems } from './news-labels.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
/** CPU seconds of scanning before measuring (the lexicon learns the texts' words, V8 compiles the hot loops)... */
const WARM_UP_SECONDS = 1;
/** ...and this many passes after the first at least: a first pass of over a second left none, and the measure then took V8 still compiling the hot loops on its own threads, whose CPU time counts. */
const WARM_UP_PASSES = 3;
/** ...and at least this many measured. */
const MEASURE_SECONDS = 2;
/** Passes with the span search's cache emptied before each. */
const COLD_PASSES = 2;

export interface MentionBenchOptions {
  /** Sizes of the generated lists to build and scan against (default: one million names). */
  generated?: number[];
  log?: (line: string) => void;
}

interface Throughput {
  /** MB/s of the first pass over the texts (`scanArticleAsync`, as the bot scans): the index fresh, its lexicon yet to learn their words. */
  first: number;
  /** The longest step of that first pass, CPU milliseconds (see `longestStep`). */
  firstStepMs: number;
  /** MB/s once warm, but with the span search's cache emptied before each pass: every span new, as in a poll of fresh news. */
  cold: number;
  /** MB/s once warm. */
  steady: number;
}

interface Steps<T> {
  value: T;
  /** The longest the event loop was held between two of its turns: CPU ms of this process (V8's own threads included), and wall ms. */
  cpuMs: number;
  wallMs: number;
  turns: number;
}

/** Runs `work` with a callback at every turn of the event loop, timing the gaps between turns: the steps the work held the loop for. */
async function longestStep<T>(work: () => Promise<T>): Promise<Steps<T>> {
  let cpuMs = 0;
  let wallMs = 0;
  let turns = 0;
  let done = false;
  let cpu = cpuClock();
  let wall = performance.now();
  const turn = () => {
    cpuMs = Math.max(cpuMs, cpu() * 1000);
    wallMs = Math.max(wallMs, performance.now() - wall);
    turns++;
    cpu = cpuClock();
    wall = performance.now();
    if (!done) setImmediate(turn);
  };
  setImmediate(turn);
  const value = await work();
  done = true;
  return { value, cpuMs, wallMs, turns };
}

/** MB/s of scanning `texts` by CPU time: the first pass, passes with the caches of spans and runs emptied, and passes after WARM_UP_SECONDS, over MEASURE_SECONDS at least. */
async function throughput(index: MentionIndex, texts: string[]): Promise<Throughput> {
  const mb = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 1e6;
  const pass = () => {
    const cpu = cpuClock();
    for (const text of texts) findMentions(index, text);
    return cpu();
  };
  const firstCpu = cpuClock();
  const first = await longestStep(async () => {
    for (const text of texts) await scanArticleAsync(index, text);
  });
  const firstSeconds = firstCpu();
  for (let warm = firstSeconds, passes = 0; warm < WARM_UP_SECONDS || passes < WARM_UP_PASSES; passes++) warm += pass();
  let seconds = 0;
  let passes = 0;
  for (; seconds < MEASURE_SECONDS; passes++) seconds += pass();
  let coldSeconds = 0;
  for (let k = 0; k < COLD_PASSES; k++) {
    forgetAnswers(index.lexicon);
    coldSeconds += pass();
  }
  return { first: mb / firstSeconds, firstStepMs: first.cpuMs, cold: (mb * COLD_PASSES) / coldSeconds, steady: (mb * passes) / seconds };
}

interface ArticleResult extends BenchmarkScore {
  speed: Throughput;
}

/** Recall and precision on the 30 labelled articles: per article, which listed entities were found. */
async function labelledArticles(index: MentionIndex): Promise<ArticleResult | null> {
  const articles = benchmarkArticles();
  if (articles.length === 0) return null;
  // Measured first, so that the first pass is over articles the lexicon has not seen.
  const speed = await throughput(index, articles.map((a) => a.text));
  return { speed, ...scoreBenchmarkArticles(articles, (text) => new Set(findMentions(index, text).map((m) => m.name))) };
}

/** Titles and descriptions of the feed's items, as the poller would hand them over. */
function newsTexts(): string[] {
  return newsItems().map((item) => item.text);
}

interface SetResult {
  expected: number;
  found: number;
  extra: number;
  misses: string[];
  extras: string[];
}

/** Recall and precision of `named` (the entity ids a matcher finds in a text) on the labelled news items. */
function onLabelledNews(items: LabelledItem[], named: (text: string) => Set<string>): SetResult {
  const result: SetResult = { expected: 0, found: 0, extra: 0, misses: [], extras: [] };
  for (const item of items) {
    const found = named(item.text);
    const where = item.link.replace(/^https:\/\/www\.reuters\.com\//, '').slice(0, 70);
    result.expected += item.expected.length;
    for (const id of item.expected) {
      if (found.has(id)) result.found++;
      else result.misses.push(`${where}: ${id}`);
    }
    for (const id of found) {
      if (item.expected.includes(id) || item.optional.includes(id)) continue;
      result.extra++;
      result.extras.push(`${where}: ${id}`);
    }
  }
  return result;
}

/**
 * The keyword filter the benchmark README measures: every name and alias of at least four letters
 * (a person's also given names first), found anywhere in the text as whole words, case aside.
 */
function keywordFilter(entities: Entity[]): (text: string) => Set<string> {
  const keywords: [string, string][] = [];
  for (const e of entities) {
    for (const name of [e.name, ...e.aliases.map((a) => a.name)]) {
      // A person's `SURNAME, Given` also as news writes it, `Given SURNAME`.
      const [surname, given] = name.split(', ');
      const forms = e.type === 'person' && given ? [name, `${given} ${surname}`] : [name];
      for (const form of forms) if (form.length >= 4) keywords.push([form.toLowerCase(), e.id]);
    }
  }
  const word = /[\p{L}\p{N}]/u;
  return (text) => {
    const lower = text.toLowerCase();
    const found = new Set<string>();
    for (const [keyword, id] of keywords) {
      for (let at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) {
        if (!word.test(lower[at - 1] ?? ' ') && !word.test(lower[at + keyword.length] ?? ' ')) {
          found.add(id);
          break;
        }
      }
    }
    return found;
  };
}

/** CPU seconds of scanning `text` whole, in parts with the event loop served between them, as the bot does; and the longest part. */
async function scanSeconds(index: MentionIndex, text: string): Promise<{ seconds: number; stepMs: number }> {
  const cpu = cpuClock();
  const { cpuMs } = await longestStep(() => scanArticleAsync(index, text));
  return { seconds: cpu(), stepMs: cpuMs };
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

/** The held-out folds of our own articles, labelled per article and entity, as `npm run eval:mentions` scores them (in process here). */
const HELD_OUT = ['heldout-articles', 'heldout-articles-b'].map((dir) => `${root}test/fixtures/${dir}`);

function heldOut(index: MentionIndex, dir: string) {
  const { labels, files, texts } = readFold(dir);
  const scanned = new Map(files.map((f) => [f, scanArticle(index, texts.get(f)!).map(mentionJson)]));
  return { files: files.length, ...evaluate(labels, texts, scanned) };
}

/** Two sentences a query is put in, as news would write a name. */
const SENTENCES = [
  (name: string) => `The U.S. Treasury on Tuesday imposed sanctions on ${name}, officials said.`,
  (name: string) => `${name} was added to the sanctions list last week, according to a statement.`,
];

/**
 * Search and scan as one matcher: of the benchmark's names that search answers with the right entity first, how many
 * scan finds in a sentence (each name in both SENTENCES); of its clean names, how many each flags.
 */
function searchAndScan(index: MentionIndex, entities: Entity[]) {
  const tally = { searched: 0, scanned: 0, clean: 0, cleanSearched: 0, cleanScanned: 0 };
  for (const q of benchmarkQueries(entities)) {
    const top = searchNames(index.names, q.query, { limit: 1 }).hits[0]?.entity.id;
    for (const sentence of SENTENCES) {
      const found = new Set(findMentions(index, sentence(q.query)).map((m) => m.entityId));
      if (q.expected.length === 0) {
        tally.clean++;
        if (top) tally.cleanSearched++;
        if (found.size) tally.cleanScanned++;
      } else if (top && q.expected.includes(top)) {
        tally.searched++;
        if (found.has(top)) tally.scanned++;
      }
    }
  }
  return tally;
}

export async function benchMentions(options: MentionBenchOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const sizes = options.generated ?? [1_000_000];
  const fmt = (n: number, d = 1) => n.toFixed(d);
  const bundled = await parseBundledLists();

  /** Builds the index as the bot does, in steps with the event loop served between them. */
  const build = async (entities: typeof bundled) => {
    const before = heapMb();
    const cpu = cpuClock();
    const { value: index, cpuMs, wallMs, turns } = await longestStep(() => buildMentionIndexAsync(entities));
    return { index, seconds: cpu(), mb: heapMb() - before, stepMs: cpuMs, wallMs, turns };
  };
  const { index, ...bundledBuild } = await build(bundled);
  log(`bundled index: ${fmt(bundledBuild.seconds, 2)} s, ${fmt(bundledBuild.mb, 0)} MB, longest step ${fmt(bundledBuild.stepMs)} ms CPU (${fmt(bundledBuild.wallMs)} ms wall) of ${bundledBuild.turns}`);

  const lines = [
    '## Mention scanning',
    '',
    measuredBy('`npm run bench` (`scripts/bench-mentions.ts`)'),
    'MB/s is UTF-8 article text per second of CPU time of one process (one core) through `findMentions` (tokenising,',
    'the trie of names and variants, the evidence rules, the near-spelling and span passes, names followed through the story). Steady: after a warm-up of',
    `${WARM_UP_SECONDS} s of CPU and ${WARM_UP_PASSES} passes (the scanner's lexicon learns the texts' words, V8 compiles the hot loops), over at least ${MEASURE_SECONDS} s of CPU.`,
    `Cold caches: ${COLD_PASSES} passes once warm, the caches of answers per span and per run of words (span search, span gate, near-spelling scores, span flags) emptied before each: every name new, as in a poll of fresh news.`,
    'First pass: the very first scan of the texts by a freshly built index, warm-up and all, as a bot just started meets',
    'its first poll, through `scanArticleAsync` as the bot scans.',
    "Longest step: the most CPU time of this process (V8's compiler and collector threads included, so an upper bound)",
    'between two turns of the event loop, while the index is built (`buildMentionIndexAsync`) or texts are scanned',
    '(`scanArticleAsync`): how long the bot can be kept from answering. Wall time between turns is larger on a loaded machine.',
    '',
  ];

  // First, while nothing in this process has scanned any text yet: the first pass is as cold as a fresh start.
  const news = newsTexts();
  let onNews: { speed: Throughput; found: Found } | undefined;
  if (news.length) {
    const speed = await throughput(index, news);
    const found = mentionsIn(index, news);
    onNews = { speed, found };
    const top = [...found.entities].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([name, n]) => `${name} ${n}`);
    const mb = news.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 1e6;
    log(`news: ${news.length} items, ${fmt(mb, 2)} MB, ${JSON.stringify(speed)}, ${found.mentions} mentions in ${found.alerts} items`);
    lines.push(
      '### Real news feed (`../shared/data/news`, two polls of a Reuters feed, titles and descriptions)',
      '',
      '| list | items | MB | MB/s steady | MB/s cold caches | MB/s first pass | longest step, first pass | mentions | entities | items alerted |',
      '|---|---|---|---|---|---|---|---|---|---|',
      `| bundled lists (${bundled.length.toLocaleString('en')} entities, ${index.names.nameEntity.length.toLocaleString('en')} names, ${index.patternName.length.toLocaleString('en')} patterns) | ${news.length} | ${fmt(mb, 2)} | ${fmt(speed.steady)} | ${fmt(speed.cold)} | ${fmt(speed.first)} | ${fmt(speed.firstStepMs)} ms | ${found.mentions} | ${found.entities.size} | ${found.alerts} |`,
      '',
      'Items alerted: items with at least one mention, the alerts a channel following every listed entity would get.',
      `Most mentioned: ${top.join(', ')}.`,
      '',
    );
  }

  const labelled = await labelledArticles(index);
  if (labelled) {
    const precision = labelled.found / (labelled.found + labelled.extra);
    log(`labelled: ${labelled.found}/${labelled.expected}, ${labelled.extra} extra, ${JSON.stringify(labelled.speed)}`);
    for (const miss of labelled.misses) log(`  missed ${miss}`);
    for (const extra of labelled.extras) log(`  extra ${extra}`);
    lines.push(
      '### Labelled news articles (`../shared/data/benchmark/articles`, 30 articles, 35 expected mentions)',
      '',
      '| matcher | found | recall | false mentions | precision | MB/s steady | MB/s cold caches | MB/s first pass |',
      '|---|---|---|---|---|---|---|---|',
      `| sanctions-bot \`findMentions\` | ${labelled.found}/${labelled.expected} | ${fmt(labelled.found / labelled.expected, 2)} | ${labelled.extra} | ${fmt(precision, 2)} | ${fmt(labelled.speed.steady)} | ${fmt(labelled.speed.cold)} | ${fmt(labelled.speed.first)} |`,
      '| keyword filter, every name and alias (from the benchmark README) | 31/35 | 0.89 | 40 | 0.44 | 0.5 | | |',
      '',
    );
    if (labelled.misses.length) lines.push(`Missed: ${labelled.misses.join('; ')}.`, '');
    if (labelled.extras.length) lines.push(`False mentions: ${labelled.extras.join('; ')}.`, '');
  }

  const labelledItems = labelledNews();
  if (labelledItems.length) {
    const cpu = cpuClock();
    const ours = onLabelledNews(labelledItems, (text) => new Set(scanArticle(index, text).map((m) => m.entityId)));
    const oursSeconds = cpu();
    const keywordCpu = cpuClock();
    const keywords = onLabelledNews(labelledItems, keywordFilter(bundled));
    const keywordSeconds = keywordCpu();
    const mb = labelledItems.reduce((sum, item) => sum + Buffer.byteLength(item.text), 0) / 1e6;
    const row = (label: string, r: SetResult, seconds: number) =>
      `| ${label} | ${r.found}/${r.expected} | ${fmt(r.found / r.expected, 2)} | ${r.extra} | ${fmt(r.found / (r.found + r.extra), 2)} | ${fmt(mb / seconds)} |`;
    log(`labelled news: ${ours.found}/${ours.expected}, ${ours.extra} extra; keyword filter ${keywords.found}/${keywords.expected}, ${keywords.extra} extra`);
    lines.push(
      `### Labelled news items (\`test/fixtures/news-labels.tsv\`: the ${labelledItems.length} distinct items of the two polls that mention "sanction", ${ours.expected} listed entities named)`,
      '',
      'Labelled by reading each item against the bundled lists; per item, which listed entities are named (an entity named',
      'twice in an item counts once). MB/s here is one pass over these items, CPU time, the index fresh from the run above.',
      '',
      '| matcher | found | recall | false mentions | precision | MB/s |',
      '|---|---|---|---|---|---|',
      row('sanctions-bot `scanArticle`', ours, oursSeconds),
      row('keyword filter, every name and alias of 4+ letters (persons also given names first) as whole words', keywords, keywordSeconds),
      '',
    );
    if (ours.misses.length) lines.push(`Missed: ${ours.misses.join('; ')}.`, '');
    if (ours.extras.length) lines.push(`False mentions: ${ours.extras.join('; ')}.`, '');
  }

  // As `sanctions-bot scan` reads them: the lists as the catalog merges them (one entity on several lists).
  const merged = buildMentionIndex(mergeListings(bundled));
  const folds = HELD_OUT.filter((dir) => existsSync(`${dir}/labels.tsv`)).map((dir) => ({ dir, ...heldOut(merged, dir) }));
  lines.push(
    '### Held-out articles (`test/fixtures/heldout-articles*`; `npm run eval:mentions [DIR]` scores them through `sanctions-bot scan FILE --json`)',
    '',
    'Our own articles, labelled per article and entity (an entity counts once however often it is named). Fold A was the',
    "matcher's working set; fold B was written afterwards by an engineer who never ran the scanner, on other entities, and",
    'scored once before any work on it (0.88 / 0.90). Target (issue 12): recall >= 0.9 at precision >= 0.9.',
    '',
    '| set | articles | entities | recall | precision | false mentions |',
    '|---|---|---|---|---|---|',
    ...folds.map((f) => `| \`${f.dir.slice(root.length)}\` | ${f.files} | ${f.expected} | ${fmt(f.recall, 2)} (${f.found}/${f.expected}) | ${fmt(f.precision, 2)} | ${f.falseMentions.length} |`),
    '',
  );
  for (const f of folds) {
    log(`held-out ${f.dir}: ${f.found}/${f.expected}, ${f.falseMentions.length} false`);
    if (f.missedEntities.length) lines.push(`Missed in \`${f.dir.slice(root.length)}\`: ${f.missedEntities.map((m) => `${m.file}: "${m.written}"`).join('; ')}.`, '');
    if (f.falseMentions.length) lines.push(`False in \`${f.dir.slice(root.length)}\`: ${f.falseMentions.map((m) => `${m.file}: ${m.name} as "${m.matched}"`).join('; ')}.`, '');
  }

  const agree = searchAndScan(index, bundled);
  if (agree.searched) {
    log(`search and scan: ${agree.scanned}/${agree.searched}; clean ${agree.cleanScanned}/${agree.clean} scan, ${agree.cleanSearched}/${agree.clean} search`);
    lines.push(
      '### Search and scan, one matcher (`../shared/data/benchmark/queries`, each name in two news sentences)',
      '',
      `Of the benchmark's names that search answers with the right entity first, each put in ${SENTENCES.length} sentences ("The U.S. Treasury`,
      'on Tuesday imposed sanctions on NAME, officials said."): how many scan finds there. Many of the rest are written as',
      'lists write names and news does not ("PUTIN, Vladimir", all in capitals, all in lower case, words run together).',
      '',
      '| names search finds, in sentences | scan finds them | clean names in sentences | search flags | scan flags |',
      '|---|---|---|---|---|',
      `| ${agree.searched} | ${agree.scanned} (${fmt(agree.scanned / agree.searched, 2)}) | ${agree.clean} | ${agree.cleanSearched} | ${agree.cleanScanned} |`,
      '',
    );
  }

  if (news.length) {
    // 1 MB of the listed names, one after another, against 1 MB of the real news: the text most
    // costly to scan per byte (a mention, a sentence and a lookup at every few words) beside the usual.
    const oneMb = (unit: string) => unit.repeat(Math.ceil(1e6 / unit.length)).slice(0, 1e6);
    const listed = oneMb(`${bundled.flatMap((e) => [e.name, ...e.aliases.map((a) => a.name)]).join('\n')}\n`);
    const realNews = oneMb(news.join('\n\n'));
    const repeated = oneMb('SEK Studio ');
    const timed = [['1 MB of real news (the feed above, joined)', realNews], ['1 MB of listed names and aliases, one a line', listed], ['1 MB of "SEK Studio " repeated', repeated]] as const;
    await scanSeconds(index, realNews); // warm, as a running bot is
    const rows: { label: string; seconds: number; stepMs?: number }[] = [];
    for (const [label, text] of timed) {
      const { seconds, stepMs } = await scanSeconds(index, text);
      log(`${label}: ${fmt(seconds, 2)} s, longest step ${fmt(stepMs)} ms`);
      rows.push({ label, seconds, stepMs });
    }
    // A fresh index meets a long article: every part's words new to its lexicon, every span new to its search.
    const fresh = await build(bundled);
    const onFresh = await scanSeconds(fresh.index, realNews.slice(0, 256 * 1024));
    log(`256 KB on a fresh index: ${fmt(onFresh.seconds, 2)} s, longest step ${fmt(onFresh.stepMs)} ms`);
    rows.push({ label: '256 KB of real news as one article (as much as is scanned of an item), on a freshly built index, per MB', seconds: onFresh.seconds * 4, stepMs: onFresh.stepMs });
    // Without the cap on mentions: every name found, in one pass (`findMentions`, which the poller does not use).
    for (const [label, text] of timed.slice(1)) {
      const cpu = cpuClock();
      const found = findMentions(index, text).length;
      rows.push({ label: `${label}, every mention (${found.toLocaleString('en')}), one pass, no cap`, seconds: cpu() });
    }
    lines.push(
      '### Adversarial text (`scanArticleAsync`, the whole text in parts, as the bot and `sanctions-bot scan - --json` read it)',
      '',
      `CPU seconds for 1 MB, one scan each after a warm-up scan of the news; at most ${MAX_MENTIONS} mentions are reported per article, and`,
      'scanning stops once an article has that many. Before issue 12, 200 KB of "SEK Studio " took 4.6 s (time grew with the',
      "square of the text: finding each mention's sentence searched on to the text's end).",
      '',
      'Longest step: the most CPU time between two turns of the event loop while the text was scanned (`scanArticleAsync`, a part',
      `of at most ${PART_LENGTH / 1024} KB per step).`,
      '',
      '| text | CPU s | × real news | longest step |',
      '|---|---|---|---|',
      ...rows.map((r) => `| ${r.label} | ${fmt(r.seconds, 2)} | ${fmt(r.seconds / rows[0]!.seconds, 1)} | ${r.stepMs === undefined ? '' : `${fmt(r.stepMs)} ms`} |`),
      '',
    );
  }

  // Without ../shared, the project's own fixture articles stand in for the feed.
  const fixtures = `${root}test/fixtures/articles`;
  const sample = news.length ? news : readdirSync(fixtures).map((f) => readFileSync(`${fixtures}/${f}`, 'utf8'));
  const row = async (label: string, built: Awaited<ReturnType<typeof build>>, seconds: string, measured?: typeof onNews) => {
    const { speed, found } = measured ?? { speed: await throughput(built.index, sample), found: mentionsIn(built.index, sample) };
    log(`${label}: build ${seconds} s, longest step ${fmt(built.stepMs)} ms, ${fmt(built.mb, 0)} MB, ${JSON.stringify(speed)}, ${found.mentions} mentions in ${found.alerts} items`);
    return `| ${label} | ${built.index.names.nameEntity.length.toLocaleString('en')} | ${built.index.patternName.length.toLocaleString('en')} | ${built.index.trie.nodeToken.length.toLocaleString('en')} | ${seconds} s | ${fmt(built.stepMs)} ms of ${built.turns.toLocaleString('en')} | ${fmt(built.mb, 0)} MB | ${fmt(speed.steady)} | ${fmt(speed.first)} | ${found.mentions} | ${found.alerts} |`;
  };
  const rows = [await row(`bundled lists (${bundled.length.toLocaleString('en')})`, { index, ...bundledBuild }, fmt(bundledBuild.seconds, 2), onNews)];
  for (const size of sizes) {
    const built = await build(generateEntities(bundled, size, rng(20261123)));
    rows.push(await row(`generated ${size.toLocaleString('en')}`, built, fmt(built.seconds)));
  }
  lines.push(
    '### Index size',
    '',
    'Index memory is the growth of the heap and typed arrays while building it (the name index of search included),',
    `build time CPU time (\`buildMentionIndexAsync\`, in steps, as the bot builds it); MB/s, mentions and items alerted are on ${news.length ? 'the news feed above' : 'the fixture articles'} (a first pass of a generated`,
    "list: a fresh index, the code already compiled). Generated entities recombine the real lists' words, as in the",
    'name-search bench: against them every mention and alert is a false one, the noise a million names that look like',
    'listed ones would make.',
    '',
    '| entities | names | patterns (names and variants) | trie nodes | build | longest build step, of steps | memory | MB/s steady | MB/s first pass | mentions | items alerted |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
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
