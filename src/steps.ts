// Long synchronous work cut in steps: a generator yields between bounded pieces of it, and is run at once or with the event loop served between them.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Work that yields after each piece; its return value is the result. */
export type Steps<T> = Generator<void, T, void>;

/** Items of a loop done between two yields: each loop that may run long yields after this many (see `pause`). */
export const STEP_ITEMS = 256;

/** True after every `every`-th item `i` of a loop (a power of two; more for a loop doing little per item): `if (pause(i)) yield;`. */
export const pause = (i: number, every = STEP_ITEMS) => (i & (every - 1)) === every - 1;

/** Runs the steps back to back. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs the steps, giving the event loop a turn after each: timers, I/O and other callbacks run between them. */
export async function runStepsAsync<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await nextTurn();
  }
}
