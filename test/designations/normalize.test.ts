import { describe, expect, it } from 'vitest';
import { cleanText, normalizeName, tokenize } from '../../src/designations/normalize.ts';
import { phoneticKey } from '../../src/designations/phonetic.ts';
import { editDistance, tokenSimilarity } from '../../src/designations/similarity.ts';

describe('normalizeName', () => {
  it('folds case, diacritics and punctuation', () => {
    expect(normalizeName('ZAKIR, Shohrat')).toBe('zakir shohrat');
    expect(normalizeName('Vladímír Pútín')).toBe('vladimir putin');
    expect(normalizeName("AL QA'IDA")).toBe('al qaida');
    expect(normalizeName('Ri Yong-gil')).toBe('ri yong gil');
    expect(normalizeName('SENSETIME GROUP LIMITED')).toBe('sensetime group limited');
  });

  it('transliterates other scripts', () => {
    expect(normalizeName('Владимир Путин')).toBe('vladimir putin');
    expect(normalizeName('Ｓｅｎｓｅｔｉｍｅ')).toBe('sensetime');
    expect(normalizeName('Αλέξανδρος')).toBe('alexandros');
    expect(normalizeName('بوتين')).toBe('butin');
  });

  it('splits Han and Hangul names into syllables, as lists write them', () => {
    expect(normalizeName('김정은')).toBe('gim jeong eun');
    expect(normalizeName('金正恩')).toBe('jin zheng en');
    const tokens = tokenize('김정은');
    expect(new Set(tokens.map((t) => t.word)).size).toBe(1);
    expect(tokens.every((t) => t.hangul)).toBe(true);
  });

  it('writes abjad words as Latin spellings do: the article apart, a leading alif or ayn as a, waw and ya inside as vowels', () => {
    expect(normalizeName('محمد')).toBe('mhmd');
    expect(normalizeName('موهمد')).toBe('muhmd');
    expect(normalizeName('حسين')).toBe('hsin');
    expect(normalizeName('أحمد الشامي')).toBe('ahmd al shmi');
    expect(normalizeName('علي')).toBe('ali');
    // Two letters after the article are a word of their own (Allah), not an article and a word.
    expect(normalizeName('عبد الله')).toBe('abd allh');
  });

  it('marks tokens from abjads, whose vowels are not written', () => {
    expect(tokenize('بوتين')[0]).toMatchObject({ text: 'butin', abjad: true });
    expect(tokenize('Putin')[0]).toMatchObject({ text: 'putin', abjad: false });
  });

  it('drops invisible characters instead of splitting or joining on them', () => {
    expect(normalizeName('SEK\u200B STU\u200BDIO')).toBe('sek studio');
    expect(normalizeName('\u202EOIDUTS KES')).toBe('oiduts kes');
    expect(cleanText('a\u00ADb\uFEFFc')).toBe('abc');
  });

  it('reads digits typed for letters only inside words that mix both', () => {
    expect(normalizeName('Ig0r Sech1n')).toBe('igor sechin');
    expect(normalizeName('Unit 8200')).toBe('unit 8200');
  });

  it('gives nothing for text without letters or digits', () => {
    expect(tokenize('🙂🙂 ?!')).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });
});

describe('phoneticKey', () => {
  it('joins spellings of one name across languages', () => {
    for (const v of ['poutine', 'poetin', 'putyin']) expect(phoneticKey(v)).toBe(phoneticKey('putin'));
    expect(phoneticKey('lukashenko')).toBe(phoneticKey('lukashenka'));
    expect(phoneticKey('shahraat')).toBe(phoneticKey('shohrat'));
    expect(phoneticKey('gim')).toBe(phoneticKey('kim'));
    expect(phoneticKey('jeong')).toBe(phoneticKey('jong'));
  });

  it('keeps different names apart', () => {
    expect(phoneticKey('putin')).not.toBe(phoneticKey('medvedev'));
    expect(phoneticKey('kim')).not.toBe(phoneticKey('lee'));
  });
});

describe('token similarity', () => {
  it('counts edits with transpositions', () => {
    expect(editDistance('tuniyas', 'tuniyaz')).toBe(1);
    expect(editDistance('luakshenko', 'lukashenko')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('scores typos and spelling variants high and different names low', () => {
    expect(tokenSimilarity('tuniyas', 'tuniyaz')).toBeGreaterThan(0.8);
    expect(tokenSimilarity('shahraat', 'shohrat')).toBeGreaterThan(0.7);
    expect(tokenSimilarity('poutine', 'putin')).toBeGreaterThan(0.7);
    expect(tokenSimilarity('tuniyas', 'danesh')).toBeLessThan(0.5);
    expect(tokenSimilarity('kim', 'lim')).toBeLessThan(0.7);
  });

  it('compares abjad and Hangul romanisations by their keys', () => {
    expect(tokenSimilarity('butin', 'putin', undefined, undefined, 'abjad')).toBeGreaterThanOrEqual(0.8);
    expect(tokenSimilarity('abdllh', 'fdlr', undefined, undefined, 'abjad')).toBe(0);
    // The same consonants, a doubled one written once: as close as an abjad tells; one consonant off, less.
    expect(tokenSimilarity('abdllh', 'abdullah', undefined, undefined, 'abjad')).toBe(0.9);
    expect(tokenSimilarity('risi', 'reza', undefined, undefined, 'abjad')).toBeLessThan(tokenSimilarity('risi', 'raisi', undefined, undefined, 'abjad'));
    expect(tokenSimilarity('gim', 'kim', undefined, undefined, 'hangul')).toBeGreaterThanOrEqual(0.85);
  });
});
