import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../src/designations/model.ts';
import { type MentionIndex, buildMentionIndex } from '../../src/mentions/mention-index.ts';
import { runScan } from '../../src/mentions/scan-command.ts';
import { scanArticle } from '../../src/mentions/scan.ts';
import { article, listsOfDecember2021 } from './lists.ts';

let entities: Entity[];
let index: MentionIndex;

beforeAll(async () => {
  entities = await listsOfDecember2021();
  index = buildMentionIndex(entities);
});

async function scan(args: string[], stdin = ''): Promise<string> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  await runScan(args, { stdin: Readable.from([Buffer.from(stdin)]), stdout }, entities);
  return Buffer.concat(chunks).toString('utf8');
}

const tmp = mkdtempSync(join(tmpdir(), 'scan-'));

describe('scanArticle on HTML', () => {
  it('reports offsets into the raw HTML, through tags, entities and invisible characters', () => {
    const html =
      '<html><head><script>const x = "SEK Studio";</script></head><body>' +
      '<p>Officials named <a href="/x">Shohrat</a>&nbsp;Zak&iacute;r and Erken\u200b Tuniyaz.</p>' +
      '<p>The <b>SEK</b> Studio &amp; SenseTime&rsquo;s shares.</p></body></html>';
    const mentions = scanArticle(index, html);
    expect(mentions.map((m) => m.name)).toEqual(['ZAKIR, Shohrat', 'TUNIYAZ, Erken', 'SEK STUDIO', 'SENSETIME GROUP LIMITED']);
    for (const m of mentions) expect(html.slice(m.start, m.end)).toBe(m.matched);
    expect(mentions.map((m) => m.matched)).toEqual(['Shohrat</a>&nbsp;Zak&iacute;r', 'Erken\u200b Tuniyaz', 'SEK</b> Studio', 'SenseTime&rsquo;s']);
    expect(mentions[2]!.sentence).toBe('The SEK Studio & SenseTime’s shares.');
  });

  it('reads text that merely holds a < as text', () => {
    const text = 'If x < y, SEK Studio > all.';
    const [m] = scanArticle(index, text);
    expect(text.slice(m!.start, m!.end)).toBe('SEK Studio');
  });
});

describe('scan command', () => {
  it('prints exactly one JSON array with the contract keys, offsets into the input', async () => {
    const file = article('us-hits-chinese-north-korean-firms.txt');
    const text = readFileSync(file, 'utf8');
    const out = await scan([file, '--json']);
    expect(out.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(out) as Record<string, unknown>[];
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed.length).toBeGreaterThan(5);
    for (const m of parsed) {
      expect(Object.keys(m)).toEqual(['id', 'name', 'matched', 'start', 'end', 'confidence']);
      expect(text.slice(m.start as number, m.end as number)).toBe(m.matched);
      expect(m.confidence).toBeGreaterThan(0);
    }
    expect(parsed.map((m) => m.id)).toContain('ofac-sdn-34022');
  });

  it('reads standard input for - or no file, and HTML as well as text', async () => {
    const html = '<p>The <b>SEK</b> Studio was listed.</p>';
    for (const args of [['-', '--json'], ['--json']]) {
      const parsed = JSON.parse(await scan(args, html)) as { matched: string; start: number; end: number }[];
      expect(parsed).toEqual([expect.objectContaining({ id: 'ofac-sdn-34022', name: 'SEK STUDIO', matched: 'SEK</b> Studio', start: 10, end: 24 })]);
    }
  });

  it('prints a readable list, and says so when nothing is mentioned', async () => {
    const out = await scan(['-'], 'Officials named Shohrat Zakir on Friday.');
    expect(out).toContain('ZAKIR, Shohrat (ofac-sdn-34079): "Shohrat Zakir" at 16-29');
    expect(out).toContain('Officials named Shohrat Zakir on Friday.');
    expect(await scan(['-'], 'Nothing to see here.')).toBe('No listed entity is mentioned.\n');
    expect(JSON.parse(await scan(['-', '--json'], ''))).toEqual([]);
  });

  it('fails clearly on a missing file, binary input and bad arguments', async () => {
    await expect(scan([join(tmp, 'missing.txt')])).rejects.toThrow(/missing\.txt: no such file/);
    const binary = join(tmp, 'image.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    await expect(scan([binary])).rejects.toThrow(/image\.png: binary data/);
    await expect(scan(['-'], 'abc\u0000def')).rejects.toThrow(/standard input: binary data/);
    await expect(scan(['--yaml'])).rejects.toThrow(/unknown option --yaml/);
    await expect(scan(['a.txt', 'b.txt'])).rejects.toThrow(/one file at a time/);
  });

  it('reads Windows-1252 text that is not UTF-8', async () => {
    const file = join(tmp, 'latin1.txt');
    writeFileSync(file, Buffer.from('Shohrat Zak\xedr met officials.', 'latin1'));
    const [m] = JSON.parse(await scan([file, '--json'])) as { matched: string }[];
    expect(m!.matched).toBe('Shohrat Zakír');
  });
});
