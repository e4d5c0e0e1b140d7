// The index mentions are found with: every listed name and its news variants in a token trie, plus word classes.
//
// Built on the name index of search (same tokens, rarity weights and postings, which the fuzzy
// pass scores with), so one tokenisation serves both and a million names cost one index more,
// not two.
import type { Entity } from '../designations/model.ts';
import { type NameIndex, nameIndexSteps } from '../designations/name-index.ts';
import { wordRole } from '../designations/name-words.ts';
import { phoneticKey } from '../designations/phonetic.ts';
import { type CountryMatcher, buildCountryMatcher, countriesInName } from './countries-in-text.ts';
import { type DeletionKeys, deletionKeySteps } from './listed-spellings.ts';
import { type Lexicon, createLexicon, fixTokenIds, tokenId } from './lexicon.ts';
import { type TokenTrie, trieSteps } from './token-trie.ts';
import { type Steps, pause, runSteps, runStepsAsync } from '../steps.ts';
import { CORE, LISTED, NO_COUNTRY, nameVariants } from './variants.ts';
import { AIRCRAFT_WORDS, COMMON_WORDS, INSTITUTION_WORDS, SANCTION_WORDS, TITLE_WORDS, VESSEL_WORDS } from './words.ts';

/** Word classes, per token id. */
export const COMMON = 1;
export const INSTITUTION = 2;
export const VESSEL_WORD = 4;
export const AIRCRAFT_WORD = 8;
/** A particle, legal form or title: no evidence of who is meant. */
export const FUNCTION = 16;
/** The first word of a country's name or adjective. */
export const COUNTRY = 32;
/** A word that says the article is about sanctions (SANCTION_WORDS), or a person's title (TITLE_WORDS). */
export const SANCTION = 64;
export const TITLE = 128;

export interface MentionIndex {
  names: NameIndex;
  lexicon: Lexicon;
  trie: TokenTrie;
  /** Per pattern: the name (in `names`) it stands for, and how it was derived (see variants.ts). */
  patternName: Int32Array;
  patternVariant: Uint8Array;
  /** Per fixed token id: its word classes. */
  wordClass: Uint8Array;
  countries: CountryMatcher;
  /** One-word names of organisations by the phonetic key of their word, for near-spellings (Hezbollah). */
  oneWordKeys: Map<string, number[]>;
  /** Per entity, its countries and those its names name; filled on first use. */
  entityCountries: Map<number, string[]>;
  /** Per name: the fuzzy pass's count of anchors, zero between runs. */
  nameHits: Uint8Array;
  /**
   * Per name: how many of its words a near-spelling must match (all but particles and legal forms;
   * for a person the surname and one given name), or 0 for names the fuzzy pass leaves alone
   * (weak aliases, ships, aircraft, one-word names).
   */
  fuzzyNeeds: Uint8Array;
  /** Entity ids to positions in `names.entities`; filled on first use. */
  entityNumbers?: Map<string, number>;
  /**
   * Per listed word: SKIPPED (a particle, legal form, title or patronymic: a name is written
   * without it), and LOOSE (an organisation's name may drop or swap it, see spans.ts).
   */
  looseness: Uint8Array;
  /** Listed words with letters deleted: which article words may be spellings of listed ones (listed-spellings.ts). */
  deletionKeys: DeletionKeys;
  /** Per listed word: how many entities hold it (one entity's many aliases repeat its words: AL QAIDA, AL-QAIDA IN IRAQ ...). */
  tokenEntities: Int32Array;
}

export const SKIPPED = 1;
export const LOOSE = 2;
/** Kinds of body a name may end with besides the state-institution words: "the studio", "the company". */
export const KIND_WORDS = new Set(['studio', 'company', 'firm', 'bank', 'cartel', 'militia', 'network', 'foundation', 'institute', 'academy', 'exchange', 'airline', 'airlines']);

/** A growable Int32Array. */
function intBuffer() {
  let data = new Int32Array(1024);
  let length = 0;
  return {
    push(v: number) {
      if (length === data.length) {
        const next = new Int32Array(data.length * 2);
        next.set(data);
        data = next;
      }
      data[length++] = v;
    },
    get length() {
      return length;
    },
    done: () => data.slice(0, length),
  };
}

/**
 * The mention index of a set of entities; build it again when an import changes them. Scanning
 * keeps caches and scratch space in it (the words of past articles, the tokenizer's arrays), so
 * it serves one scan at a time, as synchronous JavaScript does anyway.
 */
export function buildMentionIndex(entities: Entity[]): MentionIndex {
  return runSteps(mentionIndexSteps(entities));
}

/** As `buildMentionIndex`, serving the event loop between steps of a few milliseconds: lists load while the bot answers. */
export function buildMentionIndexAsync(entities: Entity[]): Promise<MentionIndex> {
  return runStepsAsync(mentionIndexSteps(entities));
}

function* mentionIndexSteps(entities: Entity[]): Steps<MentionIndex> {
  const names = yield* nameIndexSteps(entities);
  const lexicon = createLexicon(names);
  const countries = buildCountryMatcher(lexicon);
  const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
  fixTokenIds(lexicon, [...COMMON_WORDS, ...INSTITUTION_WORDS, ...VESSEL_WORDS, ...AIRCRAFT_WORDS, ...SANCTION_WORDS, ...TITLE_WORDS, ...letters]);

  const wordClass = new Uint8Array(lexicon.fixed);
  const mark = (words: Set<string>, cls: number) => {
    for (const w of words) wordClass[tokenId(lexicon, w)]! |= cls;
  };
  mark(COMMON_WORDS, COMMON);
  mark(INSTITUTION_WORDS, INSTITUTION);
  mark(VESSEL_WORDS, VESSEL_WORD);
  mark(AIRCRAFT_WORDS, AIRCRAFT_WORD);
  mark(SANCTION_WORDS, SANCTION);
  mark(TITLE_WORDS, TITLE);
  for (let t = 0; t < names.tokenText.length; t++) {
    const role = wordRole(names.tokenText[t]!);
    if (role !== 'name' && role !== 'patronymic') wordClass[t]! |= FUNCTION;
    if (pause(t)) yield;
  }
  for (const first of countries.byFirst.keys()) wordClass[first]! |= COUNTRY;

  const tokenEntities = new Int32Array(names.tokenText.length);
  for (let t = 0; t < tokenEntities.length; t++) {
    let last = -1;
    for (let p = names.postingStart[t]!; p < names.postingStart[t + 1]!; p++) {
      const e = names.nameEntity[names.postings[p]!]!;
      if (e !== last) tokenEntities[t]!++;
      last = e;
    }
    if (pause(t)) yield;
  }
  const tokens = intBuffer();
  const starts = intBuffer();
  const patternName = intBuffer();
  const patternVariant = intBuffer();
  const addPattern = (ids: ArrayLike<number>, name: number, variant: number) => {
    starts.push(tokens.length);
    for (let i = 0; i < ids.length; i++) tokens.push(ids[i]!);
    patternName.push(name);
    patternVariant.push(variant);
  };
  const oneWordKeys = new Map<string, number[]>();
  const idOf = (text: string) => tokenId(lexicon, text);
  for (let n = 0; n < names.nameEntity.length; n++) {
    if (pause(n)) yield;
    const from = names.nameStart[n]!;
    const to = names.nameStart[n + 1]!;
    const ids = names.nameTokens.subarray(from, to);
    addPattern(ids, n, LISTED);
    if (names.nameRank[n] === 2) continue; // weak aliases are matched only as written
    const entity = entities[names.nameEntity[n]!]!;
    const texts = Array.from(ids, (t) => names.tokenText[t]!);
    let surname = 0;
    while (from + surname < to && names.nameSurname[from + surname] === 1) surname++;
    for (const v of nameVariants(Array.from(ids), texts, surname, entity, idOf)) addPattern(v.tokens, n, v.variant);
    if (entity.type === 'organization') {
      const word = distinctiveWord(names, ids, wordClass, tokenEntities);
      if (word >= 0) addPattern([word], n, CORE);
      const bare = withoutCountry(names, ids, wordClass);
      if (bare) addPattern(bare, n, NO_COUNTRY);
    }
    if (ids.length === 1 && entity.type === 'organization' && texts[0]!.length >= 6) {
      const key = phoneticKey(texts[0]!);
      const list = oneWordKeys.get(key);
      if (list) list.push(n);
      else oneWordKeys.set(key, [n]);
    }
  }
  starts.push(tokens.length);
  const trie = yield* trieSteps(tokens.done(), starts.done(), lexicon.fixed);
  const looseness = new Uint8Array(names.tokenText.length);
  for (let t = 0; t < looseness.length; t++) {
    const text = names.tokenText[t]!;
    if (wordClass[t]! & FUNCTION || wordRole(text) === 'patronymic') looseness[t]! |= SKIPPED;
    if (wordClass[t]! & (INSTITUTION | COUNTRY) || KIND_WORDS.has(text)) looseness[t]! |= LOOSE;
    if (pause(t)) yield;
  }
  const fuzzyNeeds = new Uint8Array(names.nameEntity.length);
  for (let n = 0; n < fuzzyNeeds.length; n++) {
    fuzzyNeeds[n] = wordsNeeded(names, wordClass, entities[names.nameEntity[n]!]!, n);
    if (pause(n)) yield;
  }
  const deletionKeys = yield* deletionKeySteps(names);
  return {
    names,
    lexicon,
    trie,
    patternName: patternName.done(),
    patternVariant: Uint8Array.from(patternVariant.done()),
    wordClass,
    countries,
    oneWordKeys,
    entityCountries: new Map(),
    nameHits: new Uint8Array(names.nameEntity.length),
    fuzzyNeeds,
    looseness,
    deletionKeys,
    tokenEntities,
  };
}

/**
 * The one word of an organisation's name the rest of which is generic (state, ministry, company,
 * a country): its everyday name (Rostec for STATE CORPORATION ROSTEC), or -1. Only a long word no
 * other entity holds, nor a country's or generic word's possessive (KOREA'S), is so read.
 */
function distinctiveWord(names: NameIndex, ids: ArrayLike<number>, wordClass: Uint8Array, tokenEntities: Int32Array): number {
  let word = -1;
  let generic = 0;
  for (let k = 0; k < ids.length; k++) {
    const cls = wordClass[ids[k]!]!;
    if (cls & FUNCTION) continue;
    if (cls & (COMMON | INSTITUTION | COUNTRY)) generic++;
    else if (word >= 0) return -1;
    else word = ids[k]!;
  }
  if (generic === 0 || word < 0 || tokenEntities[word] !== 1) return -1;
  const text = names.tokenText[word]!;
  const stem = names.vocab.get(text.slice(0, -1));
  if (text.length < MIN_DISTINCTIVE_WORD || (text.endsWith('s') && stem !== undefined && wordClass[stem]! & (COMMON | INSTITUTION | COUNTRY))) return -1;
  return word;
}

/**
 * An organisation's name without the country it names at its start or as "of <country>" at its
 * end (MINISTRY OF DEFENSE OF BURMA), as the press writes it with the country before it or nearby
 * ("Myanmar's Ministry of Defence"); null when it names none, or nothing of its own is left.
 */
function withoutCountry(names: NameIndex, ids: ArrayLike<number>, wordClass: Uint8Array): number[] | null {
  let from = 0;
  let to = ids.length;
  while (from < to && wordClass[ids[from]!]! & COUNTRY) from++;
  let tail = to;
  while (tail > from && wordClass[ids[tail - 1]!]! & COUNTRY) tail--;
  if (tail < to && tail > from && names.tokenText[ids[tail - 1]!] === 'of') to = tail - 1;
  if (from === 0 && to === ids.length) return null;
  const rest = Array.from(ids).slice(from, to);
  return rest.filter((id) => !(wordClass[id]! & FUNCTION)).length >= 2 ? rest : null;
}

/** Shorter words are too often ordinary ones (ECONOMY TODAY LLC). */
const MIN_DISTINCTIVE_WORD = 6;

/** See `MentionIndex.fuzzyNeeds`. */
function wordsNeeded(names: NameIndex, wordClass: Uint8Array, entity: Entity, n: number): number {
  const from = names.nameStart[n]!;
  const to = names.nameStart[n + 1]!;
  if (names.nameRank[n] === 2 || entity.type === 'vessel' || entity.type === 'aircraft' || to - from < 2) return 0;
  let needed = 0;
  let surname = 0;
  for (let k = from; k < to; k++) {
    if (names.nameSurname[k] === 1) surname++;
    if (names.nameSurname[k] === 1 || !(wordClass[names.nameTokens[k]!]! & FUNCTION)) needed++;
  }
  return Math.min(255, surname > 0 ? Math.min(needed, surname + 1) : needed);
}

/** Word classes of a token id (words met only in articles have none). */
export function classOf(index: MentionIndex, id: number): number {
  return id < index.wordClass.length ? index.wordClass[id]! : 0;
}

/** The countries of an entity: those the list gives, and those its names name (LEBANESE HIZBALLAH). */
export function countriesOf(index: MentionIndex, entity: number): string[] {
  let codes = index.entityCountries.get(entity);
  if (!codes) {
    const set = new Set(index.names.entities[entity]!.countries);
    const { names } = index;
    const range = entityNames(index, entity);
    for (let n = range.from; n < range.to; n++) {
      for (const c of countriesInName(index.countries, names.nameTokens.subarray(names.nameStart[n]!, names.nameStart[n + 1]!))) set.add(c);
    }
    codes = [...set];
    index.entityCountries.set(entity, codes);
  }
  return codes;
}

/** The names of an entity in the name index: names from .. to-1 (one entity's names are consecutive). */
export function entityNames(index: MentionIndex, entity: number): { from: number; to: number } {
  const { nameEntity } = index.names;
  let lo = 0;
  let hi = nameEntity.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nameEntity[mid]! < entity) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < nameEntity.length && nameEntity[to] === entity) to++;
  return { from: lo, to };
}

/** An acronym has this many letters at least. */
export const MIN_ACRONYM = 3;

/** A name's words an acronym of it is made of: particles, legal forms and short ordinary words left out. */
export function acronymWords(index: MentionIndex, n: number): number[] {
  const { names } = index;
  const words: number[] = [];
  for (let k = names.nameStart[n]!; k < names.nameStart[n + 1]!; k++) {
    const id = names.nameTokens[k]!;
    const cls = classOf(index, id);
    if (cls & FUNCTION || (cls & COMMON && names.tokenText[id]!.length <= 3)) continue;
    words.push(id);
  }
  return words;
}

/** The initials of `acronymWords`, in lower case. */
export const initialsOf = (index: MentionIndex, words: number[]) => words.map((id) => index.names.tokenText[id]![0]).join('');

/** A word this many listed entities hold is a part of names (ISLAMIC, GENERAL, LONDON), not a name of its own. */
export const NAME_PART_ENTITIES = 20;

/** How many listed entities hold a token (0 for words met only in articles). */
export function entitiesHolding(index: MentionIndex, id: number): number {
  return id < index.tokenEntities.length ? index.tokenEntities[id]! : 0;
}

/** An ordinary word, a state word, a country, or a part of many listed names: no name on its own. */
export function ordinaryWord(index: MentionIndex, id: number): boolean {
  return (classOf(index, id) & (COMMON | INSTITUTION | COUNTRY)) !== 0 || entitiesHolding(index, id) >= NAME_PART_ENTITIES;
}

/** The entity's position in the name index, by its id; -1 when it is not listed. */
export function entityNumber(index: MentionIndex, id: string): number {
  if (!index.entityNumbers) index.entityNumbers = new Map(index.names.entities.map((e, i) => [e.id, i]));
  return index.entityNumbers.get(id) ?? -1;
}
