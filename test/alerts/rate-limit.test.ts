// The sliding-window limiter and the retry schedule, on their own: slots, blocks, backoff.
import { describe, expect, it } from 'vitest';
import { type LimitKey, createLimiter } from '../../src/alerts/rate-limit.ts';
import { RETRY, retryDelay } from '../../src/alerts/sender.ts';

/** Takes the next slot under `keys` at `now`, as the sender does. */
function send(limiter: ReturnType<typeof createLimiter>, keys: LimitKey[], now: number): number {
  const at = limiter.nextSlot(keys, now);
  limiter.take(keys, at);
  return at;
}

describe('the limiter', () => {
  it('lets `max` messages go at once, then one as each leaves the window', () => {
    const limiter = createLimiter();
    const channel: LimitKey[] = [['discord:1', { max: 5, perMs: 5000 }]];
    expect(Array.from({ length: 7 }, () => send(limiter, channel, 0))).toEqual([0, 0, 0, 0, 0, 5000, 5000]);
    // At 6 s only the two sent at 5 s are in the window: three more may go, the next when those leave it.
    expect(Array.from({ length: 4 }, () => send(limiter, channel, 6000))).toEqual([6000, 6000, 6000, 10_000]);
  });

  it('keeps channels apart, and holds every channel to the platform-wide window', () => {
    const limiter = createLimiter();
    const platform = { max: 2, perMs: 1000 };
    const to = (channel: string): LimitKey[] => [[`slack:${channel}`, { max: 1, perMs: 1000 }], ['slack', platform]];
    expect([send(limiter, to('A'), 0), send(limiter, to('B'), 0), send(limiter, to('C'), 0)]).toEqual([0, 0, 1000]);
    expect(send(limiter, to('A'), 100)).toBe(1000);
  });

  it('counts a message from its answer, when that came later than its slot', () => {
    const limiter = createLimiter();
    const key: LimitKey[] = [['slack:A', { max: 1, perMs: 1000 }]];
    const at = send(limiter, key, 0);
    limiter.answered(key, at, 300);
    expect(limiter.nextSlot(key, 300)).toBe(1300);
  });

  it('holds a blocked key until the block ends, and only that key', () => {
    const limiter = createLimiter();
    limiter.block('discord:1', 3000);
    expect(limiter.nextSlot([['discord:1', undefined], ['discord', undefined]], 0)).toBe(3000);
    expect(limiter.nextSlot([['discord:2', undefined], ['discord', undefined]], 0)).toBe(0);
    limiter.block('discord', 4000);
    expect(limiter.nextSlot([['discord:2', undefined], ['discord', undefined]], 0)).toBe(4000);
    expect(limiter.nextSlot([['discord:2', undefined], ['discord', undefined]], 5000)).toBe(5000);
  });

  it('forgets a key once its window has passed', () => {
    const limiter = createLimiter();
    const key: LimitKey[] = [['slack:A', { max: 1, perMs: 1000 }]];
    send(limiter, key, 0);
    expect(limiter.nextSlot(key, 999)).toBe(1000);
    expect(limiter.nextSlot(key, 1000)).toBe(1000);
    expect(send(limiter, key, 1500)).toBe(1500);
  });
});

describe('retryDelay', () => {
  it('doubles from 5 s up to an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n))).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(retryDelay(11)).toBe(3_600_000);
    expect(retryDelay(RETRY.maxAttempts)).toBe(3_600_000);
  });
});
