// Held-out mention evaluation: runs `sanctions-bot scan FILE --json` over labelled articles and prints recall, precision, each miss and false mention.
//
// usage: tsx scripts/eval-mentions.ts [DIR] [--root PROJECT]
//   DIR      articles (*.txt) and their labels.tsv (default: test/fixtures/heldout-articles beside this script;
//            test/fixtures/heldout-articles-b is the second fold: `npm run eval:mentions -- test/fixtures/heldout-articles-b`)
//   PROJECT  the checkout whose CLI is run (default: the current directory), so that one set of labels
//            measures any branch: `cd ../wt-other && npx tsx ../wt-evalset/scripts/eval-mentions.ts`
// Each article is scanned by a child process of PROJECT's bin/sanctions-bot.js against a fresh SQLite file
// that gets the bundled lists, exactly as a user runs the command. The judged figure is per article and
// entity (an entity counts once however often it is named); the per-form table says which written forms
// (another romanisation, a surname alone, an acronym, ...) the scanner links to their entity.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DEFAULT_DIR = fileURLToPath(new URL('../test/fixtures/heldout-articles', import.meta.url));
/** Two scans at a time: each child holds the whole list in memory, and the machine is shared. */
const CONCURRENCY = 2;

/** One row of labels.tsv: in `file`, the entity (any of `ids`, one entity listed twice) is written as `written`. */
export interface Label {
  file: string;
  ids: string[];
  written: string;
  /** How it is written: full, romanisation, surname, acronym, script, vessel, ...; 'optional' may be reported or not; 'clean' marks an article naming no listed entity. */
  kind: string;
}

/** One mention as `scan --json` prints it (the fields this evaluation reads). */
export interface ScannedMention {
  id: string;
  name: string;
  matched: string;
  start: number;
  end: number;
}

export interface Miss {
  file: string;
  ids: string[];
  written: string;
  kind: string;
}

export interface FalseMention {
  file: string;
  id: string;
  name: string;
  matched: string;
}

export interface Evaluation {
  articles: number;
  /** Entities the articles mention, each counted once per article. */
  expected: number;
  found: number;
  /** Distinct entities reported in an article that it does not mention. */
  falseMentions: FalseMention[];
  recall: number;
  precision: number;
  /** Entities (per article) not reported at all. */
  missedEntities: Miss[];
  /** Per kind of written form: how many the scanner linked to their entity at that place. */
  forms: Map<string, { total: number; found: number }>;
  missedForms: Miss[];
}

/** The labels of `dir`/labels.tsv; every article in `dir` must have at least one row (a 'clean' row if it names no one). */
export function readLabels(dir: string): Label[] {
  const labels: Label[] = [];
  const lines = readFileSync(join(dir, 'labels.tsv'), 'utf8').split('\n');
  for (const [n, line] of lines.entries()) {
    if (!line.trim() || line.startsWith('#') || line.startsWith('file\t')) continue;
    const [file, ids, written, kind, ...rest] = line.split('\t');
    if (!file || !ids || !written || !kind || rest.length) throw new Error(`labels.tsv:${n + 1}: expected file, id, written, kind`);
    labels.push({ file, ids: kind === 'clean' ? [] : ids.split('|'), written, kind });
  }
  const labelled = new Set(labels.map((l) => l.file));
  const unlabelled = readdirSync(dir).filter((f) => f.endsWith('.txt') && !labelled.has(f));
  if (unlabelled.length) throw new Error(`no labels for ${unlabelled.join(', ')}`);
  return labels;
}

/** Start offsets of every occurrence of `needle` in `text`. */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/** Scores what the scanner reported (`scanned`, by file) against the labels; `texts` are the articles, for the per-form check. */
export function evaluate(labels: Label[], texts: Map<string, string>, scanned: Map<string, ScannedMention[]>): Evaluation {
  const files = [...new Set(labels.map((l) => l.file))];
  const result: Evaluation = {
    articles: files.length, expected: 0, found: 0, falseMentions: [], recall: 0, precision: 0,
    missedEntities: [], forms: new Map(), missedForms: [],
  };
  for (const file of files) {
    const rows = labels.filter((l) => l.file === file);
    const mentions = scanned.get(file) ?? [];
    const text = texts.get(file) ?? '';
    const reported = new Set(mentions.map((m) => m.id));
    const allowed = new Set(rows.flatMap((r) => r.ids));
    const required = rows.filter((r) => r.kind !== 'optional' && r.kind !== 'clean');
    // Entities: one per distinct id group, found when any of its ids is reported anywhere in the article.
    const groups = new Map<string, Label>();
    for (const row of required) if (!groups.has(row.ids.join('|'))) groups.set(row.ids.join('|'), row);
    for (const row of groups.values()) {
      result.expected++;
      if (row.ids.some((id) => reported.has(id))) result.found++;
      else result.missedEntities.push({ file, ids: row.ids, written: row.written, kind: row.kind });
    }
    for (const id of reported) {
      if (allowed.has(id)) continue;
      const m = mentions.find((x) => x.id === id)!;
      result.falseMentions.push({ file, id, name: m.name, matched: m.matched });
    }
    // Forms: this written form, at one of its places in the text, reported as its entity.
    for (const row of required) {
      const tally = result.forms.get(row.kind) ?? { total: 0, found: 0 };
      result.forms.set(row.kind, tally);
      tally.total++;
      const places = occurrences(text, row.written);
      const hit = mentions.some(
        (m) => row.ids.includes(m.id) && places.some((at) => m.start < at + row.written.length && at < m.end),
      );
      if (hit) tally.found++;
      else result.missedForms.push({ file, ids: row.ids, written: row.written, kind: row.kind });
    }
  }
  result.recall = result.expected ? result.found / result.expected : 1;
  const reportedTrue = result.found + result.falseMentions.length;
  result.precision = reportedTrue ? result.found / reportedTrue : 1;
  return result;
}

/** The report as printed: the figures, then misses by kind, then false mentions. */
export function formatEvaluation(e: Evaluation): string {
  const lines = [
    `articles: ${e.articles}`,
    `entities: recall ${e.recall.toFixed(2)} (${e.found}/${e.expected}), precision ${e.precision.toFixed(2)} (${e.falseMentions.length} false)`,
    'written forms linked to their entity, by kind:',
  ];
  for (const [kind, { total, found }] of [...e.forms].sort((a, b) => a[0].localeCompare(b[0]))) {
    lines.push(`  ${kind.padEnd(16)} ${found}/${total}`);
  }
  lines.push(`missed entities (${e.missedEntities.length}):`);
  for (const m of e.missedEntities) lines.push(`  ${m.file}  ${m.ids.join('|')}  "${m.written}"  [${m.kind}]`);
  lines.push(`missed forms (${e.missedForms.length}):`);
  for (const m of e.missedForms) lines.push(`  [${m.kind}] ${m.file}  ${m.ids.join('|')}  "${m.written}"`);
  lines.push(`false mentions (${e.falseMentions.length}):`);
  for (const f of e.falseMentions) lines.push(`  ${f.file}  ${f.id} ${f.name}  as "${f.matched}"`);
  return `${lines.join('\n')}\n`;
}

/** Scans each file with `root`'s CLI, CONCURRENCY children at a time; the first alone, as it imports the lists into the fresh database. */
async function scanWithCli(root: string, paths: string[]): Promise<ScannedMention[][]> {
  const work = mkdtempSync(join(tmpdir(), 'eval-mentions-'));
  const env = { ...process.env, DATABASE_URL: join(work, 'sanctions.db'), LOG_LEVEL: 'error' };
  const scan = async (path: string) => {
    const { stdout } = await run(process.execPath, [join(root, 'bin/sanctions-bot.js'), 'scan', path, '--json'], {
      cwd: root, env, maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout) as ScannedMention[];
  };
  try {
    const results: ScannedMention[][] = new Array(paths.length);
    if (paths.length) results[0] = await scan(paths[0]!);
    let next = 1;
    const worker = async () => {
      for (let i = next++; i < paths.length; i = next++) results[i] = await scan(paths[i]!);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return results;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** " at COMMIT (N files changed since)", so that a figure names the code it measured; empty outside a git checkout. */
async function describeCheckout(root: string): Promise<string> {
  try {
    const head = (await run('git', ['-C', root, 'rev-parse', '--short', 'HEAD'])).stdout.trim();
    const changed = (await run('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no'])).stdout.split('\n').filter(Boolean).length;
    return ` at ${head}${changed ? ` (${changed} files changed since)` : ''}`;
  } catch {
    return '';
  }
}

/** A fold: its labels, its articles' files (in label order, each once) and their texts. */
export function readFold(dir: string): { labels: Label[]; files: string[]; texts: Map<string, string> } {
  const labels = readLabels(dir);
  const files = [...new Set(labels.map((l) => l.file))];
  return { labels, files, texts: new Map(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')])) };
}

async function main(args: string[]): Promise<void> {
  let dir = DEFAULT_DIR;
  let root = process.cwd();
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--root') root = resolve(args[++i] ?? '.');
    else dir = resolve(args[i]!);
  }
  const { labels, files, texts } = readFold(dir);
  const scanned = await scanWithCli(root, files.map((f) => join(dir, f)));
  const byFile = new Map(files.map((f, i) => [f, scanned[i]!]));
  process.stdout.write(`project: ${root}${await describeCheckout(root)}\n${formatEvaluation(evaluate(labels, texts, byFile))}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
