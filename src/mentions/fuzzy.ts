// Near-spellings of listed names in an article: `Shahraat Zakir`, `Serguei Lavrov`, `Hezbollah` for HIZBALLAH.
//
// Only capitalised runs of words the exact pass left alone are looked at, and only those holding
// an anchor: a word spelled exactly as in few listed names. The names holding the anchor are the
// candidates; search's scorer (`scoreName`) judges each against the run, as it judges a query.
// A one-word run is compared, by phonetic key, with one-word names of organisations.
import { ROLE_WEIGHT, wordRole } from '../designations/name-words.ts';
import { phoneticKey } from '../designations/phonetic.ts';
import { scoreName } from '../designations/search.ts';
import { MIN_TOKEN_SIM, tokenSimilarity } from '../designations/similarity.ts';
import { type Article, countryNameEnd, nameRunsOn, writtenLowerCase } from './article.ts';
import { CAP, LOWER, SHAPE, growShapes, tokenText } from './lexicon.ts';
import { COMMON, COUNTRY, FUNCTION, INSTITUTION, classOf, entityNames } from './mention-index.ts';
import { cachedRun } from './run-cache.ts';
import { HARD_GAP } from './text-tokens.ts';

/** A name found by the fuzzy pass: tokens [from, to) of the article, the listed name, and how alike (0..1). */
export interface FuzzyFind {
  from: number;
  to: number;
  name: number;
  likeness: number;
}

const MAX_RUN = 6;
/** An anchor is on at most this many listed names: rarer words single out fewer candidates. */
export const ANCHOR_POSTINGS = 16;
const MAX_CANDIDATES = 16;
/** Scorer result below which a near-spelling is not taken for the name. */
const MIN_SCORE = 0.75;
const MIN_ONE_WORD_SIM = 0.82;
const MIN_ONE_WORD_LENGTH = 7;


/** Near-spellings among the capitalised runs of words not `covered` by a mention already. */
export function fuzzyFinds(a: Article, covered: Uint8Array): FuzzyFind[] {
  const { tokens } = a;
  const out: FuzzyFind[] = [];
  for (let i = 0; i < tokens.count; i++) {
    if (covered[i] || !(tokens.flags[i]! & CAP) || isParticle(a, i)) continue;
    let j = latinRunEnd(a, i, covered);
    while (j > i + 1 && isParticle(a, j - 1)) j--;
    // A country before a one-word name is no part of it (Lebanon's Hizbollah): the whole country
    // name is skipped, its words after the first too (Saudi Arabia's), even where the run starts inside it.
    let name = i;
    for (let end = countryNameEnd(a, name); end > name && end <= j; end = countryNameEnd(a, name)) name = end;
    if (j - name === 1) oneWord(a, name, out);
    else if (name < j) run(a, i, j, out);
    i = j - 1;
  }
  return out;
}

export const isParticle = (a: Article, i: number) => (classOf(a.index, a.tokens.id[i]!) & FUNCTION) !== 0;

/** The end of the capitalised run from token i: capitalised words and particles between them, no punctuation. */
export function latinRunEnd(a: Article, i: number, covered: Uint8Array): number {
  const { tokens } = a;
  let j = i + 1;
  while (j < tokens.count && j - i < MAX_RUN && !covered[j] && !(tokens.flags[j]! & HARD_GAP)) {
    const f = tokens.flags[j]!;
    if (!(f & CAP) && !(f & LOWER && isParticle(a, j))) break;
    j++;
  }
  return j;
}

/** A one-word run against one-word names of organisations that sound alike (Hezbollah, HIZBALLAH). */
function oneWord(a: Article, i: number, out: FuzzyFind[]): void {
  const { tokens, index } = a;
  const id = tokens.id[i]!;
  const text = tokenText(index.lexicon, id);
  if (text.length < MIN_ONE_WORD_LENGTH || classOf(index, id) & (COMMON | INSTITUTION | FUNCTION | COUNTRY)) return;
  const names = index.oneWordKeys.get(keyOf(a, id));
  if (!names || writtenLowerCase(a, id)) return;
  for (const n of names) {
    const listedId = index.names.nameTokens[index.names.nameStart[n]!]!;
    const sim = tokenSimilarity(text, index.names.tokenText[listedId]!, keyOf(a, id), keyOf(a, listedId));
    if (sim < MIN_ONE_WORD_SIM || sim === 1) continue;
    // The list itself spells the entity so in another of its names (HIZBALLAH, LEBANESE HEZBOLLAH).
    const listedSpelling = spelledInNames(a, index.names.nameEntity[n]!, id);
    out.push({ from: i, to: i + 1, name: n, likeness: listedSpelling ? 0.9 : 0.55 + (sim - MIN_ONE_WORD_SIM) * 1.5 });
  }
}

/** The phonetic key of a token, computed once per word while the lexicon keeps it. */
export function keyOf(a: Article, id: number): string {
  const { lexicon, names } = a.index;
  if (id < names.tokenKey.length) return names.tokenKey[id]!;
  let key = lexicon.keys.get(id);
  if (key === undefined) lexicon.keys.set(id, (key = phoneticKey(tokenText(lexicon, id))));
  return key;
}

/** True when a name of the entity holds the token as it is. */
function spelledInNames(a: Article, entity: number, id: number): boolean {
  const { names } = a.index;
  const range = entityNames(a.index, entity);
  for (let k = names.nameStart[range.from]!; k < names.nameStart[range.to]!; k++) if (names.nameTokens[k] === id) return true;
  return false;
}

/** A listed name scored against part of a run of words: tokens [from, to) counted from the run's first. */
export interface RunScore {
  from: number;
  to: number;
  name: number;
  likeness: number;
  person: boolean;
}

/**
 * A run of several words against the names its anchors are on; the best (and any as good) are kept. The scores depend
 * on the run's words alone and are kept per run (`Lexicon.fuzzyRuns`); whether a person's name runs on is the article's.
 */
function run(a: Article, from: number, to: number, out: FuzzyFind[]): void {
  const scores = cachedRun(a.index.lexicon.fuzzyRuns, a.tokens.id, from, to, () => scoreCandidates(a, from, to));
  let best: FuzzyFind[] = [];
  for (const s of scores) {
    if (s.person && nameRunsOn(a, from + s.from, from + s.to, true)) continue;
    const found = { from: from + s.from, to: from + s.to, name: s.name, likeness: s.likeness };
    if (best.length === 0 || found.likeness > best[0]!.likeness + 0.05) best = [found];
    else if (found.likeness >= best[0]!.likeness - 0.05) best.push(found);
  }
  out.push(...best);
}

/** The names the run's anchors are on that part of it spells, in the order they are weighed. */
function scoreCandidates(a: Article, from: number, to: number): RunScore[] {
  const { tokens, index } = a;
  const { names } = index;
  const vocabSize = names.tokenText.length;
  const hits = index.nameHits;
  const candidates: number[] = [];
  let content = 0;
  for (let t = from; t < to; t++) {
    const id = tokens.id[t]!;
    if (!(classOf(index, id) & FUNCTION)) content++;
    if (id >= vocabSize || classOf(index, id) & (FUNCTION | COMMON | INSTITUTION) || names.tokenText[id]!.length < 3) continue;
    const start = names.postingStart[id]!;
    const end = names.postingStart[id + 1]!;
    if (end - start > ANCHOR_POSTINGS) continue;
    for (let p = start; p < end; p++) {
      const n = names.postings[p]!;
      if (hits[n]!++ === 0) candidates.push(n);
    }
  }
  const scores: RunScore[] = [];
  if (candidates.length === 0) return scores;
  // Names sharing most anchors first, when there are more than can be scored.
  if (candidates.length > MAX_CANDIDATES) candidates.sort((x, y) => hits[y]! - hits[x]!);
  for (let c = 0; c < Math.min(candidates.length, MAX_CANDIDATES); c++) {
    const n = candidates[c]!;
    // Anchors alone make the whole name (the exact pass's), or the run is too short for it.
    const needs = index.fuzzyNeeds[n]!;
    if (hits[n]! >= needs || content < needs || !worthScoring(a, from, to, n)) continue;
    const found = scoreRun(a, from, to, n);
    if (found) scores.push(found);
  }
  for (const n of candidates) hits[n] = 0;
  return scores;
}

/** Whether an article word may be another spelling of a listed word: it starts alike (in letters or sound) and is about as long. */
export function mayBeSpelling(a: Article, id: number, listedId: number): boolean {
  const word = shapeOf(a, id);
  const listed = shapeOf(a, listedId);
  const shapes = a.index.lexicon.shapes;
  if (Math.abs(shapes[listed]! - shapes[word]!) > 3) return false;
  const first = shapes[word + 1]!;
  const sound = shapes[word + 2]!;
  return (first >= 0 && first === shapes[listed + 1]) || (sound >= 0 && sound === shapes[listed + 2]);
}

/**
 * Where a word's shape sits in `lexicon.shapes`: its length, first letter and first letter of its
 * phonetic key (-1 for none), read from the typed array rather than from the strings, which the
 * near-spelling and span passes would otherwise chase over the heap for every pair of words.
 */
function shapeOf(a: Article, id: number): number {
  const lexicon = a.index.lexicon;
  const at = id * SHAPE;
  if (at >= lexicon.shapes.length) growShapes(lexicon, at + SHAPE);
  const shapes = lexicon.shapes;
  // Lengths are kept plus one, 0 saying not read yet: only the difference of two is compared.
  if (shapes[at] === 0) {
    const text = tokenText(lexicon, id);
    const key = keyOf(a, id);
    shapes[at] = text.length + 1;
    shapes[at + 1] = text.length > 0 ? text.charCodeAt(0) : -1;
    shapes[at + 2] = key.length > 0 ? key.charCodeAt(0) : -1;
  }
  return at;
}

/**
 * A cheap look before scoring: some words of the run are the name's own, the others could be
 * near-spellings of the rest (see `mayBeSpelling`), and together they make what the name needs.
 */
function worthScoring(a: Article, from: number, to: number, n: number): boolean {
  const { tokens, index } = a;
  const needed = index.fuzzyNeeds[n]!;
  const { names } = index;
  const nameFrom = names.nameStart[n]!;
  const nameTo = names.nameStart[n + 1]!;
  let exact = 0;
  let near = 0;
  for (let t = from; t < to; t++) {
    const id = tokens.id[t]!;
    let found = false;
    for (let k = nameFrom; k < nameTo && !found; k++) found = names.nameTokens[k] === id;
    if (found) {
      exact++;
      continue;
    }
    if (classOf(index, id) & FUNCTION) continue;
    for (let k = nameFrom; k < nameTo; k++) {
      if (mayBeSpelling(a, id, names.nameTokens[k]!)) {
        near++;
        break;
      }
    }
  }
  return exact > 0 && near > 0 && exact < needed && exact + near >= needed;
}

/**
 * The part of the run that spells name `n`, counted from the run's first word, and how well; null when it does not.
 * Every word of the listed name must be there (for a person: the surname and a given name), or a run that shares a word
 * or two with a longer name (`Middle East` and MIDDLE EAST BANK) would pass. Whether a person's name runs on beyond the
 * run is the article's to say, not the run's: the caller asks.
 */
function scoreRun(a: Article, from: number, to: number, n: number): RunScore | null {
  const { tokens, index } = a;
  const { names } = index;
  const nameFrom = names.nameStart[n]!;
  const nameIds = names.nameTokens.subarray(nameFrom, names.nameStart[n + 1]!);
  if (nameIds.length < 2) return null;
  const listedMatched = new Uint8Array(nameIds.length);
  let first = -1;
  let last = -1;
  let exact = 0;
  let matched = 0;
  for (let t = from; t < to; t++) {
    const id = tokens.id[t]!;
    const text = tokenText(index.lexicon, id);
    let sim = 0;
    let at = -1;
    for (let k = 0; k < nameIds.length && sim < 1; k++) {
      const nid = nameIds[k]!;
      const listed = names.tokenText[nid]!;
      const s = nid === id ? 1 : mayBeSpelling(a, id, nid) ? tokenSimilarity(text, listed, keyOf(a, id), names.tokenKey[nid]) : 0;
      if (s > sim && !listedMatched[k]) {
        sim = s;
        at = k;
      }
    }
    if (sim < MIN_TOKEN_SIM) continue;
    listedMatched[at] = 1;
    matched++;
    if (first < 0) first = t;
    last = t;
    if (sim === 1) exact++;
  }
  // An anchor spelled exactly, and a word spelled otherwise: all words exact would be the exact
  // pass's to find (or a reordering, which only persons' names allow, as variants).
  if (exact === 0 || exact === matched || matched < 2 || !wholeName(a, n, listedMatched)) return null;
  const query = [];
  for (let t = first; t <= last; t++) {
    const id = tokens.id[t]!;
    const text = tokenText(index.lexicon, id);
    const weight = id < names.tokenText.length ? names.tokenWeight[id]! : names.unknownWeight * ROLE_WEIGHT[wordRole(text)];
    query.push({ text, key: keyOf(a, id), weight, script: null });
  }
  const { score } = scoreName(names, query, n);
  const person = names.entities[names.nameEntity[n]!]!.type === 'person';
  return score >= MIN_SCORE ? { from: first - from, to: last + 1 - from, name: n, likeness: score, person } : null;
}

/** True when the matched words make the whole listed name: all of it, or for a person the surname and a given name. */
function wholeName(a: Article, n: number, matched: Uint8Array): boolean {
  const { names } = a.index;
  const from = names.nameStart[n]!;
  let given = false;
  let hasGiven = false;
  for (let k = 0; k < matched.length; k++) {
    const surname = names.nameSurname[from + k] === 1;
    const optional = classOf(a.index, names.nameTokens[from + k]!) & FUNCTION;
    if (!surname && names.nameSurname[from] === 1) {
      hasGiven = true;
      if (matched[k]) given = true;
      continue;
    }
    if (!matched[k] && !optional) return false;
  }
  return !hasGiven || given;
}
