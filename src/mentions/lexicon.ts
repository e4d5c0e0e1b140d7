// Token ids shared by listed names and article text, and a cache from raw article words to their tokens.
//
// Names are tokenised once, by the name index (`tokenize`); article words go through the same
// `tokenize`, once per distinct spelling, so that both sides agree on every transliteration and
// split while the hot loop only hashes and looks up. Ids below `names` are the name index's own;
// words of the lists below (common words, countries) and words met in articles get ids above it.
import type { NameIndex } from '../designations/name-index.ts';
import type { SearchHit } from '../designations/search.ts';
import { wordRole } from '../designations/name-words.ts';
import { tokenize } from '../designations/normalize.ts';
import type { TextTokens } from './text-tokens.ts';
import { ABBREVIATIONS } from './words.ts';
import { type RunCache, clearRunCache, newRunCache } from './run-cache.ts';
import type { RunScore } from './fuzzy.ts';

/** Case of a raw word, as written in the article. */
export const CAP = 1; // first letter upper-case
export const UPPER = 2; // every letter upper-case
export const LOWER = 4; // first letter lower-case
export const INNER_CAP = 8; // a capital after a lower-case letter, as brands write themselves (SenseTime)
/** The case flags above, as tokens carry them. */
export const CASE_FLAGS = 15;
/** An abbreviation or an initial: a full stop after it does not end a sentence. */
export const ABBREV = 128;

/** A distinct raw word of article text, normalised. */
export interface WordEntry {
  /** Token ids, usually one; a word the transliterator splits (some scripts) gives several. */
  ids: number[];
  /**
   * Another reading of the last token a name may match instead: the word with its possessive kept
   * (`People's` -> `peoples` as the lists write it, while `Putin's` reads `putin`), or a German
   * genitive without its -s (`Putins`).
   */
  alt: number;
  flags: number;
}

/**
 * Plain words (letters of cased scripts, or digits: the bulk of most text) by a hash the tokenizer (FNV-1a, `fnvStep`)
 * computes as it reads them, ASCII letters folded to lower case: found without slicing the word
 * out of the text. Slots and the words' characters sit in typed arrays, which the processor's
 * cache serves far better than strings spread over the heap.
 */
export interface PlainWords {
  mask: number;
  /**
   * Per slot, SLOT numbers: hash; length times 2 (0: empty), plus 1 for ABBREV; token id (-1 for a
   * word that reads as several tokens, left to `wordEntry`); another reading or -1; then the word
   * itself, two characters to a number, or for a word longer than INLINE its offset in `chars`.
   */
  slots: Int32Array;
  /** The words longer than INLINE (ASCII letters in lower case), one after another. */
  chars: Uint16Array;
  used: number;
  size: number;
}

const SLOT = 8;
/** Words up to this long (most words) sit in their slot: finding one then reads no second array, which would be a second cache miss. */
const INLINE = 2 * (SLOT - 4);

export interface Lexicon {
  index: NameIndex;
  /** Ids from `index.vocab` are below this. */
  names: number;
  extra: Map<string, number>;
  extraText: string[];
  /** Ids below this are fixed for the life of the index; above it they are reused between articles. */
  fixed: number;
  /** Other raw words: with apostrophes, invisible characters, caseless scripts, letters and digits mixed. */
  words: Map<string, WordEntry>;
  plain: PlainWords;
  /** The tokenizer's arrays, reused from one article to the next. */
  tokens?: TextTokens;
  /** Phonetic keys of article words (ids from `names` on), for the fuzzy pass. */
  keys: Map<number, string>;
  /** Per token id, SHAPE numbers the near-spelling look reads (fuzzy.ts `mayBeSpelling`); 0s until read. */
  shapes: Int32Array;
  /** Per article word: the listed names it anchors by sound, for the span pass (spans.ts). */
  soundAnchors: Map<number, Int32Array | null>;
  /** Per word: the listed words it is or may be a spelling of, for the span gate (span-gate.ts). */
  spellings: Map<number, Int32Array>;
  /** The span gate's verdict per span of text; bounded there. */
  spanVerdicts: Map<string, boolean>;
  /** Search's best answers per span of text, for the span pass; bounded there. */
  spans: Map<string, SearchHit[]>;
  /** The near-spelling pass's scored names per run of several words (fuzzy.ts `run`). */
  fuzzyRuns: RunCache<RunScore[]>;
  /** The span pass's flag per run (spans.ts `flagged`). */
  flaggedRuns: RunCache<boolean>;
  /** Per name token: 1 where it is part of a person's surname, which German writes with a genitive -s (Putins). */
  surnames: Uint8Array;
}

/** Numbers per token id in `Lexicon.shapes`. */
export const SHAPE = 3;

/** Makes room in `lex.shapes` for `size` numbers at least. */
export function growShapes(lex: Lexicon, size: number): void {
  const grown = new Int32Array(Math.max(size, lex.shapes.length * 2));
  grown.set(lex.shapes);
  lex.shapes = grown;
}

/** Forgets every answer kept per span of text or per run of words, as if every name were new (the bench's cold passes). */
export function forgetAnswers(lex: Lexicon): void {
  lex.spans.clear();
  lex.spanVerdicts.clear();
  clearRunCache(lex.fuzzyRuns);
  clearRunCache(lex.flaggedRuns);
}

/** Distinct words kept between articles; past this the cache starts over before the next article. */
const MAX_CACHED_WORDS = 250_000;

function plainWords(slots = 1 << 14): PlainWords {
  return { mask: slots - 1, slots: new Int32Array(slots * SLOT), chars: new Uint16Array(slots * 4), used: 0, size: 0 };
}

/** Doubles the table, placing each word by the hash it keeps. */
function growPlain(lex: Lexicon): void {
  const old = lex.plain;
  const table = plainWords((old.mask + 1) * 2);
  for (let at = 0; at <= old.mask; at++) {
    const base = at * SLOT;
    if (old.slots[base + 1] === 0) continue;
    let slot = slotOf(table, old.slots[base]!);
    while (table.slots[slot * SLOT + 1] !== 0) slot = (slot + 1) & table.mask;
    table.slots.set(old.slots.subarray(base, base + SLOT), slot * SLOT);
  }
  table.chars.set(old.chars.subarray(0, old.used));
  table.used = old.used;
  table.size = old.size;
  lex.plain = table;
}

const slotOf = (table: PlainWords, hash: number) => (hash ^ (hash >>> 15)) & table.mask;

export function createLexicon(index: NameIndex): Lexicon {
  const names = index.tokenText.length;
  const surnames = new Uint8Array(names);
  for (let k = 0; k < index.nameTokens.length; k++) if (index.nameSurname[k] === 1) surnames[index.nameTokens[k]!] = 1;
  return { index, names, extra: new Map(), extraText: [], fixed: names, words: new Map(), plain: plainWords(), keys: new Map(), shapes: new Int32Array(names * SHAPE), soundAnchors: new Map(), spellings: new Map(), spanVerdicts: new Map(), spans: new Map(), fuzzyRuns: newRunCache(), flaggedRuns: newRunCache(), surnames };
}

/** ASCII letters folded to lower case, everything else as it is: how plain words are compared. */
export const fold = (code: number) => (code < 0x80 ? code | 0x20 : code);

/**
 * The plain word text[from, to) whose hash is `hash`: the index of its slot in `lex.plain.slots`
 * (see `PlainWords`). Added when new, read as `tokenize` reads it (an ASCII word is its own token,
 * lower-cased).
 */
export function plainWord(lex: Lexicon, text: string, from: number, to: number, hash: number): number {
  const table = lex.plain;
  const length = to - from;
  let slot = slotOf(table, hash);
  for (;;) {
    const base = slot * SLOT;
    const stored = table.slots[base + 1]!;
    if (stored === 0) return addPlainWord(lex, text, from, to, hash, slot);
    if (stored >> 1 === length && table.slots[base] === hash && isWordAt(table, base, text, from, length)) return base;
    slot = (slot + 1) & table.mask;
  }
}

/** Adds a word `plainWord` did not find, at its empty `slot`; kept apart so that the lookup stays small enough to inline. */
function addPlainWord(lex: Lexicon, text: string, from: number, to: number, hash: number, slot: number): number {
  let table = lex.plain;
  const length = to - from;
  if (table.size * 2 > table.mask || (length > INLINE && table.used + length > table.chars.length)) {
    growPlain(lex);
    table = lex.plain;
    slot = slotOf(table, hash);
    while (table.slots[slot * SLOT + 1] !== 0) slot = (slot + 1) & table.mask;
  }
  const raw = text.slice(from, to);
  let id: number;
  let alt: number;
  let abbrev: boolean;
  if (/^[\x00-\x7f]*$/.test(raw)) {
    const word = raw.toLowerCase();
    id = tokenId(lex, word);
    alt = otherReading(lex, word);
    abbrev = word.length === 1 || ABBREVIATIONS.has(word);
  } else {
    // The tokenizer reads the word's case itself, and takes the genitive reading only for a capitalised word.
    const entry = readWord(lex, raw);
    id = entry.ids.length === 1 ? entry.ids[0]! : -1;
    alt = id >= 0 ? otherReading(lex, tokenText(lex, id)) : -1;
    abbrev = (entry.flags & ABBREV) !== 0;
  }
  const { slots } = table;
  const base = slot * SLOT;
  slots[base] = hash;
  slots[base + 1] = (length << 1) | (abbrev ? 1 : 0);
  slots[base + 2] = id;
  slots[base + 3] = alt;
  if (length > INLINE) {
    slots[base + 4] = table.used;
    for (let k = 0; k < length; k++) table.chars[table.used + k] = fold(text.charCodeAt(from + k));
    table.used += length;
  } else {
    for (let k = 0; k < length; k += 2) slots[base + 4 + (k >> 1)] = foldedPair(text, from + k, from + length);
  }
  table.size++;
  return base;
}

/** Folded characters at `at` and `at + 1` (0 past `to`), as a slot holds them. */
const foldedPair = (text: string, at: number, to: number) => fold(text.charCodeAt(at)) | (at + 1 < to ? fold(text.charCodeAt(at + 1)) << 16 : 0);

/** Whether the slot at `base` holds text[from, from + length), folded. */
function isWordAt(table: PlainWords, base: number, text: string, from: number, length: number): boolean {
  const { slots } = table;
  if (length > INLINE) {
    const offset = slots[base + 4]!;
    for (let k = 0; k < length; k++) if (table.chars[offset + k] !== fold(text.charCodeAt(from + k))) return false;
    return true;
  }
  for (let k = 0; k < length; k += 2) if (slots[base + 4 + (k >> 1)] !== foldedPair(text, from + k, from + length)) return false;
  return true;
}

/** The id of a normalised token, adding it when it is new. */
export function tokenId(lex: Lexicon, text: string): number {
  const known = lex.index.vocab.get(text) ?? lex.extra.get(text);
  if (known !== undefined) return known;
  const id = lex.names + lex.extraText.length;
  lex.extra.set(text, id);
  lex.extraText.push(text);
  return id;
}

/** Adds words that must keep their ids (word lists, country names); only while building the index. */
export function fixTokenIds(lex: Lexicon, texts: Iterable<string>): void {
  for (const text of texts) tokenId(lex, text);
  lex.fixed = lex.names + lex.extraText.length;
}

export function tokenText(lex: Lexicon, id: number): string {
  return id < lex.names ? lex.index.tokenText[id]! : lex.extraText[id - lex.names]!;
}

/** Forgets the words of past articles when there are too many; called before an article, never during one. */
export function trimLexicon(lex: Lexicon): void {
  const learnt = lex.extraText.length - (lex.fixed - lex.names);
  if (lex.words.size <= MAX_CACHED_WORDS && lex.plain.size <= MAX_CACHED_WORDS && learnt <= 2 * MAX_CACHED_WORDS) return;
  lex.words.clear();
  lex.keys.clear();
  lex.shapes.fill(0, lex.fixed * SHAPE);
  lex.soundAnchors.clear();
  lex.spellings.clear();
  clearRunCache(lex.fuzzyRuns);
  clearRunCache(lex.flaggedRuns);
  lex.plain = plainWords();
  const keep = lex.fixed - lex.names;
  for (const text of lex.extraText.splice(keep)) lex.extra.delete(text);
}

// British spellings and the American ones US lists use: defence -> defense, organisation -> organization.
const BRITISH: [RegExp, string][] = [
  [/ence$/, 'ense'],
  [/isation(s?)$/, 'ization$1'],
  [/is(e|ed|es|ing)$/, 'iz$1'],
  [/our(s?)$/, 'or$1'],
  [/tre(s?)$/, 'ter$1'],
  [/mme(s?)$/, 'm$1'],
];

// Everyday names of a kind of company and the word lists use: Mahan Airlines for MAHAN AIR.
const EVERYDAY: Record<string, string> = { airlines: 'air', airline: 'air', airways: 'air' };

/**
 * Another reading of a word for names to match: a German genitive's surname, a British spelling's
 * listed American one, or a company's everyday word for the one in its listed name.
 */
function otherReading(lex: Lexicon, token: string): number {
  const stem = genitiveStem(lex, token);
  const everyday = EVERYDAY[token];
  if (stem < 0 && everyday !== undefined) return lex.index.vocab.get(everyday) ?? -1;
  const singular = stem < 0 ? legalSingular(lex, token) : -1;
  if (singular >= 0) return singular;
  if (stem >= 0 || token.length < 5) return stem;
  for (const [british, american] of BRITISH) {
    if (!british.test(token)) continue;
    const id = lex.index.vocab.get(token.replace(british, american));
    if (id !== undefined) return id;
  }
  return -1;
}

/** The listed legal form a word is the plural of (`holdings` -> `holding`, `companies` -> `company`), or -1: companies are written either way. */
function legalSingular(lex: Lexicon, token: string): number {
  if (!token.endsWith('s')) return -1;
  for (const singular of [token.slice(0, -1), token.replace(/ies$/, 'y')]) {
    const id = lex.index.vocab.get(singular);
    if (id !== undefined && singular !== token && wordRole(singular) === 'legal') return id;
  }
  return -1;
}

/** A listed surname a word is the German genitive of (`putins` -> `putin`), or -1. */
function genitiveStem(lex: Lexicon, token: string): number {
  if (token.length < 5 || !token.endsWith('s') || lex.index.vocab.has(token)) return -1;
  const stem = lex.index.vocab.get(token.slice(0, -1));
  return stem !== undefined && lex.surnames[stem] === 1 ? stem : -1;
}

const POSSESSIVE = /^(.+?)['\u2019`\u00b4\u02bc][sS]$/u;

function caseFlags(word: string): number {
  const lower = word.toLowerCase();
  const upper = word.toUpperCase();
  if (lower === upper) return 0;
  let flags = word === upper && word.length > 1 ? UPPER : 0;
  for (const ch of word) {
    if (ch.toLowerCase() === ch.toUpperCase()) continue;
    flags |= ch === ch.toUpperCase() ? CAP : LOWER;
    break;
  }
  if (word.length === 1 && flags & CAP) flags |= UPPER;
  if (!(flags & UPPER) && /\p{Ll}\p{Lu}/u.test(word)) flags |= INNER_CAP;
  return flags;
}

function readWord(lex: Lexicon, raw: string): WordEntry {
  const possessive = POSSESSIVE.exec(raw);
  const stem = possessive ? possessive[1]! : raw;
  const tokens = tokenize(stem).map((t) => t.text);
  const ids = tokens.map((t) => tokenId(lex, t));
  const flags = caseFlags(stem);
  let alt = -1;
  if (possessive) {
    const joined = tokenize(raw);
    if (joined.length === tokens.length) alt = tokenId(lex, joined[joined.length - 1]!.text);
  } else if (tokens.length === 1 && flags & CAP) {
    alt = otherReading(lex, tokens[0]!);
  }
  const last = tokens[tokens.length - 1];
  const abbrev = tokens.length === 1 && last !== undefined && (last.length === 1 || ABBREVIATIONS.has(last));
  return { ids, alt, flags: flags | (abbrev ? ABBREV : 0) };
}

/** Raw words longer than this are read each time, not kept: no name is that long, and junk (base64, URLs) often is. */
const MAX_CACHED_LENGTH = 64;

/** The entry of a raw word (as sliced from the article), read once and cached. */
export function wordEntry(lex: Lexicon, raw: string): WordEntry {
  if (raw.length > MAX_CACHED_LENGTH) return readWord(lex, raw);
  let entry = lex.words.get(raw);
  if (!entry) {
    entry = readWord(lex, raw);
    lex.words.set(raw, entry);
  }
  return entry;
}
