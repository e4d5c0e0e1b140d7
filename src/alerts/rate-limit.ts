// When the next message may go: a sliding window of sends per key (a channel, a platform), and Retry-After blocks.

/** At most `max` messages in any `perMs` milliseconds. */
export interface Window {
  max: number;
  perMs: number;
}

/** A key and its window; a key without one is only ever blocked by a Retry-After. */
export type LimitKey = readonly [key: string, window: Window | undefined];

export interface Limiter {
  /** The earliest time at or after `now` that every key allows a message (reserves nothing). */
  nextSlot(keys: readonly LimitKey[], now: number): number;
  /** Records a message going at `at` (from nextSlot) under every key. */
  take(keys: readonly LimitKey[], at: number): void;
  /**
   * The message taken at `at` was answered at `answeredAt`: it counts from then on, since it may have reached the
   * platform as late as that (a busy process sends late). So two messages in a row always arrive a window apart.
   */
  answered(keys: readonly LimitKey[], at: number, answeredAt: number): void;
  /** Nothing goes under `key` before `until`. */
  block(key: string, until: number): void;
}

export function createLimiter(): Limiter {
  /** Per key, the times of its last `max` messages, ascending (some may lie ahead: reserved, waiting). */
  const recent = new Map<string, { window: Window; times: number[] }>();
  const blocked = new Map<string, number>();

  return {
    nextSlot(keys, now) {
      // A key idle for a whole window limits nothing: forgotten, so memory follows the channels in use.
      for (const [key, { window, times }] of recent) if (times.at(-1)! + window.perMs <= now) recent.delete(key);
      for (const [key, until] of blocked) if (until <= now) blocked.delete(key);
      let at = now;
      for (const [key, window] of keys) {
        at = Math.max(at, blocked.get(key) ?? 0);
        const times = recent.get(key)?.times;
        if (!window || !times?.length) continue;
        // First come, first served: never ahead of a message already waiting, which keeps each list ascending.
        at = Math.max(at, times.at(-1)!);
        if (times.length >= window.max) at = Math.max(at, times[times.length - window.max]! + window.perMs);
      }
      return at;
    },

    take(keys, at) {
      for (const [key, window] of keys) {
        if (!window) continue;
        const entry = recent.get(key) ?? { window, times: [] };
        entry.times.push(at);
        if (entry.times.length > window.max) entry.times.shift();
        recent.set(key, entry);
      }
    },

    answered(keys, at, answeredAt) {
      for (const [key] of keys) {
        const times = recent.get(key)?.times;
        const i = times?.lastIndexOf(at) ?? -1;
        if (i < 0) continue;
        times![i] = Math.max(at, answeredAt);
        times!.sort((a, b) => a - b);
      }
    },

    block(key, until) {
      blocked.set(key, Math.max(blocked.get(key) ?? 0, until));
    },
  };
}
