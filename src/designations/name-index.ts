// The in-memory name index: every name and alias as tokens, with postings, phonetic and typo keys.
//
// Built once from the stored entities (and again when an import changes them). Memory matters at
// a million entities, so names and postings live in flat typed arrays rather than objects.
import type { Alias, Entity } from './model.ts';
import { tokenize } from './normalize.ts';
import { phoneticKey } from './phonetic.ts';
import { ROLE_WEIGHT, wordRole } from './name-words.ts';
import { abjadSkeleton } from './similarity.ts';
import { type Steps, pause, runSteps } from '../steps.ts';

export type NameKind = 'primary' | Alias['kind'];

export interface NameIndex {
  entities: Entity[];
  /** Per name: its entity's position in `entities`. */
  nameEntity: Int32Array;
  /** Per name: 0 primary, 1 strong alias, 2 weak alias. */
  nameRank: Uint8Array;
  /** Per name: the alias as written (primary names are `entities[i].name`). */
  nameText: string[];
  /** Per name: its tokens are `nameTokens[nameStart[i] .. nameStart[i+1])`. */
  nameStart: Int32Array;
  nameTokens: Int32Array;
  /** Per entry of `nameTokens`: 1 where it is part of a person's surname (before the comma). */
  nameSurname: Uint8Array;
  vocab: Map<string, number>;
  tokenText: string[];
  tokenKey: string[];
  /** Per token: how much it says about who is meant (rarity times the role of the word). */
  tokenWeight: Float32Array;
  /** Per token: names holding it are `postings[postingStart[t] .. postingStart[t+1])`. */
  postingStart: Int32Array;
  postings: Int32Array;
  /** Phonetic key -> tokens with that key. */
  keyTokens: Map<string, number[]>;
  /** Consonant skeleton (`abjadSkeleton`) -> tokens with it: how a word from an abjad finds its spellings. */
  skeletonTokens: Map<string, number[]>;
  /** Typo keys: tokens by the hash of each one-letter deletion, bucketed by the hash's top bits. */
  deletionStart: Int32Array;
  deletionHash: Uint32Array;
  deletionToken: Int32Array;
  /** Weight given to a query token the index has never seen. */
  unknownWeight: number;
  /** Per name: a search's running score, zero between searches (searches are synchronous). */
  scratch: Float32Array;
}

const DELETION_BUCKET_BITS = 18;

/** FNV-1a, 32-bit: its seed, and one step, a character's code or any number mixed in. */
export const FNV_SEED = 0x811c9dc5 | 0;
export const fnvStep = (h: number, x: number) => Math.imul(h ^ x, 0x01000193);

/** FNV-1a of a string: a cheap, well-spread hash for typo keys. */
export function hashString(s: string, skip = -1): number {
  let h = FNV_SEED;
  for (let i = 0; i < s.length; i++) if (i !== skip) h = fnvStep(h, s.charCodeAt(i));
  return h >>> 0;
}

/** Token lengths that get typo keys: shorter ones match too much with one letter changed. */
export const MIN_TYPO_LENGTH = 4;

export function rarityWeight(df: number, nameCount: number): number {
  return Math.log(1 + nameCount / df);
}

export function buildNameIndex(entities: Entity[]): NameIndex {
  return runSteps(nameIndexSteps(entities));
}

/** `buildNameIndex` in steps, for a caller that serves the event loop between them (steps.ts). */
export function* nameIndexSteps(entities: Entity[]): Steps<NameIndex> {
  const vocab = new Map<string, number>();
  const tokenText: string[] = [];
  const nameEntityList: number[] = [];
  const nameRankList: number[] = [];
  const nameText: string[] = [];
  const nameStartList: number[] = [0];
  const nameTokenList: number[] = [];
  const surnameList: number[] = [];
  const df: number[] = [];

  const addName = (entity: number, text: string, rank: number) => {
    const seen = new Set<number>();
    // Lists write people as `SURNAME, Given Names`: the surname identifies, a given name alone does not.
    const comma = entities[entity]!.type === 'person' ? text.indexOf(',') : -1;
    const surnameTokens = comma > 0 ? tokenize(text.slice(0, comma)).length : 0;
    for (const [position, tok] of tokenize(text).entries()) {
      surnameList.push(position < surnameTokens ? 1 : 0);
      let id = vocab.get(tok.text);
      if (id === undefined) {
        id = tokenText.length;
        vocab.set(tok.text, id);
        tokenText.push(tok.text);
        df.push(0);
      }
      nameTokenList.push(id);
      if (!seen.has(id)) {
        seen.add(id);
        df[id]!++;
      }
    }
    if (nameTokenList.length === nameStartList[nameStartList.length - 1]) return;
    nameEntityList.push(entity);
    nameRankList.push(rank);
    nameText.push(text);
    nameStartList.push(nameTokenList.length);
  };

  for (let i = 0; i < entities.length; i++) {
    const entity = entities[i]!;
    addName(i, entity.name, 0);
    const seen = new Set([entity.name.toLowerCase()]);
    for (const alias of entity.aliases) {
      const key = alias.name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      addName(i, alias.name, alias.strength === 'weak' ? 2 : 1);
    }
    if (pause(i)) yield;
  }

  const nameCount = nameEntityList.length;
  const nameStart = Int32Array.from(nameStartList);
  const nameTokens = Int32Array.from(nameTokenList);
  const tokenCount = tokenText.length;

  const postingStart = new Int32Array(tokenCount + 1);
  for (let t = 0; t < tokenCount; t++) postingStart[t + 1] = postingStart[t]! + df[t]!;
  const postings = new Int32Array(postingStart[tokenCount]!);
  const fill = postingStart.slice(0, tokenCount);
  for (let n = 0; n < nameCount; n++) {
    for (let i = nameStart[n]!; i < nameStart[n + 1]!; i++) {
      const t = nameTokens[i]!;
      // A token repeated within one name is posted once.
      if (fill[t]! > postingStart[t]! && postings[fill[t]! - 1] === n) continue;
      postings[fill[t]!++] = n;
    }
    if (pause(n)) yield;
  }

  const tokenWeight = new Float32Array(tokenCount);
  const tokenKey: string[] = new Array(tokenCount);
  const keyTokens = new Map<string, number[]>();
  const skeletonTokens = new Map<string, number[]>();
  const post = (map: Map<string, number[]>, key: string, t: number) => {
    const bucket = map.get(key);
    if (bucket) bucket.push(t);
    else map.set(key, [t]);
  };
  for (let t = 0; t < tokenCount; t++) {
    const text = tokenText[t]!;
    tokenWeight[t] = rarityWeight(df[t]!, nameCount) * ROLE_WEIGHT[wordRole(text)];
    const key = phoneticKey(text);
    tokenKey[t] = key;
    if (key.length >= 2) post(keyTokens, key, t);
    const skeleton = abjadSkeleton(text);
    if (skeleton.length >= 2) post(skeletonTokens, skeleton, t);
    if (pause(t)) yield;
  }

  const deletions = yield* buildDeletions(tokenText);
  return {
    entities,
    nameEntity: Int32Array.from(nameEntityList),
    nameRank: Uint8Array.from(nameRankList),
    nameText,
    nameStart,
    nameTokens,
    nameSurname: Uint8Array.from(surnameList),
    vocab,
    tokenText,
    tokenKey,
    tokenWeight,
    postingStart,
    postings,
    keyTokens,
    skeletonTokens,
    ...deletions,
    unknownWeight: rarityWeight(1, Math.max(nameCount, 1)) * 0.8,
    scratch: new Float32Array(nameCount),
  };
}

function* buildDeletions(tokenText: string[]): Steps<Pick<NameIndex, 'deletionStart' | 'deletionHash' | 'deletionToken'>> {
  const buckets = 1 << DELETION_BUCKET_BITS;
  const shift = 32 - DELETION_BUCKET_BITS;
  const deletionStart = new Int32Array(buckets + 1);
  let total = 0;
  for (const text of tokenText) if (text.length >= MIN_TYPO_LENGTH) total += text.length;
  const hashes = new Uint32Array(total);
  const owners = new Int32Array(total);
  let k = 0;
  for (let t = 0; t < tokenText.length; t++) {
    const text = tokenText[t]!;
    for (let i = 0; text.length >= MIN_TYPO_LENGTH && i < text.length; i++) {
      const h = hashString(text, i);
      hashes[k] = h;
      owners[k++] = t;
      deletionStart[(h >>> shift) + 1]!++;
    }
    if (pause(t)) yield;
  }
  for (let b = 0; b < buckets; b++) deletionStart[b + 1]! += deletionStart[b]!;
  const deletionHash = new Uint32Array(total);
  const deletionToken = new Int32Array(total);
  const fill = deletionStart.slice(0, buckets);
  for (let i = 0; i < total; i++) {
    const b = hashes[i]! >>> shift;
    const at = fill[b]!++;
    deletionHash[at] = hashes[i]!;
    deletionToken[at] = owners[i]!;
  }
  return { deletionStart, deletionHash, deletionToken };
}

/** Tokens having a one-letter deletion whose hash is `hash`. */
export function tokensByDeletion(index: NameIndex, hash: number, out: Set<number>): void {
  const b = hash >>> (32 - DELETION_BUCKET_BITS);
  for (let i = index.deletionStart[b]!; i < index.deletionStart[b + 1]!; i++) {
    if (index.deletionHash[i] === hash) out.add(index.deletionToken[i]!);
  }
}

/**
 * A person's name as the press shortens it: the positions (into `nameTokens`) of the first word of the surname and
 * the first given name of listed name `n` (`SURNAME, Given` form), which it keeps; the other surname words (a mother's
 * surname, `DE ORTEGA`), given names and patronymic it may drop (Delcy Rodríguez for RODRIGUEZ GOMEZ, Delcy Eloina).
 * Null for a name that does not say which word is the surname.
 */
export function shortenedNameCore(index: NameIndex, n: number): [surname: number, given: number] | null {
  let surname = -1;
  let given = -1;
  for (let k = index.nameStart[n]!; k < index.nameStart[n + 1]!; k++) {
    const role = wordRole(index.tokenText[index.nameTokens[k]!]!);
    if (role !== 'name') continue;
    if (index.nameSurname[k] === 1) {
      if (surname < 0) surname = k;
    } else if (given < 0) given = k;
  }
  return surname >= 0 && given >= 0 ? [surname, given] : null;
}

/** Whether the press may leave out word `k` (a position into `nameTokens`) of person's name `n` (see `shortenedNameCore`). */
export function droppedByPress(index: NameIndex, n: number, k: number): boolean {
  const core = shortenedNameCore(index, n);
  return core !== null && k !== core[0] && k !== core[1];
}
