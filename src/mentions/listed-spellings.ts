// The listed words a word may be another spelling of, by search's `tokenSimilarity`: looked up, not compared with each.
//
// Another spelling is, by `tokenSimilarity`, a word with the same phonetic key (looked up in the
// name index), or one edit away where the longer word has four letters or more, or two where it has
// eight or more; nothing else scores MIN_TOKEN_SIM. Edits are found by deletions: two words that
// many edits apart become the same word with at most as many letters deleted from each. So the
// index keeps, per listed word, the hashes of it with no letter, one (four letters or more) and two
// (eight or more) deleted; a word looks up its own, and the listed words found are scored.
import { FNV_SEED, type NameIndex, fnvStep } from '../designations/name-index.ts';
import { MIN_TOKEN_SIM, tokenSimilarity } from '../designations/similarity.ts';
import { type Steps, pause } from '../steps.ts';

/** Listed words by the hashes of their deletions, bucketed by top bits: `hashes`, `tokens` [start[b] .. start[b+1]). */
export interface DeletionKeys {
  start: Int32Array;
  hashes: Uint32Array;
  tokens: Int32Array;
}

const BUCKET_BITS = 18;
const SHIFT = 32 - BUCKET_BITS;
/** Shorter words are not alike at all (a word of one or two letters), or only as written. */
const MIN_ALIKE = 3;
const MIN_ONE_EDIT = 4;
const MIN_TWO_EDITS = 8;

/** Calls `visit` with the hash of `word` with no letter, one and two letters deleted, as far as its length allows. */
function deletionHashes(word: string, visit: (hash: number) => void): void {
  const n = word.length;
  if (n < MIN_ALIKE) return;
  visit(hashSkipping(word, -1, -1));
  if (n < MIN_ONE_EDIT) return;
  for (let i = 0; i < n; i++) visit(hashSkipping(word, i, -1));
  if (n < MIN_TWO_EDITS) return;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) visit(hashSkipping(word, i, j));
}

/** FNV-1a of `word` without the letters at `skip1` and `skip2`. */
function hashSkipping(word: string, skip1: number, skip2: number): number {
  let h = FNV_SEED;
  for (let i = 0; i < word.length; i++) if (i !== skip1 && i !== skip2) h = fnvStep(h, word.charCodeAt(i));
  return h >>> 0;
}

/** How many deletion hashes `deletionHashes` gives a word of `n` letters. */
const hashCount = (n: number) => (n < MIN_ALIKE ? 0 : 1) + (n < MIN_ONE_EDIT ? 0 : n) + (n < MIN_TWO_EDITS ? 0 : (n * (n - 1)) / 2);

/** The deletion keys of every listed word, in steps (steps.ts): hashed once, then placed by bucket. */
export function* deletionKeySteps(names: NameIndex): Steps<DeletionKeys> {
  const texts = names.tokenText;
  let total = 0;
  for (const text of texts) total += hashCount(text.length);
  const hashed = new Uint32Array(total);
  const owners = new Int32Array(total);
  const start = new Int32Array((1 << BUCKET_BITS) + 1);
  let k = 0;
  for (let t = 0; t < texts.length; t++) {
    deletionHashes(texts[t]!, (h) => {
      hashed[k] = h;
      owners[k++] = t;
      start[(h >>> SHIFT) + 1]!++;
    });
    if (pause(t)) yield;
  }
  for (let b = 0; b < 1 << BUCKET_BITS; b++) start[b + 1]! += start[b]!;
  const hashes = new Uint32Array(total);
  const tokens = new Int32Array(total);
  const fill = start.slice(0, 1 << BUCKET_BITS);
  for (let i = 0; i < total; i++) {
    const at = fill[hashed[i]! >>> SHIFT]!++;
    hashes[at] = hashed[i]!;
    tokens[at] = owners[i]!;
    if (pause(i, 64 * 1024)) yield;
  }
  return { start, hashes, tokens };
}

/** The listed words `word` (phonetic key `key`) is, or may be another spelling of: `tokenSimilarity` at least MIN_TOKEN_SIM. */
export function listedSpellings(names: NameIndex, keys: DeletionKeys, word: string, key: string, out: Set<number>): void {
  const found = new Set<number>();
  if (key.length >= 2) for (const t of names.keyTokens.get(key) ?? []) found.add(t);
  deletionHashes(word, (h) => {
    const b = h >>> SHIFT;
    for (let i = keys.start[b]!; i < keys.start[b + 1]!; i++) {
      // Spelled within two edits, so no more than two letters longer or shorter (words alike by sound came by their key).
      if (keys.hashes[i] === h && Math.abs(names.tokenText[keys.tokens[i]!]!.length - word.length) <= 2) found.add(keys.tokens[i]!);
    }
  });
  for (const t of found) if (tokenSimilarity(word, names.tokenText[t]!, key, names.tokenKey[t]) >= MIN_TOKEN_SIM) out.add(t);
}
