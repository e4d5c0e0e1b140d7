// `/sanctions screen` as a command: the reply to a file, the reply to a bad one, progress messages and how each platform is told to hand a file over.
import { DISCORD_SYNTAX } from '../../adapters/discord/syntax.ts';
import { SLACK_SYNTAX } from '../../adapters/slack/syntax.ts';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { help } from '../../commands/help.ts';
import { parseRequest } from '../../commands/request.ts';
import { type ScreeningCalls, type SharedFile, type Upload, progressUpdates, resultFileName, screenHowTo, screenShared, screenUpload } from '../../commands/screen.ts';
import { parseBundledLists } from '../../src/designations/bundled.ts';
import type { Catalog } from '../../src/designations/catalog.ts';
import { buildNameIndex } from '../../src/designations/name-index.ts';
import { searchNames } from '../../src/designations/search.ts';
import type { Reply } from '../../src/messages/reply.ts';
import { screeningQueue } from '../../src/screening/queue.ts';

const upload = (name: string): Upload => ({ name, bytes: readFileSync(fileURLToPath(new URL(`../fixtures/screening/${name}`, import.meta.url))) });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let catalog: Pick<Catalog, 'search'>;

beforeAll(async () => {
  const index = buildNameIndex(await parseBundledLists());
  catalog = { search: (query, options) => searchNames(index, query, options) };
});

describe('screening an upload', () => {
  it('answers with a summary, the matches strongest first, and the result CSV as a file', async () => {
    const reply = await screenUpload(upload('customers.csv'), catalog);
    expect(reply.text).toBe('Screened customers.csv: 16 rows, 7 strong matches, 2 possible matches.');
    expect(reply.ephemeral).toBe(true);
    expect(reply.notes[0]).toMatch(/^Row 2: "Shahraat Zakir" → ZAKIR, Shohrat \(ofac-sdn-34079\), strong, score 0\.\d\d$/);
    expect(reply.notes.slice(7, 9).every((n) => n.includes(', possible, '))).toBe(true);
    expect(reply.notes.at(-1)).toBe('The result file has every row: its best match, score, list, programs and why.');
    expect(reply.files).toHaveLength(1);
    const [file] = reply.files!;
    expect(file).toMatchObject({ name: 'customers-screened.csv', contentType: 'text/csv' });
    expect(parse(file!.content, { bom: true, columns: true })).toHaveLength(16);
  });

  it('names the file and the problem when it cannot be screened, and screens nothing', async () => {
    let progress = 0;
    const tooMany = await screenUpload(upload('10001-rows.csv'), catalog, () => progress++);
    expect(tooMany.text).toBe('Cannot screen 10001-rows.csv: the file has 10,001 rows; the limit is 10,000. Split it into smaller files.');
    expect(tooMany.files).toBeUndefined();
    expect(progress).toBe(0);
    const image = await screenUpload(upload('logo.png'), catalog);
    expect(image.text).toBe('Cannot screen logo.png: this is a PNG image, not a CSV file of names.');
    expect(image.notes[0]).toMatch(/^The file: CSV .* At most 10,000 rows and 5 MB\.$/);
  });

  it('names the result file after the upload, as a plain file name', () => {
    expect(resultFileName('customers.csv')).toBe('customers-screened.csv');
    expect(resultFileName('../../etc/passwd')).toBe('passwd-screened.csv');
    expect(resultFileName('C:\\Users\\me\\Q3 clients.csv')).toBe('Q3 clients-screened.csv');
    expect(resultFileName('a<b>|c.csv')).toBe('a_b_c-screened.csv');
    expect(resultFileName('.csv')).toBe('names-screened.csv');
  });
});

describe('progress messages', () => {
  it('shows the start at once, then at most one update per interval, never two at a time, and leaves the end to the summary', async () => {
    const shown: { text: string; at: number }[] = [];
    let sending = 0;
    let overlapped = false;
    const show = async (reply: Reply) => {
      overlapped ||= sending > 0;
      sending++;
      shown.push({ text: reply.text, at: performance.now() });
      await sleep(30);
      sending--;
    };
    const updates = progressUpdates(show, 'customers.csv', 60);
    const total = 100;
    for (let done = 0; done <= total; done++) {
      updates.listener('screening', done, total);
      await sleep(5);
    }
    await updates.settled();
    expect(sending).toBe(0);
    expect(overlapped).toBe(false);
    expect(shown[0]!.text).toBe('Screening customers.csv: 0 of 100 rows (0%)…');
    expect(shown.length).toBeGreaterThan(2);
    expect(shown.every((s) => !s.text.startsWith('Screening customers.csv: 100 of 100'))).toBe(true);
    for (let i = 1; i < shown.length; i++) expect(shown[i]!.at - shown[i - 1]!.at).toBeGreaterThanOrEqual(59);
  });

  it('carries on when an update fails', async () => {
    let calls = 0;
    const updates = progressUpdates(async () => {
      calls++;
      throw new Error('rate limited');
    }, 'x.csv', 0);
    updates.listener('screening', 0, 10);
    await updates.settled();
    updates.listener('screening', 5, 10);
    await updates.settled();
    expect(calls).toBe(2);
  });
});

/** A platform's file host on 127.0.0.1: serves the screening fixtures to requests carrying the bot token. */
const host = createServer((req, res) => {
  if (req.headers.authorization !== 'Bearer xoxb-files') return void res.writeHead(302, { location: '/signin' }).end();
  const name = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname.slice(1));
  res.writeHead(200, { 'content-type': 'text/csv' }).end(upload(name).bytes);
});
let origin = '';
beforeAll(() => new Promise<void>((resolve) => host.listen(0, '127.0.0.1', () => resolve((origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`, undefined)))));
afterAll(() => new Promise<void>((resolve) => host.close(() => resolve())));

/** A platform's calls recorded: each shown reply's text, each upload. */
function platform(file: () => Promise<SharedFile>) {
  const shown: string[] = [];
  const uploads: Reply[] = [];
  const calls: ScreeningCalls = { locate: file, show: async (reply) => void shown.push(reply.text), upload: async (reply) => void uploads.push(reply) };
  return { shown, uploads, calls };
}

describe('a file shared in chat, screened alike on every platform', () => {
  const screening = (name: string) => ({ tenant: 'T1', name, catalog, queue: screeningQueue(), progressEveryMs: 0, where: { test: true } });
  const located = (name: string, extra: Partial<SharedFile> = {}) => async (): Promise<SharedFile> => ({
    name,
    url: `${origin}/${name}`,
    allowedOrigins: [origin],
    headers: { authorization: 'Bearer xoxb-files' },
    ...extra,
  });

  it('downloads it from the platform, shows progress then the summary, then hands over the result file', async () => {
    const { shown, uploads, calls } = platform(located('customers.csv'));
    await screenShared(screening('customers.csv'), calls);
    expect(shown[0]).toBe('Screening customers.csv: 0 of 16 rows (0%)…');
    expect(shown.at(-1)).toBe('Screened customers.csv: 16 rows, 7 strong matches, 2 possible matches.');
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.text).toBe('The result of screening customers.csv');
    expect(uploads[0]!.files!.map((f) => f.name)).toEqual(['customers-screened.csv']);
  });

  it('says why a file cannot be had (its declared size, no address, a host not the platform\'s, a refused download) and uploads nothing', async () => {
    const cases: [() => Promise<SharedFile>, string][] = [
      [located('customers.csv', { size: 6 * 2 ** 20 }), 'Cannot screen customers.csv: the file is 6.0 MB; the limit is 5 MB.'],
      [located('customers.csv', { url: undefined }), 'Cannot screen customers.csv: the platform gives no address to download it from.'],
      [located('customers.csv', { allowedOrigins: ['https://files.slack.com'] }), "Cannot screen customers.csv: the file is not on the platform's own servers (127.0.0.1"],
      [located('customers.csv', { headers: {} }), 'Cannot screen customers.csv: the file could not be downloaded (HTTP 302, a redirect).'],
    ];
    for (const [locate, problem] of cases) {
      const { shown, uploads, calls } = platform(locate);
      await screenShared(screening('customers.csv'), calls);
      expect(shown).toHaveLength(1);
      expect(shown[0]).toContain(problem);
      expect(uploads).toEqual([]);
    }
  });

  it('answers a failure of the platform itself with a short apology, and lets the next file take its turn', async () => {
    const queue = screeningQueue({ perTenant: 1, overall: 1, maxWaiting: 1, maxWaitingPerTenant: 1 });
    const broken = platform(async () => {
      throw new Error('files.info: ratelimited');
    });
    await screenShared({ ...screening('partners.csv'), queue }, broken.calls);
    expect(broken.shown).toEqual(['Something went wrong screening partners.csv. Please try again in a moment.']);
    const next = platform(located('customers.csv'));
    await screenShared({ ...screening('customers.csv'), queue }, next.calls);
    expect(next.uploads).toHaveLength(1);
  });
});

describe('how to screen, per platform', () => {
  it('parses the console form with its path, and tells each platform how to hand over a file', () => {
    expect(parseRequest('screen data/q3 clients.csv')).toEqual({ kind: 'screen', path: 'data/q3 clients.csv' });
    expect(parseRequest('screen')).toEqual({ kind: 'screen', path: '' });
    expect(screenHowTo({ syntax: SLACK_SYNTAX }).text).toMatch(/share the CSV file in a channel I am in, with a message that mentions me .* or send it to me in a direct message/);
    expect(screenHowTo({ syntax: DISCORD_SYNTAX }).text).toContain('/sanctions screen file:<your CSV file>');
    expect(screenHowTo({}).text).toContain('/sanctions screen path/to/names.csv');
  });

  it('lists screening in the help of each platform', () => {
    expect(help({ syntax: SLACK_SYNTAX }).notes.some((n) => n.startsWith('/sanctions screen (then share the CSV, mentioning @sanctions-bot)'))).toBe(true);
    expect(help({ syntax: DISCORD_SYNTAX }).notes.some((n) => n.startsWith('/sanctions screen file:<CSV file>'))).toBe(true);
    expect(help({}).notes.some((n) => n.startsWith('/sanctions screen <path/to/file.csv>'))).toBe(true);
  });
});
