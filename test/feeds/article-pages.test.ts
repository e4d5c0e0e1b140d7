// Article pages read as a reader reads them: the 24 real benchmark pages and a page of our own, served on 127.0.0.1, their main text extracted and scanned with `scan --url`.
import { existsSync, readFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBundledLists } from '../../src/designations/bundled.ts';
import type { Entity } from '../../src/designations/model.ts';
import { pageText, readArticlePage } from '../../src/feeds/article-page.ts';
import { extractArticle } from '../../src/feeds/page-text.ts';
import { anyAddress } from '../../src/feeds/ssrf.ts';
import { type MentionIndex, buildMentionIndex } from '../../src/mentions/mention-index.ts';
import { runScan } from '../../src/mentions/scan-command.ts';
import { scanArticle } from '../../src/mentions/scan.ts';
import { type FeedServer, startFeedServer } from '../helpers/feed-server.ts';

const BENCHMARK = fileURLToPath(new URL('../../../shared/data/benchmark/', import.meta.url));
const hasBenchmark = existsSync(`${BENCHMARK}pages/SOURCES.tsv`);
const OWN_PAGE = readFileSync(new URL('../fixtures/pages/kremlin-talks.html', import.meta.url), 'utf8');

/** mentions.tsv's rows for the articles behind the pages, p007-p030. */
function labels(): { page: string; expected: string[]; optional: string[] }[] {
  return readFileSync(`${BENCHMARK}mentions.tsv`, 'utf8')
    .split('\n')
    .filter((line) => /^p0(0[7-9]|[12]\d|30)\.txt\t/.test(line))
    .map((line) => {
      const [file = '', expected = '', optional = ''] = line.split('\t');
      return { page: file.replace('.txt', ''), expected: expected.split('|').filter(Boolean), optional: optional.split('|').filter(Boolean) };
    });
}

let server: FeedServer;
let entities: Entity[];
let index: MentionIndex;

beforeAll(async () => {
  server = await startFeedServer();
  server.put('/own/kremlin-talks', OWN_PAGE, 'text/html; charset=utf-8');
  if (hasBenchmark) {
    for (const { page } of labels()) server.put(`/pages/${page}`, readFileSync(`${BENCHMARK}pages/${page}.html`), 'text/html');
  }
  entities = await parseBundledLists();
  index = buildMentionIndex(entities);
}, 120_000);
afterAll(() => server.close());

/** `scan --url URL --json` as the command line runs it (src/mentions/scan-command.ts). */
async function scanUrl(url: string): Promise<{ name: string; matched: string; start: number; end: number }[]> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  await runScan(['--url', url, '--json'], { stdin: Readable.from([]), stdout }, entities, { allowPrivate: true });
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

describe('an article page', () => {
  it("keeps the story and drops the page's furniture: navigation, the most-read box, related links, comments, scripts", async () => {
    const page = await readArticlePage(server.url('/own/kremlin-talks'), { guard: anyAddress });
    expect(page.title).toBe('Kremlin rejects new round of talks');
    expect(page.text).toMatch(/^President Vladimir Putin on Tuesday rejected a proposal .* harder to reach\.\n\nSpeaking at a meeting/);
    for (const furniture of ['Kim Jong Un', 'Most read', 'Lavrov', 'Assad', 'Nasrallah', 'Lukashenka', 'Privacy', 'Business']) {
      expect(page.text).not.toContain(furniture);
    }
    // As the scanner sees it: the one name of the story, none of the names around it.
    const found = await scanUrl(server.url('/own/kremlin-talks'));
    expect([...new Set(found.map((m) => m.name))]).toEqual(['PUTIN, Vladimir Vladimirovich']);
  });

  it('sends a User-Agent naming the bot as an article reader, and asks for HTML', async () => {
    await readArticlePage(server.url('/own/kremlin-talks'), { guard: anyAddress });
    const request = [...server.requests].reverse().find((r) => r.path === '/own/kremlin-talks')!;
    expect(request.headers['user-agent']).toMatch(/^sanctions-bot\/\d+\.\d+\.\d+ \(article reader/);
    expect(request.headers.accept).toMatch(/^text\/html/);
  });

  it('is refused when it is not HTML, too large, or holds no article', async () => {
    server.put('/own/feed.xml', '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', 'application/rss+xml');
    await expect(readArticlePage(server.url('/own/feed.xml'), { guard: anyAddress })).rejects.toThrow('not an HTML page (application/rss+xml)');
    await expect(readArticlePage(server.url('/own/kremlin-talks'), { guard: anyAddress, maxBytes: 1024 })).rejects.toThrow('larger than 1 KB');
    server.put('/own/empty', '<html><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><p>Subscribe to read on.</p></body></html>', 'text/html');
    await expect(readArticlePage(server.url('/own/empty'), { guard: anyAddress })).rejects.toThrow('no article text found in the page');
  });

  it('is read off the main thread: a callback due meanwhile runs before the page is read', async () => {
    const order: string[] = [];
    const reading = extractArticle(OWN_PAGE, 100_000).then(() => order.push('page read'));
    // The event loop's next turn, not a 1 ms timer: a warm worker on a loaded machine can answer within a millisecond.
    setImmediate(() => order.push('timer'));
    await reading;
    expect(order).toEqual(['timer', 'page read']);
  });

  it('is not read when it holds more tags than any article page does', async () => {
    server.put('/own/tag-soup', `<html><body><article><p>${'<b>word</b> '.repeat(20_001)}</p></article></body></html>`, 'text/html');
    await expect(readArticlePage(server.url('/own/tag-soup'), { guard: anyAddress })).rejects.toThrow('no article text found in the page');
    // Just under the cap it is read, however long a busy machine takes over it: the reading's own time limit is not under test here.
    expect(await extractArticle(`<html><body><article><p>${'<b>word</b> '.repeat(19_000)}</p></article></body></html>`, 100, 120_000)).not.toBeNull();
  }, 150_000);

  it('caps the text extracted', async () => {
    const page = await readArticlePage(server.url('/own/kremlin-talks'), { guard: anyAddress, maxChars: 100 });
    expect(page.text).toHaveLength(100);
    expect(page.text.startsWith('President Vladimir Putin')).toBe(true);
  });
});

describe.skipIf(!hasBenchmark)('the 24 real pages behind benchmark articles p007-p030', () => {
  it('each yields exactly its article: the headline and body of the benchmark text, nothing else', async () => {
    for (const { page } of labels()) {
      const read = await readArticlePage(server.url(`/pages/${page}`), { guard: anyAddress });
      const article = readFileSync(`${BENCHMARK}articles/${page}.txt`, 'utf8');
      // Compared without white space: the benchmark text runs paragraphs together where the page text separates them.
      // The New York Times' video players draw an icon whose <svg> holds the word "bars": the benchmark text (Readability's
      // textContent) keeps it, a reader sees a picture and the scanner's stripper skips it.
      const shown = article.replace(/\s+/g, '').replaceAll('Videotranscriptbars0:00', 'Videotranscript0:00');
      expect(`${read.title}${read.text}`.replace(/\s+/g, '') === shown, page).toBe(true);
    }
  });

  it('scan --url finds the listed entities the articles mention: recall >= 0.9, precision >= 0.85', async () => {
    // The command itself on one page, as the loop below reads all 24.
    const one = await scanUrl(server.url('/pages/p010'));
    expect([...new Set(one.map((m) => m.name))].sort()).toEqual(['LAVROV, Sergei Viktorovich', 'PUTIN, Vladimir Vladimirovich']);
    let expected = 0;
    let found = 0;
    let reported = 0;
    let extra = 0;
    const misses: string[] = [];
    const extras: string[] = [];
    for (const { page, expected: names, optional } of labels()) {
      // scan --url's path (read the page, its headline and text, scan), with one index built for the 24 rather than one each.
      const text = pageText(await readArticlePage(server.url(`/pages/${page}`), { guard: anyAddress }));
      const named = new Set(scanArticle(index, text).map((m) => m.name));
      expected += names.length;
      for (const name of names) {
        if (named.has(name)) found++;
        else misses.push(`${page}: ${name}`);
      }
      for (const name of named) {
        if (optional.includes(name)) continue;
        reported++;
        if (!names.includes(name)) {
          extra++;
          extras.push(`${page}: ${name}`);
        }
      }
    }
    const recall = found / expected;
    const precision = reported ? (reported - extra) / reported : 1;
    console.log(`scan --url over the 24 pages: ${found}/${expected} found (recall ${recall.toFixed(2)}), ${extra} extra (precision ${precision.toFixed(2)}); missed: ${misses.join('; ') || 'none'}; extra: ${extras.join('; ') || 'none'}`);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(precision).toBeGreaterThanOrEqual(0.85);
  }, 120_000);
});
