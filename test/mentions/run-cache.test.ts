// The run cache answers a run of token ids as it was first answered, and tells apart runs whose hashes collide.
import { describe, expect, it } from 'vitest';
import { FNV_SEED, fnvStep } from '../../src/designations/name-index.ts';
import { cachedRun, clearRunCache, newRunCache } from '../../src/mentions/run-cache.ts';

/**
 * Two different runs of two ids with one hash, made so: the cache hashes with FNV-1a over the ids, whose second step
 * xors the second id into the first step's product, so a second id can make up for a different first.
 */
function collidingRuns(): [number[], number[]] {
  const [step, seed] = [fnvStep, FNV_SEED];
  const [a, b, c] = [11, 22, 33];
  const d = step(seed, a) ^ b ^ step(seed, c);
  expect(step(step(seed, a), b)).toBe(step(step(seed, c), d));
  return [
    [a, b],
    [c, d],
  ];
}

describe('the run cache', () => {
  it('computes a run once, and answers it again from the cache wherever it sits among the ids', () => {
    const cache = newRunCache<string>();
    let computed = 0;
    const answer = (ids: number[], from: number, to: number) => cachedRun(cache, Int32Array.from(ids), from, to, () => `${++computed}:${ids.slice(from, to).join()}`);
    expect(answer([7, 8, 9], 0, 2)).toBe('1:7,8');
    expect(answer([1, 7, 8], 1, 3)).toBe('1:7,8');
    expect(answer([7, 8, 9], 0, 3)).toBe('2:7,8,9');
    expect(computed).toBe(2);
  });

  it('tells apart two runs whose hashes collide', () => {
    const [first, second] = collidingRuns();
    expect(first).not.toEqual(second);
    const cache = newRunCache<string>();
    const answer = (ids: number[]) => cachedRun(cache, Int32Array.from(ids), 0, ids.length, () => ids.join());
    expect(answer(first)).toBe(first.join());
    expect(answer(second)).toBe(second.join());
    expect(answer(first)).toBe(first.join());
  });

  it('starts over when cleared', () => {
    const cache = newRunCache<number>();
    cachedRun(cache, Int32Array.of(1, 2), 0, 2, () => 1);
    clearRunCache(cache);
    expect(cachedRun(cache, Int32Array.of(1, 2), 0, 2, () => 2)).toBe(2);
  });
});
