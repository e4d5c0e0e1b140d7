// Finds the listed entities an article mentions: exact names and variants, near-spellings, then surnames alone.
//
// 1. Every token starts a walk down the trie of names and variants; each name it spells is judged
//    on the evidence around it (evidence.ts).
// 2. Names that need more evidence are raised when the entity is also found by a name of its own.
// 3. Capitalised runs the exact pass left alone are tried as near-spellings (fuzzy.ts), and what
//    still looks like a name is searched as search does (spans.ts).
// 4. Names followed through the story: persons found by full name are found again by surname alone
//    further on, organisations by their acronym or "the <battalion>" (surnames.ts, short-forms.ts);
//    each such mention is linked to the full mention it stands for.
// 5. Where one mention lies inside a longer one, the longer wins; one mention per entity and place.
//
// A long article is scanned in parts (scan.ts): what one part found is remembered (`ArticleMemory`)
// so that later parts link to it.
import { type Steps, runSteps } from '../steps.ts';
import { withoutOtherAges } from './ages.ts';
import { type Article, countryDistance, newArticle } from './article.ts';
import { withoutDatelines } from './dateline.ts';
import { CORROBORATED, judge } from './evidence.ts';
import { fuzzyFinds } from './fuzzy.ts';
import { CAP, LOWER, UPPER } from './lexicon.ts';
import { FUNCTION, type MentionIndex, classOf, entityNames, entityNumber, ordinaryWord } from './mention-index.ts';
import { sentenceAround } from './sentence.ts';
import { withoutPlaceNames } from './places.ts';
import { withoutOtherBearers } from './shared-names.ts';
import { spanFinds } from './spans.ts';
import { type NamedOrganization, shortFormFinds } from './short-forms.ts';
import { type NamedPerson, surnameEvidenceFinds, surnameFinds } from './surnames.ts';
import { HARD_GAP, type TextTokens, tokenizeText } from './text-tokens.ts';
import { childOf } from './token-trie.ts';
import { LISTED } from './variants.ts';

/** Mentions at or above this confidence are reported (and alerted on). */
export const MENTION_THRESHOLD = 0.5;

export interface Mention {
  entityId: string;
  /** The entity's primary name. */
  name: string;
  /** The text as the article writes it: text.slice(start, end). */
  matched: string;
  /** UTF-16 offsets into the text passed in. */
  start: number;
  end: number;
  confidence: number;
  /** The listed name or alias that matched. */
  alias: string;
  /** The sentence around the mention. */
  sentence: string;
  /** For a surname, acronym or short form: the full mention earlier in the article it was taken for. */
  linkedTo?: MentionLink;
}

/** A full mention another one was linked to, as the article writes it, with offsets into the input. */
export interface MentionLink {
  matched: string;
  start: number;
  end: number;
}

/** What the parts of an article scanned so far found: per entity, its first mention by a name of its own. */
export interface ArticleMemory {
  named: Map<number, { link: MentionLink; confidence: number; fullPerson: boolean; organization: boolean }>;
}

export const newArticleMemory = (): ArticleMemory => ({ named: new Map() });

export interface FindOptions {
  /** Report mentions at or above this confidence (default MENTION_THRESHOLD). */
  threshold?: number;
}

/** Past this many entities, the words a name is written with name nobody in particular. */
const MAX_SHARED = 6;

/** A mention as tokens [from, to) of the article: the entity (in the name index), the listed name, how sure. */
export interface Found {
  from: number;
  to: number;
  entity: number;
  name: number;
  confidence: number;
  /** Would be a mention with the entity found elsewhere in the article by a name of its own. */
  corroborable: boolean;
  /** The full mention this one was linked to: in the same part of the article, or an earlier part. */
  link?: Found | MentionLink;
}

/** Walks the trie from every token and judges each name it spells. */
function exactFinds(a: Article): Found[] {
  const { tokens } = a;
  const found: Found[] = [];
  const best = new Map<number, number>(); // entity -> pattern, among the names ending at one node
  for (let i = 0; i < tokens.count; i++) {
    walk(a, i, tokens.id[i]!, best, found);
    if (tokens.alt[i]! >= 0) walk(a, i, tokens.alt[i]!, best, found);
  }
  return found;
}

/** Follows the trie from token i, read as `first`, judging each node that ends names. (Module-level, as are the hot loops' helpers: no closure made per article.) */
function walk(a: Article, i: number, first: number, best: Map<number, number>, found: Found[]): void {
  const { trie } = a.index;
  const { tokens } = a;
  let node = first < trie.rootChild.length ? trie.rootChild[first]! : -1;
  for (let j = i; node >= 0; ) {
    if (trie.outStart[node]! >= 0) judgeNode(a, node, i, j + 1, best, found);
    if (++j >= tokens.count) break;
    if (tokens.flags[j]! & HARD_GAP && (j = afterNickname(a, j)) < 0) break;
    const next = childOf(trie, node, tokens.id[j]!);
    node = next >= 0 || tokens.alt[j]! < 0 ? next : childOf(trie, node, tokens.alt[j]!);
  }
}

/**
 * Of entities sharing a name, those whose names hold most of the words written: a nickname the
 * walk skipped says who is meant (Joaquin "El Chapo" Guzman, GUZMAN, Joaquin Chapo, not his son).
 */
function keepThoseNamedByMostWords(a: Article, from: number, to: number, best: Map<number, number>): void {
  const { names } = a.index;
  const held = new Map<number, number>();
  for (const entity of best.keys()) {
    const range = entityNames(a.index, entity);
    let count = 0;
    for (let t = from; t < to; t++) {
      const id = a.tokens.id[t]!;
      if (classOf(a.index, id) & FUNCTION) continue;
      let found = false;
      for (let k = names.nameStart[range.from]!; k < names.nameStart[range.to]! && !found; k++) found = names.nameTokens[k] === id;
      if (found) count++;
    }
    held.set(entity, count);
  }
  const most = Math.max(...held.values());
  for (const [entity, count] of held) if (count < most) best.delete(entity);
}

/** A nickname in quotes is at most this many words. */
const MAX_NICKNAME = 3;
const OPENING_QUOTE = /^\s*["\u201c\u201e\u00ab]\s*$/u;
const CLOSING_QUOTE = /^\s*["\u201d\u201c\u00bb]\s+$/u;

/**
 * Where a person's name goes on after a nickname in quotes written inside it (Joaquin "El Chapo"
 * Guzman): the token after the closing quote, when token j opens a quoted run of capitalised words
 * and a capitalised word follows it; else -1.
 */
function afterNickname(a: Article, j: number): number {
  const { tokens } = a;
  if (!OPENING_QUOTE.test(tokens.text.slice(tokens.end[j - 1]!, tokens.start[j]!))) return -1;
  for (let k = j + 1; k < tokens.count && k <= j + MAX_NICKNAME; k++) {
    const gap = tokens.text.slice(tokens.end[k - 1]!, tokens.start[k]!);
    if (CLOSING_QUOTE.test(gap)) return tokens.flags[k]! & CAP && !(tokens.flags[k]! & LOWER) ? k : -1;
    if (tokens.flags[k]! & HARD_GAP || !(tokens.flags[k]! & CAP)) return -1;
  }
  return -1;
}

/**
 * Judges the names ending at a trie node, once per entity (its closest form to the list). Where the
 * words name several entities, those whose country is named nearest are meant, and of those the
 * ones whose listed name they leave least of out (`Nicolas Maduro` is MADURO MOROS, Nicolas rather
 * than his son MADURO GUERRA, Nicolas Ernesto).
 */
function judgeNode(a: Article, node: number, from: number, to: number, best: Map<number, number>, out: Found[]): void {
  // A one-word name in lower case, or an ordinary word not in capitals, is that word, whatever it
  // names: the rules say so too, at more cost, and a big list has thousands of such names.
  if (to - from === 1 && (a.tokens.flags[from]! & LOWER || (!(a.tokens.flags[from]! & UPPER) && ordinaryWord(a.index, a.tokens.id[from]!)))) {
    return;
  }
  const { trie, names, patternName, patternVariant } = a.index;
  best.clear();
  for (let k = trie.outStart[node]!; k < trie.outEnd[node]!; k++) {
    const p = trie.order[k]!;
    const entity = names.nameEntity[patternName[p]!]!;
    const prev = best.get(entity);
    if (prev === undefined || closer(a.index, p, prev, to - from)) best.set(entity, p);
  }
  if (best.size > 1) keepThoseOfCountryNearest(a, from, to, best);
  if (best.size > 1) keepThoseNamedByMostWords(a, from, to, best);
  let fewestLeftOut = Infinity;
  for (const p of best.values()) fewestLeftOut = Math.min(fewestLeftOut, leftOut(a.index, patternName[p]!, to - from));
  for (const [entity, p] of best) if (leftOut(a.index, patternName[p]!, to - from) > fewestLeftOut) best.delete(entity);
  // Words that many listed entities answer to single out none of them (unless the country nearby did).
  if (best.size > MAX_SHARED) return;
  for (const [entity, p] of best) {
    const name = patternName[p]!;
    const verdict = judge(a, from, to, name, patternVariant[p]!, best.size);
    if (verdict.confidence > 0.1 || verdict.corroborable) {
      out.push({ from, to, entity, name, confidence: verdict.confidence, corroborable: verdict.corroborable });
    }
  }
}

/**
 * Of entities sharing a name ("Ansar al-Sharia" in Tunisia, Libya and Yemen), those whose country
 * the paragraph names nearest are the ones meant, when some have it named and others not.
 */
function keepThoseOfCountryNearest(a: Article, from: number, to: number, best: Map<number, number>): void {
  const distance = new Map([...best.keys()].map((entity) => [entity, countryDistance(a, entity, from, to)]));
  const nearest = Math.min(...distance.values());
  if (nearest === Infinity) return;
  for (const [entity, d] of distance) if (d > nearest) best.delete(entity);
}

/** How many words of a listed name a match of `length` tokens leaves out. */
function leftOut(index: MentionIndex, name: number, length: number): number {
  return index.names.nameStart[name + 1]! - index.names.nameStart[name]! - length;
}

/** Whether pattern p, matched over `length` tokens, is closer to the list than pattern q: fewer words left out, then `rankOf`. */
function closer(index: MentionIndex, p: number, q: number, length: number): boolean {
  const [lp, lq] = [leftOut(index, index.patternName[p]!, length), leftOut(index, index.patternName[q]!, length)];
  return lp < lq || (lp === lq && rankOf(index, p) < rankOf(index, q));
}

/** Strong names before weak aliases, the listed form before its variants. */
function rankOf(index: MentionIndex, pattern: number): number {
  return index.names.nameRank[index.patternName[pattern]!]! * 16 + index.patternVariant[pattern]!;
}

function markCovered(covered: Uint8Array, finds: Found[], threshold: number): void {
  for (const f of finds) if (f.confidence >= threshold) covered.fill(1, f.from, f.to);
}

/** True when the entity is already kept at exactly this place (kept finds at one place are the last ones). */
function sameAsKept(kept: Found[], f: Found): boolean {
  for (let k = kept.length - 1; k >= 0 && kept[k]!.from === f.from; k--) if (kept[k]!.entity === f.entity && kept[k]!.to === f.to) return true;
  return false;
}

/**
 * Raises the finds that only needed their entity found elsewhere in the article by a name of its
 * own, linking each to that mention (the first one, or one in an earlier part of the article).
 */
function corroborate(a: Article, finds: Found[], threshold: number, memory: ArticleMemory): void {
  const standing = new Map<number, Found | MentionLink>();
  for (const [entity, known] of memory.named) standing.set(entity, known.link);
  for (const f of finds) if (f.confidence >= threshold && !f.corroborable && !standing.has(f.entity)) standing.set(f.entity, f);
  // Two names of one entity in one sentence ("National Liberation Army, ELN") vouch for each other.
  const first = new Map<number, Found>();
  for (const f of finds) {
    if (!f.corroborable || standing.has(f.entity)) continue;
    const other = first.get(f.entity);
    if (!other) first.set(f.entity, f);
    else if (other.name !== f.name && other.to <= f.from && a.tokens.sentence[other.from] === a.tokens.sentence[f.from]) standing.set(f.entity, other);
  }
  for (const f of finds) {
    const link = standing.get(f.entity);
    if (f.corroborable && f.confidence < CORROBORATED && link) {
      f.confidence = CORROBORATED;
      if (link !== f) f.link = link;
    }
  }
}

/** Drops mentions inside longer ones and repeats of one entity at one place; sorts by position. */
function resolve(finds: Found[]): Found[] {
  finds.sort((x, y) => x.from - y.from || y.to - x.to || y.confidence - x.confidence);
  const kept: Found[] = [];
  let cover: Found | null = null;
  for (const f of finds) {
    if (cover && f.to <= cover.to) {
      const inside = f.to - f.from < cover.to - cover.from || f.from > cover.from;
      if (inside || sameAsKept(kept, f)) continue;
    }
    kept.push(f);
    if (!cover || f.to > cover.to) cover = f;
  }
  return kept;
}

/** Mentions in tokens already read; offsets are into `tokens.text`. `memory` is what earlier parts of the article found. */
export const findInTokens = (index: MentionIndex, tokens: TextTokens, options: FindOptions = {}, memory = newArticleMemory()): Found[] =>
  runSteps(findSteps(index, tokens, options, memory));

/** As `findInTokens`, in steps: the span pass yields between its searches (spans.ts). */
export function* findSteps(index: MentionIndex, tokens: TextTokens, options: FindOptions, memory: ArticleMemory): Steps<Found[]> {
  const threshold = options.threshold ?? MENTION_THRESHOLD;
  const a = newArticle(index, tokens);
  const finds = exactFinds(a);
  corroborate(a, finds, threshold, memory);

  const covered = new Uint8Array(tokens.count);
  markCovered(covered, finds, threshold);
  for (const f of fuzzyFinds(a, covered)) {
    const entity = index.names.nameEntity[f.name]!;
    const { confidence } = judge(a, f.from, f.to, f.name, LISTED, 1, f.likeness);
    finds.push({ from: f.from, to: f.to, name: f.name, entity, confidence, corroborable: false });
  }
  corroborate(a, finds, threshold, memory);
  markCovered(covered, finds, threshold);
  a.named = new Set(finds.filter((f) => f.confidence >= threshold).map((f) => f.entity));
  for (const [entity] of memory.named) a.named.add(entity);
  for (const f of yield* spanFinds(a, covered)) finds.push({ ...f, corroborable: false });
  markCovered(covered, finds, threshold);

  const persons = new Map<number, NamedPerson>();
  for (const [entity, known] of memory.named) {
    if (known.fullPerson) persons.set(entity, { entity, after: 0, confidence: known.confidence, link: known.link });
  }
  for (const f of finds) {
    if (f.confidence < threshold || f.to - f.from < 2 || f.corroborable || index.names.entities[f.entity]!.type !== 'person') continue;
    const known = persons.get(f.entity);
    if (!known || f.to < known.after) persons.set(f.entity, { entity: f.entity, after: f.to, confidence: f.confidence, link: f });
  }
  for (const f of surnameFinds(a, [...persons.values()], covered)) finds.push({ ...f, corroborable: false });
  markCovered(covered, finds, threshold);
  for (const f of shortFormFinds(a, organizationsNamed(a, finds, threshold, memory), covered)) finds.push({ ...f, corroborable: false });
  markCovered(covered, finds, threshold);
  for (const f of surnameEvidenceFinds(a, covered)) finds.push({ ...f, corroborable: false });

  return resolve(finds.filter((f) => f.confidence >= threshold));
}

/** The organisations found by a name of their own, in this part of the article or an earlier one: what short forms may stand for. */
function organizationsNamed(a: Article, finds: Found[], threshold: number, memory: ArticleMemory): NamedOrganization[] {
  const named = new Map<number, NamedOrganization>();
  for (const [entity, known] of memory.named) if (known.organization) named.set(entity, { entity, after: 0, confidence: known.confidence, link: known.link });
  for (const f of finds) {
    if (f.confidence < threshold || f.corroborable || f.link || a.index.names.entities[f.entity]!.type === 'person') continue;
    const known = named.get(f.entity);
    if (!known || f.to < known.after) named.set(f.entity, { entity: f.entity, after: f.to, confidence: f.confidence, link: f });
  }
  return [...named.values()];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Maps offsets of the text scanned to offsets of what the caller passed. */
export interface OffsetMap {
  start(offset: number): number;
  end(offset: number): number;
}

const SAME_OFFSETS: OffsetMap = { start: (o) => o, end: (o) => o };

/**
 * Turns finds into mentions, and notes in `memory` the entities they name by names of their own;
 * `toInput` maps offsets of `tokens.text` to offsets of what the caller passed.
 */
export function toMentions(
  index: MentionIndex,
  tokens: TextTokens,
  finds: Found[],
  input: string,
  toInput: OffsetMap = SAME_OFFSETS,
  memory?: ArticleMemory,
): Mention[] {
  return finds.map((f) => {
    const entity = index.names.entities[f.entity]!;
    const from = tokens.start[f.from]!;
    const to = tokens.end[f.to - 1]!;
    const { matched, start, end } = linkOf(tokens, f, input, toInput);
    const mention: Mention = {
      entityId: entity.id,
      name: entity.name,
      matched,
      start,
      end,
      confidence: round(f.confidence),
      alias: index.names.nameText[f.name] ?? entity.name,
      sentence: sentenceAround(tokens.text, from, to),
    };
    if (f.link) mention.linkedTo = 'entity' in f.link ? linkOf(tokens, f.link, input, toInput) : f.link;
    else if (memory && !f.corroborable && !memory.named.has(f.entity)) {
      const fullPerson = entity.type === 'person' && f.to - f.from > 1;
      memory.named.set(f.entity, { link: { matched, start, end }, confidence: f.confidence, fullPerson, organization: entity.type !== 'person' });
    }
    return mention;
  });
}

/** A find as the caller's input writes it. */
function linkOf(tokens: TextTokens, f: Found, input: string, toInput: OffsetMap): MentionLink {
  const start = toInput.start(tokens.start[f.from]!);
  const end = toInput.end(tokens.end[f.to - 1]!);
  return { matched: input.slice(start, end), start, end };
}

/** The listed entities `text` mentions, by position, at or above the threshold. */
export function findMentions(index: MentionIndex, text: string, options: FindOptions = {}): Mention[] {
  const tokens = tokenizeText(index.lexicon, text);
  return withoutNamesakes(index, toMentions(index, tokens, findInTokens(index, tokens, options), text), text);
}

/**
 * Without the agency in a dateline (dateline.ts), the people the article shows to be others of the same name
 * (ages.ts), of a shared name's bearers those it is not about (shared-names.ts), and companies named after a place
 * the article writes as one (places.ts).
 */
export function withoutNamesakes(index: MentionIndex, mentions: Mention[], text: string): Mention[] {
  const entityOf = (id: string) => index.names.entities[entityNumber(index, id)];
  const people = withoutOtherBearers(withoutOtherAges(withoutDatelines(mentions, text), text, entityOf), entityOf);
  return withoutPlaceNames(people, text, entityOf);
}
