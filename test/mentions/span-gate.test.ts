// The look before a span is searched: every listed word a spelling could be is found, and only names a span may write pass.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { phoneticKey } from '../../src/designations/phonetic.ts';
import { MIN_TOKEN_SIM, tokenSimilarity } from '../../src/designations/similarity.ts';
import { newArticle } from '../../src/mentions/article.ts';
import { findMentions } from '../../src/mentions/find.ts';
import { listedSpellings } from '../../src/mentions/listed-spellings.ts';
import { type MentionIndex, buildMentionIndex } from '../../src/mentions/mention-index.ts';
import { maySpellName } from '../../src/mentions/span-gate.ts';
import { tokenizeText } from '../../src/mentions/text-tokens.ts';
import { rng } from '../../scripts/bench-data.ts';
import { article, listsOfDecember2021 } from './lists.ts';

let index: MentionIndex;

beforeAll(async () => {
  index = buildMentionIndex(await listsOfDecember2021());
});

/** Every listed word `word` scores MIN_TOKEN_SIM against, by comparing it with each. */
function bruteForce(word: string): number[] {
  const key = phoneticKey(word);
  const { tokenText, tokenKey } = index.names;
  const out: number[] = [];
  for (let t = 0; t < tokenText.length; t++) if (tokenSimilarity(word, tokenText[t]!, key, tokenKey[t]) >= MIN_TOKEN_SIM) out.push(t);
  return out;
}

describe('listed spellings', () => {
  it('finds every listed word a word is alike by the scorer: real article words, and listed words with one or two letters changed', () => {
    const random = rng(20261207);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
    const words = new Set<string>();
    const text = readFileSync(article('us-hits-chinese-north-korean-firms.txt'), 'utf8');
    for (const w of text.toLowerCase().match(/[a-z]{3,}/g)!) if (words.size < 60) words.add(w);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const listed = index.names.tokenText.filter((t) => /^[a-z]{4,}$/.test(t));
    const edit = (w: string) => {
      const at = Math.floor(random() * w.length);
      const kind = random();
      if (kind < 0.25) return w.slice(0, at) + w.slice(at + 1);
      if (kind < 0.5) return w.slice(0, at) + pick([...letters]) + w.slice(at);
      if (kind < 0.75) return w.slice(0, at) + pick([...letters]) + w.slice(at + 1);
      return at + 1 < w.length ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2) : w;
    };
    for (let i = 0; i < 60; i++) words.add(edit(pick(listed)));
    for (let i = 0; i < 60; i++) words.add(edit(edit(pick(listed.filter((t) => t.length >= 7)))));
    let alike = 0;
    for (const word of words) {
      const found = new Set<number>();
      listedSpellings(index.names, index.deletionKeys, word, phoneticKey(word), found);
      const expected = bruteForce(word);
      alike += expected.length;
      expect([...found].sort((x, y) => x - y), word).toEqual(expected);
    }
    // Not a vacuous check: most of the changed words are still alike some listed word.
    expect(alike).toBeGreaterThan(100);
  });
});

describe('the span gate', () => {
  /** The gate's verdict on a whole text read as one span of capitalised words. */
  const gate = (text: string) => {
    const a = newArticle(index, tokenizeText(index.lexicon, text));
    expect(a.tokens.count).toBeGreaterThanOrEqual(2);
    return maySpellName(a, 0, a.tokens.count);
  };

  it('lets through spans that may write a listed name as listed, reordered or spelled otherwise', () => {
    for (const text of ['Shohrat Zakir', 'Shahraat Zakir', 'Zakir Shohrat', 'Erken Tuniyaz', 'Directorate of Defence Industries']) expect(gate(text), text).toBe(true);
  });

  it('stops spans no listed name can be written with, whatever their words are on other names', () => {
    for (const text of ['Alice Weidel', 'Climate Focus', 'Federal Reserve Chair Jerome Powell', 'Zakir Qwertyuiop', 'Shohrat Tuniyaz']) expect(gate(text), text).toBe(false);
  });

  it('leaves what the scan finds as it was: the span search still finds another romanisation in a sentence', () => {
    expect(findMentions(index, 'The former chairman Shahraat Zakir spoke on Friday.').map((m) => m.name)).toEqual(['ZAKIR, Shohrat']);
  });
});
