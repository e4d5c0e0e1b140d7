// A cheap look before a span is searched: could any listed name be written whole by its words?
//
// The span pass (spans.ts) keeps search's answer for a span of capitalised words only when the span
// writes the whole name (`wholeName`): each word of the span is a word of the name as listed (or its
// other reading, `TextTokens.alt`), another spelling of one (`tokenSimilarity` at least
// MIN_TOKEN_SIM, as written or as read by another romanisation) or an ordinary, state, country,
// title or kind word; the name's words are all there but particles (and one loose word of an
// organisation's); two at least. This look asks the same of the names holding a spelling of the
// span's rarest word, without search's scoring and with each word's spellings looked up once
// (listed-spellings.ts): when no name can pass, no search answer could be kept, and the span is not
// searched. Of the spans real news had searched, 49 in 50 stop here ("Alice Weidel", "Climate Focus"); it must let
// through every span `wholeName` could keep, and may let through more.
import { tokenize } from '../designations/normalize.ts';
import { droppedByPress } from '../designations/name-index.ts';
import { phoneticKey } from '../designations/phonetic.ts';
import { otherRomanisations } from '../designations/romanisations.ts';
import type { Article } from './article.ts';
import { keyOf } from './fuzzy.ts';
import { listedSpellings } from './listed-spellings.ts';
import { tokenText } from './lexicon.ts';
import { COMMON, COUNTRY, FUNCTION, INSTITUTION, KIND_WORDS, LOOSE, SKIPPED, TITLE, classOf } from './mention-index.ts';

/** An article word as written and as search reads it by other romanisations (Lawrow as lavrov, Prigoschin as prigoshin). */
export function readings(a: Article, id: number): string[] {
  const { names, lexicon } = a.index;
  const tokens = tokenize(tokenText(lexicon, id));
  if (tokens.length !== 1) return [tokenText(lexicon, id)];
  return [tokens[0]!.text, ...otherRomanisations(tokens, (t) => names.vocab.has(t)).map((r) => r[0]!.text)];
}

/** Listed words the word `id` is, or may be another spelling of (as written, or as read by another romanisation), found once per word. */
export function spellingsOf(a: Article, id: number): Int32Array {
  const { index } = a;
  const { names, lexicon } = index;
  let found = lexicon.spellings.get(id);
  if (found === undefined) {
    const out = new Set<number>();
    if (id < names.tokenText.length) out.add(id);
    listedSpellings(names, index.deletionKeys, tokenText(lexicon, id), keyOf(a, id), out);
    if (id >= names.tokenText.length) for (const r of readings(a, id).slice(1)) listedSpellings(names, index.deletionKeys, r, phoneticKey(r), out);
    found = Int32Array.from(out);
    lexicon.spellings.set(id, found);
  }
  return found;
}

/** Whether token t (its spellings `spellings[t - from]`) may be matched to the listed word `listed`, as `wholeName` matches: itself, its other reading, or alike. */
function mayBe(a: Article, spellings: Int32Array[], from: number, t: number, listed: number): boolean {
  return a.tokens.alt[t] === listed || spellings[t - from]!.includes(listed);
}

/** A word a name may hold besides its own: ordinary, state, country, title, kind words and particles. */
function spare(a: Article, t: number): boolean {
  const id = a.tokens.id[t]!;
  return (classOf(a.index, id) & (FUNCTION | COMMON | INSTITUTION | COUNTRY | TITLE)) !== 0 || KIND_WORDS.has(tokenText(a.index.lexicon, id));
}

/** Past this many names to look at, the span is left to search. */
const MAX_NAMES = 2000;
/** Verdicts kept between articles, as the span pass keeps search's answers. */
const MAX_CACHED_VERDICTS = 20_000;

const spellingsScratch: Int32Array[] = [];

/**
 * Whether tokens [from, to), capitalised words, may write some listed name whole (see `wholeName`
 * in spans.ts): worth a search. The names looked at are those holding a word the least common
 * word of the span may be; a span of spare words only is left to search.
 */
export function maySpellName(a: Article, from: number, to: number): boolean {
  const { tokens, index } = a;
  // News names the same spans day after day: the verdict is kept by the span's text.
  const text = tokens.text.slice(tokens.start[from]!, tokens.end[to - 1]!);
  const verdicts = index.lexicon.spanVerdicts;
  let verdict = verdicts.get(text);
  if (verdict === undefined) {
    verdict = mayAnyNameBeWritten(a, from, to);
    if (verdicts.size >= MAX_CACHED_VERDICTS) verdicts.clear();
    verdicts.set(text, verdict);
  }
  return verdict;
}

function mayAnyNameBeWritten(a: Article, from: number, to: number): boolean {
  const { index, tokens } = a;
  const { names } = index;
  const spellings = spellingsScratch;
  spellings.length = 0;
  let anchor = -1;
  let fewest = Infinity;
  for (let t = from; t < to; t++) {
    const words = spellingsOf(a, tokens.id[t]!);
    spellings.push(words);
    if (spare(a, t)) continue;
    const alt = tokens.alt[t]!;
    if (words.length === 0 && !(alt >= 0 && alt < names.tokenText.length)) return false;
    let count = alt >= 0 && alt < names.tokenText.length ? names.postingStart[alt + 1]! - names.postingStart[alt]! : 0;
    for (const w of words) count += names.postingStart[w + 1]! - names.postingStart[w]!;
    if (count < fewest) [anchor, fewest] = [t, count];
  }
  if (anchor < 0 || fewest > MAX_NAMES) return true;
  const alt = tokens.alt[anchor]!;
  for (const w of alt >= 0 && alt < names.tokenText.length ? [...spellings[anchor - from]!, alt] : spellings[anchor - from]!) {
    for (let p = names.postingStart[w]!; p < names.postingStart[w + 1]!; p++) if (mayWriteWhole(a, spellings, from, to, names.postings[p]!)) return true;
  }
  return false;
}

/** `wholeName` loosened to what can be told without pairing words: every word of the span the name's or spare, the name's words there but loose ones, two at least. */
function mayWriteWhole(a: Article, spellings: Int32Array[], from: number, to: number, n: number): boolean {
  const { index } = a;
  const { names } = index;
  const type = names.entities[names.nameEntity[n]!]!.type;
  if (type === 'vessel' || type === 'aircraft') return false;
  const nameFrom = names.nameStart[n]!;
  const nameTo = names.nameStart[n + 1]!;
  let matched = 0;
  let missing = 0;
  for (let k = nameFrom; k < nameTo; k++) {
    const listed = names.nameTokens[k]!;
    if (index.looseness[listed]! & SKIPPED) continue;
    let found = false;
    for (let t = from; t < to && !found; t++) found = mayBe(a, spellings, from, t, listed);
    if (found) matched++;
    // A person's name as the press shortens it (SHORTENED in spans.ts).
    else if (type === 'person' && droppedByPress(names, n, k)) continue;
    else if (type === 'person' || !(index.looseness[listed]! & LOOSE) || ++missing > 1) return false;
  }
  if (matched < 2) return false;
  for (let t = from; t < to; t++) {
    if (spare(a, t)) continue;
    let found = false;
    for (let k = nameFrom; k < nameTo && !found; k++) found = mayBe(a, spellings, from, t, names.nameTokens[k]!);
    if (!found) return false;
  }
  return true;
}
