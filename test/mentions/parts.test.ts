// Scanning in parts: bounded steps, the event loop served between them, the same mentions as one pass, caps on mentions.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findMentions } from '../../src/mentions/find.ts';
import { type MentionIndex, buildMentionIndex } from '../../src/mentions/mention-index.ts';
import { MAX_MENTIONS, PART_LENGTH, partEnd, scanArticle, scanArticleAsync } from '../../src/mentions/scan.ts';
import { sentenceAround } from '../../src/mentions/sentence.ts';
import { article, listsOfDecember2021 } from './lists.ts';

let index: MentionIndex;
let afp: string;

beforeAll(async () => {
  index = buildMentionIndex(await listsOfDecember2021());
  afp = readFileSync(article('us-hits-chinese-north-korean-firms.txt'), 'utf8');
});

const brief = (m: { name: string; start: number; end: number; matched: string; linkedTo?: { start: number } }) =>
  `${m.name}@${m.start}-${m.end}:${m.matched}${m.linkedTo ? `<-${m.linkedTo.start}` : ''}`;

describe('parts of a long article', () => {
  it('cuts at a paragraph end, else a sentence end, else a space, within the part length', () => {
    const paragraphs = `${'word '.repeat((PART_LENGTH - 1000) / 5)}\n\n${'more words. '.repeat(PART_LENGTH / 6)}`;
    const cut = partEnd(paragraphs, 0);
    expect(cut).toBeLessThanOrEqual(PART_LENGTH);
    expect(paragraphs.slice(cut - 2, cut)).toBe('\n\n');
    const sentences = 'A sentence ends here. '.repeat(PART_LENGTH / 10);
    expect(sentences.slice(0, partEnd(sentences, 0)).endsWith('here. ')).toBe(true);
    const noBreak = 'x'.repeat(PART_LENGTH * 2);
    expect(partEnd(noBreak, 0)).toBe(PART_LENGTH);
    expect(partEnd('short text', 0)).toBe('short text'.length);
  });

  it('finds across parts what one pass finds, names followed from an earlier part, offsets into the whole text', () => {
    // The real article, then enough of its paragraphs again that it spans several parts.
    const long = `${afp}\n\n${'The sanctions were discussed at length in Geneva again. '.repeat(PART_LENGTH / 40)}\n\nZakir and Tuniyaz did not comment.`;
    const mentions = scanArticle(index, long);
    for (const m of mentions) expect(long.slice(m.start, m.end)).toBe(m.matched);
    const late = mentions.filter((m) => m.start > afp.length);
    expect(late.map(brief)).toEqual([
      `ZAKIR, Shohrat@${long.lastIndexOf('Zakir')}-${long.lastIndexOf('Zakir') + 5}:Zakir<-${afp.indexOf('Shohrat Zakir')}`,
      `TUNIYAZ, Erken@${long.lastIndexOf('Tuniyaz')}-${long.lastIndexOf('Tuniyaz') + 7}:Tuniyaz<-${afp.indexOf('Erken Tuniyaz')}`,
    ]);
    expect(mentions.filter((m) => m.start < afp.length).map(brief)).toEqual(findMentions(index, afp).map(brief));
  });

  it('gives the same mentions asynchronously, and lets other work run between parts', async () => {
    const long = Array.from({ length: 12 }, () => afp).join('\n\n');
    const order: string[] = [];
    const ticks = setInterval(() => order.push('tick'), 0);
    const scanning = scanArticleAsync(index, long).then((m) => {
      order.push('done');
      return m;
    });
    setImmediate(() => order.push('immediate'));
    const mentions = await scanning;
    clearInterval(ticks);
    expect(mentions.map(brief)).toEqual(scanArticle(index, long).map(brief));
    // The immediate queued after the scan began ran before it ended: the scan gave the loop back.
    expect(order.indexOf('immediate')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('immediate')).toBeLessThan(order.indexOf('done'));
  });

  it('reports at most MAX_MENTIONS mentions of an article, and stops scanning there', () => {
    const names = 'SEK Studio and Shohrat Zakir. '.repeat(MAX_MENTIONS);
    const mentions = scanArticle(index, names);
    expect(mentions).toHaveLength(MAX_MENTIONS);
    expect(mentions[mentions.length - 1]!.end).toBeLessThan(names.length / 1.5);
  });
});

describe('the sentence around a mention', () => {
  it('is found within its window whatever the text around it', () => {
    const text = `${'SEK Studio '.repeat(2000)}end. Then Shohrat Zakir spoke. ${'more SEK Studio '.repeat(2000)}`;
    const at = text.indexOf('Shohrat Zakir');
    expect(sentenceAround(text, at, at + 13)).toBe('Then Shohrat Zakir spoke.');
    const run = sentenceAround(text, 5000, 5010);
    expect(run.length).toBeLessThanOrEqual(400);
    expect(run).toContain('SEK Studio');
  });
});
