// Lines read from a stream within a bound: split anywhere between chunks, a line too long said at once and skipped to its end.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type BoundedLine, boundedLines } from '../src/bounded-lines.ts';

async function linesOf(chunks: (string | Buffer)[], maxChars: number): Promise<BoundedLine[]> {
  const read: BoundedLine[] = [];
  for await (const line of boundedLines(Readable.from(chunks), maxChars)) read.push(line);
  return read;
}

describe('boundedLines', () => {
  it('gives the same lines however the text is cut into chunks: \\n and \\r\\n ends, a last line without one, UTF-8 split mid-character', async () => {
    const text = Buffer.from('Шохрат Закир\r\n\nSEK Studio\r\nSensetime 商汤', 'utf8');
    const whole = await linesOf([text], 20);
    expect(whole).toEqual([{ text: 'Шохрат Закир' }, { text: '' }, { text: 'SEK Studio' }, { text: 'Sensetime 商汤' }]);
    for (let cut = 1; cut < text.length; cut++) expect(await linesOf([text.subarray(0, cut), text.subarray(cut)], 20)).toEqual(whole);
  });

  it('takes a line of exactly the bound, with its \\r\\n split between chunks, and refuses one character more', async () => {
    expect(await linesOf(['abcde\r', '\nfghij'], 5)).toEqual([{ text: 'abcde' }, { text: 'fghij' }]);
    expect(await linesOf(['abcdef\n', 'ok\n'], 5)).toEqual([{ tooLong: true }, { text: 'ok' }]);
  });

  it('says a line is too long as soon as it passes the bound, before its end has come, and skips the rest of it', async () => {
    async function* endless(): AsyncGenerator<string> {
      yield 'first\n';
      for (;;) yield 'x'.repeat(64);
    }
    const read: BoundedLine[] = [];
    for await (const line of boundedLines(endless(), 100)) {
      read.push(line);
      if ('tooLong' in line) break;
    }
    expect(read).toEqual([{ text: 'first' }, { tooLong: true }]);
    expect(await linesOf(['y'.repeat(150), 'z'.repeat(150), '\nnext'], 100)).toEqual([{ tooLong: true }, { text: 'next' }]);
  });
});
