// Spans that may be names the exact and near-spelling passes left, searched as `search` searches a query.
//
// One matcher: a span goes through search's own candidate lookup and scorer (`searchNames`), so
// what search finds for a string is found in a sentence too, and whatever search learns (other
// romanisations, Hangul, reworded organisations) the scanner learns with it. Searching costs far
// more than the exact pass, so only spans a cheap first look flags are searched: capitalised runs
// holding a word that stands for a rare listed word (spelled so, or sounding so as written or as
// search reads it by another romanisation) where the rest of a name holding it may be written,
// and words in scripts without capitals (Hangul, Han, Arabic ...), which search compares by sound. Country words and titles at the
// ends of a span are left out ("Bangladeshi Rapid Action Brigade"). The sentence is the evidence
// beyond the score: the entity's country nearby, an article about sanctions, a title by a person.
import { droppedByPress, shortenedNameCore } from '../designations/name-index.ts';
import { phoneticKey } from '../designations/phonetic.ts';
import { type SearchHit, MATCH_THRESHOLD, searchNames } from '../designations/search.ts';
import { MIN_TOKEN_SIM, tokenSimilarity } from '../designations/similarity.ts';
import type { Steps } from '../steps.ts';
import { type Article, aboutSanctions, countryNearby, foreignNationality, foreignQualifier, inCountryName, nameRunsOn, titleNearby } from './article.ts';
import { ANCHOR_POSTINGS, isParticle, keyOf, latinRunEnd, mayBeSpelling } from './fuzzy.ts';
import { CAP, LOWER, tokenText } from './lexicon.ts';
import { maySpellName, readings, spellingsOf } from './span-gate.ts';
import { COMMON, COUNTRY, FUNCTION, INSTITUTION, KIND_WORDS, LOOSE, type MentionIndex, NAME_PART_ENTITIES, SKIPPED, TITLE, classOf, entitiesHolding, entityNames, entityNumber } from './mention-index.ts';
import { cachedRun } from './run-cache.ts';
import { HARD_GAP, SENTENCE_START } from './text-tokens.ts';

export interface SpanFind {
  from: number;
  to: number;
  entity: number;
  name: number;
  confidence: number;
}

/** A listed word on up to this many names anchors them when they are of at most FAMILY_ENTITIES entities. */
const FAMILY_POSTINGS = 64;
const FAMILY_ENTITIES = 8;
/** A word sounding like more listed words than this anchors nothing: its sound is too common. */
const MAX_ALIKE = 4;
/** Nor does a word shorter than this: short words sound like too many. */
const MIN_SOUND_WORD = 5;
/** Searches per part of an article (PART_LENGTH) at most, each costing up to 15 ms on a list of names: the rest of its spans are left. */
export const MAX_SEARCHES = 8;
/** Search results kept between articles (news names the same people day after day). */
const MAX_CACHED_SPANS = 20_000;
/** A score this good is a mention on the name alone; from MATCH_THRESHOLD up to it, only with the entity's country nearby. */
const SURE_SCORE = 0.75;
/** A name with no word spelled as listed (Sergej Lawrow) needs search this sure of it. */
const NEAR_SCORE = 0.8;
/** The same for a name in a script without capitals, which search compares by sound across scripts, a little less sure. */
const CASELESS_SURE_SCORE = 0.7;

/**
 * Finds in the spans the earlier passes left (`covered` marks what they took), in steps: a search
 * (up to about 15 ms on a list of names, its gate as much again) is the most one step holds.
 */
export function* spanFinds(a: Article, covered: Uint8Array): Steps<SpanFind[]> {
  const { tokens } = a;
  const out: SpanFind[] = [];
  let searches = 0;
  for (let i = 0; i < tokens.count && searches < MAX_SEARCHES; i++) {
    if (covered[i]) continue;
    const f = tokens.flags[i]!;
    if (f & CAP) {
      const j = latinRunEnd(a, i, covered);
      if (j - i >= 2 && flagged(a, i, j)) {
        const before = out.length;
        searches += yield* searchSpan(a, i, j, out);
        // Nothing for the whole run: it may be two names joined by a particle ("Sergej Lawrow und Russland").
        const join = out.length === before ? lowerParticle(a, i, j) : -1;
        if (join > 0 && searches < MAX_SEARCHES) searches += yield* searchSpan(a, i, join, out);
        if (join > 0 && searches < MAX_SEARCHES) searches += yield* searchSpan(a, join + 1, j, out);
      }
      i = j - 1;
    } else if (caseless(a, i)) {
      const j = caselessRunEnd(a, i, covered);
      searches += yield* caselessSpans(a, i, j, out);
      i = j - 1;
    }
  }
  return out;
}

/** Searches the run [from, to) trimmed, when two words of it are left; returns the searches made. */
function* searchSpan(a: Article, from: number, to: number, out: SpanFind[]): Steps<number> {
  [from, to] = trimmed(a, from, to);
  if (to - from < 2 || contentWords(a, from, to) < 2) return 0;
  const may = maySpellName(a, from, to);
  yield;
  if (!may) return 0;
  judgeSpan(a, from, to, out);
  yield;
  return 1;
}

/** The first particle written in lower case inside the run, or -1. */
function lowerParticle(a: Article, from: number, to: number): number {
  for (let t = from + 1; t < to - 1; t++) if (a.tokens.flags[t]! & LOWER && isParticle(a, t)) return t;
  return -1;
}


/** The run without country words, titles and particles at its ends. */
function trimmed(a: Article, from: number, to: number): [number, number] {
  // An ordinary word capitalised only as a sentence's first ("On the CDN") is no part of the name.
  if (from < to && a.tokens.flags[from]! & SENTENCE_START && classOf(a.index, a.tokens.id[from]!) & COMMON) from++;
  while (from < to && loose(a, from)) from++;
  while (to > from && loose(a, to - 1)) to--;
  return [from, to];
}

const loose = (a: Article, i: number) => (classOf(a.index, a.tokens.id[i]!) & (FUNCTION | COUNTRY | TITLE)) !== 0 || inCountryName(a, i);

function contentWords(a: Article, from: number, to: number): number {
  let n = 0;
  for (let t = from; t < to; t++) if (!isParticle(a, t)) n++;
  return n;
}

/**
 * Whether the span may write a listed name whole: a word of it stands for a word on few listed
 * names (an anchor, see `anchoredNames`), and one of those names has every word but its loose ones (see `MentionIndex.looseness`)
 * in the span, spelled so or maybe otherwise (`mayBeSpelling`). Most capitalised runs of news
 * ("Red Sea", "Trading Day") stop here, before any search.
 */
function flagged(a: Article, from: number, to: number): boolean {
  // The answer depends on the words and their other readings alone: kept per run, as most runs come back day after day.
  const key = runKey(a.tokens, from, to);
  return cachedRun(a.index.lexicon.flaggedRuns, key, 0, key.length, () => anchorsSomeName(a, from, to));
}

let keyScratch = new Int32Array(64);

/** The ids of tokens [from, to) and then their other readings, in a buffer reused from call to call. */
function runKey(tokens: Article['tokens'], from: number, to: number): Int32Array {
  const length = 2 * (to - from);
  if (keyScratch.length < length) keyScratch = new Int32Array(2 * length);
  keyScratch.set(tokens.id.subarray(from, to), 0);
  keyScratch.set(tokens.alt.subarray(from, to), to - from);
  return keyScratch.subarray(0, length);
}

function anchorsSomeName(a: Article, from: number, to: number): boolean {
  const { index, tokens } = a;
  for (let t = from; t < to; t++) {
    const id = tokens.id[t]!;
    if (classOf(index, id) & (FUNCTION | COMMON | INSTITUTION | COUNTRY)) continue;
    const { names } = index;
    if (id < names.tokenText.length) {
      // A listed word: its own names, if few (read in place: this runs for most capitalised words).
      const start = names.postingStart[id]!;
      const end = names.postingStart[id + 1]!;
      if (anchors(index, id)) for (let p = start; p < end; p++) if (mayWrite(a, from, to, names.postings[p]!)) return true;
      continue;
    }
    const anchored = anchoredNames(a, id, tokens.end[t]! - tokens.start[t]!);
    if (anchored) for (let k = 0; k < anchored.length; k++) if (mayWrite(a, from, to, anchored[k]!)) return true;
  }
  return pairAnchorsSomeName(a, from, to);
}

/** A word on more names than this is left out of the pairs (Mohammed, Ali). */
const PAIR_POSTINGS = 4000;
/** An unlisted word that may be a spelling of more listed words than this says too little to pair. */
const MAX_PAIR_SPELLINGS = 32;
/** Names both words of the pair are on, looked at at most. */
const PAIR_NAMES = 64;

/**
 * Two words of the span each on many listed names may be on few together (Basharr al-Assad: BASHAR and ASSAD, each
 * on many names, are on the ASSAD family's): the names holding both of the span's two rarest words, as written or
 * as the span gate's spellings of them, anchor it as one rare word would.
 */
function pairAnchorsSomeName(a: Article, from: number, to: number): boolean {
  const { index, tokens } = a;
  const { names } = index;
  const words: { t: number; listed: number[]; count: number }[] = [];
  for (let t = from; t < to; t++) {
    const id = tokens.id[t]!;
    if (classOf(index, id) & (FUNCTION | COMMON | INSTITUTION | COUNTRY)) continue;
    const spellings = id < names.tokenText.length ? [id] : spellingsOf(a, id);
    const listed = spellings.length <= MAX_PAIR_SPELLINGS ? [...spellings] : [];
    const alt = tokens.alt[t]!;
    if (alt >= 0 && alt < names.tokenText.length && !listed.includes(alt)) listed.push(alt);
    let count = 0;
    for (const w of listed) count += names.postingStart[w + 1]! - names.postingStart[w]!;
    if (count > 0 && count <= PAIR_POSTINGS) words.push({ t, listed, count });
  }
  if (words.length < 2) return false;
  words.sort((x, y) => x.count - y.count);
  const [rarest, next] = words as [(typeof words)[0], (typeof words)[0]];
  const onRarest = new Set<number>();
  for (const w of rarest.listed) for (let p = names.postingStart[w]!; p < names.postingStart[w + 1]!; p++) onRarest.add(names.postings[p]!);
  let looked = 0;
  for (const w of next.listed) {
    for (let p = names.postingStart[w]!; p < names.postingStart[w + 1]! && looked < PAIR_NAMES; p++) {
      const n = names.postings[p]!;
      if (!onRarest.has(n)) continue;
      looked++;
      if (mayWrite(a, from, to, n)) return true;
    }
  }
  return false;
}


/**
 * The names a word the lists do not spell anchors: those of the few listed words it, or its reading
 * by another romanisation (search's `otherRomanisations`), is or sounds like (Setschin, SECHIN;
 * Lawrow, LAVROV), worked out once per word.
 */
function anchoredNames(a: Article, id: number, length: number): Int32Array | null {
  const { names, lexicon } = a.index;
  let found = lexicon.soundAnchors.get(id);
  if (found === undefined) {
    const anchored: number[] = [];
    if (length >= MIN_SOUND_WORD) {
      for (const text of readings(a, id)) {
        const listed = names.vocab.get(text);
        const key = phoneticKey(text);
        const alike = listed !== undefined ? [listed] : key.length >= 3 ? names.keyTokens.get(key) : undefined;
        if (alike && alike.length <= MAX_ALIKE) for (const t of alike) if (anchors(a.index, t)) anchored.push(...names.postings.subarray(names.postingStart[t]!, names.postingStart[t + 1]!));
      }
    }
    found = anchored.length ? Int32Array.from(anchored) : null;
    lexicon.soundAnchors.set(id, found);
  }
  return found;
}

/** Whether a listed word is on few names, or on many of few entities (one family's aliases: ROTENBERG, PRIGOZHIN): then it anchors them. */
function anchors(index: MentionIndex, listed: number): boolean {
  const postings = index.names.postingStart[listed + 1]! - index.names.postingStart[listed]!;
  return postings <= ANCHOR_POSTINGS || (postings <= FAMILY_POSTINGS && entitiesHolding(index, listed) <= FAMILY_ENTITIES);
}

/** Every word of name `n` but loose ones and patronymics may be in tokens [from, to). */
function mayWrite(a: Article, from: number, to: number, n: number): boolean {
  const { index, tokens } = a;
  const { names } = index;
  const type = names.entities[names.nameEntity[n]!]!.type;
  if (type === 'vessel' || type === 'aircraft') return false;
  const nameFrom = names.nameStart[n]!;
  const nameTo = names.nameStart[n + 1]!;
  // Cheap looks first: a name longer than the span, or with no word spelled as in the span but
  // the anchor, is seldom written there; near-spellings are looked for only then.
  if (nameTo - nameFrom > 2 * (to - from) + 2) return false;
  for (let k = nameFrom; k < nameTo; k++) {
    const listed = names.nameTokens[k]!;
    if (index.looseness[listed]! & (type === 'person' ? SKIPPED : SKIPPED | LOOSE)) continue;
    let found = false;
    for (let t = from; t < to && !found; t++) found = tokens.id[t] === listed || tokens.alt[t] === listed;
    for (let t = from; t < to && !found; t++) found = mayBeSpelling(a, tokens.id[t]!, listed) || mayBeReadAs(a, tokens.id[t]!, listed);
    // A person may be written as the press shortens names: the rest may be missing, not the first surname and given name.
    if (!found && !(type === 'person' && droppedByPress(names, n, k))) return false;
  }
  return true;
}

/** A word of a script without capitals (Hangul, Han, Arabic ...): its first character is no ASCII one. */
function caseless(a: Article, i: number): boolean {
  const { tokens } = a;
  return !(tokens.flags[i]! & (CAP | LOWER)) && tokens.text.charCodeAt(tokens.start[i]!) > 0x7f;
}

function caselessRunEnd(a: Article, i: number, covered: Uint8Array): number {
  let j = i + 1;
  while (j < a.tokens.count && !covered[j] && !(a.tokens.flags[j]! & HARD_GAP) && caseless(a, j)) j++;
  return j;
}

/** Syllables of a word (Han) and of two words searched together; Hangul words may be longer (see `caselessSpans`). */
const HAN_WORD = 4;
const HAN_PAIR = 6;
const HANGUL_WORD = 7;

const hangul = (a: Article, i: number) => {
  const code = a.tokens.text.charCodeAt(a.tokens.start[i]!);
  return code >= 0xac00 && code <= 0xd7af;
};

/**
 * The words of a caseless run (a Korean word is its syllables, one token each; words are what
 * spaces part), searched one by one and two by two. Returns the searches made.
 */
function* caselessSpans(a: Article, from: number, to: number, out: SpanFind[]): Steps<number> {
  const { tokens } = a;
  const words: [number, number][] = [];
  for (let t = from; t < to; ) {
    let end = t + 1;
    while (end < to && tokens.start[end] === tokens.end[end - 1]) end++;
    words.push([t, end]);
    t = end;
  }
  let searches = 0;
  // A search answered from the cache costs nothing, and does not count (news repeats its names).
  const judged = function* (start: number, end: number): Steps<void> {
    const fresh = !a.index.lexicon.spans.has(tokens.text.slice(tokens.start[start]!, tokens.end[end - 1]!));
    judgeSpan(a, start, end, out);
    if (fresh) {
      searches++;
      yield;
    }
  };
  for (let w = 0; w < words.length && searches < MAX_SEARCHES; w++) {
    const [start, end] = words[w]!;
    if (predicate(a, end)) continue;
    const before = out.length;
    // A word of one character is a particle or a syllable of a longer name; a long word is a phrase. Korean puts spaces
    // between words, and writes a foreign name's words in as many syllables as it has (블라디미르 푸틴, Vladimir Putin).
    const [longest, pair] = hangul(a, start) ? [HANGUL_WORD, 2 * HANGUL_WORD] : [HAN_WORD, HAN_PAIR];
    if (end - start >= 2 && end - start <= longest) yield* judged(start, end);
    const next = words[w + 1];
    if (out.length === before && next && next[1] - start <= pair && !predicate(a, next[1]) && searches < MAX_SEARCHES) yield* judged(start, next[1]);
  }
  return searches;
}

/**
 * Whether the Korean word ending before token `end` is a predicate (했다, 있습니다, 말했어요): a verb's ending, never a
 * name's. Korean writes one at every sentence's end; not searched, they leave the search budget to words that may be names.
 */
function predicate(a: Article, end: number): boolean {
  const last = a.tokens.text.charCodeAt(a.tokens.start[end - 1]!);
  return last === 0xb2e4 || last === 0xc694; // 다, 요
}

/** Search's best answers for the span (up to TIED_HITS), cached by its text. */
function searched(index: MentionIndex, text: string): SearchHit[] {
  const cache = index.lexicon.spans;
  let hits = cache.get(text);
  if (hits === undefined) {
    hits = searchNames(index.names, text, { limit: TIED_HITS, threshold: MATCH_THRESHOLD }).hits;
    if (cache.size >= MAX_CACHED_SPANS) cache.clear();
    cache.set(text, hits);
  }
  return hits;
}

/** Search answers this many hits for a span, to tell a tie (بشار: Bashar or Bushra) from a best one. */
const TIED_HITS = 3;
/** Scores this close are a tie: the span's letters do not tell the names apart. */
const TIE = 0.01;

/**
 * Search's answer for the span: its best hit not of another country than the one written before
 * it, or of hits tied for best the one entity the article names already (`Article.named`); none
 * when the tie leaves several or none.
 */
function answer(a: Article, from: number, to: number, found: SearchHit[]): SearchHit | undefined {
  // A body of the country written before the span is meant, not another's ("Myanmar's Ministry of Defence").
  const hits = found.filter((h) => !foreignQualifier(a, entityNumber(a.index, h.entity.id), from));
  if (hits.length === 0) return undefined;
  // Tied too: the same words matched to the same listed words, the scores apart only by words the span left out
  // (Boris Rotenberg: ROTENBERG, Boris Romanovich or his son, Boris Borisovich; Pedro Sanchez, shortened, is either
  // listed Pedro Sanchez). Where the span writes the best hit's name whole, only names it writes whole too tie with it:
  // Usama ibn Laden is BIN LADEN, Usama, not Hamza bin Usama bin Laden nor USAMA BIN LADEN ORGANIZATION.
  const whole = (h: SearchHit) => writtenWhole(a, from, to, h);
  const topWhole = whole(hits[0]!);
  const tied = hits.filter((h, k) => k === 0 || h.score >= hits[0]!.score - TIE || (h.why === hits[0]!.why && (!topWhole || whole(h))));
  if (tied.length <= 1) return hits[0];
  const named = tied.filter((h) => a.named?.has(entityNumber(a.index, h.entity.id)));
  return named.length === 1 ? named[0] : undefined;
}

/** Whether tokens [from, to) write the hit's name whole, in Latin letters (see `wholeName`). */
function writtenWhole(a: Article, from: number, to: number, h: SearchHit): boolean {
  const entity = entityNumber(a.index, h.entity.id);
  return entity >= 0 && !caseless(a, from) && wholeName(a, from, to, nameNumber(a.index, entity, h.matched), h.entity.type === 'person') === WHOLE;
}

/** Searches tokens [from, to) and judges search's answer on the evidence around it. */
function judgeSpan(a: Article, from: number, to: number, out: SpanFind[]): void {
  const { tokens, index } = a;
  const text = tokens.text.slice(tokens.start[from]!, tokens.end[to - 1]!);
  const hit = answer(a, from, to, searched(index, text));
  if (!hit) return;
  const entity = entityNumber(index, hit.entity.id);
  const type = hit.entity.type;
  if (entity < 0 || type === 'vessel' || type === 'aircraft') return;
  if (foreignQualifier(a, entity, from) || (type === 'person' && (nameRunsOn(a, from, to, true) || foreignNationality(a, entity, from)))) return;
  const name = nameNumber(index, entity, hit.matched);
  const country = countryNearby(a, entity, from, to);
  // A weak a.k.a., as in the exact pass, only with the entity's country nearby (Muhammad Yunus of Bangladesh is no Indonesian's alias).
  if (index.names.nameRank[name] === 2 && !country) return;
  // One word of a script without capitals, alike in sound alone, may be any word (الرئيس, "the president", is no LAROSA): only with the country.
  if (!country && caseless(a, from) && !/\s/.test(text) && hit.score < 1) return;
  // In Latin letters the span must write the whole name (see `wholeName`); other scripts are compared by search alone.
  const whole = caseless(a, from) ? WHOLE : wholeName(a, from, to, name, type === 'person');
  if (whole === PART || (whole === GENERIC && !country) || (whole === NEAR && hit.score < NEAR_SCORE)) return;
  if (whole === SHORTENED && (hit.score < SURE_SCORE || !(country || aboutSanctions(a) || titleNearby(a, from, to)))) return;
  if (hit.score < (whole === WHOLE && caseless(a, from) ? CASELESS_SURE_SCORE : SURE_SCORE) && !country) return;
  let confidence = hit.score * 0.9;
  if (country) confidence += 0.1;
  if (aboutSanctions(a)) confidence += 0.05;
  if (type === 'person' && titleNearby(a, from, to)) confidence += 0.05;
  out.push({ from, to, entity, name, confidence: Math.min(0.95, confidence) });
}

const PART = 0;
const WHOLE = 1;
/** Whole, but only in ordinary, state-institution and country words, or short of one: a mention only with the entity's country nearby. */
const GENERIC = 2;
/** Whole, but no word spelled as listed: a mention only when search is sure of it (NEAR_SCORE). */
const NEAR = 3;
/**
 * A person's name as the press shortens it (`shortenedNameCore`: Delcy Rodríguez for RODRIGUEZ GOMEZ, Delcy Eloina), the
 * surname written as listed: a mention when search is sure of it and the article says more (the person's country nearby, a
 * title, an article about sanctions), as a shortened name is many people's.
 */
const SHORTENED = 4;


/**
 * Whether tokens [from, to) write listed name `n`: every word of it but one loose word (see
 * `MentionIndex.looseness`: battalion for brigade, the office dropped), and no word of their own but ordinary ones, titles and countries. A
 * person's name keeps all its words (patronymics aside), or is SHORTENED as the press shortens names: a given name and a
 * surname shared with a listed person name many others. Where no word, or not a person's surname, is spelled as listed, the
 * span is NEAR: search must be sure of it. "Red Sea" is not RED SEA TRADING CORPORATION, "Khan Mohammad
 * Baz" not MOHAMMAD, Haji Baz, "Xinjiang Uyghur Autonomous Region" not XINJIANG PUBLIC SECURITY BUREAU.
 */
function wholeName(a: Article, from: number, to: number, n: number, person: boolean): number {
  const { index, tokens } = a;
  const { names, lexicon } = index;
  const used = new Uint8Array(to - from);
  let exact = 0;
  let matched = 0;
  let missing = 0;
  let distinctive = false;
  let surnameAlike = false;
  const core = person ? shortenedNameCore(names, n) : null;
  let dropped = 0;
  let coreSurnameExact = false;
  for (let k = names.nameStart[n]!; k < names.nameStart[n + 1]!; k++) {
    const listed = names.nameTokens[k]!;
    const text = names.tokenText[listed]!;
    if (index.looseness[listed]! & SKIPPED) continue;
    let found = 0; // 2 exact, 1 alike
    let at = -1;
    for (let t = from; t < to && found < 2; t++) {
      if (used[t - from]) continue;
      if (tokens.id[t] === listed || tokens.alt[t] === listed) [found, at] = [2, t];
      else if (!found && alike(a, tokens.id[t]!, text, listed)) [found, at] = [1, t];
    }
    if (!found) {
      if (core && k !== core[0] && k !== core[1]) dropped++;
      else if (person || !(index.looseness[listed]! & LOOSE) || ++missing > 1) return PART;
      continue;
    }
    used[at - from] = 1;
    matched++;
    if (found === 2) exact++;
    if (found === 2 && core && k === core[0]) coreSurnameExact = true;
    else if (person && names.nameSurname[k] === 1) surnameAlike = true;
    if (!(classOf(index, listed) & (COMMON | INSTITUTION | COUNTRY))) distinctive = true;
  }
  // The words a name need not be written with (a patronymic) are its own where the span writes them, spelled otherwise too
  // (Wladimirowitsch, Vladimirovič): no word of the span's own.
  for (let k = names.nameStart[n]!; k < names.nameStart[n + 1]!; k++) {
    const listed = names.nameTokens[k]!;
    if (!(index.looseness[listed]! & SKIPPED)) continue;
    for (let t = from; t < to; t++) {
      if (used[t - from] || !(tokens.id[t] === listed || tokens.alt[t] === listed || alike(a, tokens.id[t]!, names.tokenText[listed]!, listed))) continue;
      used[t - from] = 1;
      break;
    }
  }
  for (let t = from; t < to; t++) {
    if (used[t - from] || classOf(index, tokens.id[t]!) & (FUNCTION | COMMON | INSTITUTION | COUNTRY | TITLE) || KIND_WORDS.has(tokenText(lexicon, tokens.id[t]!))) continue;
    return PART;
  }
  if (matched < 2) return PART;
  // Shortened as the press does, its surname written as listed and it or the given name rare among listed names (Delcy
  // Rodríguez, not Daniel Pérez): as sure as search is, with more to go on.
  if (dropped > 0) return coreSurnameExact && Math.min(...core!.map((k) => entitiesHolding(index, names.nameTokens[k]!))) < NAME_PART_ENTITIES ? SHORTENED : PART;
  // Every word only alike, or a person's surname: as sure as search is, and search must be sure.
  if (exact === 0 || surnameAlike) return NEAR;
  return distinctive && missing === 0 ? WHOLE : GENERIC;
}

/**
 * Whether an article word the lists do not spell, read by another romanisation, may be a listed word whose first letter
 * it does not share as written (Jewgeni for YEVGENIY): `mayBeSpelling` looks no further than first letters and sounds.
 * The gate's spellings of the word, found once per word, answer it.
 */
function mayBeReadAs(a: Article, id: number, listed: number): boolean {
  return id >= a.index.names.tokenText.length && spellingsOf(a, id).includes(listed);
}

/** Whether an article word is another spelling of a listed word: alike as written, or as read by another romanisation. */
function alike(a: Article, id: number, text: string, listed: number): boolean {
  const { names, lexicon } = a.index;
  const sim = (word: string, key: string) => tokenSimilarity(word, text, key, names.tokenKey[listed]) >= MIN_TOKEN_SIM;
  if (sim(tokenText(lexicon, id), keyOf(a, id))) return true;
  return id >= names.tokenText.length && readings(a, id).slice(1).some((r) => sim(r, phoneticKey(r)));
}


/** The name of the entity search matched (its text as listed), else its first. */
function nameNumber(index: MentionIndex, entity: number, matched: string): number {
  const range = entityNames(index, entity);
  for (let n = range.from; n < range.to; n++) if (index.names.nameText[n] === matched) return n;
  return range.from;
}
