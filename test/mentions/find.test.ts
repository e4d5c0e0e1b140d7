import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Mention, MENTION_THRESHOLD, findMentions } from '../../src/mentions/find.ts';
import { type MentionIndex, buildMentionIndex } from '../../src/mentions/mention-index.ts';
import { article, listsOfDecember2021 } from './lists.ts';

let index: MentionIndex;

beforeAll(async () => {
  index = buildMentionIndex(await listsOfDecember2021());
});

const names = (mentions: Mention[]) => [...new Set(mentions.map((m) => m.name))].sort();
const found = (text: string) => names(findMentions(index, text));

function expectExactOffsets(text: string, mentions: Mention[]): void {
  for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.matched);
}

describe('mentions in the real articles on the 10 Dec 2021 action', () => {
  it('finds the designated entities the AFP article names', () => {
    const text = readFileSync(article('us-hits-chinese-north-korean-firms.txt'), 'utf8');
    const mentions = findMentions(index, text);
    expect(names(mentions)).toEqual([
      'RAPID ACTION BATTALION',
      'RI, Yong Gil',
      'SEK STUDIO',
      'SENSETIME GROUP LIMITED',
      'TUNIYAZ, Erken',
      'ZAKIR, Shohrat',
    ]);
    expectExactOffsets(text, mentions);
    for (let i = 1; i < mentions.length; i++) expect(mentions[i]!.start).toBeGreaterThanOrEqual(mentions[i - 1]!.start);
    for (const m of mentions) {
      expect(m.confidence).toBeGreaterThanOrEqual(MENTION_THRESHOLD);
      expect(m.confidence).toBeLessThanOrEqual(1);
      expect(m.sentence).toContain(m.matched.replace(/\s+/g, ' '));
    }
  });

  it('says which listed name matched, and quotes the sentence', () => {
    const text = readFileSync(article('us-hits-chinese-north-korean-firms.txt'), 'utf8');
    const zakir = findMentions(index, text).find((m) => m.matched === 'Shohrat Zakir')!;
    expect(zakir).toMatchObject({ name: 'ZAKIR, Shohrat', alias: 'ZAKIR, Shohrat', entityId: 'ofac-sdn-34079' });
    expect(zakir.sentence).toBe(
      'It said China’s artificial intelligence company SenseTime, and two ethnic Uyghur political leaders in Xinjiang, Shohrat Zakir and Erken Tuniyaz, took part in the sweeping oppression of Uyghurs.',
    );
  });

  it('counts a surname alone only after the full name', () => {
    const text = readFileSync(article('us-hits-chinese-north-korean-firms.txt'), 'utf8');
    const zakirs = findMentions(index, text).filter((m) => m.name === 'ZAKIR, Shohrat');
    expect(zakirs.map((m) => m.matched)).toEqual(['Shohrat Zakir', 'Zakir', 'Zakir']);
    expect(found('Zakir has defended the camps. Later, Shohrat Zakir spoke.')).toEqual(['ZAKIR, Shohrat']);
    const alone = findMentions(index, 'Zakir has defended the camps as education centers.');
    expect(alone).toEqual([]);
  });

  it('finds SenseTime in the second article, written as SenseTime Group', () => {
    const text = readFileSync(article('new-sanctions-china-myanmar-bangladesh-north-korea.txt'), 'utf8');
    const mentions = findMentions(index, text);
    expect(names(mentions)).toEqual(['SENSETIME GROUP LIMITED']);
    expect(mentions[0]!.matched).toBe('SenseTime Group');
    expectExactOffsets(text, mentions);
  });
});

describe('names as news writes them', () => {
  it('finds reordered, misspelled and transliterated names', () => {
    expect(found('Officials named Shohrat Zakir and Erken Tuniyaz.')).toEqual(['TUNIYAZ, Erken', 'ZAKIR, Shohrat']);
    expect(found('The former chairman Shahraat Zakir spoke on Friday.')).toEqual(['ZAKIR, Shohrat']);
    expect(found('Acting chairman Erkin Tuniyaz was there.')).toEqual(['TUNIYAZ, Erken']);
    expect(found('Shares of Sensetime Group fell in Hong Kong.')).toEqual(['SENSETIME GROUP LIMITED']);
  });

  it('keeps offsets exact through accents, invisible characters and possessives', () => {
    const text = 'Ayer, Shohrat Zakír y Erken\u200b Tuniyaz; SEK\u2060 Studio’s films. Sen\u200bseTime’s shares.';
    const mentions = findMentions(index, text);
    expect(names(mentions)).toEqual(['SEK STUDIO', 'SENSETIME GROUP LIMITED', 'TUNIYAZ, Erken', 'ZAKIR, Shohrat']);
    expectExactOffsets(text, mentions);
    expect(mentions.map((m) => m.matched)).toEqual(['Shohrat Zakír', 'Erken\u200b Tuniyaz', 'SEK\u2060 Studio’s', 'Sen\u200bseTime’s']);
  });

  it('matches whole words only', () => {
    expect(found('Police in the Bahamas said on Monday that the storm had passed.')).toEqual([]);
    expect(found('Hamas said on Monday that talks had stalled.')).toEqual(['HAMAS']);
    expect(found('PreSEK Studio and SEK Studiosystems are other companies.')).toEqual([]);
  });
});

describe('empty and name-free text', () => {
  it('reports nothing', () => {
    expect(findMentions(index, '')).toEqual([]);
    expect(findMentions(index, '   \n\n\u200b ')).toEqual([]);
    expect(findMentions(index, 'The weather was fine and the markets were calm.')).toEqual([]);
  });
});

/** CPU seconds this process spent since `started` (process.cpuUsage()). */
const cpuSeconds = (started: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1e6;
};

describe('cost', () => {
  it('takes junk in its stride: one enormous word, symbols, control characters', () => {
    const started = process.cpuUsage();
    expect(findMentions(index, 'x'.repeat(2 ** 20))).toEqual([]);
    expect(findMentions(index, `${'\u0000\u0007🙂€'.repeat(50_000)} SEK Studio`).map((m) => m.matched)).toEqual(['SEK Studio']);
    // CPU time, which a busy machine does not stretch as it does the wall clock.
    expect(cpuSeconds(started)).toBeLessThan(3);
  });

  it('scans 5 MB of text in a few seconds, with exact offsets', () => {
    const paragraph = readFileSync(article('us-hits-chinese-north-korean-firms.txt'), 'utf8');
    const text = paragraph.repeat(Math.ceil((5 * 2 ** 20) / paragraph.length));
    const started = process.cpuUsage();
    const mentions = findMentions(index, text);
    expect(cpuSeconds(started)).toBeLessThan(5);
    expect(mentions.length).toBeGreaterThan(1000);
    expectExactOffsets(text, mentions.slice(-20));
  });
});
