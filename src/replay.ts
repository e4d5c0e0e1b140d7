// Replays refused: a signed request or interaction that changes something runs once, whichever process receives it again.
import { log } from './log.ts';
import type { Store } from './store/store.ts';

/** Past the 5 minutes within which Slack and Discord accept a signature, with room for clocks set apart. */
export const REPLAY_KEEP_MS = 10 * 60_000;

export const REPLAYED = 'That request was received before and has been handled already: it is not run twice.';

/** True the first time `key` (a platform-prefixed request or interaction id) is seen; false for a replay. */
export function firstTime(store: Pick<Store, 'firstRequest'>, key: string, now = new Date()): Promise<boolean> {
  return store.firstRequest(key, now.toISOString(), REPLAY_KEEP_MS);
}

/**
 * firstTime for work that needs no database otherwise (a screening): while the store cannot answer, the request is
 * taken as new (logged) rather than refused, and the screenings' line still bounds what a replay could cost.
 */
export async function firstTimeIfKnown(store: Pick<Store, 'firstRequest'>, key: string): Promise<boolean> {
  try {
    return await firstTime(store, key);
  } catch (err) {
    log.warn({ err, key }, 'the replay record could not be read: the request is taken as new');
    return true;
  }
}
