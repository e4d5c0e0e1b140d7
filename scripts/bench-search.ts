// Name search side by side: sanctions-bot's index and what a user would otherwise reach for (fuse.js, MiniSearch), over the same names and the same labelled queries.
//
// Every matcher answers with entity ids, best first, of what it counts as a match: sanctions-bot its hits at or
// above MATCH_THRESHOLD, fuse.js what lies within its threshold, MiniSearch whatever it returns. Build time and
// latency are CPU time of this process (other work on a shared machine disturbs it less than wall time); a slow
// matcher runs a random sample of the queries, as many as its budget of CPU time allows, and says how many.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import anyAscii from 'any-ascii';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { parseBundledLists } from '../src/designations/bundled.ts';
import type { Entity } from '../src/designations/model.ts';
import { buildNameIndex } from '../src/designations/name-index.ts';
import { searchNames } from '../src/designations/search.ts';
import { generateEntities, rng } from './bench-data.ts';
import { type LabelledQuery, NEGATIVE_KINDS, POSITIVE_KINDS, labelledQueries } from './bench-queries.ts';
import { BENCHMARKS_FILE, cpuClock, heapMb, measuredBy, percentile } from './bench-report.ts';

const BENCHMARK_DIR = fileURLToPath(new URL('../../shared/data/benchmark/queries', import.meta.url));
/** Queries of each kind in the set made from the bundled lists, positive and clean. */
const PER_KIND = 60;
/** CPU seconds a budgeted matcher may spend on one query set: on the bundled lists, and on the larger sets. */
const BUDGET_BUNDLED = 45;
const BUDGET_GROWN = 20;

const TOP = 5;

export interface Matcher {
  label: string;
  /** Entity ids, best first, at most TOP. */
  search(query: string): string[];
}

export interface Engine {
  label: string;
  /** Sanctions-bot runs every query; the others stop when their budget of CPU time is spent. */
  budgeted: boolean;
  build(entities: Entity[]): Matcher[];
}

interface NameDoc {
  id: number;
  name: string;
  entity: number;
}

/** Every name and alias once per entity, as the name index takes them: the libraries index the same names. */
function nameDocs(entities: Entity[]): NameDoc[] {
  const docs: NameDoc[] = [];
  entities.forEach((e, entity) => {
    const seen = new Set<string>();
    for (const name of [e.name, ...e.aliases.map((a) => a.name)]) {
      if (seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      docs.push({ id: docs.length, name, entity });
    }
  });
  return docs;
}

/** Entity ids of ranked name documents, each entity once. */
function entityIds(entities: Entity[], ranked: Iterable<number>): string[] {
  const ids: string[] = [];
  for (const e of ranked) {
    const id = entities[e]!.id;
    if (!ids.includes(id)) ids.push(id);
    if (ids.length === TOP) break;
  }
  return ids;
}

export const SANCTIONS_BOT: Engine = {
  label: 'sanctions-bot',
  budgeted: false,
  build(entities) {
    const index = buildNameIndex(entities);
    return [{ label: 'sanctions-bot `searchNames`', search: (q) => searchNames(index, q, { limit: TOP }).hits.map((h) => h.entity.id) }];
  },
};

export const MINISEARCH: Engine = {
  label: 'MiniSearch 7',
  budgeted: true,
  build(entities) {
    const docs = nameDocs(entities);
    const index = new MiniSearch<NameDoc>({ fields: ['name'], storeFields: ['entity'] });
    index.addAll(docs);
    const search = (q: string, combineWith: 'AND' | 'OR') =>
      entityIds(entities, index.search(q, { fuzzy: 0.2, prefix: true, combineWith }).map((r) => r.entity as number));
    return [
      { label: 'MiniSearch 7, fuzzy 0.2, prefix, AND', search: (q) => search(q, 'AND') },
      { label: 'MiniSearch 7, fuzzy 0.2, prefix, OR', search: (q) => search(q, 'OR') },
      // The lists are ASCII already: only the query needs transliterating.
      { label: 'MiniSearch 7, OR, query through any-ascii', search: (q) => search(anyAscii(q), 'OR') },
    ];
  },
};

export const FUSE: Engine = {
  label: 'fuse.js 7',
  budgeted: true,
  build(entities) {
    const index = new Fuse(nameDocs(entities), { keys: ['name'], threshold: 0.4 });
    return [{ label: 'fuse.js 7, threshold 0.4', search: (q) => entityIds(entities, index.search(q, { limit: TOP * 3 }).map((r) => r.item.entity)) }];
  },
};

export interface Built {
  matchers: Matcher[];
  buildSeconds: number;
  /** Growth of the heap and typed arrays while building (the names themselves not counted for the libraries). */
  indexMb: number;
  /** The heap in all once built: entities, index and everything else the process holds. */
  totalMb: number;
}

export function build(engine: Engine, entities: Entity[]): Built {
  const before = heapMb();
  const cpu = cpuClock();
  const matchers = engine.build(entities);
  const buildSeconds = cpu();
  const totalMb = heapMb();
  return { matchers, buildSeconds, indexMb: totalMb - before, totalMb };
}

/** What one matcher answered to one query, and the CPU time it took. */
export interface Answer {
  query: LabelledQuery;
  ids: string[];
  ms: number;
}

/**
 * Answers to `queries` (in the order given: shuffle them for a sample), after a few untimed ones to warm up; with a
 * budget, as many as it allows (at least one).
 */
export function runQueries(matcher: Matcher, queries: LabelledQuery[], budgetSeconds = Infinity): Answer[] {
  const warmUp = budgetSeconds === Infinity ? 50 : 1;
  for (const q of queries.slice(-warmUp)) matcher.search(q.query);
  const answers: Answer[] = [];
  let spent = 0;
  for (const query of queries) {
    if (answers.length && spent > budgetSeconds * 1000) break;
    const before = process.cpuUsage();
    const ids = matcher.search(query.query);
    const used = process.cpuUsage(before);
    const ms = (used.user + used.system) / 1000;
    spent += ms;
    answers.push({ query, ids, ms });
  }
  return answers;
}

export interface Tally {
  positives: number;
  top1: number;
  top5: number;
  negatives: number;
  falsePositives: number;
}

export function tally(answers: readonly Answer[]): Tally {
  const t: Tally = { positives: 0, top1: 0, top5: 0, negatives: 0, falsePositives: 0 };
  for (const { query, ids } of answers) {
    if (query.expected.length) {
      t.positives++;
      if (query.expected.includes(ids[0]!)) t.top1++;
      if (ids.some((id) => query.expected.includes(id))) t.top5++;
    } else {
      t.negatives++;
      if (ids.length) t.falsePositives++;
    }
  }
  return t;
}

export function latency(answers: readonly Answer[]): { median: number; p99: number } {
  const times = answers.map((a) => a.ms).sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

/** A deterministic shuffle: any prefix is a random sample. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface MatcherRun {
  label: string;
  answers: Answer[];
  built: Omit<Built, 'matchers'>;
}

const fmt = (n: number, d = 2) => n.toFixed(d);
const share = (n: number, of: number) => (of ? `${n}/${of} (${fmt(n / of)})` : '-');

/**
 * The comparison table of one query set: quality, latency, and each library against sanctions-bot on the very
 * queries it ran (recall@1 as a ratio, p99 as a factor).
 */
export function comparisonTable(runs: readonly MatcherRun[], queries: number): string[] {
  const ours = runs[0]!;
  const oursByQuery = new Map(ours.answers.map((a) => [a.query, a]));
  const lines = [
    '| matcher | queries run | recall@1 | recall@5 | false positives | median | p99 | index build | index memory | sanctions-bot vs it, same queries: recall@1, p99 |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const run of runs) {
    const t = tally(run.answers);
    const l = latency(run.answers);
    let versus = '';
    if (run !== ours) {
      const same = run.answers.map((a) => oursByQuery.get(a.query)!);
      const o = tally(same);
      const recall = t.top1 ? `${fmt(o.top1 / t.top1)}×` : `${o.top1} vs 0`;
      versus = `${recall}, ${fmt(l.p99 / latency(same).p99, 0)}× faster`;
    }
    lines.push(
      `| ${run.label} | ${run.answers.length === queries ? 'all' : `${run.answers.length} of ${queries}`} | ${share(t.top1, t.positives)} | ${share(t.top5, t.positives)} | ${share(t.falsePositives, t.negatives)} | ${fmt(l.median)} ms | ${fmt(l.p99)} ms | ${fmt(run.built.buildSeconds, 1)} s | ${fmt(run.built.indexMb, 0)} MB | ${versus} |`,
    );
  }
  return lines;
}

/** Recall@1 per kind of positive query, and false positives per kind of clean one, for every matcher. */
export function kindTable(runs: readonly MatcherRun[], kinds: readonly string[]): string[] {
  const lines = [`| kind | ${runs.map((r) => r.label).join(' | ')} |`, `|---|${runs.map(() => '---|').join('')}`];
  for (const kind of kinds) {
    const cells = runs.map((run) => {
      const t = tally(run.answers.filter((a) => a.query.kind === kind));
      return t.positives ? `${t.top1}/${t.positives}` : t.negatives ? `${t.falsePositives}/${t.negatives} false` : '-';
    });
    lines.push(`| ${kind} | ${cells.join(' | ')} |`);
  }
  return lines;
}

/** The labelled benchmark in ../shared, when it is there: expected names are primary names of the bundled lists. */
export function benchmarkQueries(entities: Entity[]): LabelledQuery[] {
  if (!existsSync(BENCHMARK_DIR)) return [];
  const byName = new Map<string, string[]>();
  for (const e of entities) byName.set(e.name, [...(byName.get(e.name) ?? []), e.id]);
  const queries: LabelledQuery[] = [];
  for (const file of readdirSync(BENCHMARK_DIR).filter((f) => f.endsWith('.tsv')).sort()) {
    for (const line of readFileSync(`${BENCHMARK_DIR}/${file}`, 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [query, expected, source = ''] = line.split('\t');
      queries.push({ query: query!, expected: expected ? (byName.get(expected) ?? [`missing: ${expected}`]) : [], kind: source.split(':')[1] ?? source });
    }
  }
  return queries;
}

export interface SearchBenchOptions {
  /** Entity counts to grow to, the bundled lists plus generated entities (default 100,000 and 1,000,000). */
  sizes?: number[];
  /** Up to which size the libraries are measured too (default: every size). */
  librariesUpTo?: number;
  log?: (line: string) => void;
}

interface GrowthRow {
  entities: number;
  names: number;
  label: string;
  built: Omit<Built, 'matchers'>;
  answers: Answer[];
}

export async function benchNameSearch(options: SearchBenchOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const sizes = options.sizes ?? [100_000, 1_000_000];
  const librariesUpTo = options.librariesUpTo ?? Infinity;
  const random = rng(20261123);
  const lists = await parseBundledLists();
  const made = shuffled(labelledQueries(lists, random, PER_KIND, PER_KIND), random);
  const benchmark = shuffled(benchmarkQueries(lists), random);
  const engines = [SANCTIONS_BOT, MINISEARCH, FUSE];

  const onMade: MatcherRun[] = [];
  const onBenchmark: MatcherRun[] = [];
  const growth: GrowthRow[] = [];
  const names = (entities: Entity[]) => nameDocs(entities).length;
  const bundledNames = names(lists);
  for (const engine of engines) {
    const { matchers, ...built } = build(engine, lists);
    for (const matcher of matchers) {
      const budget = engine.budgeted ? BUDGET_BUNDLED : Infinity;
      const answers = runQueries(matcher, made, budget);
      onMade.push({ label: matcher.label, answers, built });
      growth.push({ entities: lists.length, names: bundledNames, label: matcher.label, built, answers });
      if (benchmark.length) onBenchmark.push({ label: matcher.label, answers: runQueries(matcher, benchmark, budget), built });
      log(`bundled, ${matcher.label}: ${JSON.stringify({ ...built, ...tally(answers), ...latency(answers), run: answers.length })}`);
    }
  }
  for (const size of sizes) {
    const entities = [...lists, ...generateEntities(lists, size - lists.length, rng(size))];
    const count = names(entities);
    for (const engine of engines) {
      if (engine.budgeted && size > librariesUpTo) continue;
      const { matchers, ...built } = build(engine, entities);
      for (const matcher of matchers) {
        const answers = runQueries(matcher, made, engine.budgeted ? BUDGET_GROWN : Infinity);
        growth.push({ entities: size, names: count, label: matcher.label, built, answers });
        log(`${size}, ${matcher.label}: ${JSON.stringify({ ...built, ...tally(answers), ...latency(answers), run: answers.length })}`);
      }
    }
  }

  const kinds = (queries: LabelledQuery[]) => [...new Set(queries.map((q) => q.kind))];
  const lines = [
    '## Name search',
    '',
    measuredBy('`npm run bench`'),
    'Build time and latency are CPU time of the process, index memory the growth of the heap and typed arrays while',
    'building (after a full collection). Every matcher searches the same names (each primary name and alias once per',
    `entity: ${bundledNames.toLocaleString('en')} names of ${lists.length.toLocaleString('en')} entities in the bundled lists). Recall@1: the first`,
    'answer is the entity meant (or one of the entities sharing the name the query was made from); a false positive: a',
    "clean name got any answer at all. sanctions-bot answers only at or above its match threshold, fuse.js within its",
    `threshold, MiniSearch whatever it finds. A library runs a random sample of the queries when ${BUDGET_BUNDLED} s of CPU`,
    `(${BUDGET_GROWN} s on the larger sets) would not cover them all; the last column compares on the very queries it ran.`,
    '',
    `### Labelled queries made from the bundled lists (${made.length} queries, \`scripts/bench-queries.ts\`)`,
    '',
    `For ${PER_KIND} entities drawn at random per kind, a query made from the listed name: as listed; reordered (people given`,
    'names first); one or two keyboard slips in words of five letters or more; legal forms dropped (companies); written in',
    'Cyrillic (people of Russia and neighbours) or Arabic script without short vowels (people of Iran and the Arab world),',
    'by transliteration rules of the generator\'s own; accents added (the lists are plain ASCII: none to remove). Clean',
    'names: common given names and surnames, and plain small-business names, that no listed name holds all the words of.',
    '',
    ...comparisonTable(onMade, made.length),
    '',
    ...kindTable(onMade, [...POSITIVE_KINDS, ...NEGATIVE_KINDS]),
  ];
  if (benchmark.length) {
    lines.push(
      '',
      `### Labelled benchmark (\`../shared/data/benchmark/queries\`, ${benchmark.length} queries from other projects' test data)`,
      '',
      ...comparisonTable(onBenchmark, benchmark.length),
      '',
      ...kindTable(onBenchmark, kinds(benchmark).sort((a, b) => Number(a.startsWith('neg')) - Number(b.startsWith('neg')) || a.localeCompare(b))),
      '',
      "For reference, the benchmark's README measured recall@1 and false positives of 156/431 and 41/138 (fuse.js),",
      '276 and 8 (MiniSearch AND), 360 and 105 (MiniSearch OR), 388 and 124 (MiniSearch OR through any-ascii).',
    );
  }
  lines.push(
    '',
    '### Growing the list',
    '',
    'The bundled lists, then the bundled lists and generated entities to 100,000 and to a million: the generated ones',
    "recombine the real lists' words, half of them persons written `SURNAME, Given`, a third with an alias. The queries",
    'are those made from the bundled lists above, so recall shows what a hundredfold of similar names does to it (a clean',
    'name may now hold the words of a generated one). Heap in all: the whole heap once built, entities included.',
    '',
    '| entities | names | matcher | index build | index memory | heap in all | median | p99 | recall@1 | false positives | queries run |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...growth.map((g) => {
      const t = tally(g.answers);
      const l = latency(g.answers);
      return `| ${g.entities.toLocaleString('en')} | ${g.names.toLocaleString('en')} | ${g.label} | ${fmt(g.built.buildSeconds, 1)} s | ${fmt(g.built.indexMb, 0)} MB | ${fmt(g.built.totalMb, 0)} MB | ${fmt(l.median)} ms | ${fmt(l.p99)} ms | ${share(t.top1, t.positives)} | ${share(t.falsePositives, t.negatives)} | ${g.answers.length === made.length ? 'all' : g.answers.length} |`;
    }),
    '',
    'Targets (issue 2): p99 under 5 ms on the bundled lists, under 50 ms at one million, index under 1.5 GB. Issue 16: at a',
    'million entities, recall@1 at least 0.85 with at most 5% of clean names flagged. The match threshold accounts for how',
    'crowded the name space is: the matched rarity a match needs grows with the log of the names loaded, a word matched by',
    'another spelling says only as much as all the listed words it could be a spelling of, and one word in common does not',
    'make a match when the query has another name word found nowhere in the name.',
  );
  return lines;
}

/** Puts `lines` in BENCHMARKS.md in place of its name-search section (up to the next section). */
function writeNameSearchSection(lines: string[]): void {
  const text = readFileSync(BENCHMARKS_FILE, 'utf8');
  const from = text.indexOf(`${lines[0]}\n`);
  const to = text.indexOf('\n## ', from + 1);
  if (from < 0 || to < 0) throw new Error(`no "${lines[0]}" section in ${BENCHMARKS_FILE}`);
  writeFileSync(BENCHMARKS_FILE, `${text.slice(0, from)}${lines.join('\n')}\n${text.slice(to)}`);
}

// Alone: `tsx scripts/bench-search.ts [--write]`, BENCH_SIZES as for `npm run bench`, BENCH_LIBRARIES_UP_TO to measure
// the libraries only up to that many entities (0: on the bundled lists only); --write replaces the section in BENCHMARKS.md.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const sizes = process.env.BENCH_SIZES?.split(',').filter(Boolean).map(Number);
  const librariesUpTo = process.env.BENCH_LIBRARIES_UP_TO ? Number(process.env.BENCH_LIBRARIES_UP_TO) : undefined;
  const lines = await benchNameSearch({ sizes, librariesUpTo, log: (line) => console.error(line) });
  if (process.argv.includes('--write')) writeNameSearchSection(lines);
  console.log(lines.join('\n'));
}
