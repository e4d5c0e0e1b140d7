// How alike two name tokens are, 0..1: spelling distance, phonetic key and abbreviation.
import { phoneticKey } from './phonetic.ts';

const row0: number[] = [];
const row1: number[] = [];
const row2: number[] = [];

/** Optimal-string-alignment distance (edits, with adjacent transpositions), capped at `max + 1`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = row0;
  let prev = row1;
  let cur = row2;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[b.length]!, max + 1);
}

/** Spelling similarity: 1 - edits / longer length; short tokens get no credit for edits. */
export function spellingSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const len = Math.max(a.length, b.length);
  if (Math.min(a.length, b.length) < 3) return 0;
  const d = editDistance(a, b, len >= 8 ? 2 : 1);
  return d > (len >= 8 ? 2 : 1) ? 0 : 1 - d / len;
}

/** Below this, two tokens are not taken for spellings of one name part (search and the mention scanner alike). */
export const MIN_TOKEN_SIM = 0.7;

/** The script a query token was written in, where it changes how spellings compare. */
export type TokenScript = 'abjad' | 'hangul' | null;

/**
 * Similarity of a query token to a listed token. Exact is 1; a typo or another spelling scores
 * by its edits; the same phonetic key lifts a spelling variant that is still close in letters
 * (Poutine/Putin, not Tuniyas/Danesh), and a spelling differing in its vowels alone more
 * (Hezbollah/Hizballah); an initial matches the name it abbreviates, weakly.
 * A token transliterated from an abjad has no vowels to compare: its consonant skeleton decides.
 * One from Hangul follows another romanisation: for it the key decides.
 */
export function tokenSimilarity(
  q: string,
  n: string,
  qKey = phoneticKey(q),
  nKey = phoneticKey(n),
  script: TokenScript = null,
): number {
  if (q === n) return 1;
  if (q.length === 1 || n.length === 1) return q[0] === n[0] ? 0.6 : 0;
  const spelling = spellingSimilarity(q, n);
  if (script === 'abjad') {
    const skeleton = abjadSkeleton(q);
    if (skeleton.length < 2) return spelling;
    // The very consonants (doubled ones written once, as the script does): as close as an abjad can
    // tell, a little less for a word of two, which many names share. One off, when they sound alike.
    const edits = editDistance(skeleton, abjadSkeleton(n), 1);
    if (edits === 0) return Math.max(spelling, skeleton.length >= 3 ? 0.9 : 0.85);
    return edits === 1 && qKey === nKey ? Math.max(spelling, 0.8) : spelling;
  }
  if (qKey !== nKey || qKey.length < 2) return spelling;
  if (script === 'hangul') return Math.max(spelling, 0.85);
  if (Math.min(q.length, n.length) < 3) return spelling;
  // Vowels alone differ (Hezbollah, Hizballah, Hizbullah): the press's spelling of a listed name.
  if (sameConsonants(q, n)) return Math.max(spelling, 0.9);
  const loose = looseSimilarity(q, n);
  return loose >= 0.6 ? Math.max(spelling, 0.6 + 0.3 * loose) : spelling;
}

/**
 * The consonants of a word as an abjad writes them, the key an abjad word is looked up and compared by:
 * vowels dropped, w and y too inside a word (where the letters that write them stand for vowels; a word
 * from an abjad has them as vowels already, see `tokenize`), the letters romanisations swap merged
 * (p/b/f/v/w, q/k), doubled ones once.
 */
export function abjadSkeleton(token: string): string {
  let out = '';
  for (let i = 0; i < token.length; i++) {
    let ch = token[i]!;
    if ('aeiou'.includes(ch) || (i > 0 && (ch === 'w' || ch === 'y'))) continue;
    if ('pfvw'.includes(ch)) ch = 'b';
    else if (ch === 'q') ch = 'k';
    if (out[out.length - 1] !== ch) out += ch;
  }
  return out;
}

/**
 * The same consonants, doubled ones once, and as many vowel groups between them: four consonants at
 * least, as fewer are shared by too many names (Putin, Petion).
 */
function sameConsonants(a: string, b: string): boolean {
  const sa = vowelsAsOne(a);
  return sa === vowelsAsOne(b) && sa.length - countOf(sa, 'a') >= 4;
}

/** `token` with doubled letters once and each run of vowels as one `a`. */
function vowelsAsOne(token: string): string {
  let out = '';
  for (const ch of token) {
    const c = 'aeiouy'.includes(ch) ? 'a' : ch;
    if (out[out.length - 1] !== c) out += c;
  }
  return out;
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** Edit similarity without the caps of `spellingSimilarity`, for grading phonetic matches. */
function looseSimilarity(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  return 1 - Math.min(editDistance(a, b, len), len) / len;
}
