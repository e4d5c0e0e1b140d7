import { describe, expect, it } from 'vitest';
import type { Entity } from '../../src/designations/model.ts';
import { CAP, INNER_CAP, LOWER, UPPER, tokenText } from '../../src/mentions/lexicon.ts';
import { buildMentionIndex } from '../../src/mentions/mention-index.ts';
import { sentenceAround } from '../../src/mentions/sentence.ts';
import { HARD_GAP, SENTENCE_START, tokenizeText } from '../../src/mentions/text-tokens.ts';
import { CORE, FIRST_INITIAL_SURNAME, FIRST_SURNAME, FIRST_SURNAME_PART, GIVEN_FIRST, NO_PARTICLE, nameVariants } from '../../src/mentions/variants.ts';

const entity = (name: string, type: Entity['type'] = 'organization'): Entity => ({
  id: name, type, name, aliases: [], countries: [], programs: [], lists: [], designated: null, remarks: null,
  identifiers: [], addresses: [], related: [], sourceUrl: null,
});

const index = buildMentionIndex([entity('ZAKIR, Shohrat', 'person'), entity('SEK STUDIO')]);
const read = (text: string) => {
  const t = tokenizeText(index.lexicon, text);
  return Array.from({ length: t.count }, (_, i) => ({
    token: tokenText(index.lexicon, t.id[i]!),
    raw: text.slice(t.start[i], t.end[i]),
    flags: t.flags[i]!,
    sentence: t.sentence[i],
  }));
};

describe('tokenizeText', () => {
  it('folds case, accents and scripts as names are folded, keeping each word’s place in the text', () => {
    expect(read('Zakír, ZAKIR zakir Закир').map((t) => [t.token, t.raw])).toEqual([
      ['zakir', 'Zakír'],
      ['zakir', 'ZAKIR'],
      ['zakir', 'zakir'],
      ['zakir', 'Закир'],
    ]);
  });

  it('joins words across invisible characters and apostrophes, splits at hyphens, reads possessives', () => {
    expect(read('Sen\u200bse\u2060Time al-Qa’ida Putin’s U.S.').map((t) => t.token)).toEqual(['sensetime', 'al', 'qaida', 'putin', 'u', 's']);
    expect(read('a\u200b b').map((t) => t.raw)).toEqual(['a', 'b']);
  });

  it('records case, sentence starts and punctuation a name cannot run across', () => {
    const [sek, studio, said, it, senseTime, iPhone, next] = read('SEK Studio said it. SenseTime, iPhone Next');
    expect(sek!.flags & (CAP | UPPER)).toBe(CAP | UPPER);
    expect(studio!.flags & (CAP | UPPER)).toBe(CAP);
    expect(said!.flags & LOWER).toBe(LOWER);
    expect([it!.sentence, senseTime!.sentence]).toEqual([0, 1]);
    expect(senseTime!.flags & (SENTENCE_START | HARD_GAP | INNER_CAP)).toBe(SENTENCE_START | HARD_GAP | INNER_CAP);
    expect(iPhone!.flags & (HARD_GAP | LOWER)).toBe(HARD_GAP | LOWER);
    expect(next!.flags & HARD_GAP).toBe(0);
  });

  it('does not end a sentence at an initial or an abbreviation', () => {
    const tokens = read('Vladimir V. Putin met Mr. Zakir in the U.S. capital. Then he left.');
    expect(tokens.find((t) => t.token === 'putin')!.flags & HARD_GAP).toBe(0);
    expect(tokens.find((t) => t.token === 'zakir')!.flags & HARD_GAP).toBe(0);
    expect(tokens.find((t) => t.token === 'then')!.flags & SENTENCE_START).toBe(SENTENCE_START);
  });

  it('handles empty text, lone surrogates and emoji', () => {
    expect(read('')).toEqual([]);
    expect(read('\ud800 ok 🙂 \udc00').map((t) => t.token)).toEqual(['ok']);
  });
});

describe('nameVariants', () => {
  const ids = (texts: string[]) => texts.map((t) => t.length + t.charCodeAt(0) * 100);
  const variants = (texts: string[], surname: number, type: Entity['type'], countries: string[] = []) =>
    nameVariants(ids(texts), texts, surname, { type, countries }, (t) => ids([t])[0]!).map((v) => v.variant);

  it('writes people as news writes them', () => {
    expect(variants(['putin', 'vladimir', 'vladimirovich'], 1, 'person')).toEqual([GIVEN_FIRST, FIRST_SURNAME, FIRST_INITIAL_SURNAME]);
    expect(variants(['al', 'assad', 'bashar'], 2, 'person')).toEqual([GIVEN_FIRST, NO_PARTICLE]);
    expect(variants(['luna', 'meza', 'osiris'], 2, 'person')).toEqual([GIVEN_FIRST, FIRST_SURNAME_PART]);
    // Korean and Chinese given names are one name in syllables: never cut to the first.
    expect(variants(['kim', 'jong', 'un'], 1, 'person', ['KP'])).toEqual([GIVEN_FIRST]);
  });

  it('drops legal forms from companies, not the digits that tell two apart', () => {
    expect(variants(['sensetime', 'group', 'limited'], 0, 'organization')).toEqual([CORE, CORE]);
    expect(variants(['new', 'holding', '1'], 0, 'organization')).toEqual([]);
    expect(variants(['sek', 'studio'], 0, 'organization')).toEqual([]);
    expect(variants(['olympia'], 0, 'vessel')).toEqual([]);
  });
});

describe('sentenceAround', () => {
  it('cuts at sentence ends and line breaks, not at initials', () => {
    const text = 'First one. President Vladimir V. Putin spoke in the U.S. capital. Next.\nOther line';
    const at = text.indexOf('Putin');
    expect(sentenceAround(text, at, at + 5)).toBe('President Vladimir V. Putin spoke in the U.S. capital.');
    expect(sentenceAround('Headline\nBody text here.', 9, 13)).toBe('Body text here.');
  });
});
