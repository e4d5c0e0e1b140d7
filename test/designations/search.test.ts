import { beforeAll, describe, expect, it } from 'vitest';
import { parseBundledLists } from '../../src/designations/bundled.ts';
import { buildNameIndex, type NameIndex } from '../../src/designations/name-index.ts';
import { MATCH_THRESHOLD, searchNames } from '../../src/designations/search.ts';

let index: NameIndex;

beforeAll(async () => {
  index = buildNameIndex(await parseBundledLists());
});

const top = (q: string) => searchNames(index, q).hits[0];

describe('name search on the bundled OFAC lists', () => {
  it.each([
    ['SEK Studio', 'SEK STUDIO'],
    ['Shahraat Zakir', 'ZAKIR, Shohrat'],
    ['Erkin Tuniyas', 'TUNIYAZ, Erken'],
    ['Erken Tuniyaz', 'TUNIYAZ, Erken'],
    ['Sensetime', 'SENSETIME GROUP LIMITED'],
    ['SenseTime Group Ltd', 'SENSETIME GROUP LIMITED'],
    ['Ri Yong-gil', 'RI, Yong Gil'],
    ['Rapid Action Brigade', 'RAPID ACTION BATTALION'],
    ['Kim Jong Un', 'KIM, Jong Un'],
  ])('finds %s as %s first', (query, name) => {
    expect(top(query)?.entity.name).toBe(name);
  });

  it('finds names written in other scripts', () => {
    expect(top('김정은')?.entity.name).toBe('KIM, Jong Un');
    expect(top('Владимир Путин')?.entity.name).toBe('PUTIN, Vladimir Vladimirovich');
    expect(top('Дмитрий Медведев')?.entity.name).toBe('MEDVEDEV, Dmitry Anatolievich');
  });

  it('tolerates word order, one typo, legal forms and titles', () => {
    expect(top('Shohrat Zakir')?.entity.name).toBe('ZAKIR, Shohrat');
    expect(top('ZAKIR, Shohrat')?.score).toBe(1);
    expect(top('Tuniyaz Erkenn')?.entity.name).toBe('TUNIYAZ, Erken');
    expect(top('SEK Studio Co., Ltd.')?.entity.name).toBe('SEK STUDIO');
    expect(top('President Vladimir Putin')?.entity.name).toBe('PUTIN, Vladimir Vladimirovich');
    expect(top('Vladimir Poutine')?.entity.name).toBe('PUTIN, Vladimir Vladimirovich');
  });

  it('ranks best first with scores in 0..1 and says what matched and why', () => {
    const { hits } = searchNames(index, 'Erkin Tuniyas', { limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(hits[0]!.score).toBeLessThanOrEqual(1);
    expect(hits[0]!.matched).toBe('TUNIYAZ, Erkin');
    expect(hits[0]!.why).toMatch(/tuniyas~tuniyaz/);
  });

  it('keeps a common given name alone, or an unlisted person, out of the hits', () => {
    for (const q of ['Mohammed', 'Abdullah', 'John Smith', 'Li Ming', 'Ivan Ivanov', 'David']) {
      expect(searchNames(index, q).hits, q).toEqual([]);
    }
  });

  it('offers the closest names when nothing passes the threshold', () => {
    const result = searchNames(index, 'Sek Studoi Animation Pyongyang');
    expect(result.hits.length + result.suggestions.length).toBeGreaterThan(0);
    const nothing = searchNames(index, 'Qwxzv Plorkt');
    expect(nothing.hits).toEqual([]);
  });

  it('answers absurd input quickly and without error', () => {
    for (const q of ['', '   ', '🙂🙂🙂', '\u0000\u0007\u001b[31m', 'a'.repeat(5000), 'SEK '.repeat(2000), '<@everyone> <!channel>', "'; DROP TABLE entities; --"]) {
      const t = performance.now();
      const result = searchNames(index, q);
      expect(performance.now() - t, q.slice(0, 20)).toBeLessThan(500);
      expect(Array.isArray(result.hits)).toBe(true);
    }
    expect(searchNames(index, '🙂🙂🙂').hits).toEqual([]);
  });

  it('respects the limit', () => {
    expect(searchNames(index, 'Kim', { limit: 2, threshold: 0 }).hits.length).toBeLessThanOrEqual(2);
  });
});
