// What an article says around a name: its case, countries nearby, ship words, whether a longer name goes on.
//
// Facts of the whole article (the words it writes in lower case, the countries it names) are
// worked out on first use, as most articles never need them.
import { type CountryMention, findCountries } from './countries-in-text.ts';
import { CAP, LOWER, UPPER } from './lexicon.ts';
import { type MentionIndex, COMMON, COUNTRY, FUNCTION, INSTITUTION, SANCTION, TITLE, classOf, countriesOf } from './mention-index.ts';
import { HARD_GAP, HYPHENATED, SENTENCE_START, type TextTokens } from './text-tokens.ts';

/** How far (in tokens) a country or a ship word may be and still count as near. */
const COUNTRY_WINDOW = 150;
const CONTEXT_WINDOW = 12;

export interface Article {
  index: MentionIndex;
  tokens: TextTokens;
  lowerIds?: Set<number>;
  lowerAsked: number;
  upperCounts?: Map<number, number>;
  countries?: CountryMention[];
  sentenceCase?: Map<number, number>;
  aboutSanctions?: boolean;
  /** Per word asked about: whether the article writes it within a longer name somewhere (`inLongerName`). */
  inLongerName?: Map<number, boolean>;
  /** Entities the exact and near-spelling passes found, for the span pass to settle a tie between names by. */
  named?: Set<number>;
}

export function newArticle(index: MentionIndex, tokens: TextTokens): Article {
  return { index, tokens, lowerAsked: 0 };
}

/**
 * True when token t is in lower case only as the syllable of a capitalised word it is hyphenated to: Korean given
 * names as the press writes them (Kim Jong-un, Kim Yong-chol) are one word written capitalised.
 */
export function capitalisedSyllable(tokens: TextTokens, t: number): boolean {
  return t > 0 && (tokens.flags[t]! & (LOWER | HYPHENATED)) === (LOWER | HYPHENATED) && (tokens.flags[t - 1]! & CAP) !== 0;
}

/** True when the article also writes this word in lower case: there it is an ordinary word. */
export function writtenLowerCase(a: Article, id: number): boolean {
  const { tokens } = a;
  if (!a.lowerIds) {
    // Few words are asked about: look each up until asked often, then index them all.
    if (a.lowerAsked++ < 8) {
      for (let i = 0; i < tokens.count; i++) if (tokens.id[i] === id && tokens.flags[i]! & LOWER) return true;
      return false;
    }
    a.lowerIds = new Set();
    for (let i = 0; i < tokens.count; i++) if (tokens.flags[i]! & LOWER) a.lowerIds.add(tokens.id[i]!);
  }
  return a.lowerIds.has(id);
}

/** How often the article writes this word in capitals. */
export function timesInCapitals(a: Article, id: number): number {
  if (!a.upperCounts) {
    a.upperCounts = new Map();
    const { tokens } = a;
    for (let i = 0; i < tokens.count; i++) {
      if (tokens.flags[i]! & UPPER) a.upperCounts.set(tokens.id[i]!, (a.upperCounts.get(tokens.id[i]!) ?? 0) + 1);
    }
  }
  return a.upperCounts.get(id) ?? 0;
}

function countryMentions(a: Article): CountryMention[] {
  return (a.countries ??= findCountries(a.index.countries, a.tokens, (id) => (classOf(a.index, id) & COUNTRY) !== 0));
}

/** The index of the first country mention ending after token `at` (mentions are in text order). */
function firstEndingAfter(mentions: CountryMention[], at: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.to <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when one of the entity's countries is named in the same paragraph, not too far away. */
export function countryNearby(a: Article, entity: number, from: number, to: number): boolean {
  return countryDistance(a, entity, from, to) < Infinity;
}

/** How many tokens away the nearest of the entity's countries is named in the same paragraph, within the window; Infinity if none. */
export function countryDistance(a: Article, entity: number, from: number, to: number): number {
  const codes = countriesOf(a.index, entity);
  if (codes.length === 0) return Infinity;
  const paragraph = a.tokens.paragraph[from]!;
  const mentions = countryMentions(a);
  let nearest = Infinity;
  for (let k = firstEndingAfter(mentions, from - COUNTRY_WINDOW); k < mentions.length; k++) {
    const m = mentions[k]!;
    const distance = m.from >= to ? m.from - to : from - m.to;
    if (m.from >= to + COUNTRY_WINDOW || (m.from >= to && distance >= nearest)) break;
    if (a.tokens.paragraph[m.from] !== paragraph || (m.from >= from && m.to <= to)) continue;
    if (m.codes.some((c) => codes.includes(c))) nearest = Math.max(0, distance);
  }
  return nearest;
}

/** True when token i is part of a country's name or adjective ("North Korea's", "Bangladeshi"). */
export function inCountryName(a: Article, i: number): boolean {
  return countryNameEnd(a, i) > i;
}

/** The end of the country name or adjective token i is part of ("Saudi Arabia's"), or i when it is in none. */
export function countryNameEnd(a: Article, i: number): number {
  const mentions = countryMentions(a);
  const k = firstEndingAfter(mentions, i);
  return k < mentions.length && mentions[k]!.from <= i ? mentions[k]!.to : i;
}

/**
 * True when a country other than the entity's is written just before the name ("China's People's
 * Liberation Army", "the Chilean Ministerio del Interior"): the article means that country's body.
 */
export function foreignQualifier(a: Article, entity: number, from: number): boolean {
  const codes = countriesOf(a.index, entity);
  // Of an entity the lists give no country, no country is foreign.
  if (codes.length === 0) return false;
  const mentions = countryMentions(a);
  for (let k = firstEndingAfter(mentions, from - 2); k < mentions.length; k++) {
    const m = mentions[k]!;
    if (m.to > from) break;
    if (a.tokens.sentence[m.from] !== a.tokens.sentence[from]) continue;
    if (!m.codes.some((c) => codes.includes(c))) return true;
  }
  return false;
}

/** Words between a person's nationality and name ("Lebanese culture minister Ghassan Salameh"): titles and lower-case words. */
const MAX_TITLE_WORDS = 4;

/**
 * True when a nationality other than the person's is written before their name with only titles and lower-case words
 * between, ending in a title ("Lebanese culture minister Ghassan Salameh" is not the Syrian listed with that alias): who
 * the article says the person is. A country's name there says less ("the U.S. captured President Nicolas Maduro"). Of a
 * person the lists give no country, no country is foreign.
 */
export function foreignNationality(a: Article, entity: number, from: number): boolean {
  const { tokens, index } = a;
  if (from === 0 || !(classOf(index, tokens.id[from - 1]!) & TITLE)) return false;
  let start = from - 1;
  while (start > 0 && from - start < MAX_TITLE_WORDS && tokens.sentence[start - 1] === tokens.sentence[from] && !(tokens.flags[start]! & HARD_GAP)) {
    if (!(tokens.flags[start - 1]! & LOWER || classOf(index, tokens.id[start - 1]!) & TITLE) || inCountryName(a, start - 1)) break;
    start--;
  }
  const codes = countriesOf(index, entity);
  if (codes.length === 0 || tokens.flags[start]! & HARD_GAP) return false;
  const mentions = countryMentions(a);
  const k = firstEndingAfter(mentions, start - 1);
  const m = mentions[k];
  return m !== undefined && m.to === start && m.adjective && !m.codes.some((c) => codes.includes(c));
}

/** True when a word of the given class (VESSEL_WORD, AIRCRAFT_WORD) is in the same sentence nearby. */
export function contextWordNearby(a: Article, cls: number, from: number, to: number): boolean {
  const { tokens, index } = a;
  const sentence = tokens.sentence[from]!;
  for (let i = Math.max(0, from - CONTEXT_WINDOW); i < Math.min(tokens.count, to + CONTEXT_WINDOW); i++) {
    if (i >= from && i < to) continue;
    if (tokens.sentence[i] === sentence && classOf(index, tokens.id[i]!) & cls) return true;
  }
  return false;
}

export const SHOUTED = 1; // most words in capitals: capitals say nothing
export const TITLE_CASE = 2; // most words capitalised (a headline)

/** Whether the sentence around token i is written in capitals or in title case. */
export function sentenceCase(a: Article, i: number): number {
  const { tokens } = a;
  const sentence = tokens.sentence[i]!;
  a.sentenceCase ??= new Map();
  let found = a.sentenceCase.get(sentence);
  if (found !== undefined) return found;
  let from = i;
  while (from > 0 && tokens.sentence[from - 1] === sentence) from--;
  let words = 0;
  let upper = 0;
  let cap = 0;
  for (let k = from; k < tokens.count && tokens.sentence[k] === sentence; k++) {
    const f = tokens.flags[k]!;
    if (!(f & (CAP | LOWER))) continue;
    words++;
    if (f & UPPER) upper++;
    if (f & CAP) cap++;
  }
  found = words >= 3 && upper >= words * 0.6 ? SHOUTED : words >= 3 && cap >= words * 0.7 ? TITLE_CASE : 0;
  a.sentenceCase.set(sentence, found);
  return found;
}

/**
 * True when a capitalised word runs on from the name without punctuation ("Khan Mohammad Baz"
 * for MOHAMMAD, Baz): the article names somebody with a longer name. Titles, particles and
 * country words around a name are not part of it, and in a headline every word is capitalised.
 * A person's name also runs on into a hyphenated part (`Cheng Li-wun` is not LI, Cheng).
 */
export function nameRunsOn(a: Article, from: number, to: number, person = false): boolean {
  const { tokens } = a;
  if (person && ((to < tokens.count && tokens.flags[to]! & HYPHENATED) || tokens.flags[from]! & HYPHENATED)) return true;
  if (sentenceCase(a, from) !== 0) return false;
  if (from > 0 && !(tokens.flags[from]! & HARD_GAP) && runsOn(a, from - 1)) return true;
  return to < tokens.count && !(tokens.flags[to]! & HARD_GAP) && runsOn(a, to);
}

/**
 * True when the article writes the word within a longer person's name somewhere ("Sharon Garin",
 * "Matiullah Matie"): the word alone then names that person, not a listed one bearing it alone.
 */
export function inLongerName(a: Article, id: number): boolean {
  a.inLongerName ??= new Map();
  let known = a.inLongerName.get(id);
  if (known === undefined) {
    const { tokens } = a;
    known = false;
    for (let i = 0; i < tokens.count && !known; i++) known = (tokens.id[i] === id || tokens.alt[i] === id) && nameRunsOn(a, i, i + 1, true);
    a.inLongerName.set(id, known);
  }
  return known;
}

/** Token i is a capitalised word of a name's own, not at a sentence's start: no title ("Supreme Leader Ayatollah Ali Khamenei"). */
function runsOn(a: Article, i: number): boolean {
  const f = a.tokens.flags[i]!;
  if (!(f & CAP) || f & SENTENCE_START) return false;
  return !(classOf(a.index, a.tokens.id[i]!) & (FUNCTION | COMMON | INSTITUTION | COUNTRY | TITLE));
}

/** True when the article speaks of sanctions (sanctioned, blacklist, OFAC, Sanktionen ...). */
export function aboutSanctions(a: Article): boolean {
  if (a.aboutSanctions === undefined) {
    a.aboutSanctions = false;
    for (let i = 0; i < a.tokens.count && !a.aboutSanctions; i++) a.aboutSanctions = (classOf(a.index, a.tokens.id[i]!) & SANCTION) !== 0;
  }
  return a.aboutSanctions;
}

/** True when a person's title (minister, general, chairman ...) is written just before token `from`, or just after the name. */
export function titleNearby(a: Article, from: number, to: number): boolean {
  const { tokens, index } = a;
  for (let i = Math.max(0, from - 3); i < Math.min(tokens.count, to + 4); i++) {
    if (i >= from && i < to) continue;
    if (tokens.sentence[i] === tokens.sentence[from] && classOf(index, tokens.id[i]!) & TITLE) return true;
  }
  return false;
}
