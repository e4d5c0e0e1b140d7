// How sure a name found in an article is a mention of the listed entity: the evidence rules, as a confidence 0..1.
//
// A distinctive name of two or more words, capitalised as a name, is a mention. Less than that
// needs more evidence: a one-word name must not be an ordinary word of the article, an acronym
// must be written in capitals, a name made of ordinary and state-institution words (MINISTRY OF
// INTERIOR, THE BASE) needs the entity's country nearby, a ship's name needs a ship word and its
// country, and OFAC's weak aliases need their country nearby (a medium confidence) or the entity
// found by another of its names (find.ts raises those it calls corroborable).
import { wordRole } from '../designations/name-words.ts';
import {
  type Article,
  SHOUTED,
  capitalisedSyllable,
  contextWordNearby,
  countryNearby,
  foreignNationality,
  foreignQualifier,
  inLongerName,
  nameRunsOn,
  sentenceCase,
  timesInCapitals,
  writtenLowerCase,
} from './article.ts';
import { CAP, INNER_CAP, LOWER, UPPER, tokenText } from './lexicon.ts';
import {
  AIRCRAFT_WORD,
  COMMON,
  COUNTRY,
  FUNCTION,
  INSTITUTION,
  MIN_ACRONYM,
  NAME_PART_ENTITIES,
  SANCTION,
  VESSEL_WORD,
  acronymWords,
  classOf,
  entitiesHolding,
  entityNames,
  initialsOf,
} from './mention-index.ts';
import { HARD_GAP, SENTENCE_START } from './text-tokens.ts';
import { CORE, FIRST_INITIAL_SURNAME, FIRST_SURNAME, FIRST_SURNAME_PART, GIVEN_FIRST, LISTED, NO_COUNTRY, NO_PARTICLE } from './variants.ts';

/** Confidence of a distinctive name of several words, by how it was derived from the list. */
const VARIANT_CONFIDENCE: Record<number, number> = {
  [LISTED]: 0.95,
  [GIVEN_FIRST]: 0.93,
  [FIRST_INITIAL_SURNAME]: 0.92,
  [FIRST_SURNAME]: 0.9,
  [NO_PARTICLE]: 0.88,
  [CORE]: 0.88,
  [FIRST_SURNAME_PART]: 0.7,
  [NO_COUNTRY]: 0.88,
};
/** A given name at most this many listed entities hold is rare (Delcy, not Daniel). */
const RARE_GIVEN_NAME = 5;
/** What a name needing more evidence gets once the entity is found in the article by another name. */
export const CORROBORATED = 0.85;

export interface Verdict {
  confidence: number;
  /** True when the entity found elsewhere in the article by a name of its own would make this a mention. */
  corroborable: boolean;
}

const reject = (confidence = 0.05): Verdict => ({ confidence, corroborable: false });

interface Shape {
  content: number;
  letters: number;
  lower: number;
  upper: number;
  /** Every content word is an ordinary or a state-institution word. */
  generic: boolean;
  /** Content words that single the name out: held by few listed entities, and no ordinary or country word. */
  distinctive: number;
  /** Every content word written in lower case is distinctive (`boko haram`, not `global energy`). */
  lowerDistinctive: boolean;
  /** For one content word: its token id. */
  word: number;
}

function shapeOf(a: Article, from: number, to: number): Shape {
  const { tokens, index } = a;
  const shape: Shape = { content: 0, letters: 0, lower: 0, upper: 0, generic: true, distinctive: 0, lowerDistinctive: true, word: -1 };
  for (let t = from; t < to; t++) {
    const id = tokens.id[t]!;
    const cls = classOf(index, id);
    if (cls & FUNCTION) continue;
    const f = tokens.flags[t]!;
    const digits = !(f & (CAP | LOWER));
    const distinctive = digits || (!(cls & (COMMON | INSTITUTION | COUNTRY)) && entitiesHolding(a.index, id) < NAME_PART_ENTITIES);
    shape.content++;
    shape.word = id;
    shape.letters += tokenText(index.lexicon, id).length;
    if (distinctive) shape.distinctive++;
    if (f & LOWER && !(t > from && capitalisedSyllable(tokens, t))) {
      shape.lower++;
      if (!distinctive) shape.lowerDistinctive = false;
    }
    if (f & UPPER) shape.upper++;
    // Digits single one out: OFFICE 39 is one office.
    if (digits || !(cls & (COMMON | INSTITUTION))) shape.generic = false;
  }
  return shape;
}

/** What is known of a name found at tokens [from, to), for the rules below. */
interface Place {
  a: Article;
  from: number;
  to: number;
  entity: number;
  /** The listed name found. */
  name: number;
  variant: number;
  shape: Shape;
  /** In capitals where capitals mean something: an acronym, a name as listed, not a shouted headline. */
  inCapitals: boolean;
  /** Whether the entity's country is named nearby, once asked (see `country`). */
  nearCountry: boolean | undefined;
}

const country = (p: Place) => (p.nearCountry ??= countryNearby(p.a, p.entity, p.from, p.to));

/**
 * The confidence that tokens [from, to) of the article, which spell name `name` (as `variant`
 * derived it), mention its entity. `sharedBy` is how many entities the same words name; `spelling`
 * how close a near-spelling came (1 for the name as written).
 */
export function judge(a: Article, from: number, to: number, name: number, variant: number, sharedBy: number, spelling = 1): Verdict {
  const { names } = a.index;
  const entity = names.nameEntity[name]!;
  const type = names.entities[entity]!.type;
  const shape = shapeOf(a, from, to);
  if (shape.content === 0) return reject(0);
  // Chinese and Korean write the surname first: read given name first, their syllables name nobody (京和 is not HE, Jing).
  if (variant !== LISTED && syllabic(a, from)) return reject();
  const place: Place = {
    a, from, to, entity, name, variant, shape,
    inCapitals: shape.upper === shape.content && sentenceCase(a, from) !== SHOUTED,
    nearCountry: undefined,
  };
  const verdict =
    type === 'vessel' || type === 'aircraft'
      ? craftName(place, type)
      : names.nameRank[name] === 2
        ? weakAlias(place)
        : shape.content === 1
          ? oneWord(place, spelling)
          : severalWords(place, spelling);
  if (verdict.confidence <= 0.1) return verdict;
  if ((variant === CORE || variant === NO_COUNTRY) && otherLegalFormFollows(a, to, name)) return reject();
  // A one-word name of a person the article also writes within a longer name ("Matiullah Matie"
  // ... "Matiullah was the first"): it names that longer-named person throughout.
  if (type === 'person' && shape.content === 1 && inLongerName(a, shape.word)) return reject();
  if (type === 'person' && shape.content > 1) {
    if (foreignNationality(a, entity, from)) return reject(0.1);
    if (nameRunsOn(a, from, to, true)) verdict.confidence *= 0.5;
    // A given name and half a surname: only as good as the surname half is rare among listed names,
    // or a rare given name comes with the person's country nearby (Venezuela's Delcy Rodriguez).
    const common = entitiesHolding(a.index, a.tokens.id[from]!) <= RARE_GIVEN_NAME && country(place) ? 0.85 : 0.6;
    if (variant === FIRST_SURNAME_PART && entitiesHolding(a.index, a.tokens.id[to - 1]!) >= NAME_PART_ENTITIES) verdict.confidence *= common;
    // Cheng Li, Maria Ivanova: every word is on many listed names, and news names many people so.
    else if (variant !== LISTED && shape.distinctive === 0) verdict.confidence *= 0.6;
  }
  if (sharedBy > 1) verdict.confidence *= Math.max(0.6, 1 - 0.1 * (sharedBy - 1));
  return verdict;
}

/**
 * True when a legal form the listed name does not have, nor abbreviates (Ltd for LIMITED), follows
 * a name found without its own: "Myanmar Economic Holdings Ltd" is not MYANMAR ECONOMIC CORPORATION.
 */
function otherLegalFormFollows(a: Article, to: number, name: number): boolean {
  const { tokens, index } = a;
  if (to >= tokens.count || tokens.flags[to]! & HARD_GAP) return false;
  const word = tokenText(index.lexicon, tokens.id[to]!);
  if (wordRole(word) !== 'legal') return false;
  const { names } = index;
  for (let k = names.nameStart[name]!; k < names.nameStart[name + 1]!; k++) {
    const listed = names.tokenText[names.nameTokens[k]!]!;
    if (wordRole(listed) === 'legal' && abbreviates(word, listed)) return false;
  }
  return true;
}

/** `short` is `long` or a contraction of it: its letters in order, the first one first (ltd, limited; corp, corporation). */
function abbreviates(short: string, long: string): boolean {
  if (short[0] !== long[0]) return false;
  let at = 0;
  for (const ch of short) {
    at = long.indexOf(ch, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** A name that says who is meant only with more around it: not after another country, not inside a longer name. */
function namesakeRisk(p: Place, verdict: Verdict): Verdict {
  if (foreignQualifier(p.a, p.entity, p.from)) return reject(0.1);
  if (nameRunsOn(p.a, p.from, p.to)) verdict.confidence *= 0.5;
  return verdict;
}

/** OFAC's weak a.k.a.: on its own only distinctive, written as a name, with its country nearby; an acronym of another of its names as any acronym. */
function weakAlias(p: Place): Verdict {
  const { shape } = p;
  if (shape.lower > 0) return reject();
  if (shape.content === 1 && shape.letters <= 4 && initialsOfAName(p)) return acronym(p);
  const distinctive = shape.distinctive > 0 && shape.letters > 5 && !(shape.content === 1 && writtenLowerCase(p.a, shape.word));
  return namesakeRisk(p, { confidence: distinctive && country(p) ? 0.55 : 0.3, corroborable: true });
}

/**
 * A ship's or aircraft's name, often an ordinary word (OLYMPIA, FREEDOM): a ship word nearby (and
 * better its country too), or the name in capitals as registers write it.
 */
function craftName(p: Place, type: 'vessel' | 'aircraft'): Verdict {
  if (p.shape.lower > 0) return reject();
  const context = contextWordNearby(p.a, type === 'vessel' ? VESSEL_WORD : AIRCRAFT_WORD, p.from, p.to);
  if (context && country(p)) return { confidence: CORROBORATED, corroborable: false };
  if (context) return namesakeRisk(p, { confidence: 0.55, corroborable: true });
  if (p.inCapitals && p.shape.letters > 4) return namesakeRisk(p, { confidence: 0.6, corroborable: true });
  return { confidence: 0.3, corroborable: true };
}

function oneWord(p: Place, spelling: number): Verdict {
  const { a, shape, variant, inCapitals } = p;
  if (shape.lower > 0) return reject();
  const word = shape.word;
  const ordinary = shape.distinctive === 0 || writtenLowerCase(a, word);
  let companyWord = false;
  for (let t = p.from; t < p.to; t++) companyWord ||= wordRole(tokenText(a.index.lexicon, a.tokens.id[t]!)) === 'legal';
  if (variant === CORE) {
    // A company's name without its legal form (LUKOIL for LUKOIL OAO, OCTOBER for OCTOBER LLC) or
    // its generic words (Rostec): written as a company's name (with a company word kept, SenseTime
    // Group; in capitals; as brands write themselves, SenseTime), or with more evidence around it.
    const brand = companyWord || kindWordFollows(p) || (inCapitals && shape.letters > 4) || (a.tokens.flags[p.from]! & INNER_CAP) !== 0;
    // Its country nearby, or sanctions said of it in its sentence ("Belaruskali ... was sanctioned").
    let confidence = brand ? 0.8 : country(p) || contextWordNearby(a, SANCTION, p.from, p.to) ? 0.6 : 0.4;
    if (ordinary) confidence = 0.3;
    else if (shape.letters <= 4) confidence = inCapitals && country(p) ? 0.55 : 0.3;
    return namesakeRisk(p, { confidence, corroborable: true });
  }
  // A short word with its legal form written (Evil Corp) is a company's name as listed, no acronym.
  if (shape.letters <= 4 && !companyWord) return acronym(p);
  if (ordinary) return namesakeRisk(p, { confidence: inCapitals ? (country(p) ? 0.7 : 0.45) : 0.2, corroborable: inCapitals });
  const capitalOnlyAtStart = (a.tokens.flags[p.from]! & SENTENCE_START) !== 0 && !(a.tokens.flags[p.from]! & UPPER);
  return { confidence: (capitalOnlyAtStart ? 0.85 : 0.9) * spelling, corroborable: false };
}

/** How far after a company's short name the legal form its listed name has may still follow ("Wagner mercenary group"). */
const KIND_WORD_WINDOW = 2;

/** True when a legal form of the listed name is written a word or two after the name found without it (WAGNER GROUP). */
function kindWordFollows(p: Place): boolean {
  const { tokens, index } = p.a;
  const { names } = index;
  for (let t = p.to; t < Math.min(tokens.count, p.to + KIND_WORD_WINDOW); t++) {
    if (tokens.flags[t]! & HARD_GAP) return false;
    const id = tokens.id[t]!;
    if (wordRole(tokenText(index.lexicon, id)) !== 'legal') continue;
    for (let k = names.nameStart[p.name]!; k < names.nameStart[p.name + 1]!; k++) if (names.nameTokens[k] === id) return true;
  }
  return false;
}

/** An acronym (PKK, DIO, GRU): in capitals, and even then many things share three letters. */
function acronym(p: Place): Verdict {
  if (!p.inCapitals) return reject(0.1);
  let confidence = p.shape.letters <= 3 ? 0.45 : 0.65;
  if (country(p)) confidence += 0.25;
  else if (timesInCapitals(p.a, p.shape.word) > 1) confidence += 0.1; // the article's own name for something
  return namesakeRisk(p, { confidence, corroborable: true });
}

/** True when the one word found is the initials of another, not weak, name of the entity (FSB, FEDERALNAYA SLUZHBA BEZOPASNOSTI). */
function initialsOfAName(p: Place): boolean {
  const { index } = p.a;
  const text = tokenText(index.lexicon, p.shape.word);
  const range = entityNames(index, p.entity);
  for (let n = range.from; n < range.to; n++) {
    if (index.names.nameRank[n] === 2) continue;
    const words = acronymWords(index, n);
    if (words.length >= MIN_ACRONYM && initialsOf(index, words) === text) return true;
  }
  return false;
}

function severalWords(p: Place, spelling: number): Verdict {
  const { shape, variant } = p;
  if (shape.lower > 0 && (variant === CORE || variant === NO_COUNTRY || !shape.lowerDistinctive)) return reject();
  // Every word in lower case is not written as a name ("the third floor", THIRD FLOOR): it counts
  // only with the entity named otherwise in the article.
  if (shape.lower === shape.content) return { confidence: 0.3, corroborable: true };
  // Made of ordinary and state words (MINISTRY OF INTERIOR, THE BASE), a company's name that lost its
  // one distinctive word with its legal form (GLOBAL ENERGY), or a name without its country (COMMUNIST
  // PARTY of COMMUNIST PARTY OF PERU: many countries have one): only with its country.
  if (shape.generic || (variant === CORE && shape.distinctive === 0) || variant === NO_COUNTRY) {
    return namesakeRisk(p, { confidence: country(p) ? 0.8 : 0.3, corroborable: true });
  }
  return { confidence: VARIANT_CONFIDENCE[variant]! * spelling * (shape.lower > 0 ? 0.7 : 1), corroborable: false };
}

/** True when token i is a Han or Hangul syllable. */
function syllabic(a: Article, i: number): boolean {
  const code = a.tokens.text.charCodeAt(a.tokens.start[i]!);
  return (code >= 0x3400 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xf900 && code <= 0xfaff);
}
