// Answers that depend on a run of words alone, kept between articles by the run's token ids: news writes the same names day after day.
//
// Keyed by a hash of the ids, each entry keeping its ids to tell two runs of one hash apart. Token ids above the
// lexicon's fixed ones are reused once it trims (`trimLexicon`), which empties these caches then.
import { FNV_SEED, fnvStep } from '../designations/name-index.ts';

export interface RunCache<T> {
  entries: Map<number, { ids: Int32Array; value: T }[]>;
  size: number;
}

/** Runs kept; past this the cache starts over. */
const MAX_RUNS = 50_000;

export const newRunCache = <T>(): RunCache<T> => ({ entries: new Map(), size: 0 });

export function clearRunCache<T>(cache: RunCache<T>): void {
  cache.entries.clear();
  cache.size = 0;
}

/** The answer for ids[from, to), computed by `compute` the first time. */
export function cachedRun<T>(cache: RunCache<T>, ids: Int32Array, from: number, to: number, compute: () => T): T {
  let hash = FNV_SEED;
  for (let t = from; t < to; t++) hash = fnvStep(hash, ids[t]!);
  const bucket = cache.entries.get(hash);
  if (bucket) {
    for (const entry of bucket) if (sameIds(entry.ids, ids, from, to)) return entry.value;
  }
  const value = compute();
  if (cache.size >= MAX_RUNS) clearRunCache(cache);
  const entry = { ids: ids.slice(from, to), value };
  const into = cache.entries.get(hash);
  if (into) into.push(entry);
  else cache.entries.set(hash, [entry]);
  cache.size++;
  return value;
}

function sameIds(kept: Int32Array, ids: Int32Array, from: number, to: number): boolean {
  if (kept.length !== to - from) return false;
  for (let k = 0; k < kept.length; k++) if (kept[k] !== ids[from + k]) return false;
  return true;
}
