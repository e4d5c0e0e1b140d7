// Mentions of a person by surname alone: "Zakir has defended ..." once the article has named them in full,
// or a rare surname with the person's country and sanctions around it.
//
// After the full name, a surname alone is a mention when no other person the article named shares
// it (Kim Jong Un and Kim Yo Jong); it is linked to that full mention. Without a full name, only a
// surname that one listed person bears, long and never an ordinary word, with the person's country
// or a place the list gives for them (Xinjiang) in the paragraph, and an article about sanctions or
// a title just before it ("Russian President Putin"), counts, and at a lower confidence.
import { type Article, aboutSanctions, countryNearby, inLongerName, nameRunsOn, titleNearby, writtenLowerCase } from './article.ts';
import type { Found, MentionLink } from './find.ts';
import { tokenize } from '../designations/normalize.ts';
import { CAP, LOWER, UPPER, tokenText } from './lexicon.ts';
import { COMMON, COUNTRY, FUNCTION, INSTITUTION, TITLE, classOf, entityNames } from './mention-index.ts';
import { HARD_GAP } from './text-tokens.ts';

/** A person found by full name: from which token on their surname alone counts, and how sure. */
export interface NamedPerson {
  entity: number;
  after: number;
  confidence: number;
  /** The full mention: a find of this part of the article, or a mention of an earlier part. */
  link: Found | MentionLink;
}

export interface SurnameFind {
  from: number;
  to: number;
  entity: number;
  /** The listed name the surname comes from. */
  name: number;
  confidence: number;
  link?: NamedPerson['link'];
}

interface Surname {
  ids: number[];
  entity: number;
  name: number;
  after: number;
  confidence: number;
  link: NamedPerson['link'];
}

/** Surname-alone mentions of the given persons; `covered` marks tokens already inside a mention. */
export function surnameFinds(a: Article, persons: NamedPerson[], covered: Uint8Array): SurnameFind[] {
  if (persons.length === 0) return [];
  const { index, tokens } = a;
  const { names } = index;
  const byFirst = new Map<number, Surname[]>();
  const owners = new Map<string, Set<number>>();
  for (const person of persons) {
    const range = entityNames(index, person.entity);
    for (let n = range.from; n < range.to; n++) {
      if (names.nameRank[n] === 2) continue;
      const ids: number[] = [];
      for (let k = names.nameStart[n]!; k < names.nameStart[n + 1]! && names.nameSurname[k] === 1; k++) ids.push(names.nameTokens[k]!);
      if (ids.length === 0 || ids.every((id) => classOf(index, id) & (FUNCTION | COMMON | INSTITUTION))) continue;
      if (ids.map((id) => names.tokenText[id]!).join('').length < 2) continue;
      const key = ids.join();
      const set = owners.get(key) ?? new Set();
      set.add(person.entity);
      owners.set(key, set);
      const list = byFirst.get(ids[0]!) ?? [];
      list.push({ ids, entity: person.entity, name: n, after: person.after, confidence: Math.min(0.8, person.confidence - 0.1), link: person.link });
      byFirst.set(ids[0]!, list);
    }
  }
  const out: SurnameFind[] = [];
  for (let i = 0; i < tokens.count; i++) {
    if (covered[i]) continue;
    const list = byFirst.get(tokens.id[i]!) ?? (tokens.alt[i]! >= 0 ? byFirst.get(tokens.alt[i]!) : undefined);
    if (!list) continue;
    for (const s of list) {
      const to = i + s.ids.length;
      if (i < s.after || to > tokens.count || owners.get(s.ids.join())!.size > 1) continue;
      let ok = true;
      for (let k = 0; k < s.ids.length && ok; k++) {
        const f = tokens.flags[i + k]!;
        ok = (tokens.id[i + k] === s.ids[k] || tokens.alt[i + k] === s.ids[k]) && (f & CAP) !== 0 && !(f & LOWER) && !covered[i + k];
      }
      if (!ok || nameRunsOn(a, i, to, true)) continue;
      out.push({ from: i, to, entity: s.entity, name: s.name, confidence: s.confidence, link: s.link });
      break;
    }
  }
  return out;
}

/** A surname alone is this long at least to count without the full name. */
const MIN_LONE_SURNAME = 5;
/** ...and on at most this many listed names (one person's name and aliases). */
const MAX_LONE_POSTINGS = 8;

/** Surnames alone with no full name before them: see the header. `covered` marks tokens already in a mention. */
export function surnameEvidenceFinds(a: Article, covered: Uint8Array): SurnameFind[] {
  const { index, tokens } = a;
  const { names } = index;
  const out: SurnameFind[] = [];
  const found = new Set<number>();
  const places = new Map<string, boolean>(); // per entity and paragraph: whether a place of the entity's is named there
  for (let i = 0; i < tokens.count; i++) {
    // Most words are not capitalised: the case is looked at before the word.
    const f = tokens.flags[i]!;
    if (covered[i] || !(f & CAP) || f & (LOWER | UPPER)) continue;
    // The word as written, or its genitive's stem (Putins).
    const own = tokens.id[i]!;
    const id = own < names.tokenText.length && index.lexicon.surnames[own] === 1 ? own : tokens.alt[i]!;
    if (id < 0 || id >= names.tokenText.length || index.lexicon.surnames[id] !== 1) continue;
    if (names.tokenText[id]!.length < MIN_LONE_SURNAME || classOf(index, id) & (FUNCTION | COMMON | INSTITUTION | COUNTRY)) continue;
    // Asked here, of the few articles with a listed surname, rather than of every article.
    if (!aboutSanctions(a) && !titleJustBefore(a, i)) continue;
    const entity = loneOwner(a, id);
    if (entity < 0 || found.has(entity) || writtenLowerCase(a, id) || inLongerName(a, id)) continue;
    if (!countryNearby(a, entity, i, i + 1) && !placeNearby(a, entity, i, places)) continue;
    found.add(entity);
    const name = surnameName(a, entity, id);
    out.push({ from: i, to: i + 1, entity, name, confidence: titleNearby(a, i, i + 1) ? 0.7 : 0.6 });
  }
  return out;
}

/** True when a title is the word just before token i, in the same run of words (President Putin, Präsident Lukaschenko). */
function titleJustBefore(a: Article, i: number): boolean {
  return i > 0 && !(a.tokens.flags[i]! & HARD_GAP) && (classOf(a.index, a.tokens.id[i - 1]!) & TITLE) !== 0;
}

/** Words of a place shorter than this (Aksu is not) say too little. */
const MIN_PLACE_WORD = 4;

/** The words of the places the list gives for a person (address city, place of birth: Aksu, Xinjiang), not countries. */
function placeWords(a: Article, entity: number): Set<string> {
  const e = a.index.names.entities[entity]!;
  const places = [...e.addresses.map((ad) => ad.city ?? ''), ...e.identifiers.filter((id) => id.type === 'POB').map((id) => id.value)];
  const words = new Set<string>();
  for (const place of places) {
    for (const { text } of tokenize(place)) {
      const id = a.index.names.vocab.get(text) ?? a.index.lexicon.extra.get(text);
      if (text.length >= MIN_PLACE_WORD && !(id !== undefined && classOf(a.index, id) & (FUNCTION | COMMON | COUNTRY))) words.add(text);
    }
  }
  return words;
}

/** True when a place of the person's (see `placeWords`) is written, capitalised, in the paragraph of token i: their region, where no country is named. */
function placeNearby(a: Article, entity: number, i: number, asked: Map<string, boolean>): boolean {
  const { tokens } = a;
  const paragraph = tokens.paragraph[i]!;
  const key = `${entity} ${paragraph}`;
  let known = asked.get(key);
  if (known === undefined) {
    const words = placeWords(a, entity);
    let from = i;
    while (from > 0 && tokens.paragraph[from - 1] === paragraph) from--;
    known = false;
    for (let t = from; t < tokens.count && tokens.paragraph[t] === paragraph && !known && words.size; t++) {
      known = t !== i && (tokens.flags[t]! & CAP) !== 0 && words.has(tokenText(a.index.lexicon, tokens.id[t]!));
    }
    asked.set(key, known);
  }
  return known;
}

/** The one listed person whose surname the token is (-1 if several names of several entities, or not a person's, hold it). */
function loneOwner(a: Article, id: number): number {
  const { names } = a.index;
  const from = names.postingStart[id]!;
  const to = names.postingStart[id + 1]!;
  if (to - from > MAX_LONE_POSTINGS) return -1;
  const entity = names.nameEntity[names.postings[from]!]!;
  for (let p = from + 1; p < to; p++) if (names.nameEntity[names.postings[p]!] !== entity) return -1;
  return names.entities[entity]!.type === 'person' ? entity : -1;
}

/** The entity's name whose surname holds the token. */
function surnameName(a: Article, entity: number, id: number): number {
  const { names } = a.index;
  const range = entityNames(a.index, entity);
  for (let n = range.from; n < range.to; n++) {
    for (let k = names.nameStart[n]!; k < names.nameStart[n + 1]! && names.nameSurname[k] === 1; k++) if (names.nameTokens[k] === id) return n;
  }
  return range.from;
}

