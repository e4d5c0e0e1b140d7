// Article pages: the extraction step's speed (pages/s, MB/s of HTML, longest page), and what scanning the extracted text finds on the 24 real benchmark pages against scanning the whole page.
//
// `benchExtraction()` returns markdown lines for BENCHMARKS.md; run this file directly to print them and put them in
// BENCHMARKS.md in place of the section there. The pages are third parties' and read from ../shared, never copied.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseBundledLists } from '../src/designations/bundled.ts';
import { PAGE_DEFAULTS, pageText } from '../src/feeds/article-page.ts';
import { extractArticle } from '../src/feeds/page-text.ts';
import { buildMentionIndex } from '../src/mentions/mention-index.ts';
import { scanArticle } from '../src/mentions/scan.ts';
import { BENCHMARKS_FILE, cpuClock, measuredBy, percentile } from './bench-report.ts';

const BENCHMARK = fileURLToPath(new URL('../../shared/data/benchmark/', import.meta.url));
const HEADING = '## Article pages';
/** CPU seconds of extraction measured, after one pass to warm up. */
const MEASURE_SECONDS = 3;

interface Page {
  name: string;
  html: string;
  bytes: number;
  expected: string[];
  optional: string[];
}

function benchmarkPages(): Page[] {
  return readFileSync(`${BENCHMARK}mentions.tsv`, 'utf8')
    .split('\n')
    .filter((line) => /^p0(0[7-9]|[12]\d|30)\.txt\t/.test(line))
    .map((line) => {
      const [file = '', expected = '', optional = ''] = line.split('\t');
      const name = file.replace('.txt', '');
      const raw = readFileSync(`${BENCHMARK}pages/${name}.html`);
      return { name, html: raw.toString('utf8'), bytes: raw.length, expected: expected.split('|').filter(Boolean), optional: optional.split('|').filter(Boolean) };
    });
}

interface Score {
  found: number;
  expected: number;
  extra: number;
  extras: string[];
}

function score(pages: Page[], found: (page: Page) => Set<string>): Score {
  const s: Score = { found: 0, expected: 0, extra: 0, extras: [] };
  for (const page of pages) {
    const names = found(page);
    s.expected += page.expected.length;
    s.found += page.expected.filter((n) => names.has(n)).length;
    for (const name of names) {
      if (page.expected.includes(name) || page.optional.includes(name)) continue;
      s.extra++;
      s.extras.push(`${page.name}: ${name}`);
    }
  }
  return s;
}

export async function benchExtraction(options: { log?: (line: string) => void } = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const lines = [HEADING, ''];
  if (!existsSync(`${BENCHMARK}pages/SOURCES.tsv`)) return [...lines, 'Skipped: `../shared/data/benchmark/pages` is not there.'];
  const pages = benchmarkPages();
  const mb = pages.reduce((sum, p) => sum + p.bytes, 0) / 1e6;
  const maxChars = PAGE_DEFAULTS.maxChars;

  // Cold: each page once, as a bot just started meets them (the worker thread starting included).
  const cold: number[] = [];
  for (const p of pages) {
    const started = performance.now();
    await extractArticle(p.html, maxChars);
    cold.push(performance.now() - started);
  }
  // How long the main thread is held at a time while pages are read: the worker does the parsing, the main thread the rest.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = cpuClock();
  let passes = 0;
  const perPage: number[] = [];
  while (cpu() < MEASURE_SECONDS) {
    for (const p of pages) {
      const started = performance.now();
      await extractArticle(p.html, maxChars);
      perPage.push(performance.now() - started);
    }
    passes++;
  }
  const seconds = cpu();
  loop.disable();
  const heldMs = loop.max / 1e6;
  perPage.sort((a, b) => a - b);
  const pagesPerSecond = (pages.length * passes) / seconds;
  log(`extraction: ${pages.length} pages, ${mb.toFixed(2)} MB, ${passes} passes in ${seconds.toFixed(1)} s CPU: ${pagesPerSecond.toFixed(0)} pages/s; event loop held at most ${heldMs.toFixed(0)} ms`);

  const index = buildMentionIndex(await parseBundledLists());
  const names = (text: string) => new Set(scanArticle(index, text).map((m) => m.name));
  const texts = new Map<string, string>();
  for (const p of pages) texts.set(p.name, pageText((await extractArticle(p.html, maxChars))!));
  const extracted = score(pages, (p) => names(texts.get(p.name)!));
  const whole = score(pages, (p) => names(p.html));
  const row = (label: string, s: Score) => {
    const reported = s.found + s.extra;
    return `| ${label} | ${s.found}/${s.expected} | ${(s.found / s.expected).toFixed(2)} | ${s.extra} | ${(reported ? s.found / reported : 1).toFixed(2)} |`;
  };
  log(`extracted: ${JSON.stringify(extracted)}; whole page: ${JSON.stringify(whole)}`);
  return [
    ...lines,
    measuredBy('`npm run bench` (`scripts/bench-extraction.ts`)'),
    "The extraction step alone, apart from fetching and scanning: `extractArticle` (in a worker thread linkedom parses",
    "the page and Readability finds the article; on the main thread the scanner's HTML stripper turns it into text) over",
    'the 24 real pages in `../shared/data/benchmark/pages` (p007-p030, 0.04-0.8 MB each, navigation, boxes and comments',
    `and all). Pages/s and MB/s (of page HTML) are per second of CPU time of the process (both threads) over ${passes} passes`,
    'after one to warm up; per page times are wall time, one page after the other.',
    '',
    '| pages | MB | pages/s | MB/s | median per page | slowest page, warm | slowest page, cold | main thread held at most |',
    '|---|---|---|---|---|---|---|---|',
    `| ${pages.length} | ${mb.toFixed(2)} | ${pagesPerSecond.toFixed(0)} | ${((mb * passes) / seconds).toFixed(1)} | ${percentile(perPage, 0.5).toFixed(1)} ms | ${perPage.at(-1)!.toFixed(1)} ms | ${Math.max(...cold).toFixed(1)} ms | ${heldMs.toFixed(0)} ms |`,
    '',
    'Main thread held: the longest event-loop delay measured meanwhile (10 ms resolution). A page taking longer than 5 s',
    'in the worker is given up and the worker replaced; a page of more than 20,000 tags or 2 MB is not read at all. A poll',
    'reads at most 10 pages of a feed.',
    '',
    'What the mention scanner finds in them (mentions.tsv, the articles behind the pages; the `scan --url` path), against',
    'scanning the whole page as the HTML stripper shows it:',
    '',
    '| text scanned | found | recall | false mentions | precision |',
    '|---|---|---|---|---|',
    row('the page\'s main text (Readability over linkedom), as `scan --url` reads it', extracted),
    row('the whole page, furniture included', whole),
    '',
    ...(whole.extras.length ? [`False mentions from the whole page: ${whole.extras.join('; ')}.`, ''] : []),
    ...(extracted.extras.length ? [`False mentions from the main text: ${extracted.extras.join('; ')}.`, ''] : []),
    'Target (issue 12): recall at least 0.9 at precision at least 0.85 through `scan --url`.',
  ];
}

/** Puts the section in BENCHMARKS.md in place of the one there, else before the next section after Mention scanning. */
function writeInBenchmarks(section: string[]): void {
  const lines = readFileSync(BENCHMARKS_FILE, 'utf8').replace(/\n+$/, '').split('\n');
  const isSection = (line: string) => /^## /.test(line);
  let from = lines.indexOf(HEADING);
  let to: number;
  if (from >= 0) {
    to = lines.findIndex((line, i) => i > from && isSection(line));
    if (to < 0) to = lines.length;
  } else {
    const mentions = lines.indexOf('## Mention scanning');
    from = to = lines.findIndex((line, i) => i > mentions && isSection(line));
    if (from < 0) from = to = lines.length;
  }
  lines.splice(from, to - from, ...section, '');
  writeFileSync(BENCHMARKS_FILE, `${lines.join('\n')}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const section = await benchExtraction({ log: (line) => console.error(line) });
  writeInBenchmarks(section);
  console.log(section.join('\n'));
}
