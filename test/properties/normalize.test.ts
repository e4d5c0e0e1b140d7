// Properties of the name normaliser over hostile text: it never throws, gives plain ASCII tokens, is stable, grows boundedly, and sees through invisible characters and look-alikes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, normalizeName, tokenize } from '../../src/designations/normalize.ts';
import { INVISIBLES, anyText, withInserted, withLookalikes } from './arbitraries.ts';

const RUNS = { numRuns: 1000 };
/** U+FDFA, the longest NFKC expansion (18 characters), is the most any one character can grow. */
const MAX_GROWTH = 18;
/** Default-ignorable and format characters: drawn as nothing, or as a change of direction. */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;

/** Latin words as lists write names: letters with and without look-alikes, sometimes a digit. */
const latinName = fc
  .array(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{1,11}$/), { minLength: 1, maxLength: 4 })
  .map((words) => words.join(' '));

describe('normalizeName and tokenize', () => {
  it('never throw, and give lower-case ASCII letters and digits separated by single spaces', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const normal = normalizeName(text);
        expect(normal).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
        expect(tokenize(text).map((t) => t.text).join(' ')).toBe(normal);
      }),
      RUNS,
    );
  });

  it('are idempotent: a normalised name normalises to itself', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const normal = normalizeName(text);
        expect(normalizeName(normal)).toBe(normal);
      }),
      RUNS,
    );
  });

  it(`grow a name at most ${MAX_GROWTH} times its length`, () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(normalizeName(text).length).toBeLessThanOrEqual(MAX_GROWTH * text.length);
      }),
      RUNS,
    );
  });

  it('neither split nor join words on invisible characters inserted anywhere', () => {
    fc.assert(
      fc.property(latinName, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLES)), { minLength: 1, maxLength: 8 }), (name, inserts) => {
        expect(normalizeName(withInserted(name, inserts))).toBe(normalizeName(name));
      }),
      RUNS,
    );
  });

  it('read a word that mixes Latin letters with Cyrillic or Greek look-alikes as the Latin word it imitates', () => {
    fc.assert(
      fc.property(latinName, fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }), (name, swaps) => {
        const spoofed = withLookalikes(name, swaps);
        // Each word keeps a Latin letter: a word of look-alikes only may be Cyrillic or Greek for real (search tries both).
        fc.pre(spoofed.split(' ').every((word) => /[A-Za-z]/.test(word)));
        expect(normalizeName(spoofed)).toBe(normalizeName(name));
      }),
      RUNS,
    );
  });

  it('do not let the halves of a character, parted by an invisible one, pair up into a letter once it is gone', () => {
    // U+DB40 U+DC41 is U+E0041, the tag character that shadows `A`; U+DB40 U+DC01 is U+E0001, another tag.
    const nested = 'SEK\udb40\udb40\u200b\udc01\udc41 STUDIO';
    expect(normalizeName(nested)).toBe(normalizeName('SEK STUDIO'));
    expect(cleanText(nested)).not.toMatch(INVISIBLE);
  });
});

describe('cleanText', () => {
  it('never throws, leaves no invisible or bidi control character, and is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const clean = cleanText(text);
        expect(clean).not.toMatch(INVISIBLE);
        expect(cleanText(clean)).toBe(clean);
        expect(clean.length).toBeLessThanOrEqual(MAX_GROWTH * text.length);
      }),
      RUNS,
    );
  });
});
