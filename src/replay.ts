// Replays refused: a signed request or interaction that changes something runs once, whichever process receives it again.
import type { Store } from './store/store.ts';

/** Past the 5 minutes within which Slack and Discord accept a signature, with room for clocks set apart. */
export const REPLAY_KEEP_MS = 10 * 60_000;

export const REPLAYED = 'That request was received before and has been handled already: it is not run twice.';

/** True the first time `key` (a platform-prefixed request or interaction id) is seen; false for a replay. */
export function firstTime(store: Pick<Store, 'firstRequest'>, key: string, now = new Date()): Promise<boolean> {
  return store.firstRequest(key, now.toISOString(), REPLAY_KEEP_MS);
}
