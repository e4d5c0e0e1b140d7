// Name search: a recall-first candidate lookup in the index, then a careful scorer over a few dozen names.
import type { Entity } from './model.ts';
import { type NameIndex, MIN_TYPO_LENGTH, hashString, rarityWeight, shortenedNameCore, tokensByDeletion } from './name-index.ts';
import { type Token, lookalikeReading, tokenize } from './normalize.ts';
import { phoneticKey } from './phonetic.ts';
import { otherRomanisations } from './romanisations.ts';
import { ROLE_WEIGHT, wordRole } from './name-words.ts';
import { MIN_TOKEN_SIM, type TokenScript, abjadSkeleton, tokenSimilarity } from './similarity.ts';

/** A hit at or above this is shown as a match; below it, only as a "did you mean". */
export const MATCH_THRESHOLD = 0.6;
/** Below this a name is not even a suggestion. */
export const SUGGESTION_THRESHOLD = 0.4;

export interface SearchHit {
  entity: Entity;
  score: number;
  /** The name or alias that matched, as the list writes it. */
  matched: string;
  /** Which query words matched which listed words, e.g. `shahraat~shohrat (spelling), zakir=zakir`. */
  why: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Closest names when no hit passes the threshold. */
  suggestions: SearchHit[];
}

export interface SearchOptions {
  limit?: number;
  threshold?: number;
}

interface QueryToken {
  text: string;
  key: string;
  weight: number;
  script: TokenScript;
  /**
   * What the token says when matched by another spelling: the rarity of all the listed words it could be
   * a spelling of together. In a crowded name space a word has many neighbours, and matching one of them
   * by chance is likely. Absent, `weight`.
   */
  spellingWeight?: number;
}

/** A query token matched against one vocabulary token, with how alike they are. */
interface TokenMatch {
  token: number;
  sim: number;
  /** Query words it stands for: two for adjacent words written as one (`hzb allh`, HIZBALLAH). Absent, one. */
  words?: number;
}

const CANDIDATES = 48;
/** Names a word may be on before it stops being looked up on its own (see `candidateNames`). */
const LONG_POSTINGS = 5000;
/**
 * Matched rarity (sum of token weights) that makes a match certain rather than coincidental: at least 7,
 * and two thirds of what a word on one name alone says, so that it grows with the lists loaded. The more
 * names, the likelier a coincidence of common words: a million names need a third more than the bundled lists.
 */
const EVIDENCE_NEEDED = 7;
const EVIDENCE_SHARE = 2 / 3;
/** What a match on one query word is worth when another name word of the query matched nothing. */
const ONE_WORD_DAMPING = 0.8;
const MAX_QUERY_TOKENS = 12;
/** No name is longer: a longer query is cut here, so that pasted text cannot cost more than a name. */
export const MAX_QUERY_LENGTH = 200;
const MAX_TOKEN_LENGTH = 40;

function queryToken(index: NameIndex, text: string, script: TokenScript = null): QueryToken {
  const id = index.vocab.get(text);
  const rarity = id === undefined ? index.unknownWeight : index.tokenWeight[id]! / ROLE_WEIGHT[wordRole(text)];
  return { text, key: phoneticKey(text), weight: rarity * ROLE_WEIGHT[wordRole(text)], script };
}

/** Words run together or split apart must match closely: no phonetic licence on top of that. */
const MIN_JOINED_SIM = 0.85;

/** Vocabulary tokens a query token may stand for: itself, its phonetic kin, its one-typo neighbours. */
function vocabularyMatches(index: NameIndex, q: QueryToken, minSim = MIN_TOKEN_SIM): TokenMatch[] {
  const found = new Set<number>();
  const exact = index.vocab.get(q.text);
  if (exact !== undefined) found.add(exact);
  if (q.key.length >= 2) for (const t of index.keyTokens.get(q.key) ?? []) found.add(t);
  if (q.script === 'abjad') for (const t of index.skeletonTokens.get(abjadSkeleton(q.text)) ?? []) found.add(t);
  if (q.text.length >= MIN_TYPO_LENGTH - 1) {
    tokensByDeletion(index, hashString(q.text), found);
    for (let i = 0; i < q.text.length; i++) {
      const h = hashString(q.text, i);
      tokensByDeletion(index, h, found);
      const del = q.text.slice(0, i) + q.text.slice(i + 1);
      const t = index.vocab.get(del);
      if (t !== undefined) found.add(t);
    }
  }
  const out: TokenMatch[] = [];
  for (const t of found) {
    const sim = tokenSimilarity(q.text, index.tokenText[t]!, q.key, index.tokenKey[t]!, q.script);
    if (sim >= minSim) out.push({ token: t, sim });
  }
  return out;
}

function evidenceNeeded(index: NameIndex): number {
  return Math.max(EVIDENCE_NEEDED, EVIDENCE_SHARE * rarityWeight(1, index.nameEntity.length));
}

/** `QueryToken.spellingWeight`: the rarity of the names holding any of the listed words `matches` found. */
function spellingWeight(index: NameIndex, q: QueryToken, matches: TokenMatch[]): number {
  let names = 0;
  for (const { token } of matches) names += index.postingStart[token + 1]! - index.postingStart[token]!;
  return names ? Math.min(q.weight, rarityWeight(names, index.nameEntity.length) * ROLE_WEIGHT[wordRole(q.text)]) : q.weight;
}

/** Query-side units: each token, each adjacent pair written as one word, each token split in two. */
function retrievalUnits(index: NameIndex, tokens: QueryToken[]): TokenMatch[][] {
  const units: TokenMatch[][] = tokens.map((q) => vocabularyMatches(index, q));
  for (let i = 0; i + 1 < tokens.length; i++) {
    const abjad = tokens[i]!.script === 'abjad' && tokens[i + 1]!.script === 'abjad' ? 'abjad' : null;
    const joined = vocabularyMatches(index, queryToken(index, tokens[i]!.text + tokens[i + 1]!.text, abjad), MIN_JOINED_SIM);
    // Two name words found as one count as two; a particle or a short word joined to one (`al abubi`), as one.
    const words = carries(tokens[i]!.text) && carries(tokens[i + 1]!.text) ? 2 : 1;
    units.push(joined.map((m) => ({ ...m, words })));
  }
  for (const q of tokens) {
    for (let cut = 2; cut <= q.text.length - 2; cut++) {
      const left = index.vocab.get(q.text.slice(0, cut));
      const right = index.vocab.get(q.text.slice(cut));
      if (left !== undefined && right !== undefined) units.push([{ token: left, sim: 1 }, { token: right, sim: 1 }]);
    }
  }
  return units;
}

/**
 * The names sharing most weighted evidence with the query, best first. Rare words are looked up
 * first; a word on more than `LONG_POSTINGS` names (a legal form, a common given name) only adds to
 * candidates when nothing rarer found any, and then only its first names: on its own it could not
 * single anybody out, and walking it whole would cost more than the rest of the search.
 */
function candidateNames(index: NameIndex, units: TokenMatch[][]): number[] {
  const acc = index.scratch;
  const touched: number[] = [];
  const long = Math.max(LONG_POSTINGS, index.nameEntity.length * 0.005);
  const postingsOf = (t: number) => index.postingStart[t + 1]! - index.postingStart[t]!;
  const matches = units.flat().sort((a, b) => postingsOf(a.token) - postingsOf(b.token));
  for (const { token, sim, words = 1 } of matches) {
    const count = postingsOf(token);
    if (count > long && touched.length > 0) continue;
    const w = index.tokenWeight[token]! * sim * words;
    const from = index.postingStart[token]!;
    const to = from + Math.min(count, long);
    for (let p = from; p < to; p++) {
      const n = index.postings[p]!;
      if (acc[n] === 0) touched.push(n);
      acc[n]! += w;
    }
  }
  const best = topK(touched, acc, CANDIDATES);
  for (const n of touched) acc[n] = 0;
  return best;
}

function topK(names: number[], scores: Float32Array, k: number): number[] {
  if (names.length <= k) return names.sort((a, b) => scores[b]! - scores[a]!);
  // A sorted window of the k best so far, worst first: cheap for the few dozen kept here.
  const kept = names.slice(0, k).sort((a, b) => scores[a]! - scores[b]!);
  for (let i = k; i < names.length; i++) {
    const n = names[i]!;
    if (scores[n]! <= scores[kept[0]!]!) continue;
    let j = 0;
    while (j + 1 < k && scores[kept[j + 1]!]! < scores[n]!) {
      kept[j] = kept[j + 1]!;
      j++;
    }
    kept[j] = n;
  }
  return kept.reverse();
}

interface Pairing {
  q: number[];
  n: number[];
  sim: number;
  label: string;
}

/**
 * Scores one listed name against the query, 0..1. Query and name words are paired greedily,
 * best pair first, also pairing two words on one side with one written as a single word on the
 * other. The score weighs how much of the query and of the name was matched, by rarity, and is
 * damped when what matched is too common to identify anybody on its own.
 */
export function scoreName(
  index: NameIndex,
  query: QueryToken[],
  name: number,
  keys: Map<string, string> = new Map(),
): { score: number; why: string } {
  const keyOf = (text: string) => {
    let key = keys.get(text);
    if (key === undefined) keys.set(text, (key = phoneticKey(text)));
    return key;
  };
  const nTokens = Array.from(index.nameTokens.subarray(index.nameStart[name]!, index.nameStart[name + 1]!));
  const nText = nTokens.map((t) => index.tokenText[t]!);
  const pairings: Pairing[] = [];
  const person = index.entities[index.nameEntity[name]!]!.type === 'person';
  const consider = (q: number[], n: number[], qText: string, nTextJoined: string, nKey?: string) => {
    const joined = q.length + n.length > 2;
    // Abjad words are compared as such when joined too (نصر الله, NASRALLAH).
    const script = q.every((i) => query[i]!.script === 'abjad') ? 'abjad' : joined ? null : query[q[0]!]!.script;
    let sim = tokenSimilarity(qText, nTextJoined, keyOf(qText), nKey ?? keyOf(nTextJoined), script);
    if (sim < MIN_TOKEN_SIM && !joined && !person && shortForm(qText, nTextJoined)) sim = MIN_TOKEN_SIM;
    const min = joined ? MIN_JOINED_SIM : MIN_TOKEN_SIM;
    if (sim >= min || (sim > 0 && (qText.length === 1 || nTextJoined.length === 1))) {
      const label = sim === 1 ? `${qText}=${nTextJoined}` : `${qText}~${nTextJoined}`;
      pairings.push({ q, n, sim, label });
    }
  };
  query.forEach((q, i) => {
    nTokens.forEach((t, j) => consider([i], [j], q.text, nText[j]!, index.tokenKey[t]));
  });
  for (let i = 0; i + 1 < query.length; i++) {
    const joined = query[i]!.text + query[i + 1]!.text;
    nTokens.forEach((t, j) => consider([i, i + 1], [j], joined, nText[j]!, index.tokenKey[t]));
  }
  for (let j = 0; j + 1 < nTokens.length; j++) {
    for (const joined of [nText[j]! + nText[j + 1]!, nText[j + 1]! + nText[j]!]) {
      query.forEach((q, i) => consider([i], [j, j + 1], q.text, joined));
    }
  }
  pairings.sort((a, b) => b.sim * b.q.length - a.sim * a.q.length);

  const qUsed = new Array<boolean>(query.length).fill(false);
  const nUsed = new Array<boolean>(nTokens.length).fill(false);
  const nSim = new Array<number>(nTokens.length).fill(0);
  const nWeight = nTokens.map((t) => index.tokenWeight[t]!);
  let qMatched = 0;
  let nMatched = 0;
  let evidence = 0;
  /** Query words that carry the match: a name word of three letters or more, matched. */
  let carrying = 0;
  const start = index.nameStart[name]!;
  const hasSurname = index.nameSurname[start] === 1;
  let surnameMatched = false;
  // A person's name written without a comma ("DAVID KYAGULANYI", as the UN writes names) does not say which word
  // is the surname: one of its words alone is no more a match than a given name alone.
  const surnameUnknown = !hasSurname && index.entities[index.nameEntity[name]!]!.type === 'person' && nText.filter((t) => wordRole(t) === 'name').length > 1;
  let nameWordsMatched = 0;
  const why: string[] = [];
  for (const p of pairings) {
    if (p.q.some((i) => qUsed[i]) || p.n.some((j) => nUsed[j])) continue;
    p.q.forEach((i) => (qUsed[i] = true));
    p.n.forEach((j) => ((nUsed[j] = true), (nSim[j] = p.sim)));
    const qw = p.q.reduce((s, i) => s + query[i]!.weight, 0);
    const nw = p.n.reduce((s, j) => s + nWeight[j]!, 0);
    // Squared, so that an exact word outweighs a merely similar one (PUTIN over PETION).
    const credit = p.sim * p.sim;
    qMatched += credit * qw;
    nMatched += credit * nw;
    const isInitial = p.q.length === 1 && query[p.q[0]!]!.text.length === 1;
    if (!isInitial) {
      const said = p.sim === 1 || p.q.length > 1 ? qw : query[p.q[0]!]!.spellingWeight ?? qw;
      evidence += p.sim * Math.min(said, nw);
      if (p.n.some((j) => index.nameSurname[start + j] === 1)) surnameMatched = true;
      nameWordsMatched += p.n.filter((j) => wordRole(nText[j]!) === 'name').length;
    }
    if (p.q.some((i) => carries(query[i]!.text))) carrying += p.q.length;
    why.push(p.label);
  }
  // Initials, one- and two-letter words (`A1`, `RI`) and legal forms match too often to carry a match
  // alone: they may when they are the whole of both names (`YK-AA`, `LLC MV`).
  if (carrying === 0 && (qUsed.includes(false) || nUsed.includes(false))) return { score: 0, why: '' };
  const qTotal = query.reduce((s, q) => s + q.weight, 0);
  const dropped = person && hasSurname && !qUsed.includes(false) ? droppable(index, name, nText, nSim) : null;
  const nTotal = nWeight.reduce((s, w, j) => s + (dropped?.[j] ? w * DROPPED_WEIGHT : w), 0);
  const qCover = qMatched / qTotal;
  const nCover = nMatched / nTotal;
  const coverage = 0.7 * Math.min(qCover, nCover) + 0.3 * Math.max(qCover, nCover);
  // One word in common while the query has another name word found nowhere in the name: Linda Hoffmann
  // is not the vessel LINDA, nor SEK Studio the company also called OOO SEK.
  const oneWord = carrying === 1 && query.some((q, i) => !qUsed[i] && carries(q.text)) ? ONE_WORD_DAMPING : 1;
  const oneWordAlone = (hasSurname && !surnameMatched) || (surnameUnknown && nameWordsMatched < 2);
  const certainty = Math.min(1, evidence / evidenceNeeded(index)) * (oneWordAlone ? 0.6 : 1) * oneWord;
  return { score: coverage * certainty, why: why.join(', ') };
}

/**
 * What counts of a person's listed words the query left out: writing one given name and the first surname, the press
 * drops the rest (Delcy Rodríguez for RODRIGUEZ GOMEZ, Delcy Eloina; Ali Khamenei for KHAMENEI, Ali Husseini).
 */
const DROPPED_WEIGHT = 0.3;

/** How alike the first surname and given name must be for the rest of a name to count as dropped: a spelling, not another name (Pulin is not POLIN). */
const DROPPED_MIN_SIM = 0.9;

/**
 * Per listed word of person's name `name`: true for the words the press drops (`shortenedNameCore`) when the query
 * (every word of it matched) wrote the first surname word as listed and the first given name as listed or nearly
 * (Arkadi, ARKADII) (`nSim`: how alike each listed word's match was, 0 unmatched). Null when it did not write those two.
 */
function droppable(index: NameIndex, name: number, nText: string[], nSim: number[]): boolean[] | null {
  const core = shortenedNameCore(index, name);
  if (!core) return null;
  const [surname, given] = core.map((k) => k - index.nameStart[name]!) as [number, number];
  if (nSim[surname]! < DROPPED_MIN_SIM || nSim[given]! < MIN_JOINED_SIM || nText[given]!.length < 2) return null;
  return nText.map((_, j) => nSim[j] === 0 && j !== surname && j !== given);
}

/**
 * One word the start of the other, longer by a syllable or more: a company's everyday name and its listed
 * one (Mahan Airlines, MAHAN AIR). Only for names of companies and things: people's names do not shorten so.
 */
function shortForm(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.length >= short.length + 3 && long.startsWith(short);
}

/** A query word that can carry a match: a name word (a patronymic too) of three letters or more. */
function carries(text: string): boolean {
  if (text.length < 3) return false;
  const role = wordRole(text);
  return role === 'name' || role === 'patronymic';
}

/** One reading of a query; a guess is another romanisation's, searched only when the others found no name for `SURE`. */
interface Reading {
  tokens: Token[];
  guess: boolean;
}

/** A score past which other romanisations of the query are not tried: they could only find namesakes. */
const SURE = 0.9;

function queryTokens(text: string): Token[] {
  return tokenize(text)
    .slice(0, MAX_QUERY_TOKENS * 2)
    .map((t) => (t.text.length > MAX_TOKEN_LENGTH ? { ...t, text: t.text.slice(0, MAX_TOKEN_LENGTH) } : t));
}

/**
 * Query tokens, and their readings by other romanisations (`otherRomanisations`); for names written in
 * Han or Hangul, readings with each word's syllables joined; for words of Cyrillic or Greek letters that
 * all look like Latin ones, a reading of them as the Latin word they may spoof (`ЅЕК` is SEK, or Cyrillic `dzek`).
 */
function queryReadings(index: NameIndex, query: string): Reading[] {
  const text = query.slice(0, MAX_QUERY_LENGTH);
  const tokens = queryTokens(text);
  const guesses = otherRomanisations(tokens, (t) => index.vocab.has(t)).map((r) => ({ tokens: r, guess: true }));
  const readings: Reading[] = [{ tokens, guess: false }, ...guesses];
  const words = new Set(tokens.map((t) => t.word));
  if (words.size < tokens.length && tokens.some((t) => t.hangul)) {
    for (const reading of readings.filter((r) => r.tokens.some((t) => t.hangul))) {
      const joined: Token[] = [];
      for (const t of reading.tokens) {
        const last = joined[joined.length - 1];
        if (last && last.word === t.word && t.hangul) last.text += t.text;
        else joined.push({ ...t });
      }
      readings.push({ tokens: joined, guess: reading.guess });
    }
  }
  const latin = lookalikeReading(text);
  if (latin !== text) readings.push({ tokens: queryTokens(latin), guess: false });
  return readings.map((r) => ({ ...r, tokens: r.tokens.slice(0, MAX_QUERY_TOKENS) })).sort((a, b) => Number(a.guess) - Number(b.guess));
}

export function searchNames(index: NameIndex, query: string, options: SearchOptions = {}): SearchResult {
  const limit = options.limit ?? 5;
  const threshold = options.threshold ?? MATCH_THRESHOLD;
  const best = new Map<number, SearchHit & { rank: number }>();
  let bestScore = 0;
  for (const reading of queryReadings(index, query)) {
    if (reading.guess && bestScore >= SURE) continue;
    const tokens = reading.tokens.map((t) => queryToken(index, t.text, t.abjad ? 'abjad' : t.hangul ? 'hangul' : null));
    if (tokens.length === 0) continue;
    const units = retrievalUnits(index, tokens);
    tokens.forEach((t, i) => (t.spellingWeight = spellingWeight(index, t, units[i]!)));
    const names = candidateNames(index, units);
    const keys = new Map(tokens.map((t) => [t.text, t.key]));
    for (const name of names) {
      const { score, why } = scoreName(index, tokens, name, keys);
      const rank = index.nameRank[name]!;
      // A weak alias is evidence only with more to go on: OFAC itself warns it may match wrongly.
      const adjusted = rank === 2 ? score * 0.9 : score;
      bestScore = Math.max(bestScore, adjusted);
      const e = index.nameEntity[name]!;
      const prev = best.get(e);
      if (!prev || adjusted > prev.score || (adjusted === prev.score && rank < prev.rank)) {
        const entity = index.entities[e]!;
        best.set(e, { entity, score: adjusted, matched: rank === 0 ? entity.name : index.nameText[name]!, why, rank });
      }
    }
  }
  const ranked = [...best.values()]
    .filter((h) => h.score >= SUGGESTION_THRESHOLD)
    .sort((a, b) => b.score - a.score || a.rank - b.rank || a.entity.name.localeCompare(b.entity.name))
    .map(({ rank: _rank, ...hit }) => ({ ...hit, score: Math.round(hit.score * 1000) / 1000 }));
  const hits = ranked.filter((h) => h.score >= threshold).slice(0, limit);
  return { hits, suggestions: hits.length ? [] : ranked.slice(0, 3) };
}
